import Ajv from 'ajv';
import { CONTROLS } from '../../../src/controls';
import { CSV_COLUMNS, csvField, renderCsv } from '../../../src/report/csv-reporter';
import { renderHtml } from '../../../src/report/html-reporter';
import { renderJson } from '../../../src/report/json-reporter';
import { renderMarkdown } from '../../../src/report/markdown-reporter';
import { ComplianceReport } from '../../../src/report/model';
import { groupGaps, MAX_LISTED_OBJECTS, summariseFiles, summariseObjects } from '../../../src/report/group-gaps';
import { renderReport, reportChunks, reportFiles, REPORT_FORMATS } from '../../../src/report/reporters';
import schema from '../../../src/report/report.schema.json';
import { fixtureReport, reportOf } from '../../helpers/report';
import { profileYaml } from '../../helpers/synth';

/** Parses RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cur);
      cur = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cur);
      rows.push(row);
      row = [];
      cur = '';
      i++;
    } else cur += ch;
  }
  if (cur !== '' || row.length > 0) throw new Error('CSV does not end with CRLF');
  return rows;
}

/** A copy of the default report whose texts need escaping in every format. */
function hostileReport(): ComplianceReport {
  const r = fixtureReport({ asOf: '2027-06-10' });
  const tricky = 'a "quoted", piped | <b>bold</b> &\nsecond line';
  return {
    ...r,
    controls: r.controls.map((c, i) => (i === 0 ? { ...c, title: tricky, evidence: `kubectl get x -o jsonpath='{.a,b}'` } : c)),
    exceptions: r.exceptions.map((e) => ({ ...e, reason: tricky })),
  };
}

describe('every format in pieces', () => {
  const big = () => {
    // Enough objects under one control that every format splits its tables into several pieces.
    const r = fixtureReport();
    const first = r.controls.findIndex((c) => c.objects.length > 0);
    const many = Array.from({ length: 4500 }, (_, i) => ({ ...r.controls[first].objects[0], name: `o-${i}`, file: `namespaces/x/o-${i}.yaml` }));
    return { ...r, controls: r.controls.map((c, i) => (i === first ? { ...c, objects: many } : c)) };
  };
  test.each(REPORT_FORMATS.flatMap((f) => [
    [f, 'the fixture', fixtureReport()],
    [f, 'a dated report with texts to escape', hostileReport()],
    [f, 'a report whose tables span several pieces', big()],
    [f, 'a report with no controls or exceptions', { ...fixtureReport(), controls: [], exceptions: [] }],
  ] as const))('%s, %s: the pieces concatenate to exactly the rendered report', (format, _name, report) => {
    const pieces = [...reportChunks(report, format)];
    expect(pieces.every((p) => p.length > 0)).toBe(true);
    expect(pieces.join('')).toBe(renderReport(report, format));
  });

  test('the formats of a large report come in several pieces', () => {
    const r = big();
    for (const f of REPORT_FORMATS) expect([...reportChunks(r, f)].length).toBeGreaterThan(2);
  });
});

describe('JSON reporter', () => {
  const ajv = new Ajv({ strict: true, allErrors: true });
  const validate = ajv.compile(schema);

  test.each([
    ['the deterministic copy', fixtureReport()],
    ['a dated report', fixtureReport({ asOf: '2027-06-10' })],
    ['a report with texts to escape', hostileReport()],
    ['a report with empty lists', { ...fixtureReport(), controls: [], exceptions: [] }],
  ])('%s: the pieces written one by one are exactly JSON.stringify(report, null, 2)', (_name, report) => {
    const pieces = [...reportChunks(report, 'json')];
    expect(pieces.length).toBeGreaterThan(Object.keys(report).length);
    expect(pieces.join('')).toBe(`${JSON.stringify(report, null, 2)}\n`);
    expect(renderJson(report)).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });

  test('values that are hard to print come out exactly as JSON.stringify(value, null, 2) prints them', () => {
    // GIVEN fields and list entries with nested empty lists and objects, escapes, unicode and numbers
    const tricky = {
      empty: [[], {}, [[]], [{}], { a: [], b: {} }],
      text: ['', 'quote " backslash \\ slash /', 'line\nbreak\r\ttab', 'é ü 中文 😀 \u2028 \u2029 \u0001 \ud800', '{\n  "looks": "like json"\n}'],
      numbers: [0, -0, 1, -1.5, 1e21, 1e-7, 123456789.125, Number.MAX_SAFE_INTEGER],
      mixed: [null, true, false, { 'key with "quotes"\n': 1, '': { '': [] } }],
    };
    const report = { ...fixtureReport(), ...tricky, nested: tricky } as unknown as ComplianceReport;
    // WHEN it is rendered in pieces
    const pieces = [...reportChunks(report, 'json')];
    // THEN the pieces join to exactly what JSON.stringify prints, and every piece is non-empty
    expect(pieces.join('')).toBe(`${JSON.stringify(report, null, 2)}\n`);
    expect(pieces.every((p) => p.length > 0)).toBe(true);
  });

  test('a long list is written a bounded number of entries at a time', () => {
    // GIVEN a report with thousands of objects
    const r = fixtureReport();
    const objects = Array.from({ length: 3000 }, (_, i) => ({ ...r.objects[0], name: `o-${i}`, file: `namespaces/x/o-${String(i).padStart(4, '0')}.yaml` }));
    const report = { ...r, objects };
    // WHEN it is rendered in pieces
    const pieces = [...reportChunks(report, 'json')];
    // THEN the objects span many pieces, none of them holding more than a small part of the file
    const whole = pieces.join('');
    expect(whole).toBe(`${JSON.stringify(report, null, 2)}\n`);
    expect(pieces.filter((p) => p.includes('"namespaces/x/o-')).length).toBeGreaterThanOrEqual(10);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(whole.length / 5);
  });

  test.each([
    ['the deterministic copy (no date)', fixtureReport()],
    ['a dated report', fixtureReport({ asOf: '2027-06-10' })],
  ])('%s validates against report.schema.json', (_name, report) => {
    const parsed = JSON.parse(renderJson(report));
    expect(validate(parsed) ? [] : validate.errors).toEqual([]);
    expect(parsed).toEqual(JSON.parse(JSON.stringify(report)));
  });

  test.each(['eks', 'gke', 'aks'])('a report of an %s cluster (provider benchmark, scope, Not Scored items) validates against report.schema.json', (provider) => {
    const text = profileYaml({ namespaces: '    - name: team-a' }).replace('kubernetesVersion: "1.28" }', `kubernetesVersion: "1.28", provider: ${provider} }`);
    const report = reportOf(text);
    const parsed = JSON.parse(renderJson(report));
    expect(validate(parsed) ? [] : validate.errors).toEqual([]);
    expect(parsed.cisBenchmark.scope).toMatch(/kube-bench run --benchmark/);
    // The markdown and HTML say which benchmark and which of its sections the report covers.
    expect(renderMarkdown(report)).toContain(`- Benchmark scope: ${report.cisBenchmark.scope}`);
    expect(renderHtml(report)).toContain('Benchmark scope: ');
  });

  test('the schema rejects what the model forbids', () => {
    const good = JSON.parse(renderJson(fixtureReport()));
    const bad = (mutate: (r: any) => void) => {
      const copy = JSON.parse(JSON.stringify(good));
      mutate(copy);
      return validate(copy);
    };
    expect(bad(() => undefined)).toBe(true);
    expect(bad((r) => (r.controls.find((c: any) => c.objects.length > 0).status = 'gap'))).toBe(false);
    expect(bad((r) => (r.cis.find((c: any) => c.status === 'gap').gap = undefined))).toBe(false);
    expect(bad((r) => (r.cis.find((c: any) => c.status === 'supported').gap = { why: 'x', action: 'y' }))).toBe(false);
    expect(bad((r) => (r.objects[0].controls = []))).toBe(false);
    expect(bad((r) => (r.exceptions[0].daysLeft = 3))).toBe(false);
    expect(bad((r) => (r.surprise = true))).toBe(false);
  });
});

describe('CSV reporter', () => {
  test('quotes fields as RFC 4180 requires', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('')).toBe('');
  });

  test('one row per (control, object), and one row for a control without objects', () => {
    const report = fixtureReport();
    const rows = parseCsv(renderCsv(report));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    const body = rows.slice(1);
    expect(body).toHaveLength(report.controls.reduce((n, c) => n + Math.max(1, c.objects.length), 0));
    for (const r of body) expect(r).toHaveLength(CSV_COLUMNS.length);
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    expect(new Set(body.map((r) => r[col('control_id')]))).toEqual(new Set(CONTROLS.map((c) => c.id)));
    const excepted = body.filter((r) => r[col('excepted')] === 'yes');
    expect(excepted.map((r) => [r[col('control_id')], r[col('object_file')], r[col('exception_owner')], r[col('exception_expires')]])).toEqual([
      ['HL-POD-001', 'namespaces/legacy-billing/namespace-legacy-billing.yaml', 'finance-platform@acme.example', '2027-06-30'],
    ]);
    const na = body.filter((r) => r[col('status')] === 'not-applicable');
    expect(na.every((r) => r[col('object_file')] === '')).toBe(true);
  });

  test('commas, quotes and line breaks survive a round trip', () => {
    const report = hostileReport();
    const rows = parseCsv(renderCsv(report)).slice(1);
    expect(rows[0][1]).toBe(report.controls[0].title);
    expect(rows[0][CSV_COLUMNS.indexOf('evidence')]).toBe(report.controls[0].evidence);
  });
});

describe('Markdown reporter', () => {
  test('names every control with its status, every gap with its reason, the exceptions and the disclaimer', () => {
    const report = fixtureReport();
    const md = renderMarkdown(report);
    for (const c of report.controls) {
      expect(md).toContain(`### ${c.id}`);
      expect(md).toContain(`Status: **${c.status}**. ${c.statusReason}`);
    }
    for (const g of report.cis.filter((c) => c.status === 'gap')) {
      expect(md).toContain(`| ${g.id} | ${g.type} |`);
    }
    for (const o of report.objects) expect(md).toContain(`| \`${o.file}\` |`);
    expect(md).toContain(
      '| HL-POD-001 | legacy-billing | namespace-wide | Vendor billing image runs as root until the 2027 rewrite (SEC-123) | finance-platform@acme.example | ciso@acme.example | SEC-123 | 2027-06-30 |',
    );
    expect(md).toContain(report.disclaimer);
    expect(md).not.toMatch(/days left|Report date/);
  });

  test('a dated report shows days left and flags exceptions expiring within 30 days', () => {
    expect(renderMarkdown(fixtureReport({ asOf: '2027-06-10' }))).toMatch(/\| 2027-06-30 \| 20 ⚠ expires within 30 days \|/);
    expect(renderMarkdown(fixtureReport({ asOf: '2026-11-23' }))).toMatch(/\| 2027-06-30 \| 219 \|/);
  });

  test('escapes pipes and line breaks inside table cells', () => {
    const md = renderMarkdown(hostileReport());
    expect(md).toContain('a "quoted", piped \\| <b>bold</b> & second line');
  });
});

describe('HTML reporter', () => {
  test('is one self-contained page: inline CSS, no script, no external resource', () => {
    const html = renderHtml(fixtureReport());
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
  });

  test('has a print stylesheet: landscape pages, the matrix un-clipped and table headers repeated (Chromium test prints it on A4 and Letter)', () => {
    const html = renderHtml(fixtureReport());
    expect(html).toContain('@page{size:landscape;margin:10mm}');
    const print = html.slice(html.indexOf('@media print{'));
    expect(print).toMatch(/\.scroll\{overflow:visible\}/);
    expect(print).toMatch(/thead\{display:table-header-group\}/);
  });

  test('has a coverage matrix with one row per control and a column per CIS ID and SOC 2 criterion supported', () => {
    const report = fixtureReport();
    const html = renderHtml(report);
    const matrix = html.slice(html.indexOf('<table class="matrix" id="coverage-matrix">'), html.indexOf('</table>', html.indexOf('coverage-matrix')));
    expect(matrix.match(/<tbody>[\s\S]*<\/tbody>/)![0].match(/<tr>/g)).toHaveLength(report.controls.length);
    const cis = new Set(report.controls.flatMap((c) => c.cis.map((x) => x.id)));
    const soc2 = new Set(report.controls.flatMap((c) => c.soc2.map((x) => x.id)));
    expect(matrix.match(/<th class="col"/g)).toHaveLength(cis.size + soc2.size);
    expect(matrix).toContain('<td class="hit implemented" title="HL-NET-001 supports CIS 5.3.2">●</td>');
    expect(matrix).toContain('<td class="hit not-applicable" title="HL-SA-002 supports CIS 5.1.6">●</td>');
  });

  test('escapes HTML in every text', () => {
    const html = renderHtml(hostileReport());
    expect(html).not.toContain('<b>bold</b>');
    expect(html).toContain('a &quot;quoted&quot;, piped | &lt;b&gt;bold&lt;/b&gt; &amp;');
  });

  test('a dated report flags exceptions expiring within 30 days', () => {
    expect(renderHtml(fixtureReport({ asOf: '2027-06-10' }))).toContain('<td class="soon">20 (expires within 30 days)</td>');
  });
});

describe('gap groups and object summaries for the human-readable formats', () => {
  test('groups hold every gap once, in benchmark order inside a group, each group sharing subsection and reason', () => {
    const report = fixtureReport();
    const groups = groupGaps(report);
    const order = report.cis.map((c) => c.id);
    expect(groups.flatMap((g) => g.items.map((c) => c.id)).sort()).toEqual(report.cis.filter((c) => c.status === 'gap').map((c) => c.id).sort());
    for (const g of groups) {
      const at = g.items.map((c) => order.indexOf(c.id));
      expect(at).toEqual([...at].sort((a, b) => a - b));
    }
    expect(new Set(groups.map((g) => JSON.stringify([g.section, g.why, g.action]))).size).toBe(groups.length);
    for (const g of groups) for (const c of g.items) expect([c.section, c.gap!.why, c.gap!.action]).toEqual([g.section, g.why, g.action]);
    expect(groups.length).toBeLessThan(report.summary.cis.gaps / 3);
    const html = renderHtml(report);
    const gaps = html.slice(html.indexOf('<table id="gaps">'), html.indexOf('</table>', html.indexOf('<table id="gaps">')));
    expect(gaps.match(/<tr><td>/g)).toHaveLength(report.summary.cis.gaps);
    expect(gaps.match(/rowspan=/g)).toHaveLength(groups.length * 2);
  });

  test('a few objects are listed by file; many are counted per kind', () => {
    const ref = (i: number, kind: string) => ({ kind, name: `n${i}`, namespace: 'a', file: `a/${kind.toLowerCase()}-n${i}.yaml` });
    expect(summariseObjects([ref(1, 'Role')])).toEqual({ files: ['a/role-n1.yaml'] });
    const many = Array.from({ length: MAX_LISTED_OBJECTS + 1 }, (_, i) => ref(i, i % 2 ? 'Role' : 'NetworkPolicy'));
    expect(summariseObjects(many)).toEqual({ summary: `13 objects (7 NetworkPolicy, 6 Role), listed under their controls` });
  });

  test('files of a report are summarised as their objects are, an unknown file as kind unknown', () => {
    const r = fixtureReport();
    const files = r.objects.map((o) => o.file);
    expect(files.length).toBeGreaterThan(MAX_LISTED_OBJECTS);
    expect(summariseFiles(r, files.slice(0, 2))).toEqual({ files: files.slice(0, 2) });
    expect(summariseFiles(r, files)).toEqual(summariseObjects(r.objects));
    const withUnknown = [...files, 'nowhere/x.yaml'];
    expect(summariseFiles(r, withUnknown).summary).toMatch(new RegExp(`^${files.length + 1} objects \\(.*1 unknown`));
    // the same list in another report is counted against that report's objects
    const other = { ...r, objects: r.objects.map((o) => ({ ...o, kind: 'Other' })) };
    expect(summariseFiles(other, files).summary).toBe(`${files.length} objects (${files.length} Other), listed under their controls`);
    expect(summariseFiles(r, files)).toEqual(summariseObjects(r.objects));
  });
});

describe('report files of a synth', () => {
  test('one file per format under compliance/, each as renderReport gives it', () => {
    const report = fixtureReport();
    const files = reportFiles(report);
    expect([...files.keys()]).toEqual([...REPORT_FORMATS.map((f) => `compliance/report.${f}`), 'compliance/access-review.csv', 'compliance/exceptions.csv']);
    for (const f of REPORT_FORMATS) expect(files.get(`compliance/report.${f}`)).toBe(renderReport(report, f));
  });
});

describe('CSV: formula injection (issue 14)', () => {
  test.each(['=HYPERLINK("http://evil.example")', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx'])('a field starting %j is prefixed with a quote', (value) => {
    const field = csvField(value);
    const unquoted = field.startsWith('"') ? field.slice(1, -1).replace(/""/g, '"') : field;
    expect(unquoted).toBe(`'${value}`);
  });

  test.each(['', 'a=b', 'me@acme.example', 'HL-POD-001'])('%j is left as it is', (value) => {
    expect(csvField(value)).toBe(value);
  });
});
