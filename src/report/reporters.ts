/** The report formats and the files every synth writes under `compliance/`. */
import { renderCsv } from './csv-reporter';
import { renderHtml } from './html-reporter';
import { renderJson } from './json-reporter';
import { renderMarkdown } from './markdown-reporter';
import { ComplianceReport } from './model';

/** Formats `hardline report --format` accepts. */
export const REPORT_FORMATS = ['md', 'json', 'csv', 'html'] as const;

/** One report format. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const RENDERERS: { readonly [F in ReportFormat]: (r: ComplianceReport) => string } = {
  md: renderMarkdown,
  json: renderJson,
  csv: renderCsv,
  html: renderHtml,
};

/** Renders the report in one format. */
export function renderReport(report: ComplianceReport, format: ReportFormat): string {
  return RENDERERS[format](report);
}

/** Folder of the output directory the report goes to. */
export const REPORT_FOLDER = 'compliance';

/** The report in every format, by path relative to the output directory (`compliance/report.<format>`). */
export function reportFiles(report: ComplianceReport): Map<string, string> {
  return new Map(streamReportFiles(report));
}

/**
 * The files of `reportFiles`, in the same order, each rendered only when it is reached (at
 * thousands of namespaces each format is tens of MiB; a writer then holds one at a time).
 */
export function* streamReportFiles(report: ComplianceReport): Generator<readonly [string, string]> {
  for (const f of REPORT_FORMATS) yield [`${REPORT_FOLDER}/report.${f}`, renderReport(report, f)];
}
