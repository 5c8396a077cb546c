/** Renders a `CheckReport` for people: one line per violation, then a summary. */
import { CheckReport } from './check-report';

/** How text is styled: identity without colour. */
export interface TextStyle {
  /** A failure marker. */
  readonly bad: (s: string) => string;
  /** A success marker. */
  readonly good: (s: string) => string;
  /** Secondary text (rule ids). */
  readonly dim: (s: string) => string;
}

/** No colour. */
export const PLAIN: TextStyle = { bad: (s) => s, good: (s) => s, dim: (s) => s };

/** Renders `report`: `file:line:column: error: message [rule]` per violation, and a summary line. */
export function renderCheckText(report: CheckReport, style: TextStyle = PLAIN): string {
  const lines: string[] = [];
  for (const o of report.objects) {
    for (const v of o.violations) lines.push(`${o.file}:${v.line}:${v.column}: ${style.bad('error')}: ${v.message} ${style.dim(`[${v.rule}]`)}`);
  }
  const s = report.summary;
  const files = `${s.files} ${s.files === 1 ? 'file' : 'files'}`;
  const head = `checked ${s.checked} of ${s.objects} objects in ${files} against profile "${report.profile.name}"`;
  lines.push(
    s.violations === 0
      ? `${head}: ${style.good('no violations')}`
      : `${head}: ${style.bad(`${s.violations} ${s.violations === 1 ? 'violation' : 'violations'}`)} in ${s.failed} ${s.failed === 1 ? 'object' : 'objects'}`,
  );
  return `${lines.join('\n')}\n`;
}
