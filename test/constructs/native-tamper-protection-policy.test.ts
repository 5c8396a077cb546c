import { Environment } from '@marcbachmann/cel-js';
import { Testing } from 'cdk8s';
import { HARDLINE_KINDS, KyvernoTamperProtectionPolicy, NAMESPACE_CLEANUP_IDENTITIES } from '../../constructs/kyverno-tamper-protection-policy';
import { NativeTamperProtectionPolicy } from '../../constructs/native-tamper-protection-policy';
import { complianceChart } from '../helpers/chart';
import { KubernetesSchemas } from '../helpers/k8s-schema';
import { describeWithShared } from '../helpers/shared';

const ARGO = 'system:serviceaccount:argocd:argocd-application-controller';
const env = new Environment({ enableOptionalTypes: true, unlistedVariablesAreDyn: true, homogeneousAggregateLiterals: false });

type Labels = Record<string, string>;
interface Obj {
  metadata: { name: string; labels?: Labels; annotations?: Labels };
}
interface Request {
  operation: 'CREATE' | 'UPDATE' | 'DELETE';
  group: string;
  version: string;
  resource: string;
  username: string;
  object: Obj | null;
  oldObject: Obj | null;
}
type Verdict = 'untouched' | 'allowed' | 'denied' | 'audited';

/** The emitted policy and binding, synthesized. */
function emitted(managers: string[]) {
  const chart = complianceChart({ profile: 'unit-test', kubernetesVersion: '1.31' });
  const tp = new NativeTamperProtectionPolicy(chart, 'tp', { managers });
  const out = Testing.synth(chart);
  return { tp, policy: out.find((o) => o.kind === 'ValidatingAdmissionPolicy')!, binding: out.find((o) => o.kind === 'ValidatingAdmissionPolicyBinding')! };
}

/**
 * What the API server does with a request, read from the emitted objects: match constraints
 * (operation, group/version/resource, objectSelector against the old or the new object), match
 * conditions and the validation evaluated with cel-js, then the binding's validation actions.
 */
function admit(policy: any, binding: any, r: Request): Verdict {
  const rule = policy.spec.matchConstraints.resourceRules.find(
    (x: any) => x.apiGroups.includes(r.group) && x.apiVersions.includes(r.version) && x.resources.includes(r.resource) && x.operations.includes(r.operation),
  );
  if (!rule) return 'untouched';
  const selector: Labels = policy.spec.matchConstraints.objectSelector.matchLabels;
  const selects = (o: Obj | null) => o !== null && Object.entries(selector).every(([k, v]) => o.metadata.labels?.[k] === v);
  if (!selects(r.object) && !selects(r.oldObject)) return 'untouched';
  const context = { request: { operation: r.operation, userInfo: { username: r.username } }, object: r.object, oldObject: r.oldObject };
  for (const c of policy.spec.matchConditions) if (env.evaluate(c.expression, context) !== true) return 'untouched';
  if (policy.spec.validations.every((v: any) => env.evaluate(v.expression, context) === true)) return 'allowed';
  expect(binding.spec.policyName).toBe(policy.metadata.name);
  return binding.spec.validationActions.includes('Deny') ? 'denied' : 'audited';
}

const hardline = (name: string): Obj => ({
  metadata: { name, labels: { 'app.kubernetes.io/managed-by': 'hardline' }, annotations: { 'compliance.hardline.dev/controls': 'HL-NET-001' } },
});
const teams: Obj = { metadata: { name: 'team-policy', labels: { team: 'web' } } };
const netpol = { group: 'networking.k8s.io', version: 'v1', resource: 'networkpolicies' };

describe('NativeTamperProtectionPolicy', () => {
  describe('HL-ADM-010: objects hardline manages change only through the named GitOps identities (native)', () => {
    test('compliant: a ValidatingAdmissionPolicy on UPDATE and DELETE of labelled objects, and a Deny binding with a manager', () => {
      const { policy, binding } = emitted([ARGO]);
      expect(policy.apiVersion).toBe('admissionregistration.k8s.io/v1');
      expect(policy.metadata.name).toBe('hl-tamper-protection');
      expect(policy.spec.failurePolicy).toBe('Fail');
      expect(policy.spec.matchConstraints.objectSelector).toEqual({ matchLabels: { 'app.kubernetes.io/managed-by': 'hardline' } });
      for (const rule of policy.spec.matchConstraints.resourceRules) expect(rule.operations).toEqual(['DELETE', 'UPDATE']);
      expect(binding.spec).toEqual({ policyName: 'hl-tamper-protection', validationActions: ['Deny'] });
      for (const o of [policy, binding]) {
        expect(o.metadata.annotations['compliance.hardline.dev/controls']).toBe('HL-ADM-010');
        expect(o.metadata.annotations['compliance.hardline.dev/soc2']).toBe('CC6.1,CC8.1');
      }
    });

    test('it guards the kinds and resources the Kyverno policy guards, with its match condition and expression', () => {
      const chart = complianceChart({ profile: 'unit-test', kubernetesVersion: '1.31' });
      const native = new NativeTamperProtectionPolicy(chart, 'n', { managers: [ARGO] });
      const kyverno = new KyvernoTamperProtectionPolicy(chart, 'k', { managers: [ARGO], name: 'hl-tamper-protection-kyverno' });
      const out = Testing.synth(chart);
      const rules = (kind: string) => out.find((o) => o.kind === kind)!.spec.matchConstraints.resourceRules;
      expect(rules('ValidatingAdmissionPolicy')).toEqual(rules('ValidatingPolicy'));
      expect(native.condition).toBe(kyverno.condition);
      expect(native.expression).toBe(kyverno.expression);
      expect(native.allowed).toEqual([...NAMESPACE_CLEANUP_IDENTITIES, ARGO].sort());
    });

    test.each<[string, Verdict, Request]>([
      ['the GitOps manager updating the default-deny policy', 'allowed', { operation: 'UPDATE', ...netpol, username: ARGO, object: hardline('default-deny'), oldObject: hardline('default-deny') }],
      ['the GitOps manager deleting it (object is null on DELETE)', 'allowed', { operation: 'DELETE', ...netpol, username: ARGO, object: null, oldObject: hardline('default-deny') }],
      ['another user deleting it', 'denied', { operation: 'DELETE', ...netpol, username: 'oidc:alice', object: null, oldObject: hardline('default-deny') }],
      ['cluster-admin patching a namespace', 'denied', { operation: 'UPDATE', group: '', version: 'v1', resource: 'namespaces', username: 'kubernetes-admin', object: hardline('payments'), oldObject: hardline('payments') }],
      ['another user removing the managed-by label (the old object still carries it)', 'denied', { operation: 'UPDATE', ...netpol, username: 'oidc:alice', object: teams, oldObject: hardline('default-deny') }],
      ['the namespace controller cleaning up', 'allowed', { operation: 'DELETE', ...netpol, username: 'system:serviceaccount:kube-system:namespace-controller', object: null, oldObject: hardline('default-deny') }],
      ['anyone changing an object hardline does not manage', 'untouched', { operation: 'DELETE', ...netpol, username: 'oidc:alice', object: null, oldObject: teams }],
      ['anyone creating an object, even labelled as hardline\'s', 'untouched', { operation: 'CREATE', ...netpol, username: 'oidc:alice', object: hardline('copy'), oldObject: null }],
      ['a status update (subresource not matched)', 'untouched', { operation: 'UPDATE', group: '', version: 'v1', resource: 'namespaces/status', username: 'oidc:alice', object: hardline('payments'), oldObject: hardline('payments') }],
    ])('CEL with a manager: %s is %s', (_what, expected, request) => {
      const { policy, binding } = emitted([ARGO]);
      expect(admit(policy, binding, request)).toBe(expected);
    });

    test('non-compliant when no GitOps identity is named: another user\'s change is audited and warned about, not denied', () => {
      const { tp, policy, binding } = emitted([]);
      expect(tp.validationActions).toEqual(['Audit', 'Warn']);
      expect(binding.spec.validationActions).toEqual(['Audit', 'Warn']);
      expect(policy.spec.validations[0].message).toMatch(/spec\.admission\.managers/);
      const request: Request = { operation: 'DELETE', ...netpol, username: 'oidc:alice', object: null, oldObject: hardline('default-deny') };
      expect(admit(policy, binding, request)).toBe('audited');
    });

    test('bad manager names, names and an empty kind list are refused', () => {
      expect(() => new NativeTamperProtectionPolicy(complianceChart(), 'a', { managers: ["x' || true || '"] })).toThrow(/not a user name/);
      expect(() => new NativeTamperProtectionPolicy(complianceChart(), 'b', { managers: ['system:serviceaccount:argocd'] })).toThrow(/system:serviceaccount:<namespace>:<name>/);
      expect(() => new NativeTamperProtectionPolicy(complianceChart(), 'c', { name: 'Bad_Name' })).toThrow(/policy name/);
      expect(() => new NativeTamperProtectionPolicy(complianceChart(), 'd', { kinds: [] })).toThrow(/guards no kind/);
    });
  });
});

describeWithShared('NativeTamperProtectionPolicy against the Kubernetes schemas', (shared) => {
  test('the policy and binding are valid admissionregistration.k8s.io/v1 objects of Kubernetes v1.36.0, with and without managers', () => {
    const schemas = new KubernetesSchemas(shared, 'v1.36.0');
    for (const managers of [[], [ARGO]]) {
      const chart = complianceChart({ profile: 'unit-test', kubernetesVersion: '1.31' });
      new NativeTamperProtectionPolicy(chart, 'tp', { managers, kinds: HARDLINE_KINDS });
      for (const o of Testing.synth(chart)) expect({ kind: o.kind, errors: schemas.errors(o) }).toEqual({ kind: o.kind, errors: [] });
    }
  });
});
