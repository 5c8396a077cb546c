import { Environment } from '@marcbachmann/cel-js';
import { Testing } from 'cdk8s';
import { HARDLINE_KINDS, KyvernoTamperProtectionPolicy, NAMESPACE_CLEANUP_IDENTITIES } from '../../constructs/kyverno-tamper-protection-policy';
import { complianceChart } from '../helpers/chart';
import { KyvernoSchemas } from '../helpers/kyverno-schema';
import { describeWithShared } from '../helpers/shared';
import * as path from 'path';
import { loadProfile } from '../../src/profile/load-profile';
import { renderProfile } from '../../src/synth/synthesize-profile';
import { renderYaml, ROOT, TODAY } from '../helpers/synth';

const ARGO = 'system:serviceaccount:argocd:argocd-application-controller';
const env = new Environment({ enableOptionalTypes: true, unlistedVariablesAreDyn: true, homogeneousAggregateLiterals: false });

/** Runs an admission request through the policy's match condition and validation, as Kyverno does. */
function verdict(p: KyvernoTamperProtectionPolicy, username: string, oldObject: unknown): 'skipped' | 'allowed' | 'violation' {
  const context = { request: { userInfo: { username } }, oldObject, object: null };
  if (env.evaluate(p.condition, context) !== true) return 'skipped';
  return env.evaluate(p.expression, context) === true ? 'allowed' : 'violation';
}

const managed = { metadata: { name: 'default-deny', annotations: { 'compliance.hardline.dev/controls': 'HL-NET-001' } } };
const foreign = { metadata: { name: 'team-policy', annotations: { note: 'not ours' } } };
const bare = { metadata: { name: 'no-annotations' } };

describe('KyvernoTamperProtectionPolicy', () => {
  describe('HL-ADM-010: objects hardline manages change only through the named GitOps identities', () => {
    test('compliant: with a manager it denies UPDATE and DELETE of annotated objects, background off', () => {
      const chart = complianceChart();
      new KyvernoTamperProtectionPolicy(chart, 'tp', { managers: [ARGO] });
      const [p] = Testing.synth(chart);
      expect(p.kind).toBe('ValidatingPolicy');
      expect(p.metadata.name).toBe('hl-tamper-protection');
      expect(p.spec.validationActions).toEqual(['Deny']);
      expect(p.spec.evaluation).toEqual({ background: { enabled: false } });
      for (const rule of p.spec.matchConstraints.resourceRules) expect(rule.operations).toEqual(['DELETE', 'UPDATE']);
      const resources = p.spec.matchConstraints.resourceRules.flatMap((r: { resources: string[] }) => r.resources);
      expect(resources).toEqual(expect.arrayContaining(['networkpolicies', 'resourcequotas', 'limitranges', 'namespaces', 'roles', 'rolebindings']));
      expect(resources.some((r: string) => r.includes('/'))).toBe(false);
      expect(p.metadata.annotations['compliance.hardline.dev/controls']).toBe('HL-ADM-010');
      expect(p.metadata.annotations['compliance.hardline.dev/soc2']).toBe('CC6.1,CC8.1');
    });

    test('non-compliant when no GitOps identity is named: it audits and warns instead of denying', () => {
      const chart = complianceChart();
      const tp = new KyvernoTamperProtectionPolicy(chart, 'tp');
      const [p] = Testing.synth(chart);
      expect(tp.enforcement).toBe('Audit');
      expect(p.spec.validationActions).toEqual(['Audit', 'Warn']);
      expect(p.spec.validations[0].message).toMatch(/spec\.admission\.managers/);
    });

    test.each([
      ['a tenant deleting the default-deny policy', 'violation', 'oidc:alice', managed],
      ['cluster-admin patching a namespace label', 'violation', 'kubernetes-admin', managed],
      ['the GitOps controller', 'allowed', ARGO, managed],
      ['the namespace controller cleaning up a deleted namespace', 'allowed', 'system:serviceaccount:kube-system:namespace-controller', managed],
      ['anyone changing an object hardline does not manage', 'skipped', 'oidc:alice', foreign],
      ['anyone changing an object without annotations', 'skipped', 'oidc:alice', bare],
      ['a create (no old object)', 'skipped', 'oidc:alice', null],
    ])('CEL: %s is %s', (_what, expected, user, oldObject) => {
      const tp = new KyvernoTamperProtectionPolicy(complianceChart(), 'tp', { managers: [ARGO] });
      expect(verdict(tp, user, oldObject)).toBe(expected);
    });

    test('Kyverno 1.13–1.16 get a ClusterPolicy with the same condition and expression, audit without managers', () => {
      const chart = complianceChart();
      const tp = new KyvernoTamperProtectionPolicy(chart, 'tp', { kyvernoVersion: '1.15' });
      const [p] = Testing.synth(chart);
      expect(p.kind).toBe('ClusterPolicy');
      expect(p.spec.background).toBe(false);
      const [rule] = p.spec.rules;
      expect(rule.match.any[0].resources.operations).toEqual(['DELETE', 'UPDATE']);
      expect(rule.match.any[0].resources.kinds).toEqual(expect.arrayContaining(['Namespace', 'networking.k8s.io/v1/NetworkPolicy']));
      expect(rule.celPreconditions).toEqual([{ name: 'managed-by-hardline', expression: tp.condition }]);
      expect(rule.validate).toMatchObject({ failureAction: 'Audit', cel: { expressions: [{ expression: tp.expression }] } });
    });

    test('namespace cleanup controllers are always allowed; bad manager names and versions are refused', () => {
      const tp = new KyvernoTamperProtectionPolicy(complianceChart(), 'tp', { managers: [ARGO] });
      expect(tp.allowed).toEqual([...NAMESPACE_CLEANUP_IDENTITIES, ARGO].sort());
      expect(() => new KyvernoTamperProtectionPolicy(complianceChart(), 'a', { managers: ["x' || true || '"] })).toThrow(/not a user name/);
      expect(() => new KyvernoTamperProtectionPolicy(complianceChart(), 'b', { managers: ['system:serviceaccount:argocd'] })).toThrow(/system:serviceaccount:<namespace>:<name>/);
      expect(() => new KyvernoTamperProtectionPolicy(complianceChart(), 'c', { kyvernoVersion: '1.12' })).toThrow(/not supported/);
      expect(() => new KyvernoTamperProtectionPolicy(complianceChart(), 'd', { kinds: [] })).toThrow(/guards no kind/);
    });

    test('it guards every kind the shipped profiles apply (admission never runs on ValidatingAdmissionPolicies and their bindings, so RBAC guards those)', () => {
      const guarded = new Set(HARDLINE_KINDS.map((k) => `${k.group ? `${k.group}/` : ''}${k.version}/${k.kind}`));
      const unguardable = new Set(['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding']);
      for (const file of ['default.yaml', 'native-example.yaml', 'eks-example.yaml']) {
        const profile = loadProfile(path.join(ROOT, 'profiles', file), { today: TODAY });
        const applied = renderProfile(profile).objects.filter((o) => o.kustomize && !unguardable.has(o.manifest.kind));
        expect(applied.length).toBeGreaterThan(0);
        const missing = [...new Set(applied.map((o) => `${o.manifest.apiVersion}/${o.manifest.kind}`))].filter((k) => !guarded.has(k));
        expect({ file, missing }).toEqual({ file, missing: [] });
      }
    });

    test('the profile composes it next to the admission policies, denying when spec.admission.managers names an identity', () => {
      const yaml = (extra: string) =>
        [
          'apiVersion: hardline.dev/v1alpha1',
          'kind: Profile',
          'metadata: { name: t }',
          'spec:',
          '  cluster: { name: test, kubernetesVersion: "1.28" }',
          '  namespaces: [{ name: payments }]',
          `  admission: { ${extra} }`,
          '',
        ].join('\n');
      const find = (objects: ReturnType<typeof renderYaml>) => objects.find((o) => o.manifest.metadata.name === 'hl-tamper-protection')!.manifest as unknown as { spec: { validationActions: string[] } };
      expect(find(renderYaml(yaml('kyvernoVersion: "1.17"'))).spec.validationActions).toEqual(['Audit', 'Warn']);
      expect(find(renderYaml(yaml(`managers: ["${ARGO}"]`))).spec.validationActions).toEqual(['Deny']);
    });
  });
});

describeWithShared('KyvernoTamperProtectionPolicy against the Kyverno CRDs', (shared) => {
  test.each([
    ['v1.19.0', '1.17'],
    ['v1.15.3', '1.15'],
  ])('valid against the %s CRDs (kyvernoVersion %s), with and without managers', (crdVersion, kyvernoVersion) => {
    const crds = new KyvernoSchemas(shared, crdVersion);
    for (const managers of [[], [ARGO]]) {
      const chart = complianceChart();
      new KyvernoTamperProtectionPolicy(chart, 'tp', { kyvernoVersion, managers, kinds: HARDLINE_KINDS });
      const [p] = Testing.synth(chart);
      expect(crds.errors(p)).toEqual([]);
      expect(crds.deprecatedFields(p)).toEqual([]);
    }
  });
});
