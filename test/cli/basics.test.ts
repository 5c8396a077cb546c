import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { colourWanted } from '../../src/cli/io';
import { cli } from '../helpers/cli';
import { ROOT } from '../helpers/synth';

const PROFILE = path.join(ROOT, 'profiles', 'default.yaml');
const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;

describe('CLI basics', () => {
  test('--version and -V print the package version, exit 0', async () => {
    expect(await cli('--version')).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect((await cli('-V')).stdout).toBe(`${version}\n`);
  });

  test.each(['synth', 'validate', 'check', 'diff', 'report', 'init'])('%s --help shows each default once, and the right one', async (command) => {
    const r = await cli(command, '--help');
    expect(r.code).toBe(0);
    const help = r.stdout.replace(/\s+/g, ' ');
    expect(help).not.toContain('(default: [])');
    for (const option of help.split(/ (?=-[a-zA-Z-])/)) {
      expect((option.match(/default:/g) ?? []).length).toBeLessThanOrEqual(1);
    }
    if (command !== 'init') expect(help).toMatch(/-p, --profile <file(\|dir)?> .*default: "?profiles\/default\.yaml"?\)/);
  });

  test('colour only on a TTY and never with NO_COLOR', () => {
    expect(colourWanted(true, {})).toBe(true);
    expect(colourWanted(false, {})).toBe(false);
    expect(colourWanted(undefined, {})).toBe(false);
    expect(colourWanted(true, { NO_COLOR: '1' })).toBe(false);
    expect(colourWanted(true, { NO_COLOR: '' })).toBe(true); // no-color.org: only a non-empty value
  });
});

describe('hardline validate --format json', () => {
  let work: string;
  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hardline-vjson-'));
  });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  test('a valid profile: valid true, exit 0', async () => {
    const r = await cli('validate', '--profile', PROFILE, '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ valid: true, profiles: [{ file: PROFILE, name: 'acme-prod', namespaces: 5, exceptions: expect.any(Number), exceptionIds: expect.arrayContaining([expect.objectContaining({ id: expect.stringMatching(/^hl-[a-z]+-\d{3}-[0-9a-f]{8}$/) })]), cisVersion: '1.10', admissionEngine: 'kyverno' }], problems: [] });
  });

  test('the native example names its admission engine', async () => {
    const native = path.join(path.dirname(PROFILE), 'native-example.yaml');
    const r = await cli('validate', '--profile', native, '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).profiles[0]).toMatchObject({ name: 'native-example', admissionEngine: 'kubernetes' });
  });

  test('every problem with file, line, column, path and message; exit 1', async () => {
    const text = fs.readFileSync(PROFILE, 'utf8').replace('tier: staging', 'tier: stagign').replace('kubernetesVersion: "1.28"', 'kubernetesVersion: 1.28');
    const bad = path.join(work, 'bad.yaml');
    fs.writeFileSync(bad, text);
    const r = await cli('validate', '--profile', bad, '--format', 'json');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.valid).toBe(false);
    const line = text.split('\n').findIndex((l) => l.includes('tier: stagign')) + 1;
    expect(out.problems).toEqual(
      expect.arrayContaining([{ file: bad, line, column: expect.any(Number), path: 'spec.namespaces[3].tier', message: 'must be one of production, staging, development' }]),
    );
    for (const p of out.problems) expect(Object.keys(p).sort()).toEqual(['column', 'file', 'line', 'message', 'path']);
    expect(out.problems.length).toBeGreaterThanOrEqual(2);
  });
});

describe('hardline report with several profiles: a fleet report', () => {
  let work: string;
  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hardline-fleet-report-'));
    fs.copyFileSync(PROFILE, path.join(work, 'a.yaml'));
    fs.writeFileSync(path.join(work, 'b.yaml'), fs.readFileSync(PROFILE, 'utf8').replace('name: prod-eu-1', 'name: prod-us-1'));
  });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  test('md: a fleet heading listing the clusters, then each cluster\'s report', async () => {
    const r = await cli('report', '--profile', path.join(work, 'a.yaml'), '--profile', path.join(work, 'b.yaml'), '--date', '2026-11-23');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# Fleet compliance report: 2 clusters\n\n- cluster `prod-eu-1`: profile `acme-prod`.*\n- cluster `prod-us-1`/);
    expect(r.stdout.match(/^# Compliance report: acme-prod/gm)).toHaveLength(2);
  });

  test('json: { fleet: [report, report] } for a directory of profiles', async () => {
    const r = await cli('report', '--profile', work, '--format', 'json', '--date', '2026-11-23');
    expect(r.code).toBe(0);
    const fleet = JSON.parse(r.stdout).fleet;
    expect(fleet).toHaveLength(2);
  });

  test('csv or html for a fleet: a clear usage error, exit 2', async () => {
    const r = await cli('report', '--profile', work, '--format', 'csv');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error: a fleet report (2 profiles) is written as md or json, not csv');
  });
});
