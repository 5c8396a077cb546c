/**
 * The native engine gives exactly the Kyverno verdicts. For every supported Kubernetes minor with
 * ValidatingAdmissionPolicy (1.30–1.36), every rule fixture of the model (`src/admission`), as a
 * Pod, a Pod's ephemeral-containers update and every Pod controller kind, in one namespace per
 * tier / Pod Security label set: the native policies and bindings (evaluated as the API server
 * does, `helpers/admission-eval.ts`) give the same verdict (deny, audit, admit) per rule as the
 * Kyverno ValidatingPolicies and as the rule model's build-time check in that namespace. Both
 * sets are read from the synthesized objects. With exceptions (namespace-wide, workload-scoped,
 * selector-scoped, rule-scoped) the same holds, against the one scope meaning (`exceptionLifts`).
 */
import { Testing } from 'cdk8s';
import { evaluateRule, FIXTURE_PARAMS, fixturePod, rulesAt, SUPPORTED_MINORS } from '../src/admission';
import { NativeAdmissionPolicySet } from '../constructs/native-admission-policy-set';
import { KyvernoPolicySet } from '../constructs/kyverno-policy-set';
import { AdmissionRequest, byRule, kyvernoResults, nativeResults } from './helpers/admission-eval';
import { modelVerdict, requestsOf, ruleOfPolicy, TEST_NAMESPACES } from './helpers/native-verdicts';
import { complianceChart, COMPLIANCE_DATE } from './helpers/chart';

const NATIVE_MINORS = SUPPORTED_MINORS.filter((m) => m >= 30);

describe.each(NATIVE_MINORS)('Kubernetes 1.%i: native verdicts equal the Kyverno verdicts and the build-time check, for every rule fixture', (minor) => {
  const chart = complianceChart({ profile: 'parity', kubernetesVersion: `1.${minor}` });
  new KyvernoPolicySet(chart, 'kyverno', { kyvernoVersion: '1.17', ...FIXTURE_PARAMS });
  new NativeAdmissionPolicySet(chart, 'native', FIXTURE_PARAMS);
  const manifests = Testing.synth(chart);
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
        }
      }
    }
    // Agreement on nothing cannot pass: some fixture is denied somewhere.
    expect(denied).toBeGreaterThan(0);
  });
});

describe('messageExpression names the offending containers (Kubernetes 1.30 and 1.36)', () => {
  test.each([30, 36])('1.%i: every denied container fixture names each container it finds, and the message ends with the static one', (minor) => {
    const chart = complianceChart({ profile: 'parity', kubernetesVersion: `1.${minor}` });
    new NativeAdmissionPolicySet(chart, 'native', FIXTURE_PARAMS);
    const manifests = Testing.synth(chart);
    let containerFixtures = 0;
    for (const rule of rulesAt(minor, FIXTURE_PARAMS)) {
      const mine = manifests.filter((m: any) => m.metadata.name === `hl-${rule.id}` || m.spec?.policyName === `hl-${rule.id}`);
      const staticMessage = mine.find((m: any) => m.kind === 'ValidatingAdmissionPolicy').spec.validations[0].message;
      for (const f of rule.fixtures.filter((x) => !x.admit && (x.from ?? 0) <= minor && minor <= (x.until ?? Infinity))) {
        const pod = fixturePod(f.apply, f.name);
        // A namespace where the rule denies (a baseline rule a restricted one replaces does not deny at restricted).
        const ns = TEST_NAMESPACES.find((n) => modelVerdict(rule, minor, pod, n.labels) === 'deny')!;
        pod.metadata.namespace = ns.name;
        const findings = evaluateRule(rule, { metadata: pod.metadata, spec: pod.spec }, { minor, params: FIXTURE_PARAMS });
        if (findings.length === 0) continue;
        const names = findings
          .map((x) => /^spec\.(initContainers|containers|ephemeralContainers)\[(\d+)\]/.exec(x.field))
          .filter((m): m is RegExpExecArray => m !== null)
          .map((m) => pod.spec[m[1]][Number(m[2])].name as string);
        for (const r of requestsOf(pod, f.name)) {
          const req: AdmissionRequest = { ...r, namespace: ns.name, namespaceLabels: ns.labels, now: `${COMPLIANCE_DATE}T12:00:00Z` };
          const result = nativeResults(mine, req).get(`hl-${rule.id}`)!;
          expect({ rule: rule.id, f: f.name, how: r.how, verdict: result.verdict }).toEqual({ rule: rule.id, f: f.name, how: r.how, verdict: 'deny' });
          const message = result.messages[0];
          expect(message).not.toBe(staticMessage);
          expect(message.endsWith(staticMessage)).toBe(true);
          for (const n of names) expect({ rule: rule.id, f: f.name, message, names: message.includes(`"${n}"`) }).toEqual({ rule: rule.id, f: f.name, message, names: true });
          if (names.length === 0) expect(message.startsWith('the Pod spec')).toBe(true);
        }
        if (names.length > 0) containerFixtures++;
      }
    }
    expect(containerFixtures).toBeGreaterThan(20);
  });
});
