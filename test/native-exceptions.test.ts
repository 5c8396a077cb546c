/**
 * Exceptions in the native engine lift exactly what the Kyverno PolicyExceptions lift (policies.kyverno.io/v1
 * for Kyverno 1.17 ValidatingPolicies, kyverno.io/v2 for 1.15 ClusterPolicies), on the same
 * objects: namespace-wide (excluded namespaces), workload-scoped with a selector (the named
 * controllers, their generated ReplicaSets/Jobs/Pods), selector-only, and narrowed to rules, in the
 * exception's namespaces and nowhere else; plus the HL-ADM-009 exception naming production namespaces.
 * Every verdict is also checked against the one scope meaning (`exceptionLifts`) and the rule model,
 * so agreeing on nothing cannot pass.
 */
import { Testing } from 'cdk8s';
import { AdmissionRule, FIXTURE_PARAMS, podTemplateOf, rulesAt, SUPPORTED_MINORS } from '../src/admission';
import { ControlException, exceptionLifts, scopedObjectOf } from '../src/controls';
import { NativeAdmissionPolicySet } from '../constructs/native-admission-policy-set';
import { KyvernoPolicySet } from '../constructs/kyverno-policy-set';
import { Tier } from '../constructs/hardened-namespace';
import { KyvernoEnforcement } from '../constructs/kyverno-validating-policy';
import { AdmissionRequest, byRule, clusterPolicyResults, kyvernoResults, nativeResults, Verdict } from './helpers/admission-eval';
import { complianceChart, COMPLIANCE_DATE } from './helpers/chart';
import { modelVerdict, ruleOfPolicy, SCOPED_EXCEPTIONS } from './helpers/native-verdicts';

const record = { reason: 'vendor image needs it until the rewrite (SEC-1)', owner: 'platform@acme.example', expires: '2027-06-30' };

const ns = (name: string, tier: string, enforce: string, extra: Record<string, string> = {}) => ({
  name,
  labels: {
    'kubernetes.io/metadata.name': name,
    'hardline.dev/tier': tier,
    'pod-security.kubernetes.io/enforce': enforce,
    'pod-security.kubernetes.io/audit': 'restricted',
    'pod-security.kubernetes.io/warn': 'restricted',
    ...extra,
  },
});

/** The namespaces: the excepted ones (legacy with PSA lowered and the level kept by hardline's label) and one without exceptions. */
export const EXCEPTION_NAMESPACES = [
  ns('tools', 'production', 'restricted'),
  ns('legacy', 'production', 'baseline', { 'hardline.dev/pod-security-enforce': 'restricted' }),
  ns('mirror', 'staging', 'baseline'),
  ns('payments', 'production', 'restricted'),
  ns('sandbox', 'development', 'privileged'),
];

/** A workload that breaks restricted and baseline Pod Security, the registry, pinning and resources rules. */
function workload(kind: string, name: string, namespace: string, labels: Record<string, string>): any {
  const spec = {
    serviceAccountName: 'app',
    volumes: [{ name: 'host', hostPath: { path: '/var/run' } }],
    containers: [{ name: 'app', image: 'docker.io/vendor/app:1.0', securityContext: { runAsUser: 0 } }],
  };
  const template = { metadata: { labels: { ...labels, environment: 'test', owner: 'team' } }, spec };
  const body: any =
    kind === 'Pod' ? spec : kind === 'CronJob' ? { schedule: '0 1 * * *', jobTemplate: { spec: { template } } } : { selector: { matchLabels: labels }, template };
  const apiVersion = kind === 'Pod' ? 'v1' : kind.endsWith('Job') ? 'batch/v1' : 'apps/v1';
  return { apiVersion, kind, metadata: { name, namespace, labels: kind === 'Pod' ? template.metadata.labels : labels }, spec: body };
}

/** The same objects in every namespace: excepted in one, not elsewhere. */
export function exceptionObjects(namespace: string): { id: string; object: any }[] {
  const vendor = { app: 'vendor' };
  const list: [string, any][] = [
    ['vendor Deployment', workload('Deployment', 'vendor', namespace, vendor)],
    ['vendor ReplicaSet', workload('ReplicaSet', 'vendor-7d9f5c6b8', namespace, { ...vendor, 'pod-template-hash': '7d9f5c6b8' })],
    ['vendor Pod', workload('Pod', 'vendor-7d9f5c6b8-x2x4q', namespace, vendor)],
    ['vendor Deployment missing its label', workload('Deployment', 'vendor', namespace, { app: 'other' })],
    ['nightly CronJob', workload('CronJob', 'nightly', namespace, vendor)],
    ['nightly Job', workload('Job', 'nightly-29012345', namespace, vendor)],
    ['StatefulSet named vendor', workload('StatefulSet', 'vendor', namespace, vendor)],
    ['other Pod', workload('Pod', 'other', namespace, { app: 'other' })],
    ['mirror-sync Deployment', workload('Deployment', 'mirror-sync', namespace, { app: 'mirror-sync' })],
    ['mirror-sync Pod', workload('Pod', 'mirror-sync-1', namespace, { app: 'mirror-sync' })],
    ['debug-shell Pod', workload('Pod', 'debug-shell', namespace, { app: 'debug' })],
    ['debug-shell Deployment', workload('Deployment', 'debug-shell', namespace, { app: 'debug' })],
  ];
  return list.map(([id, object]) => ({ id, object }));
}

const params = { allowedRegistries: FIXTURE_PARAMS.allowedRegistries, requiredLabels: [] as string[] };

function synth(minor: number, exceptions: ControlException[], enforcement?: { [T in Tier]?: KyvernoEnforcement }, kyverno = true, kyvernoVersion = '1.17'): any[] {
  const chart = complianceChart({ profile: 'exceptions', kubernetesVersion: `1.${minor}` });
  if (kyverno) new KyvernoPolicySet(chart, 'kyverno', { kyvernoVersion, ...params, exceptions, enforcement });
  new NativeAdmissionPolicySet(chart, 'native', { ...params, exceptions, enforcement });
  return Testing.synth(chart);
}

/** The expected verdict: admitted where an exception lifts the rule for the object, else the rule model's. */
function expected(rule: AdmissionRule, minor: number, object: any, labels: Record<string, string>, exceptions: ControlException[]): Verdict {
  const scoped = scopedObjectOf(object, object.metadata.namespace);
  if (exceptions.some((e) => exceptionLifts(e, { id: rule.id, control: rule.control.id }, scoped, COMPLIANCE_DATE))) return 'admit';
  return modelVerdict(rule, minor, podTemplateOf(object)!.template, labels, true, params);
}

describe.each(SUPPORTED_MINORS.filter((m) => m >= 30))('Kubernetes 1.%i: every scope of exception lifts the same (rule, object) pairs natively as in Kyverno', (minor) => {
  const manifests = synth(minor, SCOPED_EXCEPTIONS);
  // Kyverno 1.15: ClusterPolicies and kyverno.io/v2 PolicyExceptions (only those objects are read from it).
  const legacy = synth(minor, SCOPED_EXCEPTIONS, undefined, true, '1.15').filter((m) => m.kind === 'ClusterPolicy' || m.kind === 'PolicyException');
  const rules = rulesAt(minor, params);

  test.each(EXCEPTION_NAMESPACES.map((n) => [n.name, n] as const))('namespace %s: native = Kyverno = scope meaning + rule model, per rule and object', (_name, n) => {
    const tally = { lifted: 0, denied: 0 };
    for (const { id, object } of exceptionObjects(n.name)) {
      const req: AdmissionRequest = { object, namespace: n.name, namespaceLabels: n.labels, now: `${COMPLIANCE_DATE}T12:00:00Z` };
      const native = byRule(nativeResults(manifests, req), ruleOfPolicy);
      const kyverno = byRule(kyvernoResults(manifests, req), ruleOfPolicy);
      const clusterPolicy = byRule(clusterPolicyResults(legacy, req), ruleOfPolicy);
      for (const rule of rules) {
        const want = expected(rule, minor, object, n.labels, SCOPED_EXCEPTIONS);
        const unexcepted = modelVerdict(rule, minor, podTemplateOf(object)!.template, n.labels, true, params);
        if (want === 'admit' && unexcepted !== 'admit') tally.lifted++;
        if (want !== 'admit') tally.denied++;
        expect({ id, rule: rule.id, native: native.get(rule.id), kyverno: kyverno.get(rule.id), clusterPolicy: clusterPolicy.get(rule.id) }).toEqual({
          id,
          rule: rule.id,
          native: want,
          kyverno: want,
          clusterPolicy: want,
        });
      }
    }
    // Every namespace denies (or audits) something; the excepted namespaces lift something.
    expect(tally.denied).toBeGreaterThan(0);
    if (SCOPED_EXCEPTIONS.some((e) => e.namespaces?.includes(n.name))) expect(tally.lifted).toBeGreaterThan(0);
    else expect(tally.lifted).toBe(0);
  });

  test('workload-scoped exceptions are policy matchConditions; namespace-wide ones excluded namespaces on the bindings; both carry reason, owner and expiry', () => {
    const vap = (rule: string) => manifests.find((m) => m.kind === 'ValidatingAdmissionPolicy' && m.metadata.name === `hl-${rule}`);
    expect(vap('require-run-as-nonroot').spec.matchConditions).toHaveLength(1);
    expect(vap('require-run-as-nonroot').spec.matchConditions[0].expression).toContain("request.namespace in ['legacy']");
    expect(vap('restrict-image-registries').spec.matchConditions).toHaveLength(1); // the selector-only one; the namespace-wide one is on the bindings
    expect(vap('disallow-privileged-containers').spec.matchConditions).toBeUndefined();
    const registries = manifests.filter((m) => m.kind === 'ValidatingAdmissionPolicyBinding' && m.spec.policyName === 'hl-restrict-image-registries');
    for (const b of registries) {
      expect(b.spec.matchResources.namespaceSelector.matchExpressions).toContainEqual({ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['tools'] });
      expect(b.metadata.annotations['compliance.hardline.dev/exception-expires']).toBe('HL-ADM-003 in tools: 2027-06-30');
      expect(b.metadata.annotations['compliance.hardline.dev/exceptions']).toBe('HL-ADM-003');
    }
    const v = vap('require-run-as-nonroot');
    expect(v.metadata.annotations['compliance.hardline.dev/exception-owner']).toBe('HL-POD-001 in legacy: platform@acme.example');
    expect(v.metadata.annotations['compliance.hardline.dev/exception-scope']).toMatch(/Deployment\/vendor/);
    // host-path is lifted namespace-wide in legacy only for that rule.
    const hostPath = manifests.filter((m) => m.kind === 'ValidatingAdmissionPolicyBinding' && m.spec.policyName === 'hl-disallow-host-path');
    for (const b of hostPath) expect(JSON.stringify(b.spec.matchResources)).toContain('"NotIn","values":["legacy"]');
    const hostPorts = manifests.filter((m) => m.kind === 'ValidatingAdmissionPolicyBinding' && m.spec.policyName === 'hl-disallow-host-ports');
    for (const b of hostPorts) expect(JSON.stringify(b.spec.matchResources)).not.toContain('legacy');
    // Pod Security keeps the level for the other workloads through hardline.dev/pod-security-enforce.
    expect(manifests.some((m) => m.metadata.name === 'hl-require-run-as-nonroot-enforce-scoped' && m.kind === 'ValidatingAdmissionPolicyBinding')).toBe(true);
  });
});

describe('HL-ADM-009: an exception naming production namespaces makes only them audit', () => {
  const minor = 32;
  const audit009: ControlException = { control: 'HL-ADM-009', namespaces: ['payments'], ...record };
  const enforcement = { [Tier.PRODUCTION]: KyvernoEnforcement.AUDIT };

  test('payments audits, the rest of production and staging deny, development audits (the tiers stay on their defaults)', () => {
    const manifests = synth(minor, [audit009], undefined, false);
    const rule = rulesAt(minor, params).find((r) => r.id === 'restrict-image-registries')!;
    const want: Record<string, Verdict> = { payments: 'audit', tools: 'deny', legacy: 'deny', mirror: 'deny', sandbox: 'audit' };
    for (const n of EXCEPTION_NAMESPACES) {
      const object = exceptionObjects(n.name).find((o) => o.id === 'other Pod')!.object;
      const req: AdmissionRequest = { object, namespace: n.name, namespaceLabels: n.labels, now: `${COMPLIANCE_DATE}T12:00:00Z` };
      expect({ ns: n.name, verdict: byRule(nativeResults(manifests, req), ruleOfPolicy).get(rule.id) }).toEqual({ ns: n.name, verdict: want[n.name] });
    }
    const auditBinding = manifests.find((m) => m.metadata.name === 'hl-restrict-image-registries-audit-excepted');
    expect(auditBinding.spec.validationActions).toEqual(['Audit', 'Warn']);
    expect(auditBinding.metadata.annotations['compliance.hardline.dev/exceptions']).toBe('HL-ADM-009');
    expect(auditBinding.metadata.annotations['compliance.hardline.dev/exception-reason']).toMatch(/^HL-ADM-009 in payments: /);
  });

  test('without namespaces the whole production tier audits', () => {
    const { namespaces: _n, ...everywhere } = audit009;
    const manifests = synth(minor, [everywhere], enforcement, false);
    for (const n of EXCEPTION_NAMESPACES.filter((x) => x.labels['hardline.dev/tier'] === 'production')) {
      const object = exceptionObjects(n.name).find((o) => o.id === 'other Pod')!.object;
      const req: AdmissionRequest = { object, namespace: n.name, namespaceLabels: n.labels, now: `${COMPLIANCE_DATE}T12:00:00Z` };
      expect({ ns: n.name, verdict: byRule(nativeResults(manifests, req), ruleOfPolicy).get('restrict-image-registries') }).toEqual({ ns: n.name, verdict: 'audit' });
    }
  });
});

test('an expired exception fails the native synth, naming it', () => {
  const expired = { ...SCOPED_EXCEPTIONS[1], expires: '2026-11-01' };
  expect(() => synth(32, [expired], undefined, false)).toThrow(/expire/);
});
