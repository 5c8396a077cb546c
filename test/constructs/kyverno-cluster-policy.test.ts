import { Testing } from 'cdk8s';
import { ADM_PSS_BASELINE } from '../../src/controls';
import { KyvernoClusterPolicy } from '../../constructs/kyverno-cluster-policy';
import { KyvernoEnforcement } from '../../constructs/kyverno-validating-policy';
import { complianceChart } from '../helpers/chart';

const base = {
  name: 'hl-test-audit',
  title: 'Test',
  description: 'A test policy.',
  expression: 'variables.podSpec.?hostPID.orValue(false) == false',
  message: 'no hostPID',
  controls: [ADM_PSS_BASELINE],
  ruleName: 'test',
};

describe('KyvernoClusterPolicy', () => {
  test('GIVEN Audit WHEN synthesized THEN failureAction is rule-level and no deprecated spec field is set', () => {
    const chart = complianceChart();
    new KyvernoClusterPolicy(chart, 'p', { ...base, enforcement: KyvernoEnforcement.AUDIT });
    const [p] = Testing.synth(chart);
    expect(p.apiVersion).toBe('kyverno.io/v1');
    expect(p.spec.validationFailureAction).toBeUndefined();
    expect(p.spec.validationFailureActionOverrides).toBeUndefined();
    expect(p.spec.emitWarning).toBe(true);
    const rule = p.spec.rules[0];
    expect(rule.name).toBe('test');
    expect(rule.validate.failureAction).toBe('Audit');
    expect(rule.validate.cel.expressions).toEqual([{ expression: base.expression, message: base.message }]);
    expect(rule.match.any[0].resources.kinds).toEqual(['CronJob', 'DaemonSet', 'Deployment', 'Job', 'Pod', 'ReplicaSet', 'ReplicationController', 'StatefulSet']);
    expect(p.metadata.annotations['pod-policies.kyverno.io/autogen-controllers']).toBe('none');
    expect(p.metadata.annotations['policies.kyverno.io/minversion']).toBe('1.13.0');
  });

  test('GIVEN Enforce THEN failureAction is Enforce and no warning flag', () => {
    const chart = complianceChart();
    new KyvernoClusterPolicy(chart, 'p', base);
    const [p] = Testing.synth(chart);
    expect(p.spec.rules[0].validate.failureAction).toBe('Enforce');
    expect(p.spec.emitWarning).toBeUndefined();
  });
});
