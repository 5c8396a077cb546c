import { Testing } from 'cdk8s';
import { ValidatingAdmissionPolicyBinding } from '../../constructs/validating-admission-policy-binding';
import { ADM_PSS_RESTRICTED } from '../../src/controls';
import { complianceChart, exception } from '../helpers/chart';

const base = { name: 'hl-x-enforce', policyName: 'hl-x', namespaceSelector: [{ key: 'hardline.dev/tier', operator: 'In' as const, values: ['production'] }], controls: [ADM_PSS_RESTRICTED] };

describe('ValidatingAdmissionPolicyBinding', () => {
  test('GIVEN excepted namespaces THEN they are a NotIn on kubernetes.io/metadata.name, and the exception is stamped with reason, owner and expiry', () => {
    const chart = complianceChart({ profile: 'native', kubernetesVersion: '1.32' });
    new ValidatingAdmissionPolicyBinding(chart, 'b', { ...base, validationActions: ['Deny'], exceptedNamespaces: ['legacy', 'legacy'], exceptions: [exception('HL-ADM-002', ['legacy'])] });
    const [b] = Testing.synth(chart);
    expect(b.spec.validationActions).toEqual(['Deny']);
    expect(b.spec.matchResources.namespaceSelector.matchExpressions).toEqual([
      { key: 'hardline.dev/tier', operator: 'In', values: ['production'] },
      { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['legacy'] },
    ]);
    expect(b.metadata.annotations['compliance.hardline.dev/exceptions']).toBe('HL-ADM-002');
    expect(b.metadata.annotations['compliance.hardline.dev/exception-expires']).toBe('HL-ADM-002 in legacy: 2027-06-30');
    expect(b.metadata.annotations['compliance.hardline.dev/exception-owner']).toBe('HL-ADM-002 in legacy: platform@acme.example');
    expect(b.metadata.annotations['compliance.hardline.dev/exception-scope']).toBe('HL-ADM-002 in legacy: namespace-wide');
  });

  test('GIVEN Deny with Warn, no actions or an empty requirement THEN it throws', () => {
    const chart = complianceChart({ profile: 'native', kubernetesVersion: '1.32' });
    expect(() => new ValidatingAdmissionPolicyBinding(chart, 'a', { ...base, validationActions: ['Deny', 'Warn'] })).toThrow(/Deny and Warn/);
    expect(() => new ValidatingAdmissionPolicyBinding(chart, 'b', { ...base, validationActions: [] })).toThrow(/empty/);
    expect(() => new ValidatingAdmissionPolicyBinding(chart, 'c', { ...base, validationActions: ['Audit'], namespaceSelector: [{ key: 'k', operator: 'In', values: [] }] })).toThrow(/no values/);
  });

  test('GIVEN an expired exception THEN the synth fails', () => {
    const chart = complianceChart({ profile: 'native', kubernetesVersion: '1.32' });
    expect(() => new ValidatingAdmissionPolicyBinding(chart, 'b', { ...base, validationActions: ['Deny'], exceptions: [{ ...exception('HL-ADM-002', ['legacy']), expires: '2026-01-01' }] })).toThrow(/expire/);
  });
});
