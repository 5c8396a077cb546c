/**
 * validate predicts synth (issue 14). A property-based test mutates a valid, feature-rich profile
 * (hostile strings, wrong types, deleted and duplicated entries, `__proto__` keys) and runs both
 * commands in-process: neither may reach exit 70 or print a stack trace or a raw control
 * character, and validate's verdict and message must equal synth's. Bounded in time: a fixed
 * number of runs, cut short by fast-check's time limit.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import * as yaml from 'js-yaml';
import { validateProfiles } from '../../../src/synth/validate-profiles';
import { cli } from '../../helpers/cli';
import { snapshotTree } from '../../helpers/tree';

/** A valid profile that reaches most of the composition: flows, workloads, exceptions, RBAC, backup, admission. */
function baseProfile(): Record<string, unknown> {
  return {
    apiVersion: 'hardline.dev/v1alpha1',
    kind: 'Profile',
    metadata: { name: 'prop', description: 'property test' },
    spec: {
      cluster: { name: 'c1', kubernetesVersion: '1.30', apiServer: { cidrs: ['10.0.0.0/28'], port: 443 } },
      namespaces: [
        {
          name: 'api',
          tier: 'production',
          labels: { team: 'api' },
          serviceAccounts: [{ name: 'api' }],
          allow: {
            ingress: [{ name: 'from-web', podSelector: { app: 'api' }, from: [{ namespace: 'web', podSelector: { app: 'web' } }], ports: [{ port: 8443, protocol: 'TCP' }] }],
            egress: [{ name: 'to-kube', podSelector: { app: 'api' }, apiServer: true }],
          },
          workloads: [{ name: 'api', selector: { matchLabels: { app: 'api' } }, replicas: 3, minAvailable: 2 }],
        },
        {
          name: 'web',
          tier: 'staging',
          podSecurity: 'baseline',
          labels: { team: 'web' },
          // The other end of api's from-web ingress: both ends of a flow are declared.
          allow: { egress: [{ name: 'to-api', podSelector: { app: 'web' }, to: [{ namespace: 'api', podSelector: { app: 'api' } }], ports: [{ port: 8443, protocol: 'TCP' }] }] },
        },
        { name: 'lab', tier: 'development' },
      ],
      exceptions: [
        { control: 'HL-POD-001', namespaces: ['web'], reason: 'vendor image runs as root (SEC-1)', owner: 'me@acme.example', expires: '2027-06-30' },
      ],
      rbac: { bindings: [{ namespaces: ['api'], access: 'read-only', subjects: [{ kind: 'Group', name: 'oidc:sre' }] }] },
      backup: { storageLocation: 'main', schedules: [{ name: 'daily', schedule: '0 2 * * *', retentionDays: 30 }] },
      admission: { kyvernoVersion: '1.17', allowedRegistries: ['registry.acme.example'], requiredLabels: ['app'] },
    },
  };
}

/** Hostile and careless values a field may be replaced with. */
const HOSTILE: unknown[] = [
  '', ' ', '__proto__', 'constructor', 'a/b/c', 'Team_A', 'kube-system', 'default', 'fleet.yaml', '../escape',
  'a\u0000b', 'x\ny', '\u001b[31mred', 'bell\u0007', 'cr\rlf', '<script>', '=cmd|x', '-1', '1.028', '1.27', '1.99', '1.30.1',
  '169.254.169.254/32', '0.0.0.0/0', '10.0.0.0/8', '10.0.0.1/28', 'x'.repeat(300), '2026-02-30', '1999-01-01', 'HL-NOPE-001',
  'HL-POD-001', 'HL-NET-002', 'HL-SA-002', 'production', 'staging', 'api', 'web', 'privileged', '*', '25%', '101%',
  0, -1, 1, 65536, 1.5, 1e21, true, false, null, [], {}, ['api', 'api'], { __proto__: null, x: 'y' },
];

/** The hostile strings, as mapping keys. */
const HOSTILE_KEYS = HOSTILE.filter((v): v is string => typeof v === 'string');

type Json = unknown;

/** Every path (array of keys) to a value of `doc`, containers included. */
function paths(doc: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(doc)) doc.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (doc && typeof doc === 'object') for (const k of Object.keys(doc)) out.push(...paths((doc as Record<string, Json>)[k], [...prefix, k]));
  return out;
}

/** One mutation: where and what. */
interface Mutation {
  readonly at: number;
  readonly op: 'replace' | 'delete' | 'duplicate' | 'proto-key' | 'add-key';
  readonly value: number;
}

/** Applies mutations (indices taken modulo what exists) to a fresh copy of the base profile. */
function mutate(mutations: readonly Mutation[]): Json {
  const doc = JSON.parse(JSON.stringify(baseProfile())) as Json;
  for (const m of mutations) {
    const all = paths(doc).filter((p) => p.length > 0);
    const p = all[m.at % all.length];
    const parent = p.slice(0, -1).reduce((o: Json, k) => (o as Record<string | number, Json>)[k], doc) as Record<string | number, Json> | Json[];
    const key = p[p.length - 1];
    const value = structuredHostile(m.value);
    const target = (parent as Record<string | number, Json>)[key];
    if (m.op === 'replace') (parent as Record<string | number, Json>)[key] = value;
    else if (m.op === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete (parent as Record<string, Json>)[key];
    } else if (m.op === 'duplicate') {
      if (Array.isArray(parent)) parent.splice(Number(key), 0, JSON.parse(JSON.stringify(target ?? null)));
      else if (Array.isArray(target)) target.push(JSON.parse(JSON.stringify(target[0] ?? null)));
    } else if (target && typeof target === 'object' && !Array.isArray(target)) {
      // Own keys, as a YAML parser creates them (never the prototype).
      const name = m.op === 'proto-key' ? '__proto__' : HOSTILE_KEYS[m.value % HOSTILE_KEYS.length];
      Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
    }
  }
  return doc;
}

function structuredHostile(i: number): Json {
  const v = HOSTILE[i % HOSTILE.length];
  return v && typeof v === 'object' ? JSON.parse(JSON.stringify(v)) : v;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('replace', 'replace', 'delete', 'duplicate', 'proto-key', 'add-key'),
  value: fc.nat(),
});

/** Control characters other than newline: never printed raw. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe('validate predicts synth', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hardline-property-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('the base profile is valid (so mutations start from a profile synth accepts)', () => {
    const file = path.join(dir, 'base.yaml');
    fs.writeFileSync(file, yaml.dump(baseProfile()));
    expect(validateProfiles({ profiles: [file], fleet: false, today: '2026-11-23' })).toHaveLength(1);
  });

  test('mutated profiles: never exit 70 or a stack trace; validate and synth agree, message for message', async () => {
    const out = path.join(dir, 'out');
    const previous = path.join(dir, 'previous.yaml');
    fs.writeFileSync(previous, yaml.dump(baseProfile()));
    expect((await cli('synth', '--profile', previous, '--out', out, '--date', '2026-11-23')).code).toBe(0);
    let run = 0;
    let failures = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (mutations) => {
        const file = path.join(dir, `p${run++}.yaml`);
        fs.writeFileSync(file, yaml.dump(mutate(mutations), { noRefs: true }));
        const before = snapshotTree(out);
        const v = await cli('validate', '--profile', file, '--date', '2026-11-23');
        const s = await cli('synth', '--profile', file, '--out', out, '--date', '2026-11-23');
        fs.rmSync(file);
        // Shown whole on a failure, with the profile that caused it.
        const broken = [v, s].filter((r) => (r.code !== 0 && r.code !== 1) || /internal error|\n\s+at /.test(r.stderr) || RAW_CONTROL.test(r.stderr + r.stdout));
        expect(broken.map((r) => ({ code: r.code, stderr: r.stderr, profile: yaml.dump(mutate(mutations)) }))).toEqual([]);
        expect(v.code).toBe(s.code);
        if (s.code === 1) {
          failures++;
          expect(v.stderr).toBe(s.stderr);
          expect(snapshotTree(out)).toEqual(before);
        }
      }),
      { ...(process.env.HARDLINE_PROPERTY_SEED ? { seed: Number(process.env.HARDLINE_PROPERTY_SEED) } : {}), numRuns: Number(process.env.HARDLINE_PROPERTY_RUNS ?? 60), interruptAfterTimeLimit: Number(process.env.HARDLINE_PROPERTY_MS ?? 25_000), markInterruptAsFailure: false },
    );
    // The mutations are hostile enough to matter: most of them are refused.
    expect(failures).toBeGreaterThan(run / 2);
  }, Number(process.env.HARDLINE_PROPERTY_MS ?? 25_000) + 35_000);
});
