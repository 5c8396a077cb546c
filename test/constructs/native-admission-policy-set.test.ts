import { Testing } from 'cdk8s';
import { FIXTURE_PARAMS } from '../../src/admission';
import { NativeAdmissionPolicySet } from '../../constructs/native-admission-policy-set';
import { complianceChart } from '../helpers/chart';

describe('NativeAdmissionPolicySet', () => {
  test('GIVEN Kubernetes 1.29 THEN it refuses, naming the version', () => {
    const chart = complianceChart({ profile: 'native', kubernetesVersion: '1.29' });
    expect(() => new NativeAdmissionPolicySet(chart, 'set', FIXTURE_PARAMS)).toThrow(/Kubernetes 1\.29 .*1\.30/);
  });
  test('GIVEN Kubernetes 1.31 THEN every policy has a Deny binding with failurePolicy Fail', () => {
    const chart = complianceChart({ profile: 'native', kubernetesVersion: '1.31' });
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
});
