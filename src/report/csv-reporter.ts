/**
 * Renders a `ComplianceReport` as CSV (RFC 4180: CRLF line ends, fields quoted when they hold a
 * comma, a quote or a line break): one row per (control, object), and one row with empty object
 * columns for a control that governs no object, so every control appears. An excepted row names its
 * exception by id and carries the reason only up to 200 characters; `renderExceptionsCsv` lists every
 * exception once, whole (`compliance/exceptions.csv`).
 */
import { shortReason } from '../controls';
import { ComplianceReport, ControlEntry, ExceptionEntry } from './model';

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
  'exception_id',
  'exception_owner',
  'exception_expires',
  'exception_reason',
  'exception_scope',
  'exception_approved_by',
  'exception_ticket',
  'evidence',
  'enforced_by',
] as const;

/** Renders the report as CSV. */
export function renderCsv(r: ComplianceReport): string {
  return [...csvChunks(r)].join('');
}

/** Characters (about) per piece of `csvChunks`. */
const CHUNK_CHARS = 1 << 18;

/** The bytes of `renderCsv` in pieces of whole rows, about `CHUNK_CHARS` each, so a large report is never one string. */
export function* csvChunks(r: ComplianceReport): Generator<string> {
  // Speed: rows are appended to one string (V8 joins them lazily) and each control's own cells
  // are quoted once, not once per object row.
  let chunk = `${CSV_COLUMNS.map(csvField).join(',')}\r\n`;
  for (const c of r.controls) {
    const head = csvRecord([c.id, c.title, c.status, r.cisBenchmark.version, c.cis.map((x) => x.id).join(' '), c.soc2.map((x) => x.id).join(' ')]);
    // The last two columns: the evidence command and, for an admission control, who enforces it.
    const evidence = `${csvField(c.evidence)},${csvField(c.enforcedBy ?? '')}`;
    if (c.objects.length === 0) chunk += `${head},,,,,,,,,,,,,${evidence}\r\n`;
    const exceptionOf = exceptionsByFile(c);
    for (const o of c.objects) {
      const ex = o.excepted ? exceptionOf.get(o.file) : undefined;
      const object = csvRecord([
        o.kind,
        o.namespace ?? '',
        o.name,
        o.file,
        o.excepted ? 'yes' : 'no',
        ex?.id ?? '',
        ex?.owner ?? '',
        ex?.expires ?? '',
        ex ? shortReason(ex) : '',
        ex?.scopeDescription ?? '',
        ex?.approvedBy ?? '',
        ex?.ticket ?? '',
      ]);
      chunk += `${head},${object},${evidence}\r\n`;
      if (chunk.length >= CHUNK_CHARS) {
        yield chunk;
        chunk = '';
      }
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** Column names of `compliance/exceptions.csv`, in order. */
export const EXCEPTION_CSV_COLUMNS = [
  'exception_id',
  'control_id',
  'namespaces',
  'scope',
  'reason',
  'owner',
  'approved_by',
  'ticket',
  'expires',
  'objects',
] as const;

/** Every exception once, whole, keyed by id (`compliance/exceptions.csv`): the rows of `renderCsv` reference them. */
export function renderExceptionsCsv(r: ComplianceReport): string {
  const rows = r.exceptions.map((e) =>
    csvRecord([e.id, e.control, e.namespaces?.join(' ') ?? '*', e.scopeDescription, e.reason, e.owner, e.approvedBy ?? '', e.ticket ?? '', e.expires, String(e.objects.length)]),
  );
  return [EXCEPTION_CSV_COLUMNS.map(csvField).join(','), ...rows].map((row) => `${row}\r\n`).join('');
}

/** The first of a control's exceptions that applies to each file (one lookup per row instead of a scan). */
function exceptionsByFile(c: ControlEntry): Map<string, ExceptionEntry> {
  const out = new Map<string, ExceptionEntry>();
  for (const e of c.exceptions) {
    for (const x of e.objects) if (!out.has(x.file)) out.set(x.file, e);
  }
  return out;
}

/**
 * Quotes one field as RFC 4180 requires. A field a spreadsheet would read as a formula (starting
 * with `=`, `+`, `-`, `@`, tab or CR) is first prefixed with `'`, so it is shown as text (OWASP's
 * CSV injection advice).
 */
export function csvField(value: string): string {
  const text = startsFormula(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Fields joined with commas, each neutralised and quoted as `csvField` does. */
function csvRecord(fields: readonly string[]): string {
  // Speed: one test over all the fields instead of one per field; most records quote nothing.
  return NEEDS_QUOTES.test(fields.join('')) || fields.some(startsFormula) ? fields.map(csvField).join(',') : fields.join(',');
}

/** First characters that make a spreadsheet read a cell as a formula. */
const FORMULA_START = '=+-@\t\r';

function startsFormula(field: string): boolean {
  return field !== '' && FORMULA_START.includes(field.charAt(0));
}

/** A character that makes a field need quotes. */
const NEEDS_QUOTES = /[",\r\n]/;
