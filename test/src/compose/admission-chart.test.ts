import * as path from 'path';
import * as yaml from 'js-yaml';
import { parseProfile } from '../../../src/profile/load-profile';
import { renderProfile } from '../../../src/synth/synthesize-profile';
import { KyvernoSchemas } from '../../helpers/kyverno-schema';
import { describeWithShared } from '../../helpers/shared';
import { defaultProfileTextFor, ROOT, TODAY, profileYaml, renderYaml } from '../../helpers/synth';

const DEFAULT_PROFILE = path.join(ROOT, 'profiles', 'default.yaml');

/** The default profile, rendered for another Kyverno version. */
function renderDefault(kyvernoVersion: string) {
  const text = defaultProfileTextFor(kyvernoVersion);
  return renderProfile(parseProfile(text, DEFAULT_PROFILE, { today: TODAY, baseDir: path.dirname(DEFAULT_PROFILE) }));
}

describe('admission composition', () => {
  test('policies go to cluster/kyverno/ and are listed in kustomization.yaml; the CLI test is written but not listed', () => {
    const { objects, files } = renderDefault('1.17');
    const kyverno = objects.filter((o) => o.file.startsWith('cluster/kyverno/'));
    expect(kyverno.length).toBeGreaterThan(40);
    expect(kyverno.every((o) => o.kustomize)).toBe(true);
    const k = yaml.load(files.get('kustomization.yaml')!) as { resources: string[] };
    expect(k.resources).toEqual(expect.arrayContaining(kyverno.map((o) => o.file)));
    expect(k.resources.some((r) => r.includes('/tests/'))).toBe(false);
    for (const f of ['kyverno-test.yaml', 'resources.yaml', 'values.yaml']) expect(files.has(`cluster/kyverno/tests/${f}`)).toBe(true);
  });

  test('Kyverno 1.15 renders ClusterPolicies and, for the workload-scoped legacy-billing exception, a kyverno.io/v2 PolicyException; the CLI test names rules', () => {
    const { objects, files } = renderDefault('1.15');
    const kinds = new Set(objects.filter((o) => o.file.startsWith('cluster/kyverno/')).map((o) => `${o.manifest.apiVersion}/${o.manifest.kind}`));
    expect(kinds).toEqual(new Set(['kyverno.io/v1/ClusterPolicy', 'kyverno.io/v2/PolicyException']));
    const cliTest = yaml.load(files.get('cluster/kyverno/tests/kyverno-test.yaml')!) as any;
    expect(cliTest.results[0].rule).toEqual(expect.any(String));
    expect(cliTest.results[0].isValidatingPolicy).toBeUndefined();
  });

  test('an exception without namespaces becomes a PolicyException in every declared namespace', () => {
    const objs = renderYaml(
      profileYaml({
        namespaces: '    - { name: a }\n    - { name: b, tier: development }',
        extra: '  admission: { allowedRegistries: [ghcr.io/acme] }',
        exceptions: '    - { control: HL-ADM-003, reason: "mirror not ready yet (SEC-5)", owner: a@b.c, approvedBy: ciso@b.c, ticket: SEC-5, expires: 2027-06-30 }',
      }),
    );
    const ex = objs.filter((o) => o.manifest.kind === 'PolicyException').map((o) => o.manifest.metadata.namespace);
    expect(ex).toEqual(['a', 'b']);
  });

  test('a profile without spec.admission emits no Kyverno object and no CLI test', () => {
    const { files } = renderProfile(parseProfile(profileYaml({ namespaces: '    - { name: a }' }), 'inline.yaml', { today: TODAY, baseDir: ROOT }));
    expect([...files.keys()].some((f) => f.startsWith('cluster/kyverno'))).toBe(false);
  });
});

describeWithShared('admission composition against the Kyverno CRDs', (shared) => {
  test('the default profile rendered for Kyverno 1.15 validates against the v1.15.3 CRDs', () => {
    const crds = new KyvernoSchemas(shared, 'v1.15.3');
    const kyverno = renderDefault('1.15').objects.filter((o) => o.file.startsWith('cluster/kyverno/'));
    for (const { file, manifest } of kyverno) {
      expect({ file, errors: crds.errors(manifest), deprecated: crds.deprecated(manifest), old: crds.deprecatedFields(manifest) }).toEqual({
        file,
        errors: [],
        deprecated: false,
        old: [],
      });
    }
  });
});
