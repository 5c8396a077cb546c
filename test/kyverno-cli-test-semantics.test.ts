/**
 * The shipped Kyverno CLI test (`kyverno test cluster/kyverno/tests`) says only what hardline's own
 * CEL evaluation says, for both Kyverno APIs (ValidatingPolicy for 1.17, ClusterPolicy for 1.15):
 * every declared result is recomputed from the emitted policies, PolicyExceptions (their CEL
 * matchConditions, or their kyverno.io/v2 match entries and expiry condition) and the values file's
 * namespace labels, never copied; every workload policy has a pass and a fail on Pod and on every
 * controller kind; every PolicyException is tested (skipped in scope, still denied out of it); and
 * tamper protection is decided per identity and operation.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { TESTED_KINDS } from '../src/compose/kyverno-cli-test';
import { parseProfile } from '../src/profile/load-profile';
import { ResolvedProfile } from '../src/profile/types';
import { renderProfile } from '../src/synth/synthesize-profile';
import { admits, evaluateCel } from './helpers/cel';
import { emitted, selects } from './helpers/kyverno-policies';
import { ROOT, TODAY } from './helpers/synth';

const TESTS = 'cluster/kyverno/tests';
const file = path.join(ROOT, 'profiles', 'default.yaml');
const load = (today = TODAY): ResolvedProfile => parseProfile(fs.readFileSync(file, 'utf8'), file, { today, baseDir: path.dirname(file) });

/**
 * More exceptions: namespace-wide (registries in data-sandbox), by label only (Secrets in env in
 * storefront-staging), and HL-ADM-009 naming one production namespace (checkout audits the hardline rules).
 */
const MORE_EXCEPTIONS: ResolvedProfile['exceptions'] = [
  { control: 'HL-ADM-003', namespaces: ['data-sandbox'], reason: 'notebook images come from a mirror (DATA-9)', owner: 'data@acme.example', expires: '2027-03-31' },
  {
    control: 'HL-ADM-007',
    namespaces: ['storefront-staging'],
    selector: { matchLabels: { app: 'legacy-cart' } },
    reason: 'legacy cart reads its token from env (SHOP-4)',
    owner: 'shop@acme.example',
    expires: '2027-03-31',
    approvedBy: 'ciso@acme.example',
    ticket: 'SHOP-4',
  },
  {
    control: 'HL-ADM-009',
    namespaces: ['checkout'],
    reason: 'checkout moves its images to the internal registry (SEC-200)',
    owner: 'checkout@acme.example',
    expires: '2027-03-31',
    approvedBy: 'ciso@acme.example',
    ticket: 'SEC-200',
  },
];

/** The default profile (with more exceptions, when asked) rendered for a Kyverno version. */
function render(kyvernoVersion: string, more: boolean) {
  const profile = load();
  const exceptions = more ? [...profile.exceptions, ...MORE_EXCEPTIONS] : profile.exceptions;
  return renderProfile({ ...profile, exceptions, admission: { ...profile.admission!, kyvernoVersion } });
}

/** Whether a PolicyException lifts `policy` (and rule) for `object` in `namespace` on TODAY, per its own fields. */
function exceptionApplies(ex: any, policy: string, rule: string, object: any, namespace: string): boolean {
  if (ex.apiVersion === 'policies.kyverno.io/v1') {
    if (!ex.spec.policyRefs.some((r: any) => r.name === policy && r.kind === 'ValidatingPolicy')) return false;
    if (!(Date.parse(ex.spec.expiresAt) > Date.parse(`${TODAY}T00:00:00Z`))) return false;
    return ex.spec.matchConditions.every((c: any) => evaluateCel(c.expression, { object, oldObject: null, request: { namespace, operation: 'CREATE' } }) === true);
  }
  expect(ex.apiVersion).toBe('kyverno.io/v2');
  if (!ex.spec.exceptions.some((e: any) => e.policyName === policy && e.ruleNames.includes(rule))) return false;
  // The only condition hardline writes: {{ time_before(time_now_utc(), '<expiresAt>') }} Equals true.
  for (const c of ex.spec.conditions?.all ?? []) {
    const m = /^\{\{ time_before\(time_now_utc\(\), '([^']+)'\) \}\}$/.exec(c.key);
    expect({ key: c.key, understood: m !== null && c.operator === 'Equals' && c.value === true }).toEqual({ key: c.key, understood: true });
    if (!(Date.parse(m![1]) > Date.parse(`${TODAY}T00:00:00Z`))) return false;
  }
  const labels = object.metadata.labels ?? {};
  return ex.spec.match.any.some(({ resources: r }: any) => {
    if (r.kinds && !r.kinds.includes(object.kind)) return false;
    if (r.names && !r.names.includes(object.metadata.name)) return false;
    if (r.namespaces && !r.namespaces.includes(namespace)) return false;
    if (r.selector && !Object.entries(r.selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v)) return false;
    return true;
  });
}

const CASES = [
  ['1.17', 'the default profile', false],
  ['1.15', 'the default profile', false],
  ['1.17', 'the default profile with namespace-wide and label-scoped exceptions', true],
  ['1.15', 'the default profile with namespace-wide and label-scoped exceptions', true],
] as const;

describe.each(CASES)('Kyverno %s, %s: the shipped CLI test agrees with the CEL engine', (kyvernoVersion, _what, more) => {
  const { files, objects } = render(kyvernoVersion, more);
  const manifests = objects.map((o) => o.manifest as any);
  const cliTest = yaml.load(files.get(`${TESTS}/kyverno-test.yaml`)!) as any;
  const resources = yaml.loadAll(files.get(`${TESTS}/resources.yaml`)!) as any[];
  const values = yaml.load(files.get(`${TESTS}/values.yaml`)!) as any;
  const nsLabels = new Map<string, Record<string, string>>(values.namespaceSelector.map((n: any) => [n.name, n.labels]));
  const policyKind = kyvernoVersion === '1.17' ? 'ValidatingPolicy' : 'ClusterPolicy';
  const policies = new Map(
    manifests
      .filter((m) => m.kind === policyKind)
      // Tamper protection (HL-ADM-010) judges UPDATE/DELETE of hardline's objects, not workloads: tested below.
      .filter((m) => m.metadata.name !== 'hl-tamper-protection')
      .map((m) => [m.metadata.name, emitted(m)]),
  );
  const emittedExceptions = manifests.filter((m) => m.kind === 'PolicyException');
  const listedExceptions = (cliTest.exceptions ?? []).map((f: string) => {
    const key = path.posix.join(TESTS, f);
    expect({ file: key, synthesized: files.has(key) }).toEqual({ file: key, synthesized: true });
    return emittedExceptions.find((m) => `../${m.kind.toLowerCase()}-${m.metadata.name}.yaml` === f);
  });
  /** The one resource a result names (`name` or `namespace/name`, as the CLI resolves it: kind is not part of it). */
  const resolve = (ref: string) => {
    const [ns, name] = ref.includes('/') ? ref.split('/') : [undefined, ref];
    const hits = resources.filter((o) => o.metadata.name === name && (ns === undefined || o.metadata.namespace === ns));
    expect({ ref, hits: hits.length }).toEqual({ ref, hits: 1 });
    return hits[0];
  };
  /** The verdict hardline's CEL gives, with the reasons a result could be wrong. */
  const verdict = (res: any, object: any) => {
    const r = policies.get(res.policy)!;
    const ns = object.metadata.namespace;
    expect({ policy: res.policy, known: r !== undefined, rule: res.rule ?? r?.rule }).toEqual({ policy: res.policy, known: true, rule: r?.rule });
    expect({ ref: `${ns}/${object.metadata.name}`, kind: object.kind, inValues: nsLabels.has(ns) }).toEqual({ ref: `${ns}/${object.metadata.name}`, kind: res.kind, inValues: true });
    // A policy that does not select the namespace or kind gives no result at all, which `kyverno test` reports as a failure.
    expect({ policy: res.policy, ns, selected: selects(r.namespaceSelector, nsLabels.get(ns)!), kind: r.kinds.includes(object.kind) }).toEqual({ policy: res.policy, ns, selected: true, kind: true });
    const excepted = listedExceptions.some((ex: any) => ex && exceptionApplies(ex, r.policy, r.rule, object, ns));
    return excepted ? 'skip' : admits(r.variables, r.expression, object) ? 'pass' : 'fail';
  };

  test('every listed policy and exception file is synthesized and no resource is named twice', () => {
    for (const p of cliTest.policies) expect({ p, synthesized: files.has(path.posix.join(TESTS, p)) }).toEqual({ p, synthesized: true });
    expect(listedExceptions.filter((e: any) => e === undefined)).toEqual([]);
    const refs = resources.map((o) => `${o.metadata.namespace}/${o.metadata.name}`);
    expect(refs.filter((r, i) => refs.indexOf(r) !== i)).toEqual([]);
  });

  test('every declared result is what the policy, its exceptions and the namespace labels decide', () => {
    const wrong = cliTest.results.flatMap((res: any) =>
      res.resources.map((ref: string) => ({ policy: res.policy, ref, declared: res.result, decided: verdict(res, resolve(ref)) })).filter((x: any) => x.declared !== x.decided),
    );
    expect(wrong).toEqual([]);
  });

  test('every workload policy has a pass and a fail result on Pod and on every Pod controller kind', () => {
    const missing: string[] = [];
    for (const name of policies.keys()) {
      for (const kind of TESTED_KINDS) {
        for (const outcome of ['pass', 'fail']) {
          if (!cliTest.results.some((r: any) => r.policy === name && r.kind === kind && r.result === outcome)) missing.push(`${name} ${kind} ${outcome}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  test('every PolicyException is listed and tested: skipped in scope, still denied elsewhere and for other workloads', () => {
    expect(emittedExceptions.length).toBe(more ? 3 : 1);
    for (const ex of emittedExceptions) {
      const ns = ex.metadata.namespace;
      expect({ exception: ex.metadata.name, listed: listedExceptions.includes(ex) }).toEqual({ exception: ex.metadata.name, listed: true });
      const skipped = cliTest.results.filter((r: any) => r.result === 'skip').map((r: any) => ({ r, o: resolve(r.resources[0]) }));
      const mine = skipped.filter(({ r, o }: any) => exceptionApplies(ex, r.policy, r.rule ?? policies.get(r.policy)!.rule, o, o.metadata.namespace));
      expect({ exception: ex.metadata.name, skips: mine.length > 0 }).toEqual({ exception: ex.metadata.name, skips: true });
      for (const { r, o } of mine) {
        const fails = cliTest.results.filter((f: any) => f.policy === r.policy && f.result === 'fail').map((f: any) => resolve(f.resources[0]));
        // The same workload in a namespace with the same labels is still denied.
        const elsewhere = fails.some((f: any) => f.kind === o.kind && f.metadata.name === o.metadata.name && f.metadata.namespace !== ns);
        expect({ policy: r.policy, object: `${ns}/${o.metadata.name}`, deniedElsewhere: elsewhere }).toEqual({ policy: r.policy, object: `${ns}/${o.metadata.name}`, deniedElsewhere: true });
      }
      const scoped = (ex.spec.matchConditions ?? []).some((c: any) => c.name === 'in-workload-scope') || ex.spec.match?.any.some((m: any) => m.resources.names || m.resources.selector);
      if (scoped) {
        // Every kind of workload the exception does not name is still denied in its own namespace.
        for (const { r } of mine) {
          const kinds = cliTest.results
            .filter((f: any) => f.policy === r.policy && f.result === 'fail')
            .map((f: any) => resolve(f.resources[0]))
            .filter((o: any) => o.metadata.namespace === ns)
            .map((o: any) => o.kind);
          expect({ policy: r.policy, kinds: [...new Set(kinds)].sort() }).toEqual({ policy: r.policy, kinds: [...TESTED_KINDS].sort() });
        }
      }
    }
  });

  test('the values file labels one test namespace per tier, as HardenedNamespace labels them', () => {
    const namespaces = manifests.filter((m) => m.kind === 'Namespace');
    const strip = (labels: any) => Object.fromEntries(Object.entries(labels).sort().filter(([k]) => k === 'hardline.dev/tier' || /^pod-security\.kubernetes\.io\/(enforce|audit|warn)$/.test(k)));
    const tested = values.namespaceSelector.map((n: any) => JSON.stringify(strip(n.labels)));
    for (const ns of namespaces) expect({ ns: ns.metadata.name, tested: tested.includes(JSON.stringify(strip(ns.metadata.labels))) }).toEqual({ ns: ns.metadata.name, tested: true });
    expect(new Set(values.namespaceSelector.map((n: any) => n.labels['hardline.dev/tier']))).toEqual(new Set(['production', 'staging', 'development']));
  });

  test('no expired exception is in the tests', () => {
    for (const ex of listedExceptions) {
      expect(ex.metadata.annotations['compliance.hardline.dev/exception-expires'] >= TODAY).toBe(true);
    }
  });

  describe('tamper protection (HL-ADM-010): one Test per identity, UPDATE and DELETE', () => {
    const policy = manifests.find((m) => m.metadata.name === 'hl-tamper-protection');
    const tamperTests = [...files.keys()].filter((f) => f.startsWith(`${TESTS}/tamper-protection/`) && f.endsWith('/kyverno-test.yaml'));
    const spec = policyKind === 'ValidatingPolicy' ? policy.spec : policy.spec.rules[0];
    const condition: string = (spec.matchConditions ?? spec.celPreconditions)[0].expression;
    const expression: string = (spec.validations ?? spec.validate.cel.expressions)[0].expression;
    const operations: string[] = spec.matchConstraints?.resourceRules[0].operations ?? spec.match.any[0].resources.operations;
    const allowed = [...expression.matchAll(/'([^']+)'/g)].map((m) => m[1]);

    test('every allowed identity and one outsider have a Test', () => {
      const users = tamperTests.map((t) => {
        const test = yaml.load(files.get(t)!) as any;
        return (yaml.load(files.get(path.posix.join(path.posix.dirname(t), test.userinfo))!) as any).userInfo.username;
      });
      expect(users.filter((u) => allowed.includes(u)).sort()).toEqual([...allowed].sort());
      expect(users.filter((u) => !allowed.includes(u))).toHaveLength(1);
    });

    test.each(tamperTests.map((t) => [path.posix.basename(path.posix.dirname(t)), t]))('%s: every result is what the policy decides', (_n, t) => {
      const test = yaml.load(files.get(t)!) as any;
      const dir = path.posix.dirname(t);
      expect(test.policies.map((p: string) => files.has(path.posix.join(dir, p)))).toEqual([true]);
      const user = (yaml.load(files.get(path.posix.join(dir, test.userinfo))!) as any).userInfo.username;
      const objects = yaml.loadAll(files.get(path.posix.join(dir, test.resources[0]))!) as any[];
      const outcomes = new Set<string>();
      for (const res of test.results) {
        const o = objects.find((x) => x.metadata.name === res.resources[0]);
        expect(operations).toContain(res.operation);
        // kyverno test: UPDATE sets object and oldObject to the resource, DELETE only oldObject.
        const bindings = { object: res.operation === 'DELETE' ? null : o, oldObject: o, request: { operation: res.operation, userInfo: { username: user } } };
        const decided = evaluateCel(condition, bindings) !== true ? 'skip' : evaluateCel(expression, bindings) === true ? 'pass' : 'fail';
        expect({ op: res.operation, name: o.metadata.name, result: res.result }).toEqual({ op: res.operation, name: o.metadata.name, result: decided });
        outcomes.add(res.result);
      }
      expect(outcomes).toEqual(new Set([allowed.includes(user) ? 'pass' : 'fail', 'skip']));
    });
  });
});

describe('an expired exception is never emitted', () => {
  test('synth of the default profile after its earliest exception expires fails', () => {
    const earliest = load().exceptions.map((e) => e.expires).sort()[0];
    const after = new Date(Date.parse(`${earliest}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(() => load(after)).toThrow(/expire/i);
  });
});
