/**
 * Renders a `CheckReport` as JUnit XML, as CI systems show test results: a test suite per file,
 * a test case per checked object, a failure per violation.
 */
import { CheckReport, ReportObject } from './check-report';

/** Renders `report` as a JUnit XML document. */
export function renderCheckJunit(report: CheckReport): string {
  const byFile = new Map<string, ReportObject[]>();
  for (const o of report.objects) byFile.set(o.file, [...(byFile.get(o.file) ?? []), o]);
  const s = report.summary;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attr(`hardline check (profile ${report.profile.name})`)}" tests="${s.checked}" failures="${s.violations}" errors="0">`,
  ];
  for (const [file, objects] of byFile) {
    const failures = objects.reduce((n, o) => n + o.violations.length, 0);
    out.push(`  <testsuite name="${attr(file)}" tests="${objects.length}" failures="${failures}" errors="0" skipped="0" file="${attr(file)}">`);
    for (const o of objects) {
      const name = `${o.kind} ${o.namespace !== undefined ? `${o.namespace}/` : ''}${o.name} (line ${o.line})`;
      const head = `    <testcase name="${attr(name)}" classname="${attr(`hardline.${o.kind}`)}"`;
      if (o.violations.length === 0) {
        out.push(`${head}/>`);
        continue;
      }
      out.push(`${head}>`);
      for (const v of o.violations) {
        out.push(`      <failure type="${attr(v.rule)}" message="${attr(v.message)}">${text(`${file}:${v.line}:${v.column}: ${v.field ? `${v.field}: ` : ''}${v.message}`)}</failure>`);
      }
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

/** Drops characters XML 1.0 cannot hold at all (control characters other than tab, newline, return). */
function xmlChars(s: string): string {
  return s.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD');
}

function text(s: string): string {
  return xmlChars(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
