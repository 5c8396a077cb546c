import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../helpers/synth';
import { readTree } from '../helpers/files';
import { loadProfile } from '../../src/profile/load-profile';
import { renderProfile } from '../../src/synth/synthesize-profile';
import { cli } from '../helpers/cli';

const snapshot = readTree;

describe('hardline CLI', () => {
  let work: string;
  const defaultProfile = path.join(ROOT, 'profiles', 'default.yaml');
  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hardline-cli-'));
  });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  test('synth writes the default profile and exits 0', async () => {
    const out = path.join(work, 'dist');
    const r = await cli('synth', '--profile', defaultProfile, '--out', out);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const written = renderProfile(loadProfile(defaultProfile)).objects.length;
    expect(r.stdout).toMatch(new RegExp(`wrote ${written} objects for 5 namespaces of profile "acme-prod"`));
    expect(fs.existsSync(path.join(out, 'kustomization.yaml'))).toBe(true);
  });

  test('a malformed profile prints file:line:column: path: message, exits 1, no stack, old output unchanged', async () => {
    const out = path.join(work, 'dist');
    expect((await cli('synth', '--profile', defaultProfile, '--out', out)).code).toBe(0);
    const before = snapshot(out);
    const bad = path.join(work, 'bad.yaml');
    fs.writeFileSync(bad, fs.readFileSync(defaultProfile, 'utf8').replace('tier: staging', 'tier: stagign'));
    const r = await cli('synth', '--profile', bad, '--out', out);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: the profile has 1 problem:\n.*bad\.yaml:\d+:\d+: spec\.namespaces\[3\]\.tier: must be one of production, staging, development\n$/);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    expect(snapshot(out)).toEqual(before);
  });

  test('operations problems (a drain-blocking budget, short audit retention) are all reported, located, exit 1, old output unchanged', async () => {
    const out = path.join(work, 'dist');
    expect((await cli('synth', '--profile', defaultProfile, '--out', out)).code).toBe(0);
    const before = snapshot(out);
    const bad = path.join(work, 'ops.yaml');
    const text = fs.readFileSync(defaultProfile, 'utf8').replace('maxUnavailable: 1', 'maxUnavailable: 0').replace('retentionDays: 90', 'retentionDays: 7');
    fs.writeFileSync(bad, text);
    const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    const r = await cli('synth', '--profile', bad, '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`ops.yaml:${lineOf('maxUnavailable: 0')}:27: spec.namespaces[1].workloads[0].maxUnavailable: PodDisruptionBudget of "checkout/checkout-web": maxUnavailable 0 lets no pod be evicted`);
    expect(r.stderr).toContain(`ops.yaml:${lineOf('retentionDays: 7')}:20: spec.audit.retentionDays: audit logs kept 7 days; CIS 1.2.17 asks for at least 30`);
    expect(r.stderr).toMatch(/^error: the profile has 2 problems:/);
    expect(snapshot(out)).toEqual(before);
  });

  test('an expired exception fails the synth with exit 1', async () => {
    const r = await cli('synth', '--profile', defaultProfile, '--out', path.join(work, 'dist'), '--date', '2099-01-01');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/exception for HL-POD-001 expired on \d{4}-\d{2}-\d{2}/);
    expect(fs.existsSync(path.join(work, 'dist'))).toBe(false);
  });

  test('a missing profile file is a located error, exit 1', async () => {
    const r = await cli('validate', '--profile', path.join(work, 'nope.yaml'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nope\.yaml:1:1: cannot read .*nope\.yaml: no such file/);
  });

  test('validate checks without writing', async () => {
    const r = await cli('validate', '--profile', defaultProfile);
    expect(r.code).toBe(0);
    const exceptions = (fs.readFileSync(defaultProfile, 'utf8').match(/^\s+- control: /gm) ?? []).length;
    expect(r.stdout).toMatch(new RegExp(`ok \\(5 namespaces, ${exceptions} exceptions, CIS Kubernetes Benchmark v1\\.10\\)`));
  });

  test('usage errors exit 2', async () => {
    expect((await cli('synth', '--bogus')).code).toBe(2);
    expect((await cli('frobnicate')).code).toBe(2);
  });

  test('--help exits 0', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/synth/);
  });

  test('--verbose adds the stack to a user error', async () => {
    const r = await cli('validate', '--profile', path.join(work, 'nope.yaml'), '--verbose');
    expect(r.stderr).toMatch(/ProfileError/);
  });
});
