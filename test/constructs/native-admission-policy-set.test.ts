import { Testing } from 'cdk8s';
import { FIXTURE_PARAMS } from '../../src/admission';
import { KyvernoPolicySet } from '../../constructs/kyverno-policy-set';
import { NativeAdmissionPolicySet } from '../../constructs/native-admission-policy-set';
import { Tier } from '../../constructs/hardened-namespace';
import { KyvernoEnforcement } from '../../constructs/kyverno-validating-policy';
import { complianceChart, exception } from '../helpers/chart';

const chartAt = (v: string) => complianceChart({ profile: 'native', kubernetesVersion: v });

describe('NativeAdmissionPolicySet', () => {
  test('GIVEN Kubernetes 1.29 THEN it refuses, naming the version', () => {
    expect(() => new NativeAdmissionPolicySet(chartAt('1.29'), 'set', FIXTURE_PARAMS)).toThrow(/Kubernetes 1\.29 .*1\.30/);
  });

  test('GIVEN Kubernetes 1.31 THEN every policy has a Deny binding with failurePolicy Fail', () => {
    const chart = chartAt('1.31');
    new NativeAdmissionPolicySet(chart, 'set', FIXTURE_PARAMS);
    const out = Testing.synth(chart);
    const policies = out.filter((m: any) => m.kind === 'ValidatingAdmissionPolicy');
    const bindings = out.filter((m: any) => m.kind === 'ValidatingAdmissionPolicyBinding');
    expect(policies.length).toBeGreaterThan(10);
    for (const p of policies) {
      expect(p.spec.failurePolicy).toBe('Fail');
      expect(bindings.some((b: any) => b.spec.policyName === p.metadata.name && b.spec.validationActions.includes('Deny'))).toBe(true);
    }
  });

  test('GIVEN no workload-scoped Pod Security exception THEN no enforce-scoped binding; GIVEN one THEN one per Pod Security rule', () => {
    const plain = new NativeAdmissionPolicySet(chartAt('1.32'), 'set', FIXTURE_PARAMS);
    expect(plain.bindings.filter((b) => b.name.endsWith('-enforce-scoped'))).toEqual([]);
    const scoped = new NativeAdmissionPolicySet(chartAt('1.32'), 'set', {
      ...FIXTURE_PARAMS,
      exceptions: [{ ...exception('HL-POD-001', ['legacy']), workloads: [{ kind: 'Pod', name: 'vendor' }] }],
    });
    const psaRules = new Set(scoped.bindings.filter((b) => b.podSecurity).map((b) => b.rule));
    const enforceScoped = scoped.bindings.filter((b) => b.name.endsWith('-enforce-scoped'));
    expect(enforceScoped.map((b) => b.rule).sort()).toEqual([...psaRules].sort());
    for (const b of enforceScoped) expect(b.validationActions).toEqual(['Deny']);
  });

  test('GIVEN an exception to HL-ADM-003 without namespaces THEN it refuses', () => {
    expect(() => new NativeAdmissionPolicySet(chartAt('1.32'), 'set', { ...FIXTURE_PARAMS, exceptions: [exception('HL-ADM-003')] })).toThrow(/must name its namespaces/);
  });

  test('HL-ADM-009: GIVEN production on Audit THEN only a tier-wide exception allows it; one naming payments THEN only payments audits, as in the Kyverno set', () => {
    const enforcement = { [Tier.PRODUCTION]: KyvernoEnforcement.AUDIT };
    expect(() => new NativeAdmissionPolicySet(chartAt('1.32'), 'set', { ...FIXTURE_PARAMS, enforcement })).toThrow(/HL-ADM-009/);
    expect(() => new NativeAdmissionPolicySet(chartAt('1.32'), 'set', { ...FIXTURE_PARAMS, enforcement, exceptions: [exception('HL-ADM-009', ['payments'])] })).toThrow(
      /without namespaces/,
    );
    const set = new NativeAdmissionPolicySet(chartAt('1.32'), 'set', { ...FIXTURE_PARAMS, exceptions: [exception('HL-ADM-009', ['payments'])] });
    const registry = set.bindings.filter((b) => b.rule === 'restrict-image-registries');
    expect(registry.map((b) => [b.name, b.validationActions, b.tiers, b.namespaces, b.exceptedNamespaces])).toEqual([
      ['hl-restrict-image-registries-enforce', ['Deny'], ['production', 'staging'], undefined, ['payments']],
      ['hl-restrict-image-registries-audit', ['Audit', 'Warn'], ['development'], undefined, []],
      ['hl-restrict-image-registries-audit-excepted', ['Audit', 'Warn'], ['production', 'staging'], ['payments'], []],
    ]);
    // The same policy names and namespace split as the Kyverno set.
    const kyverno = new KyvernoPolicySet(chartAt('1.32'), 'k', { ...FIXTURE_PARAMS, exceptions: [exception('HL-ADM-009', ['payments'])] });
    expect(kyverno.policies.filter((p) => p.rule === 'restrict-image-registries').map((p) => [p.name, p.tiers, p.namespaces])).toEqual([
      ['hl-restrict-image-registries-enforce', ['production', 'staging'], { operator: 'NotIn', names: ['payments'] }],
      ['hl-restrict-image-registries-audit', ['development'], undefined],
      ['hl-restrict-image-registries-audit-excepted', ['production', 'staging'], { operator: 'In', names: ['payments'] }],
    ]);
  });
});

test('HL-ADM-003: GIVEN more workload-scoped exceptions than Kubernetes allows match conditions THEN one condition covers them all', () => {
  const many = Array.from({ length: 70 }, (_, i) => ({ ...exception('HL-ADM-003', [`ns-${i}`]), selector: { matchLabels: { app: `a${i}` } } }));
  const chart = chartAt('1.32');
  new NativeAdmissionPolicySet(chart, 'set', { ...FIXTURE_PARAMS, exceptions: many });
  const vap = Testing.synth(chart).find((m: any) => m.metadata.name === 'hl-restrict-image-registries');
  expect(vap.spec.matchConditions).toHaveLength(1);
  expect(vap.spec.matchConditions[0].expression).toContain("'ns-69'");
});
