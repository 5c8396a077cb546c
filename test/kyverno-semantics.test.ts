/**
 * CEL semantics of the emitted admission policies, evaluated with a real CEL engine
 * (@marcbachmann/cel-js, optional types on): for every supported Kubernetes version and both Kyverno
 * APIs (ValidatingPolicy for 1.17, ClusterPolicy for 1.15), the expressions are read from the
 * synthesized objects, never copied, and run on every fixture of the rule model as a Pod and as every
 * Pod controller; the verdicts must equal the fixture's and the build-time check's. The shipped Kyverno
 * CLI test is checked against the same engine.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { Testing } from 'cdk8s';
import { CONTROLLER_KINDS, controllerOf, evaluateRule, findRule, FIXTURE_PARAMS, fixturePod, SUPPORTED_MINORS } from '../src/admission';
import { KyvernoPolicySet } from '../constructs/kyverno-policy-set';
import { parseProfile } from '../src/profile/load-profile';
import { renderProfile } from '../src/synth/synthesize-profile';
import { admits, Variable } from './helpers/cel';
import { complianceChart } from './helpers/chart';
import { ROOT, TODAY } from './helpers/synth';

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

describe('the shipped Kyverno CLI test agrees with the CEL engine', () => {
  const file = path.join(ROOT, 'profiles', 'default.yaml');
  const { files, objects } = renderProfile(parseProfile(fs.readFileSync(file, 'utf8'), file, { today: TODAY, baseDir: path.dirname(file) }));
  const cliTest = yaml.load(files.get('cluster/kyverno/tests/kyverno-test.yaml')!) as any;
  const resources = yaml.loadAll(files.get('cluster/kyverno/tests/resources.yaml')!) as any[];
  const policies = new Map(
    objects
      .map((o) => o.manifest as any)
      .filter((m) => m.kind === 'ValidatingPolicy' || m.kind === 'ClusterPolicy')
      // Workload policies only: tamper protection (HL-ADM-010) judges UPDATE/DELETE of hardline's objects, not Pods.
      .filter((m) => m.metadata.name !== 'hl-tamper-protection')
      .map((m) => [m.metadata.name, emitted(m)]),
  );

  test('every listed policy file is synthesized and every result holds', () => {
    for (const p of cliTest.policies) expect(files.has(path.posix.join('cluster/kyverno/tests', p))).toBe(true);
    expect(cliTest.results.length).toBe(cliTest.policies.length * 4);
    for (const res of cliTest.results) {
      const r = policies.get(res.policy)!;
      expect({ policy: res.policy, found: r !== undefined }).toEqual({ policy: res.policy, found: true });
      for (const name of res.resources) {
        const object = resources.find((o) => o.metadata.name === name && o.kind === res.kind);
        expect({ name, found: object !== undefined }).toEqual({ name, found: true });
        expect({ policy: res.policy, name, result: admits(r.variables, r.expression, object) ? 'pass' : 'fail' }).toEqual({ policy: res.policy, name, result: res.result });
      }
    }
  });

  test('every enforce policy of the default profile is exercised by the CLI test', () => {
    const tested = new Set(cliTest.results.map((r: any) => r.policy));
    const enforce = [...policies.keys()].filter((n) => n.endsWith('-enforce'));
    expect(enforce.filter((n) => !tested.has(n))).toEqual([]);
  });

  test('every emitted policy has a fail and a pass result', () => {
    const outcomes = (name: string) => new Set(cliTest.results.filter((r: any) => r.policy === name).map((r: any) => r.result));
    const missing = [...policies.keys()].filter((n) => !outcomes(n).has('pass') || !outcomes(n).has('fail')).sort();
    expect(missing).toEqual([]);
  });

  test('the values file labels one test namespace per tier, as HardenedNamespace labels them', () => {
    const values = yaml.load(files.get('cluster/kyverno/tests/values.yaml')!) as any;
    const namespaces = objects.map((o) => o.manifest as any).filter((m) => m.kind === 'Namespace');
    const strip = (labels: any) => Object.fromEntries(Object.entries(labels).sort().filter(([k]) => k === 'hardline.dev/tier' || /^pod-security\.kubernetes\.io\/(enforce|audit|warn)$/.test(k)));
    const tested = values.namespaceSelector.map((n: any) => JSON.stringify(strip(n.labels)));
    for (const ns of namespaces) expect({ ns: ns.metadata.name, tested: tested.includes(JSON.stringify(strip(ns.metadata.labels))) }).toEqual({ ns: ns.metadata.name, tested: true });
    expect(new Set(values.namespaceSelector.map((n: any) => n.labels['hardline.dev/tier']))).toEqual(new Set(['production', 'staging', 'development']));
  });
});
