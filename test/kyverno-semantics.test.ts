/**
 * CEL semantics of the emitted admission policies, evaluated with a real CEL engine
 * (@marcbachmann/cel-js, optional types on): for every supported Kubernetes version and both Kyverno
 * APIs (ValidatingPolicy for 1.17, ClusterPolicy for 1.15), the expressions are read from the
 * synthesized objects, never copied, and run on every fixture of the rule model as a Pod and as every
 * Pod controller; the verdicts must equal the fixture's and the build-time check's. The shipped Kyverno
 * CLI test is checked against the same engine in kyverno-cli-test-semantics.test.ts.
 */
import { Testing } from 'cdk8s';
import { CONTROLLER_KINDS, controllerOf, evaluateRule, findRule, FIXTURE_PARAMS, fixturePod, SUPPORTED_MINORS } from '../src/admission';
import { KyvernoPolicySet } from '../constructs/kyverno-policy-set';
import { admits, Variable } from './helpers/cel';
import { complianceChart } from './helpers/chart';

interface EmittedRule {
  readonly policy: string;
  readonly rule: string;
  readonly variables: Variable[];
  readonly expression: string;
}

/** The CEL of one emitted policy object. */
function emitted(m: any): EmittedRule {
  if (m.kind === 'ValidatingPolicy') {
    expect(m.spec.validations).toHaveLength(1);
    return { policy: m.metadata.name, rule: m.metadata.name.replace(/^hl-/, '').replace(/-(enforce|audit|warn)$/, ''), variables: m.spec.variables, expression: m.spec.validations[0].expression };
  }
  expect(m.spec.rules).toHaveLength(1);
  const cel = m.spec.rules[0].validate.cel;
  expect(cel.expressions).toHaveLength(1);
  return { policy: m.metadata.name, rule: m.spec.rules[0].name, variables: cel.variables, expression: cel.expressions[0].expression };
}

/** The enforce-mode policies a policy set emits for one Kubernetes and Kyverno version. */
function emittedRules(kubernetesVersion: string, kyvernoVersion: string): EmittedRule[] {
  const chart = complianceChart({ profile: 'semantics', kubernetesVersion });
  new KyvernoPolicySet(chart, 'set', { kyvernoVersion, ...FIXTURE_PARAMS });
  return Testing.synth(chart)
    .filter((m: any) => (m.kind === 'ValidatingPolicy' || m.kind === 'ClusterPolicy') && m.metadata.name.endsWith('-enforce'))
    .map(emitted);
}

const cases = SUPPORTED_MINORS.flatMap((minor) => ['1.17', '1.15'].map((k) => [minor, k] as const));

describe.each(cases)('Kubernetes 1.%i, Kyverno %s: emitted CEL, build-time check and fixtures agree', (minor, kyvernoVersion) => {
  const rules = emittedRules(`1.${minor}`, kyvernoVersion);

  test('every rule of the model at this version is emitted once in enforce mode', () => {
    const ids = rules.map((r) => r.rule);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(findRule(id)).toBeDefined();
  });

  test.each(rules.map((r) => [r.rule, r] as const))('%s: every fixture, as a Pod and as every controller kind', (_id, r) => {
    const rule = findRule(r.rule)!;
    const ctx = { minor, params: FIXTURE_PARAMS };
    const fixtures = rule.fixtures.filter((f) => (f.from ?? 0) <= minor && minor <= (f.until ?? Infinity));
    expect(fixtures.filter((f) => f.admit).length).toBeGreaterThan(0);
    expect(fixtures.filter((f) => !f.admit).length).toBeGreaterThan(0);
    for (const f of [{ name: 'compliant', admit: true, apply: () => undefined }, ...fixtures]) {
      const pod = fixturePod(f.apply, f.name);
      const verdicts: Record<string, boolean> = {
        'build-time': evaluateRule(rule, { metadata: pod.metadata, spec: pod.spec }, ctx).length === 0,
        Pod: admits(r.variables, r.expression, pod),
      };
      for (const k of CONTROLLER_KINDS) verdicts[k.kind] = admits(r.variables, r.expression, controllerOf(pod, k.kind, f.name));
      const expected = Object.fromEntries(Object.keys(verdicts).map((k) => [k, f.admit]));
      expect({ fixture: f.name, verdicts }).toEqual({ fixture: f.name, verdicts: expected });
    }
  });
});
