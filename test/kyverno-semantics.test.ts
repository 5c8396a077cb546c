/**
 * CEL semantics of the emitted admission policies, evaluated with a real CEL engine: the expressions
 * are read from the synthesized objects (ValidatingPolicy for Kyverno 1.17, ClusterPolicy for 1.15),
 * never copied, and run against test/fixtures/kyverno/<rule>/{good,bad}/*.yaml and the shipped
 * Kyverno CLI test resources.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { parseProfile } from '../src/profile/load-profile';
import { renderProfile } from '../src/synth/synthesize-profile';
import { admits, Variable } from './helpers/cel';
import { defaultProfileTextFor, ROOT, TODAY } from './helpers/synth';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'kyverno');
const DEFAULT_PROFILE = path.join(ROOT, 'profiles', 'default.yaml');

/** The default profile rendered for one Kyverno version. */
function render(kyvernoVersion: string) {
  const text = defaultProfileTextFor(kyvernoVersion);
  return renderProfile(parseProfile(text, DEFAULT_PROFILE, { today: TODAY, baseDir: path.dirname(DEFAULT_PROFILE) }));
}

interface EmittedRule {
  readonly policy: string;
  readonly rule: string;
  readonly variables: Variable[];
  readonly expression: string;
}

/** The enforce-mode policies of a rendering, with the CEL taken from the objects. */
function emittedRules(kyvernoVersion: string): EmittedRule[] {
  return render(kyvernoVersion)
    .objects.map((o) => o.manifest as any)
    .filter((m) => (m.kind === 'ValidatingPolicy' || m.kind === 'ClusterPolicy') && m.metadata.name.endsWith('-enforce'))
    .map((m) => {
      const rule = m.metadata.name.replace(/^hl-/, '').replace(/-enforce$/, '');
      if (m.kind === 'ValidatingPolicy') {
        expect(m.spec.validations).toHaveLength(1);
        return { policy: m.metadata.name, rule, variables: m.spec.variables, expression: m.spec.validations[0].expression };
      }
      expect(m.spec.rules).toHaveLength(1);
      const cel = m.spec.rules[0].validate.cel;
      expect(cel.expressions).toHaveLength(1);
      return { policy: m.metadata.name, rule, variables: cel.variables, expression: cel.expressions[0].expression };
    });
}

function fixtures(rule: string, kind: 'good' | 'bad'): { file: string; object: any }[] {
  const dir = path.join(FIXTURES, rule, kind);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ file: `${rule}/${kind}/${f}`, object: yaml.load(fs.readFileSync(path.join(dir, f), 'utf8')) }));
}

const compliant = yaml.load(fs.readFileSync(path.join(FIXTURES, 'restrict-seccomp', 'good', 'goodpod01.yaml'), 'utf8'));

describe.each(['1.17', '1.15'])('Kyverno %s policies, CEL evaluated with @marcbachmann/cel-js', (version) => {
  const rules = emittedRules(version);

  test('every rule has a fixture folder and every fixture folder an emitted rule', () => {
    const folders = fs.readdirSync(FIXTURES, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    expect(rules.map((r) => r.rule).sort()).toEqual(folders);
  });

  test.each(rules.map((r) => [r.rule, r]))('%s: admits every good fixture and rejects every bad one', (_name, r) => {
    const good = fixtures(r.rule, 'good');
    const bad = fixtures(r.rule, 'bad');
    expect(good.length).toBeGreaterThan(0);
    expect(bad.length).toBeGreaterThan(0);
    for (const { file, object } of good) expect({ file, admitted: admits(r.variables, r.expression, object) }).toEqual({ file, admitted: true });
    for (const { file, object } of bad) expect({ file, admitted: admits(r.variables, r.expression, object) }).toEqual({ file, admitted: false });
  });

  test('a fully restricted-compliant Pod is admitted by every rule', () => {
    for (const r of rules) expect({ rule: r.rule, admitted: admits(r.variables, r.expression, compliant) }).toEqual({ rule: r.rule, admitted: true });
  });

  test('every bad fixture of every rule is rejected by some rule (at least its own)', () => {
    for (const folder of rules.map((r) => r.rule)) {
      for (const { file, object } of fixtures(folder, 'bad')) {
        const rejectedBy = rules.filter((r) => !admits(r.variables, r.expression, object)).map((r) => r.rule);
        expect({ file, ownRuleRejects: rejectedBy.includes(folder) }).toEqual({ file, ownRuleRejects: true });
      }
    }
  });

  test('init, ephemeral and Pod-controller fixtures exist for the container rules', () => {
    const bad = rules.flatMap((r) => fixtures(r.rule, 'bad').map((f) => f.file));
    expect(bad.some((f) => f.includes('init'))).toBe(true);
    expect(bad.some((f) => f.includes('ephemeral'))).toBe(true);
    expect(bad.filter((f) => /baddeployment|badcronjob/.test(f)).length).toBe(rules.length * 2);
  });
});

describe('the shipped Kyverno CLI test agrees with the CEL engine', () => {
  const { files } = render('1.17');
  const cliTest = yaml.load(files.get('cluster/kyverno/tests/kyverno-test.yaml')!) as any;
  const resources = yaml.loadAll(files.get('cluster/kyverno/tests/resources.yaml')!) as any[];
  const rules = new Map(emittedRules('1.17').map((r) => [r.policy, r]));

  test('every listed policy file is synthesized and every result holds', () => {
    for (const p of cliTest.policies) expect(files.has(path.posix.join('cluster/kyverno/tests', p))).toBe(true);
    expect(cliTest.results.length).toBe(cliTest.policies.length * 4);
    for (const res of cliTest.results) {
      const r = rules.get(res.policy)!;
      for (const name of res.resources) {
        const object = resources.find((o) => o.metadata.name === name && o.kind === res.kind);
        expect({ name, found: object !== undefined }).toEqual({ name, found: true });
        expect({ policy: res.policy, name, result: admits(r.variables, r.expression, object) ? 'pass' : 'fail' }).toEqual({
          policy: res.policy,
          name,
          result: res.result,
        });
      }
    }
  });
});
