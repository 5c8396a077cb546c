/**
 * Renders a `ComplianceReport` as CSV (RFC 4180: CRLF line ends, fields quoted when they hold a
 * comma, a quote or a line break): one row per (control, object), and one row with empty object
 * columns for a control that governs no object, so every control appears.
 */
import { ComplianceReport } from './model';

/** Column names, in order. */
export const CSV_COLUMNS = [
  'control_id',
  'control_title',
  'status',
  'cis_version',
  'cis_ids',
  'soc2_ids',
  'object_kind',
  'object_namespace',
  'object_name',
  'object_file',
  'excepted',
  'exception_owner',
  'exception_expires',
  'exception_reason',
  'evidence',
] as const;

/** Renders the report as CSV. */
export function renderCsv(r: ComplianceReport): string {
  return [...csvChunks(r)].join('');
}

/** Rows written per piece by `csvChunks`. */
const ROWS_PER_CHUNK = 2000;

/** The bytes of `renderCsv` in pieces of a few thousand rows, so a large report is never one string. */
export function* csvChunks(r: ComplianceReport): Generator<string> {
  let lines: string[] = [CSV_COLUMNS.map(csvField).join(',')];
  const row = (cells: readonly string[]) => {
    lines.push(cells.map(csvField).join(','));
  };
  const flush = () => {
    const chunk = `${lines.join('\r\n')}\r\n`;
    lines = [];
    return chunk;
  };
  for (const c of r.controls) {
    const head = [c.id, c.title, c.status, r.cisBenchmark.version, c.cis.map((x) => x.id).join(' '), c.soc2.map((x) => x.id).join(' ')];
    if (c.objects.length === 0) row([...head, '', '', '', '', '', '', '', '', c.evidence]);
    for (const o of c.objects) {
      const ex = o.excepted ? c.exceptions.find((e) => e.objects.some((x) => x.file === o.file)) : undefined;
      row([...head, o.kind, o.namespace ?? '', o.name, o.file, o.excepted ? 'yes' : 'no', ex?.owner ?? '', ex?.expires ?? '', ex?.reason ?? '', c.evidence]);
      if (lines.length >= ROWS_PER_CHUNK) yield flush();
    }
  }
  if (lines.length > 0) yield flush();
}

/** Quotes one field as RFC 4180 requires. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
