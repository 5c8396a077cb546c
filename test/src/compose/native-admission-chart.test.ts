import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { loadProfile, parseProfile } from '../../../src/profile/load-profile';
import { renderProfile, synthesizeProfile } from '../../../src/synth/synthesize-profile';
import { CrdSchemas } from '../../helpers/crd-schema';
import { KubernetesSchemas } from '../../helpers/k8s-schema';
import { describeWithShared } from '../../helpers/shared';
import { ROOT, TODAY, profileYaml } from '../../helpers/synth';

const EXAMPLE = path.join(ROOT, 'profiles', 'native-example.yaml');
const ARGO = 'system:serviceaccount:argocd:argocd-application-controller';
const EXCEPTION = 'reason: "vendor image from Docker Hub (SEC-9)", owner: a@b.c, approvedBy: ciso@b.c, ticket: SEC-9, expires: 2027-06-30';

const renderExample = () => renderProfile(loadProfile(EXAMPLE, { today: TODAY }));
const render = (admission: string, exceptions?: string) =>
  renderProfile(
    parseProfile(
      profileYaml({ namespaces: '    - { name: a }\n    - { name: b, tier: development }', kubernetesVersion: '1.31', extra: `  admission: ${admission}`, exceptions }),
      'inline.yaml',
      { today: TODAY, baseDir: ROOT },
    ),
  );

describe('admission composition with engine kubernetes', () => {
  test('native policies and bindings go to cluster/admission/ and are listed in kustomization.yaml; no Kyverno object, no Kyverno CLI test', () => {
    const { objects, files } = renderExample();
    const native = objects.filter((o) => o.file.startsWith('cluster/admission/'));
    expect(new Set(native.map((o) => o.manifest.kind))).toEqual(new Set(['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding']));
    expect(native.every((o) => o.kustomize)).toBe(true);
    expect(objects.some((o) => o.manifest.apiVersion.includes('kyverno'))).toBe(false);
    expect([...files.keys()].some((f) => f.startsWith('cluster/kyverno'))).toBe(false);
    const k = yaml.load(files.get('kustomization.yaml')!) as { resources: string[] };
    expect(k.resources).toEqual(expect.arrayContaining(native.map((o) => o.file)));
    // Built-in kinds: no CRD wait, so no custom-resource sync wave or dry-run skip.
    for (const o of native) expect(Object.keys((o.manifest as any).metadata.annotations ?? {}).filter((a) => a.startsWith('argocd.argoproj.io/'))).toEqual([]);
  });

  test('the same inputs as the Kyverno set: registries, labels, digest tiers and enforcement per tier reach the bindings', () => {
    const { objects } = render('{ engine: kubernetes, allowedRegistries: [ghcr.io/acme], requiredLabels: [app], requireDigest: all }');
    const binding = (name: string) => objects.find((o) => o.manifest.kind === 'ValidatingAdmissionPolicyBinding' && o.manifest.metadata.name === name)?.manifest as any;
    const policy = (name: string) => objects.find((o) => o.manifest.kind === 'ValidatingAdmissionPolicy' && o.manifest.metadata.name === name)?.manifest as any;
    expect(policy('hl-restrict-image-registries').spec.validations[0].expression).toContain('ghcr.io/acme');
    expect(policy('hl-require-labels').spec.validations[0].expression).toContain("'app'");
    expect(binding('hl-require-image-digest-enforce').spec.matchResources.namespaceSelector.matchExpressions[0].values).toEqual(['production', 'staging']);
    expect(binding('hl-require-image-digest-audit').spec.validationActions).toEqual(['Audit', 'Warn']);
    expect(binding('hl-require-image-digest-audit').spec.matchResources.namespaceSelector.matchExpressions[0].values).toEqual(['development']);
  });

  test('an exception without namespaces excludes every declared namespace from the rule bindings and is stamped on them', () => {
    const { objects } = render('{ engine: kubernetes, allowedRegistries: [ghcr.io/acme] }', `    - { control: HL-ADM-003, scope: namespace, ${EXCEPTION} }`);
    const b = objects.find((o) => o.manifest.metadata.name === 'hl-restrict-image-registries-enforce')!.manifest as any;
    expect(b.spec.matchResources.namespaceSelector.matchExpressions).toContainEqual({ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['a', 'b'] });
    expect(b.metadata.annotations['compliance.hardline.dev/exceptions']).toBe('HL-ADM-003');
    expect(objects.some((o) => o.manifest.kind === 'PolicyException')).toBe(false);
  });

  test('tamper protection is native: Deny with managers, [Audit, Warn] without', () => {
    const tp = (admission: string) =>
      render(admission).objects.find((o) => o.manifest.kind === 'ValidatingAdmissionPolicyBinding' && o.manifest.metadata.name === 'hl-tamper-protection')!.manifest as any;
    expect(tp(`{ engine: kubernetes, managers: ["${ARGO}"] }`).spec.validationActions).toEqual(['Deny']);
    expect(tp('{ engine: kubernetes }').spec.validationActions).toEqual(['Audit', 'Warn']);
  });

  test('signed images stay Kyverno ImageValidatingPolicies in cluster/kyverno/ (no native equivalent), with no Kyverno rule policy and no Kyverno CLI test', () => {
    const sig = '[{ name: rel, images: ["ghcr.io/acme/*"], keyless: [{ issuer: "https://token.actions.githubusercontent.com", subject: "https://github.com/acme/x" }] }]';
    const { objects, files } = render(`{ engine: kubernetes, imageSignatures: ${sig} }`);
    const kyverno = objects.filter((o) => o.file.startsWith('cluster/kyverno/'));
    expect(new Set(kyverno.map((o) => o.manifest.kind))).toEqual(new Set(['ImageValidatingPolicy']));
    expect(kyverno.map((o) => o.manifest.metadata.name).sort()).toEqual(['hl-signed-rel-audit', 'hl-signed-rel-enforce']);
    expect([...files.keys()].some((f) => f.startsWith('cluster/kyverno/tests/'))).toBe(false);
    expect([...files.keys()].filter((f) => f.startsWith('cluster/admission/tests/')).sort()).toEqual(
      ['kyverno-test.yaml', 'resources.yaml', 'values.yaml'].map((f) => `cluster/admission/tests/${f}`),
    );
    expect(objects.some((o) => o.manifest.kind === 'ValidatingAdmissionPolicy' && o.manifest.metadata.name === 'hl-restrict-image-registries')).toBe(false);
  });
});

describeWithShared('profiles/native-example.yaml', (shared) => {
  test('synthesizes cleanly; every applied object is valid against Kubernetes v1.36.0 (Velero against its CRD); kubectl kustomize builds it', () => {
    const schemas = new KubernetesSchemas(shared, 'v1.36.0');
    const velero = new CrdSchemas(shared);
    const { objects } = renderExample();
    // Everything kubectl applies: Kubernetes kinds against Kubernetes, the Velero Schedule against its CRD.
    for (const { file, manifest } of objects.filter((o) => o.kustomize)) {
      const errors = manifest.apiVersion === 'velero.io/v1' ? velero.errors(manifest) : schemas.errors(manifest);
      expect({ file, errors }).toEqual({ file, errors: [] });
    }
    expect(objects.filter((o) => o.manifest.apiVersion === 'admissionregistration.k8s.io/v1').length).toBeGreaterThan(40);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hardline-native-'));
    try {
      const out = path.join(work, 'dist');
      synthesizeProfile({ profile: EXAMPLE, out, today: TODAY });
      let built: string;
      try {
        built = execFileSync('kubectl', ['kustomize', out], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
          console.warn('skipping kustomize check: kubectl is not installed');
          return;
        }
        throw e;
      }
      const kinds = (yaml.loadAll(built) as any[]).map((o) => o.kind);
      expect(kinds.filter((k) => k === 'ValidatingAdmissionPolicy').length).toBeGreaterThan(20);
      expect(kinds.length).toBe(objects.filter((o) => o.kustomize).length);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});
