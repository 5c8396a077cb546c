import { Testing } from 'cdk8s';
import { ADM_PSS_RESTRICTED } from '../../src/controls';
import { KyvernoPolicyApi, KyvernoPolicyException } from '../../constructs/kyverno-policy-exception';
import { complianceChart, exception } from '../helpers/chart';

const props = {
  name: 'hl-pod-001-legacy',
  namespace: 'legacy',
  exception: exception('HL-POD-001', ['legacy']),
  policies: [{ name: 'hl-b-enforce', rule: 'b' }, { name: 'hl-a-enforce', rule: 'a' }],
  controls: [ADM_PSS_RESTRICTED],
};

describe('KyvernoPolicyException', () => {
  test('GIVEN ValidatingPolicies THEN a policies.kyverno.io/v1 exception scoped to the namespace, expiring with the profile exception', () => {
    const chart = complianceChart();
    new KyvernoPolicyException(chart, 'e', props);
    const [e] = Testing.synth(chart);
    expect(e.apiVersion).toBe('policies.kyverno.io/v1');
    expect(e.metadata.namespace).toBe('legacy');
    expect(e.spec.policyRefs).toEqual([{ kind: 'ValidatingPolicy', name: 'hl-a-enforce' }, { kind: 'ValidatingPolicy', name: 'hl-b-enforce' }]);
    expect(e.spec.expiresAt).toBe('2027-06-30T23:59:59Z');
    expect(e.spec.matchConditions[0].expression).toContain("== 'legacy'");
    expect(e.metadata.annotations['compliance.hardline.dev/exception-owner']).toBe('platform@acme.example');
    expect(e.metadata.annotations['compliance.hardline.dev/exception-expires']).toBe('2027-06-30');
    expect(e.metadata.annotations['compliance.hardline.dev/exceptions']).toBe('HL-ADM-002,HL-POD-001');
    expect(e.metadata.annotations['compliance.hardline.dev/cis-kubernetes']).toBeUndefined();
  });

  test('GIVEN ClusterPolicies THEN a kyverno.io/v2 exception naming the rules', () => {
    const chart = complianceChart();
    new KyvernoPolicyException(chart, 'e', { ...props, api: KyvernoPolicyApi.CLUSTER_POLICY });
    const [e] = Testing.synth(chart);
    expect(e.apiVersion).toBe('kyverno.io/v2');
    expect(e.spec.exceptions).toEqual([
      { policyName: 'hl-a-enforce', ruleNames: ['a'] },
      { policyName: 'hl-b-enforce', ruleNames: ['b'] },
    ]);
    expect(e.spec.match.any[0].resources.namespaces).toEqual(['legacy']);
  });

  test('refuses a namespace the exception does not name, and an exception lifting nothing', () => {
    expect(() => new KyvernoPolicyException(complianceChart(), 'e', { ...props, namespace: 'other' })).toThrow(/does not name namespace/);
    expect(() => new KyvernoPolicyException(complianceChart(), 'e', { ...props, policies: [] })).toThrow(/lifts no policy/);
  });
});
