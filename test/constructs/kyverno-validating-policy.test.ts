import { Testing } from 'cdk8s';
import { ADM_ENFORCEMENT, ADM_PSS_BASELINE } from '../../src/controls';
import { KyvernoEnforcement, KyvernoValidatingPolicy } from '../../constructs/kyverno-validating-policy';
import { complianceChart } from '../helpers/chart';

const base = {
  name: 'hl-test-enforce',
  title: 'Test',
  description: 'A test policy.',
  expression: 'variables.podSpec.?hostPID.orValue(false) == false',
  message: 'no hostPID',
  controls: [ADM_PSS_BASELINE],
};

describe('KyvernoValidatingPolicy', () => {
  test('GIVEN defaults WHEN synthesized THEN it denies in every tier, matches Pods and controllers, autogen off', () => {
    const chart = complianceChart();
    new KyvernoValidatingPolicy(chart, 'p', base);
    const [p] = Testing.synth(chart);
    expect(p.apiVersion).toBe('policies.kyverno.io/v1');
    expect(p.kind).toBe('ValidatingPolicy');
    expect(p.metadata.namespace).toBeUndefined();
    expect(p.spec.validationActions).toEqual(['Deny']);
    expect(p.spec.autogen).toEqual({ podControllers: { controllers: [] } });
    expect(p.spec.matchConstraints.namespaceSelector.matchExpressions).toEqual([
      { key: 'hardline.dev/tier', operator: 'In', values: ['development', 'production', 'staging'] },
    ]);
    const resources = p.spec.matchConstraints.resourceRules.flatMap((r: any) => r.resources);
    expect(resources).toEqual(expect.arrayContaining(['pods', 'pods/ephemeralcontainers', 'deployments', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs']));
    expect(p.spec.validations).toEqual([{ expression: base.expression, message: base.message }]);
    expect(p.spec.variables.map((v: any) => v.name)).toEqual(['podTemplate', 'podSpec', 'allContainers']);
    expect(p.metadata.annotations['policies.kyverno.io/minversion']).toBe('1.17.0');
    expect(p.metadata.annotations['policies.kyverno.io/severity']).toBe('medium');
  });

  test('GIVEN Audit THEN validationActions are Audit and Warn', () => {
    const chart = complianceChart();
    new KyvernoValidatingPolicy(chart, 'p', { ...base, enforcement: KyvernoEnforcement.AUDIT, tiers: ['development'] });
    const [p] = Testing.synth(chart);
    expect(p.spec.validationActions).toEqual(['Audit', 'Warn']);
    expect(p.spec.matchConstraints.namespaceSelector.matchExpressions[0].values).toEqual(['development']);
  });

  test('GIVEN an applied exception THEN it is stamped and its control is not claimed', () => {
    const chart = complianceChart();
    const ex = { control: 'HL-ADM-009', reason: 'migration window (SEC-9)', owner: 'a@b.c', expires: '2027-06-30' };
    new KyvernoValidatingPolicy(chart, 'p', { ...base, controls: [ADM_PSS_BASELINE, ADM_ENFORCEMENT], exceptions: [ex] });
    const [p] = Testing.synth(chart);
    expect(p.metadata.annotations['compliance.hardline.dev/exceptions']).toBe('HL-ADM-009');
    expect(p.metadata.annotations['compliance.hardline.dev/controls']).toBe('HL-ADM-001,HL-ADM-009');
  });

  test('GIVEN namespaces THEN it selects (In) or leaves out (NotIn) exactly those names, sorted; empty or invalid names are refused', () => {
    const chart = complianceChart();
    new KyvernoValidatingPolicy(chart, 'p', { ...base, namespaces: { operator: 'NotIn', names: ['payments', 'billing', 'payments'] } });
    const [p] = Testing.synth(chart);
    expect(p.spec.matchConstraints.namespaceSelector.matchExpressions[1]).toEqual({ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['billing', 'payments'] });
    expect(() => new KyvernoValidatingPolicy(complianceChart(), 'p', { ...base, namespaces: { operator: 'In', names: [] } })).toThrow(/namespaces\.names is empty/);
    expect(() => new KyvernoValidatingPolicy(complianceChart(), 'p', { ...base, namespaces: { operator: 'In', names: ['Pay'] } })).toThrow(/DNS-1123/);
  });

  test('rejects a bad name and empty tiers', () => {
    expect(() => new KyvernoValidatingPolicy(complianceChart(), 'p', { ...base, name: 'Bad_Name' })).toThrow(/DNS-1123/);
    expect(() => new KyvernoValidatingPolicy(complianceChart(), 'p', { ...base, tiers: [] })).toThrow(/match no namespace/);
  });
});
