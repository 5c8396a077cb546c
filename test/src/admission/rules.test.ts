/**
 * Every rule's fixtures, at every supported Kubernetes version where the rule exists, evaluated
 * three ways: the rule's CEL through @marcbachmann/cel-js (as a Pod and as every Pod controller),
 * and the build-time check. A test fails when any two disagree or a verdict is not the fixture's.
 */
import {
  ADMISSION_RULES,
  AdmissionRule,
  CONTROLLER_KINDS,
  controllerOf,
  evaluateRule,
  existsAt,
  FIXTURE_PARAMS,
  fixturePod,
  POD_VARIABLES,
  RuleContext,
  SUPPORTED_MINORS,
} from '../../../src/admission';
import { admits } from '../../helpers/cel';

const cases = ADMISSION_RULES.flatMap((rule) =>
  SUPPORTED_MINORS.filter((minor) => existsAt(rule, minor)).map((minor) => [rule.id, minor, rule] as [string, number, AdmissionRule]),
);

describe('rule model fixtures: CEL (Pod and every controller) and build-time check agree with the fixture', () => {
  test.each(cases)('%s at 1.%i', (_id, minor, rule) => {
    const ctx: RuleContext = { minor, params: FIXTURE_PARAMS };
    const expression = rule.expression(ctx);
    const fixtures = rule.fixtures.filter((f) => (f.from ?? 0) <= minor && minor <= (f.until ?? Infinity));
    expect(fixtures.some((f) => f.admit)).toBe(true);
    expect(fixtures.some((f) => !f.admit)).toBe(true);
    for (const f of [{ name: 'compliant', admit: true, apply: () => undefined }, ...fixtures]) {
      const pod = fixturePod(f.apply, f.name);
      const verdicts: Record<string, boolean> = {
        'build-time': evaluateRule(rule, { metadata: pod.metadata, spec: pod.spec }, ctx).length === 0,
        Pod: admits(POD_VARIABLES, expression, pod),
      };
      for (const k of CONTROLLER_KINDS) verdicts[k.kind] = admits(POD_VARIABLES, expression, controllerOf(pod, k.kind, f.name));
      const expected = Object.fromEntries(Object.keys(verdicts).map((k) => [k, f.admit]));
      expect({ fixture: f.name, verdicts }).toEqual({ fixture: f.name, verdicts: expected });
    }
  });

  test('every fixture name is unique within its rule, and every rule id is unique', () => {
    expect(new Set(ADMISSION_RULES.map((r) => r.id)).size).toBe(ADMISSION_RULES.length);
    for (const r of ADMISSION_RULES) expect(new Set(r.fixtures.map((f) => f.name)).size).toBe(r.fixtures.length);
  });
});
