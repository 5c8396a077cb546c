import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv';
import schema from '../../src/report/report.schema.json';
import { REPORT_FIXTURE } from '../helpers/report';
import { cli } from '../helpers/cli';

const profile = REPORT_FIXTURE;

describe('hardline report', () => {
  let work: string;
  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hardline-report-'));
  });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  test('prints Markdown to stdout by default, with days left counted from --date', async () => {
    const r = await cli('report', '--profile', profile, '--date', '2026-11-23');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^# Compliance report: acme-prod/);
    expect(r.stdout).toContain('- Report date: 2026-11-23');
    expect(r.stdout).toMatch(/\| 2027-06-30 \| 219 \|/);
  });

  test('--format json --out writes a schema-valid report to the file and nothing to stdout', async () => {
    const out = path.join(work, 'report.json');
    const r = await cli('report', '--profile', profile, '--format', 'json', '--out', out, '--date', '2026-11-23');
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const report = JSON.parse(fs.readFileSync(out, 'utf8'));
    const validate = new Ajv({ strict: true }).compile(schema);
    expect(validate(report) ? [] : validate.errors).toEqual([]);
    expect(report.asOf).toBe('2026-11-23');
    expect(report.exceptions[0]).toMatchObject({ daysLeft: 219, expiringSoon: false });
    expect(fs.readdirSync(work)).toEqual(['report.json']);
  });

  test.each([
    ['csv', /^control_id,control_title,/],
    ['html', /^<!DOCTYPE html>/],
  ])('--format %s', async (format, head) => {
    const r = await cli('report', '--profile', profile, '--format', format, '--date', '2026-11-23');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(head);
  });

  test('warns on stderr about an exception expiring within 30 days, and flags it in the report', async () => {
    const r = await cli('report', '--profile', profile, '--date', '2027-06-10');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('warning: exception for HL-POD-001 (legacy-billing, owner finance-platform@acme.example) expires on 2027-06-30, in 20 days\n');
    expect(r.stdout).toContain('| 20 ⚠ expires within 30 days |');
  });

  test('an unknown format is a usage error listing the choices', async () => {
    const r = await cli('report', '--profile', profile, '--format', 'xml');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Allowed choices are md, json, csv, html/);
  });

  test.each(['2026-02-31', 'tomorrow'])('--date %s is a usage error (exit 2), as in synth and validate', async (date) => {
    const r = await cli('report', '--profile', profile, '--date', date);
    const s = await cli('synth', '--profile', profile, '--out', 'unused-out', '--date', date);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^error: option '--date <YYYY-MM-DD>' argument '${date}' is invalid\\. "${date}" is not a calendar date written YYYY-MM-DD\\.`));
    expect([s.code, s.stderr]).toEqual([r.code, r.stderr]);
  });

  test('an expired exception fails the report like the synth', async () => {
    const r = await cli('report', '--profile', profile, '--date', '2099-01-01');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/exception for HL-POD-001 expired on 2027-06-30/);
  });

  test('an unwritable --out exits 1 and leaves nothing behind', async () => {
    const r = await cli('report', '--profile', profile, '--out', path.join(work, 'missing', 'r.md'), '--date', '2026-11-23');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: cannot write .*r\.md \(ENOENT\)/);
    expect(fs.readdirSync(work)).toEqual([]);
  });
});

describe('hardline controls and explain', () => {
  test('controls prints the table; --format json the catalog', async () => {
    const table = await cli('controls');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^control\s+CIS 1\.10/);
    const json = await cli('controls', '--format', 'json');
    expect(JSON.parse(json.stdout).length).toBeGreaterThan(0);
    expect((await cli('controls', '--format', 'yaml')).code).toBe(2);
  });

  test('explain prints a control, a CIS ID of one version, a SOC 2 criterion', async () => {
    expect((await cli('explain', 'HL-NET-001')).stdout).toMatch(/^HL-NET-001: /);
    expect((await cli('explain', '5.3.2', '--cis-version', '1.11')).stdout).toMatch(/^CIS 5\.3\.2 in CIS Kubernetes Benchmark v1\.11\.0/);
    expect((await cli('explain', 'CC6.1')).stdout).toMatch(/^SOC 2 CC6\.1/);
    expect((await cli('explain', '5.3.2', '--cis-version', '1.9')).code).toBe(2);
  });

  test('explain of an unknown ID exits 1 with a hint', async () => {
    const r = await cli('explain', 'HL-XYZ-999');
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toMatch(/^error: "HL-XYZ-999" is not a hardline control.*\nhint: run `hardline controls`/);
  });
});
