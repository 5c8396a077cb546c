import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { DOMParser, Element } from '@xmldom/xmldom';
import { findRule } from '../../src/admission';
import { cli, cliWith } from '../helpers/cli';
import { describeWithShared } from '../helpers/shared';
import { ROOT, TODAY } from '../helpers/synth';

const PROFILE = path.join(ROOT, 'profiles', 'default.yaml');
const HELM = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'check', 'helm-shop.yaml'), 'utf8');

/** 1-based line of the first line holding `needle` after the line holding `after`. */
function lineOf(needle: string, after = ''): number {
  const lines = HELM.split('\n');
  const from = after ? lines.findIndex((l) => l.includes(after)) : 0;
  const i = lines.findIndex((l, n) => n >= from && l.includes(needle));
  if (from < 0 || i < 0) throw new Error(`fixture has no "${needle}" after "${after}"`);
  return i + 1;
}

describe('hardline check', () => {
  let work: string;
  let cwd: string;
  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hardline-check-'));
    fs.mkdirSync(path.join(work, 'rendered', 'shop'), { recursive: true });
    fs.writeFileSync(path.join(work, 'rendered', 'shop', 'all.yaml'), HELM);
    cwd = process.cwd();
    process.chdir(work);
  });
  afterEach(() => {
    process.chdir(cwd);
    fs.rmSync(work, { recursive: true, force: true });
  });

  const json = async (...args: string[]) => {
    const r = await cli('check', '--profile', PROFILE, '--format', 'json', ...args);
    return { ...r, report: r.stdout ? JSON.parse(r.stdout) : undefined };
  };

  test('Helm-style output: the compliant Deployment and CronJob pass; the bad Deployment and the Role fail; exit 1', async () => {
    const { code, report } = await json('rendered');
    expect(code).toBe(1);
    expect(report.summary).toEqual({ files: 1, objects: 8, checked: 4, failed: 2, violations: 9 });
    const verdict = (kind: string, name: string) => report.objects.find((o: any) => o.kind === kind && o.name === name);
    expect(verdict('Deployment', 'checkout-web')).toMatchObject({ namespace: 'checkout', violations: [] });
    expect(verdict('CronJob', 'nightly-report')).toMatchObject({ namespace: 'storefront-staging', violations: [] });
    // Services, ConfigMaps and the ServiceAccount are read, not judged.
    expect(report.objects.map((o: any) => o.kind)).toEqual(['Deployment', 'Deployment', 'CronJob', 'Role']);

    const worker = verdict('Deployment', 'checkout-worker');
    expect(worker.file).toBe('rendered/shop/all.yaml');
    expect(worker.line).toBe(lineOf('apiVersion: apps/v1', 'deployment-worker.yaml'));
    const rules = worker.violations.map((v: any) => v.rule);
    // Baseline and restricted Pod Security checks of the admission rule model, and the profile's image rules (production: digest).
    expect(rules).toEqual([
      'disallow-privileged-containers',
      'disallow-host-namespaces',
      'disallow-privilege-escalation',
      'require-run-as-nonroot',
      'disallow-capabilities-strict',
      'restrict-seccomp-strict',
      'disallow-latest-tag',
      'require-image-digest',
    ]);
    const hostNetwork = worker.violations.find((v: any) => v.field === 'spec.template.spec.hostNetwork');
    expect(hostNetwork).toMatchObject({ rule: 'disallow-host-namespaces', line: lineOf('hostNetwork: true'), column: 20 });
    const privileged = worker.violations.find((v: any) => v.field.endsWith('securityContext.privileged'));
    expect(privileged.line).toBe(lineOf('privileged: true'));
    const image = worker.violations.find((v: any) => v.rule === 'disallow-latest-tag');
    expect(image).toMatchObject({ field: 'spec.template.spec.containers[0].image', line: lineOf('worker:latest') });

    const role = verdict('Role', 'shop-reader');
    expect(role.line).toBe(lineOf('apiVersion: rbac', 'role.yaml'));
    expect(role.violations).toEqual([
      expect.objectContaining({ rule: 'HL-RBAC-003', field: 'rules[1]', line: lineOf('- apiGroups', 'configmaps') }),
    ]);
    // Rule metadata carries the control and the CIS / SOC 2 IDs the rule itself implements (the model's claim).
    expect(report.rules.find((r: any) => r.id === 'HL-RBAC-003')).toEqual(
      expect.objectContaining({ control: 'HL-RBAC-003', cis: ['5.1.2'], soc2: ['CC6.1', 'CC6.3'] }),
    );
    const hostNs = findRule('disallow-host-namespaces');
    expect(report.rules.find((r: any) => r.id === 'disallow-host-namespaces')).toEqual({
      id: 'disallow-host-namespaces',
      title: hostNs?.title,
      control: hostNs?.control.id,
      controlTitle: hostNs?.control.title,
      cis: [...new Set(hostNs?.claim.cis.map((c) => c.ids['1.10']))].sort(),
      soc2: hostNs?.claim.soc2.map((c) => c.id).sort(),
    });
    // Every finding names a rule of the list, with the list's control.
    const ruleIds = new Set(report.rules.map((r: any) => r.id));
    for (const o of report.objects) for (const v of o.violations) expect(ruleIds.has(v.rule)).toBe(true);
  });

  test('text: file:line:column per violation and a summary; exit 0 and "no violations" for compliant input', async () => {
    const bad = await cli('check', '--profile', PROFILE, 'rendered/shop/all.yaml');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`rendered/shop/all.yaml:${lineOf('hostNetwork: true')}:20: error: Deployment "checkout-worker" in namespace "checkout" breaks HL-ADM-001 (disallow-host-namespaces`);
    expect(bad.stdout).toMatch(/checked 4 of 8 objects in 1 file against profile "acme-prod": 9 violations in 2 objects\n$/);
    expect(bad.stdout).not.toContain('\u001b[');
    const good = HELM.split('\n---\n').filter((d) => !/checkout-worker|kind: Role/.test(d) || /kind: Service\n/.test(d)).join('\n---\n');
    fs.writeFileSync('good.yaml', good);
    const ok = await cli('check', '--profile', PROFILE, 'good.yaml');
    expect(ok).toEqual({ code: 0, stdout: 'checked 2 of 6 objects in 1 file against profile "acme-prod": no violations\n', stderr: '' });
  });

  test('colour only when the output is coloured (a TTY without NO_COLOR)', async () => {
    const r = await cliWith({ colour: true }, 'check', '--profile', PROFILE, 'rendered');
    expect(r.stdout).toContain('\u001b[31merror\u001b[0m');
  });

  test('stdin (-), multi-document with empty documents, and a List as kubectl prints it', async () => {
    const list = JSON.stringify({
      apiVersion: 'v1',
      kind: 'List',
      items: [
        { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'admins' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [{ kind: 'Group', name: 'system:masters' }] },
      ],
    }, null, 2);
    const stdin = `---\n---\n${list}\n`;
    const r = await cliWith({ readStdin: () => stdin }, 'check', '--profile', PROFILE, '--format', 'json', '-');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.objects).toHaveLength(1);
    const line = (needle: string) => stdin.split('\n').findIndex((l) => l.includes(needle)) + 1;
    // The item starts at its opening brace, after the two empty documents and the List's own fields.
    expect(report.objects[0]).toMatchObject({ file: '<stdin>', kind: 'ClusterRoleBinding', name: 'admins', line: line('"items"') + 1 });
    expect(report.objects[0].violations.map((v: any) => [v.rule, v.field, v.line])).toEqual([
      ['HL-RBAC-005', 'roleRef.name', line('"cluster-admin"')],
      ['HL-RBAC-005', 'subjects[0].name', line('"system:masters"')],
    ]);
  });

  test('an exception in the profile lifts the RBAC rule it names', async () => {
    const profile = fs.readFileSync(PROFILE, 'utf8');
    expect(profile).toMatch(/\n  exceptions:\n/);
    fs.writeFileSync(
      'excepted.yaml',
      profile.replace(/\n  exceptions:\n/, '\n  exceptions:\n    - { control: HL-RBAC-003, reason: "shop reads its TLS secret (TICKET-1)", owner: shop-team, approvedBy: ciso@acme.example, ticket: TICKET-1, expires: "2027-06-30", namespaces: [checkout] }\n'),
    );
    // An exception lives at most 365 days after the date it is checked against, so pin that date.
    const { report } = await json('--profile', 'excepted.yaml', '--date', TODAY, 'rendered');
    expect(report.objects.find((o: any) => o.kind === 'Role').violations).toEqual([]);
  });

  test('bad input: every problem located, exit 1, nothing on stdout', async () => {
    fs.writeFileSync('broken.yaml', 'apiVersion: v1\nkind: ConfigMap\n---\nkind: Pod\n---\n- a\n- b\n---\nkey: [unclosed\n');
    const r = await cli('check', '--profile', PROFILE, 'broken.yaml', 'missing.yaml');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error: the input has 2 problems:\n');
    expect(r.stderr).toMatch(/broken\.yaml:\d+:\d+: YAML: /);
    expect(r.stderr).toContain('missing.yaml:1:1: no such file or directory');
    fs.writeFileSync('shapes.yaml', 'apiVersion: v1\nkind: ConfigMap\n---\nkind: Pod\n---\n- a\n- b\n');
    const s = await cli('check', '--profile', PROFILE, 'shapes.yaml');
    expect(s.stderr).toContain('shapes.yaml:4:1: document 2 has no apiVersion');
    expect(s.stderr).toContain('shapes.yaml:6:1: document 3 is not a Kubernetes object');
    expect(s.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  test('hostile input: an alias bomb and deep nesting are located input errors, not hangs or crashes', async () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 12 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`)].join('\n');
    fs.writeFileSync('bomb.yaml', `apiVersion: v1\nkind: ConfigMap\n${bomb}\n`);
    fs.writeFileSync('deep.yaml', `apiVersion: v1\nkind: ConfigMap\ndata: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    const r = await cli('check', '--profile', PROFILE, 'bomb.yaml', 'deep.yaml');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/bomb\.yaml:\d+:\d+: YAML: /);
    expect(r.stderr).toMatch(/deep\.yaml:\d+:\d+: YAML: /);
    expect(r.stderr).not.toContain('internal error');
  });

  test('usage errors exit 2: no path, an unknown format', async () => {
    expect((await cli('check', '--profile', PROFILE)).code).toBe(2);
    expect((await cli('check', '--profile', PROFILE, '--format', 'xml', 'rendered')).code).toBe(2);
  });

  test('JUnit: one test case per checked object, a failure per violation, read by an XML parser', async () => {
    const r = await cli('check', '--profile', PROFILE, '--format', 'junit', 'rendered');
    expect(r.code).toBe(1);
    const doc = new DOMParser({ onError: (level, msg) => { throw new Error(`${level}: ${msg}`); } }).parseFromString(r.stdout, 'text/xml');
    const root = doc.documentElement as Element;
    expect(root.tagName).toBe('testsuites');
    expect(root.getAttribute('tests')).toBe('4');
    expect(root.getAttribute('failures')).toBe('9');
    const suites = Array.from(root.getElementsByTagName('testsuite'));
    expect(suites.map((s) => s.getAttribute('name'))).toEqual(['rendered/shop/all.yaml']);
    const cases = Array.from(root.getElementsByTagName('testcase'));
    expect(cases.map((c) => c.getAttribute('name'))).toEqual([
      `Deployment checkout/checkout-web (line ${lineOf('apiVersion: apps/v1', 'deployment-web.yaml')})`,
      `Deployment checkout/checkout-worker (line ${lineOf('apiVersion: apps/v1', 'deployment-worker.yaml')})`,
      `CronJob storefront-staging/nightly-report (line ${lineOf('apiVersion: batch/v1')})`,
      `Role checkout/shop-reader (line ${lineOf('apiVersion: rbac')})`,
    ]);
    const failures = (c: Element) => Array.from(c.getElementsByTagName('failure'));
    expect(cases.map((c) => failures(c).length)).toEqual([0, 8, 0, 1]);
    expect(failures(cases[3])[0].getAttribute('type')).toBe('HL-RBAC-003');
    expect(failures(cases[3])[0].textContent).toMatch(/^rendered\/shop\/all\.yaml:\d+:5: rules\[1\]: Role "checkout\/shop-reader": rules\[1\] grants get on secrets/);
  });

  test('JSON output is valid against the check-report schema shipped in the package', async () => {
    const { report } = await json('rendered');
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'src', 'check-cli', 'check-report.schema.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: true });
    const validate = ajv.compile({ ...schema, $schema: undefined });
    expect(validate(report) ? [] : validate.errors).toEqual([]);
    expect(validate({ ...report, extra: 1 })).toBe(false);
  });
});

describeWithShared('hardline check --format sarif', (shared) => {
  let work: string;
  let cwd: string;
  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hardline-sarif-'));
    fs.mkdirSync(path.join(work, 'rendered'));
    fs.writeFileSync(path.join(work, 'rendered', 'shop chart.yaml'), HELM);
    cwd = process.cwd();
    process.chdir(work);
  });
  afterAll(() => {
    process.chdir(cwd);
    fs.rmSync(work, { recursive: true, force: true });
  });

  test('is SARIF 2.1.0, valid against the schema; one result per violation with rule metadata and location', async () => {
    const r = await cli('check', '--profile', PROFILE, '--format', 'sarif', 'rendered');
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    const schema = JSON.parse(fs.readFileSync(path.join(shared, 'schemas', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8'));
    delete schema.$schema; // draft-04; its keywords here mean the same in ajv's default draft
    delete schema.id;
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(log) ? [] : validate.errors).toEqual([]);

    const run = log.runs[0];
    expect(run.results).toHaveLength(9);
    const rules = run.tool.driver.rules;
    for (const res of run.results) {
      expect(rules[res.ruleIndex].id).toBe(res.ruleId);
      expect(res.level).toBe('error');
      expect(res.locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'rendered/shop%20chart.yaml', uriBaseId: '%SRCROOT%' });
    }
    const host = run.results.find((x: any) => x.message.text.includes('hostNetwork'));
    expect(host.locations[0].physicalLocation.region).toEqual({ startLine: lineOf('hostNetwork: true'), startColumn: 20 });
    const rbac = rules.find((x: any) => x.id === 'HL-RBAC-003');
    expect(rbac.help.text).toContain('CIS Kubernetes Benchmark v1.');
    expect(rbac.help.text).toContain('5.1.2');
    expect(rbac.help.text).toContain('SOC 2 (2017 TSC): CC6.1, CC6.3');
    expect(run.tool.driver.version).toBe(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  });
});
