/**
 * The native engine gives exactly the Kyverno verdicts. For every supported Kubernetes minor with
 * ValidatingAdmissionPolicy (1.30–1.36), every rule fixture of the model (`src/admission`), as a
 * Pod, a Pod's ephemeral-containers update and every Pod controller kind, in one namespace per
 * tier / Pod Security label set: the native policies and bindings (evaluated as the API server
 * does, `helpers/admission-eval.ts`) give the same verdict (deny, audit, admit) per rule as the
 * Kyverno ValidatingPolicies (Kyverno 1.17), the Kyverno ClusterPolicies (1.15; not on the
 * ephemeral-containers update, which a ClusterPolicy matching kind Pod does not see) and the rule
 * model's build-time check in that namespace. All sets are read from the synthesized objects. With exceptions (namespace-wide, workload-scoped,
 * selector-scoped, rule-scoped) the same holds, against the one scope meaning (`exceptionLifts`).
 */
import { Testing } from 'cdk8s';
import { evaluateRule, FIXTURE_PARAMS, fixturePod, rulesAt, SUPPORTED_MINORS } from '../src/admission';
import { NativeAdmissionPolicySet } from '../constructs/native-admission-policy-set';
import { KyvernoPolicySet } from '../constructs/kyverno-policy-set';
import { AdmissionRequest, byRule, clusterPolicyResults, kyvernoResults, nativeResults } from './helpers/admission-eval';
import { modelVerdict, requestsOf, ruleOfPolicy, TEST_NAMESPACES } from './helpers/native-verdicts';
import { complianceChart, COMPLIANCE_DATE } from './helpers/chart';

const NATIVE_MINORS = SUPPORTED_MINORS.filter((m) => m >= 30);

describe.each(NATIVE_MINORS)('Kubernetes 1.%i: native verdicts equal the Kyverno verdicts and the build-time check, for every rule fixture', (minor) => {
  const chart = complianceChart({ profile: 'parity', kubernetesVersion: `1.${minor}` });
  new KyvernoPolicySet(chart, 'kyverno', { kyvernoVersion: '1.17', ...FIXTURE_PARAMS });
  new NativeAdmissionPolicySet(chart, 'native', FIXTURE_PARAMS);
  const manifests = Testing.synth(chart);
  const legacyChart = complianceChart({ profile: 'parity', kubernetesVersion: `1.${minor}` });
  new KyvernoPolicySet(legacyChart, 'kyverno', { kyvernoVersion: '1.15', ...FIXTURE_PARAMS });
  const clusterPolicies = Testing.synth(legacyChart);
  const rules = rulesAt(minor, FIXTURE_PARAMS);

  test('every rule has its native policy', () => {
    const vaps = manifests.filter((m: any) => m.kind === 'ValidatingAdmissionPolicy').map((m: any) => ruleOfPolicy(m.metadata.name));
    expect(vaps.sort()).toEqual(rules.map((r) => r.id).sort());
  });

  test.each(rules.map((r) => [r.id, r] as const))('%s: every fixture, every kind, every namespace', (_id, rule) => {
    const mine = manifests.filter((m: any) => ruleOfPolicy(m.metadata.name) === rule.id || m.spec?.policyName === `hl-${rule.id}`);
    const fixtures = rule.fixtures.filter((f) => (f.from ?? 0) <= minor && minor <= (f.until ?? Infinity));
    let denied = 0;
    for (const f of [{ name: 'compliant', admit: true, apply: () => undefined }, ...fixtures]) {
      const pod = fixturePod(f.apply, f.name);
      for (const ns of TEST_NAMESPACES) {
        pod.metadata.namespace = ns.name;
        const expected = modelVerdict(rule, minor, pod, ns.labels);
        if (expected === 'deny') denied++;
        for (const r of requestsOf(pod, f.name)) {
          const req: AdmissionRequest = { ...r, namespace: ns.name, namespaceLabels: ns.labels, now: `${COMPLIANCE_DATE}T12:00:00Z` };
          const native = byRule(nativeResults(mine, req), ruleOfPolicy).get(rule.id);
          const kyverno = byRule(kyvernoResults(mine, req), ruleOfPolicy).get(rule.id);
          expect({ fixture: f.name, ns: ns.name, how: r.how, native, kyverno }).toEqual({ fixture: f.name, ns: ns.name, how: r.how, native: expected, kyverno: expected });
          // Kyverno 1.15 ClusterPolicies match kinds, not the ephemeralcontainers subresource: compared on the rest.
          if (r.subresource) continue;
          const legacy = byRule(clusterPolicyResults(clusterPolicies.filter((m: any) => m.spec.rules?.[0]?.name === rule.id), req), () => rule.id).get(rule.id);
          expect({ fixture: f.name, ns: ns.name, how: r.how, clusterPolicy: legacy }).toEqual({ fixture: f.name, ns: ns.name, how: r.how, clusterPolicy: expected });
        }
      }
    }
    // Agreement on nothing cannot pass: some fixture is denied somewhere.
    expect(denied).toBeGreaterThan(0);
  });
});

/** What a native message must name for a build-time finding: the container, volume or sysctl by name, or the field. */
function token(field: string, pod: any): string | undefined {
  const item = /^spec\.(initContainers|containers|ephemeralContainers|volumes)\[(\d+)\]/.exec(field);
  if (item) return `"${pod.spec[item[1]][Number(item[2])].name}"`;
  const sysctl = /^spec\.securityContext\.sysctls\[(\d+)\]/.exec(field);
  if (sysctl) return `"${pod.spec.securityContext.sysctls[Number(sysctl[1])].name}"`;
  const host = /^spec\.(hostNetwork|hostPID|hostIPC)$/.exec(field);
  if (host) return `${host[1]}: true`;
  if (field === 'metadata.labels' || field === 'spec.serviceAccountName') return field;
  return undefined;
}

describe('messageExpression names what offends: the containers, volumes, sysctls or fields (Kubernetes 1.30 and 1.36)', () => {
  test.each([30, 36])('1.%i: every denied fixture names each offending item the build-time check finds, then the static message', (minor) => {
    const chart = complianceChart({ profile: 'parity', kubernetesVersion: `1.${minor}` });
    new NativeAdmissionPolicySet(chart, 'native', FIXTURE_PARAMS);
    const manifests = Testing.synth(chart);
    let named = 0;
    for (const rule of rulesAt(minor, FIXTURE_PARAMS)) {
      const mine = manifests.filter((m: any) => m.metadata.name === `hl-${rule.id}` || m.spec?.policyName === `hl-${rule.id}`);
      const staticMessage = mine.find((m: any) => m.kind === 'ValidatingAdmissionPolicy').spec.validations[0].message;
      for (const f of rule.fixtures.filter((x) => !x.admit && (x.from ?? 0) <= minor && minor <= (x.until ?? Infinity))) {
        const pod = fixturePod(f.apply, f.name);
        // A namespace where the rule denies (a baseline rule a restricted one replaces does not deny at restricted).
        const ns = TEST_NAMESPACES.find((n) => modelVerdict(rule, minor, pod, n.labels) === 'deny')!;
        pod.metadata.namespace = ns.name;
        const findings = evaluateRule(rule, { metadata: pod.metadata, spec: pod.spec }, { minor, params: FIXTURE_PARAMS });
        const tokens = findings.map((x) => token(x.field, pod));
        for (const r of requestsOf(pod, f.name)) {
          const req: AdmissionRequest = { ...r, namespace: ns.name, namespaceLabels: ns.labels, now: `${COMPLIANCE_DATE}T12:00:00Z` };
          const result = nativeResults(mine, req).get(`hl-${rule.id}`)!;
          expect({ rule: rule.id, f: f.name, how: r.how, verdict: result.verdict }).toEqual({ rule: rule.id, f: f.name, how: r.how, verdict: 'deny' });
          const message = result.messages[0];
          expect({ rule: rule.id, f: f.name, message, dynamic: message !== staticMessage && message.endsWith(`: ${staticMessage}`) }).toEqual({ rule: rule.id, f: f.name, message, dynamic: true });
          for (const t of tokens) {
            const ok = t === undefined ? /^the Pod spec/.test(message) : message.includes(t);
            expect({ rule: rule.id, f: f.name, message, t, ok }).toEqual({ rule: rule.id, f: f.name, message, t, ok: true });
          }
        }
        if (tokens.some((t) => t !== undefined)) named++;
      }
    }
    expect(named).toBeGreaterThan(30);
  });
});
