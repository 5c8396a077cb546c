/** The report formats and the files every synth writes under `compliance/`. */
import { renderAccessReviewCsv } from './access-review';
import { csvChunks, renderCsv, renderExceptionsCsv } from './csv-reporter';
import { htmlChunks, renderHtml } from './html-reporter';
import { jsonChunks, renderJson } from './json-reporter';
import { markdownChunks, renderMarkdown } from './markdown-reporter';
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

/**
 * The report in one format as pieces whose concatenation is `renderReport`'s string, so that a
 * large report is written without ever being one string.
 */
export function reportChunks(report: ComplianceReport, format: ReportFormat): Iterable<string> {
  return CHUNKERS[format](report);
}

const CHUNKERS: { readonly [F in ReportFormat]: (r: ComplianceReport) => Iterable<string> } = {
  md: markdownChunks,
  json: jsonChunks,
  csv: csvChunks,
  html: htmlChunks,
};

/** Renders the report in one format. */
export function renderReport(report: ComplianceReport, format: ReportFormat): string {
  return RENDERERS[format](report);
}

/** Folder of the output directory the report goes to. */
export const REPORT_FOLDER = 'compliance';

/** Path of the access review evidence, relative to the output directory. */
export const ACCESS_REVIEW_FILE = `${REPORT_FOLDER}/access-review.csv`;

/** Path of the exceptions table (every exception once, whole, by id), relative to the output directory. */
export const EXCEPTIONS_CSV_FILE = `${REPORT_FOLDER}/exceptions.csv`;

/**
 * The report in every format, by path relative to the output directory (`compliance/report.<format>`),
 * the access review (`compliance/access-review.csv`) and the exceptions (`compliance/exceptions.csv`).
 */
export function reportFiles(report: ComplianceReport): Map<string, string> {
  return new Map([
    ...REPORT_FORMATS.map((f) => [`${REPORT_FOLDER}/report.${f}`, renderReport(report, f)] as const),
    [ACCESS_REVIEW_FILE, renderAccessReviewCsv(report.accessReview)] as const,
    [EXCEPTIONS_CSV_FILE, renderExceptionsCsv(report)] as const,
  ]);
}

/**
 * The files of `reportFiles`, in the same order, each rendered only when it is reached and in
 * pieces (at thousands of namespaces each format is tens of MiB; a writer then holds at
 * most one of them).
 */
export function* streamReportFiles(report: ComplianceReport): Generator<readonly [string, string | Iterable<string>]> {
  for (const f of REPORT_FORMATS) yield [`${REPORT_FOLDER}/report.${f}`, reportChunks(report, f)];
  yield [ACCESS_REVIEW_FILE, renderAccessReviewCsv(report.accessReview)];
  yield [EXCEPTIONS_CSV_FILE, renderExceptionsCsv(report)];
}
