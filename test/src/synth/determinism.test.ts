/**
 * Determinism: the same profile gives the same bytes whatever the order of its namespaces,
 * exceptions and mapping keys; output holds no date but the profile's own; `--date` only
 * decides which exceptions have expired. The one exception is the report's provenance, which
 * names the sha256 of the profile's bytes (a reordered file is a different file) and the `--date`
 * given: `comparable` takes exactly that out (and the checksum lines of report.json it changes).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { run } from '../../../src/cli/program';
import { ROOT } from '../../helpers/synth';
import { comparable, snapshotTree } from '../../helpers/tree';
import { prng } from '../../helpers/prng';


function shuffled<T>(items: readonly T[], rand: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Shuffles every mapping's keys, and the namespaces and exceptions lists (order there carries no meaning). */
function shuffleDeep(value: unknown, rand: () => number, key = ''): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => shuffleDeep(v, rand));
    return key === 'namespaces' || key === 'exceptions' ? shuffled(items, rand) : items;
  }
  if (value && typeof value === 'object') {
    const entries = shuffled(Object.entries(value as Record<string, unknown>), rand);
    return Object.fromEntries(entries.map(([k, v]) => [k, shuffleDeep(v, rand, k)]));
  }
  return value;
}

/** A profile with many namespaces, labels and exceptions. */
function bigProfile(): Record<string, unknown> {
  const tiers = ['production', 'staging', 'development'];
  return {
    apiVersion: 'hardline.dev/v1alpha1',
    kind: 'Profile',
    metadata: { name: 'shuffle', description: 'determinism check' },
    extends: ['soc2'],
    spec: {
      cluster: { name: 'det-1', kubernetesVersion: '1.31' },
      tiers: { staging: { podSecurity: { warn: 'restricted', audit: 'restricted' } } },
      namespaces: Array.from({ length: 40 }, (_, i) => ({
        name: `ns-${String(i).padStart(2, '0')}`,
        tier: tiers[i % 3],
        ...(i === 7 ? { podSecurity: 'baseline' } : {}),
        labels: { team: `t${i % 5}`, zone: `z${i % 2}`, 'app.kubernetes.io/part-of': 'shop' },
      })),
      exceptions: [
        { control: 'HL-POD-001', namespaces: ['ns-07'], reason: 'legacy image runs as root (SEC-7)', owner: 'a@x.example', approvedBy: 'ciso@x.example', ticket: 'SEC-7', scope: 'namespace', expires: '2027-03-31' },
        { control: 'HL-SA-001', namespaces: ['ns-09', 'ns-03'], reason: 'CI runner needs its token (SEC-9)', owner: 'b@x.example', approvedBy: 'ciso@x.example', ticket: 'SEC-9', expires: '2027-02-28' },
      ],
    },
  };
}

async function synth(profile: string, out: string, date = '2026-11-23') {
  let stderr = '';
  const code = await run(['synth', '--profile', profile, '--out', out, '--date', date], { stdout: () => undefined, stderr: (t) => (stderr += t) });
  // Expiry warnings (an exception within 30 days of --date) are expected; nothing else on stderr.
  expect({ code, stderr: stderr.replace(/^warning: .*\n/gm, '') }).toEqual({ code: 0, stderr: '' });
  return snapshotTree(out);
}

describe('determinism', () => {
  let work: string;
  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hardline-det-'));
  });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  test.each([
    ['a generated profile of 40 namespaces', () => bigProfile()],
    ['the shipped default profile', () => yaml.load(fs.readFileSync(path.join(ROOT, 'profiles', 'default.yaml'), 'utf8')) as Record<string, unknown>],
  ])('%s: shuffled namespaces, exceptions and keys give identical bytes, twice', async (_, make) => {
    const original = path.join(work, 'original.yaml');
    fs.writeFileSync(original, JSON.stringify(make(), null, 2)); // JSON is YAML
    const reference = comparable(await synth(original, path.join(work, 'ref')));
    expect(Object.keys(reference).length).toBeGreaterThan(10);
    for (const seed of [1, 2, 3]) {
      const shuffledFile = path.join(work, `shuffled-${seed}.yaml`);
      const text = JSON.stringify(shuffleDeep(make(), prng(seed)), null, 2);
      expect(text).not.toBe(JSON.stringify(make(), null, 2));
      fs.writeFileSync(shuffledFile, text);
      expect(comparable(await synth(shuffledFile, path.join(work, `out-${seed}`)))).toEqual(reference);
      expect(comparable(await synth(shuffledFile, path.join(work, `out-${seed}`)))).toEqual(reference); // and again, over itself
    }
  });

  test('no output holds a date or time other than the profile’s own', async () => {
    const file = path.join(work, 'p.yaml');
    fs.writeFileSync(file, JSON.stringify(bigProfile()));
    const out = await synth(file, path.join(work, 'out'));
    // The profile's own dates, and the --date the provenance records.
    const profileDates = new Set([...(JSON.stringify(bigProfile()).match(/\d{4}-\d{2}-\d{2}/g) ?? []), '2026-11-23']);
    for (const [name, hex] of Object.entries(out)) {
      const body = Buffer.from(hex, 'hex').toString('utf8');
      for (const d of body.match(/\b\d{4}-\d{2}-\d{2}\b/g) ?? []) expect({ name, d, fromProfile: profileDates.has(d) }).toEqual({ name, d, fromProfile: true });
      expect({ name, time: body.match(/\b\d{2}:\d{2}(:\d{2})?\b|T\d{2}:\d{2}/)?.[0] }).toEqual({ name, time: undefined });
      expect(body).not.toMatch(new RegExp(String(new Date().getUTCFullYear()) + '-' + String(new Date().getUTCMonth() + 1).padStart(2, '0')));
    }
  });

  test('--date decides expiry only: any date before every expiry (and within 365 days of each) gives the same bytes', async () => {
    const file = path.join(work, 'p.yaml');
    fs.writeFileSync(file, JSON.stringify(bigProfile()));
    const a = await synth(file, path.join(work, 'a'), '2026-04-01');
    const b = await synth(file, path.join(work, 'b'), '2027-02-28');
    expect(comparable(b)).toEqual(comparable(a));
    let stderr = '';
    const code = await run(['synth', '--profile', file, '--out', path.join(work, 'c'), '--date', '2027-03-01'], {
      stdout: () => undefined,
      stderr: (t) => (stderr += t),
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/exception for HL-SA-001 expired on 2027-02-28/);
  });
});
