import { Testing } from 'cdk8s';
import { FIXTURE_PARAMS } from '../../src/admission';
import { NativeAdmissionPolicySet } from '../../constructs/native-admission-policy-set';
import { ValidatingAdmissionPolicy } from '../../constructs/validating-admission-policy';
import { complianceChart } from '../helpers/chart';
import { calledFunctions, kubernetesCelProblems } from '../helpers/kubernetes-cel';
import { KubernetesSchemas } from '../helpers/k8s-schema';
import { describeWithShared } from '../helpers/shared';
import { SCOPED_EXCEPTIONS } from '../helpers/native-verdicts';

const synth = (minor: number, exceptions = SCOPED_EXCEPTIONS) => {
  const chart = complianceChart({ profile: 'native', kubernetesVersion: `1.${minor}` });
  new NativeAdmissionPolicySet(chart, 'set', { ...FIXTURE_PARAMS, exceptions });
  return Testing.synth(chart);
};

describe('ValidatingAdmissionPolicy', () => {
  test('GIVEN the native set THEN Pods, pods/ephemeralcontainers and every controller kind are matched explicitly on CREATE and UPDATE, failurePolicy Fail', () => {
    for (const vap of synth(32).filter((m: any) => m.kind === 'ValidatingAdmissionPolicy')) {
      expect(vap.spec.failurePolicy).toBe('Fail');
      const rules = vap.spec.matchConstraints.resourceRules;
      const matched = rules.flatMap((r: any) => r.resources.map((res: string) => `${r.apiGroups[0]}/${r.apiVersions[0]}/${res}`)).sort();
      expect(matched).toEqual([
        '/v1/pods', '/v1/pods/ephemeralcontainers', '/v1/replicationcontrollers',
        'apps/v1/daemonsets', 'apps/v1/deployments', 'apps/v1/replicasets', 'apps/v1/statefulsets',
        'batch/v1/cronjobs', 'batch/v1/jobs',
      ]);
      for (const r of rules) expect(r.operations).toEqual(['CREATE', 'UPDATE']);
      expect(vap.spec.validations).toHaveLength(1);
      expect(vap.spec.validations[0].messageExpression).toEqual(expect.any(String));
      expect(vap.spec.validations[0].message).toEqual(expect.any(String));
      expect(vap.metadata.annotations['compliance.hardline.dev/controls']).toMatch(/\bHL-ADM-00[1-8]\b/);
    }
  });

  test.each([30, 33, 36])('GIVEN Kubernetes 1.%i THEN every expression compiles in a Kubernetes-like CEL environment and calls no Kyverno-only function', (minor) => {
    const problems: unknown[] = [];
    for (const m of synth(minor)) {
      if (m.kind !== 'ValidatingAdmissionPolicy') continue;
      const at = m.metadata.name;
      for (const v of m.spec.variables) problems.push(...kubernetesCelProblems(v.expression, 'bool').filter((p) => !p.startsWith('returns')).map((p) => ({ at, variable: v.name, p })));
      for (const v of m.spec.validations) {
        problems.push(...kubernetesCelProblems(v.expression, 'bool').map((p) => ({ at, expression: p })));
        problems.push(...kubernetesCelProblems(v.messageExpression, 'string').map((p) => ({ at, messageExpression: p })));
      }
      for (const c of m.spec.matchConditions ?? []) problems.push(...kubernetesCelProblems(c.expression, 'bool').map((p) => ({ at, matchCondition: c.name, p })));
    }
    expect(problems).toEqual([]);
  });

  test('the Kubernetes-like environment refuses Kyverno-only functions and variables', () => {
    expect(kubernetesCelProblems("image(object.spec.containers[0].image).registry() == 'x'", 'bool').join()).toMatch(/image/);
    expect(kubernetesCelProblems("resource.Get('v1', 'configmaps', 'ns', 'x').data.size() > 0", 'bool').length).toBeGreaterThan(0);
    expect(calledFunctions("variables.allContainers.all(c, c.name.startsWith('a'))")).toEqual(['all', 'startsWith']);
    // Kubernetes enables homogeneous aggregate literals: a mixed list literal does not compile there.
    expect(kubernetesCelProblems("['a', 1].size() == 2", 'bool').join()).toMatch(/compile/);
  });

  test('GIVEN an invalid name THEN it throws, naming it', () => {
    const chart = complianceChart({ profile: 'native', kubernetesVersion: '1.32' });
    expect(() => new ValidatingAdmissionPolicy(chart, 'p', { name: 'Bad_Name', title: 't', description: 'd', expression: 'true', message: 'm', controls: [] })).toThrow(/policy name/);
  });
});

describeWithShared('ValidatingAdmissionPolicy and binding: valid against the Kubernetes v1.36.0 schema', (shared) => {
  const schemas = new KubernetesSchemas(shared, 'v1.36.0');
  test.each([30, 31, 32, 33, 34, 35, 36])('1.%i, with every scope of exception: every emitted object validates', (minor) => {
    const out = synth(minor);
    expect(out.length).toBeGreaterThan(50);
    for (const m of out) expect({ name: m.metadata.name, errors: schemas.errors(m) }).toEqual({ name: m.metadata.name, errors: [] });
  });
});
