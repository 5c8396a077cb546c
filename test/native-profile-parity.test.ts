/**
 * End to end on the shipped default profile pinned to Kubernetes 1.32: for workloads in every
 * declared namespace (compliant, running as root, the excepted billing-engine and its Pod, and
 * others breaking baseline and hardline rules), the rules the native policy set denies equal the
 * rules the profile's Kyverno set denies (after its PolicyExceptions) and the rules the build-time
 * check (`checkWorkloads`, src/check) reports.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { rulesAt } from '../src/admission';
import { checkWorkloads } from '../src/check/check-workloads';
import { parseProfile } from '../src/profile/load-profile';
import { renderProfile } from '../src/synth/synthesize-profile';
import { NativeAdmissionPolicySet } from '../constructs/native-admission-policy-set';
import { Tier } from '../constructs/hardened-namespace';
import { KyvernoEnforcement } from '../constructs/kyverno-validating-policy';
import { AdmissionRequest, byRule, kyvernoResults, nativeResults } from './helpers/admission-eval';
import { complianceChart } from './helpers/chart';
import { ruleOfPolicy } from './helpers/native-verdicts';
import { ROOT, TODAY } from './helpers/synth';
import { compliantDeployment, rootDeployment } from './helpers/workloads';

const file = path.join(ROOT, 'profiles', 'default.yaml');
const text = fs.readFileSync(file, 'utf8').replace(/kubernetesVersion: "1\.28"/, 'kubernetesVersion: "1.32"');
const profile = parseProfile(text, file, { today: TODAY, baseDir: ROOT });
const minor = 32;
const admission = profile.admission!;
const ruleIds = new Set(rulesAt(minor, { allowedRegistries: admission.allowedRegistries, requiredLabels: admission.requiredLabels }).map((r) => r.id));

const rendered = renderProfile(profile).objects.map((o) => o.manifest as any);
const kyverno = rendered.filter((m) => m.kind === 'PolicyException' || (m.kind === 'ValidatingPolicy' && ruleIds.has(ruleOfPolicy(m.metadata.name))));
const namespaces = rendered.filter((m) => m.kind === 'Namespace').map((n) => ({ name: n.metadata.name as string, labels: { ...n.metadata.labels, 'kubernetes.io/metadata.name': n.metadata.name } }));

const chart = complianceChart({ profile: profile.name, kubernetesVersion: '1.32' });
const declared = profile.namespaces.map((n) => n.name);
new NativeAdmissionPolicySet(chart, 'native', {
  allowedRegistries: admission.allowedRegistries,
  requiredLabels: admission.requiredLabels,
  digestTiers: admission.digestTiers as Tier[],
  enforcement: admission.enforcement as { [T in Tier]: KyvernoEnforcement },
  exceptions: profile.exceptions.map((e) => ({ ...e, namespaces: e.namespaces ?? declared })),
});
const native = Testing.synth(chart);

/** Workloads in a namespace: compliant, breaking restricted, the excepted billing-engine, and breaking baseline and hardline rules. */
function workloads(ns: string): { id: string; object: any }[] {
  const engine = rootDeployment(ns, 'billing-engine');
  engine.metadata.labels = { app: 'billing-engine' };
  const enginePod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'billing-engine-7d9f5c6b8-x2x4q', namespace: ns, labels: { ...engine.spec.template.metadata.labels, 'pod-template-hash': '7d9f5c6b8' } }, spec: engine.spec.template.spec };
  const loose = compliantDeployment(ns, 'loose');
  const c = loose.spec.template.spec.containers[0];
  c.image = 'docker.io/library/nginx:latest';
  c.securityContext = { privileged: true };
  delete c.resources;
  loose.spec.template.spec.volumes = [{ name: 'h', hostPath: { path: '/var/run' } }];
  loose.spec.template.spec.serviceAccountName = 'default';
  return [
    { id: 'compliant Deployment', object: compliantDeployment(ns) },
    { id: 'root Deployment', object: rootDeployment(ns, 'billing-reports') },
    { id: 'billing-engine Deployment', object: engine },
    { id: 'billing-engine Pod', object: enginePod },
    { id: 'loose Deployment', object: loose },
  ];
}

describe('default profile at 1.32: native denials = Kyverno denials = build-time check', () => {
  test('the profile declares namespaces with Pod Security labels', () => {
    expect(namespaces.length).toBeGreaterThan(3);
    expect(native.filter((m: any) => m.kind === 'ValidatingAdmissionPolicy').length).toBe(ruleIds.size);
  });

  test.each(namespaces.map((n) => [n.name, n] as const))('namespace %s', (_name, n) => {
    let denials = 0;
    for (const { id, object } of workloads(n.name)) {
      const req: AdmissionRequest = { object, namespace: n.name, namespaceLabels: n.labels, now: `${TODAY}T12:00:00Z` };
      const denied = (results: ReturnType<typeof nativeResults>) => [...byRule(results, ruleOfPolicy)].filter(([, v]) => v === 'deny').map(([r]) => r).sort();
      const check = [...new Set(checkWorkloads([object], profile).filter((v) => v.admissionRule && ruleIds.has(v.admissionRule.id)).map((v) => v.admissionRule!.id))].sort();
      const nativeDenied = denied(nativeResults(native, req));
      denials += nativeDenied.length;
      expect({ id, native: nativeDenied, kyverno: denied(kyvernoResults(kyverno, req)) }).toEqual({ id, native: check, kyverno: check });
    }
    expect(denials).toBeGreaterThan(0);
  });
});
