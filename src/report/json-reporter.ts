/** Renders a `ComplianceReport` as JSON, valid against `report.schema.json`. */
import { ComplianceReport } from './model';

/** Renders the report as pretty-printed JSON with a trailing newline. */
export function renderJson(r: ComplianceReport): string {
  return [...jsonChunks(r)].join('');
}

/** List entries rendered per piece by `jsonChunks`. */
const ENTRIES_PER_CHUNK = 256;

/**
 * The bytes of `renderJson` (`JSON.stringify(r, null, 2)` and a newline) in pieces: one per
 * top-level field, and the report's long lists a few hundred entries at a time, so a large
 * report is written without ever being one string.
 */
export function* jsonChunks(r: ComplianceReport): Generator<string> {
  const fields = Object.entries(r).filter(([, v]) => v !== undefined);
  if (fields.length === 0) {
    yield '{}\n';
    return;
  }
  yield '{';
  let first = true;
  for (const [key, value] of fields) {
    const head = `${first ? '' : ','}\n  ${JSON.stringify(key)}: `;
    first = false;
    if (Array.isArray(value) && value.length > 0) {
      yield `${head}[`;
      for (let i = 0; i < value.length; i += ENTRIES_PER_CHUNK) {
        yield `${i === 0 ? '' : ','}${nestedEntries(value.slice(i, i + ENTRIES_PER_CHUNK))}`;
      }
      yield '\n  ]';
    } else {
      yield `${head}${nestedValue(value)}`;
    }
  }
  yield '\n}\n';
}

/*
 * Speed: native `JSON.stringify` is several times faster than re-indenting its output (a regex
 * per entry) or printing in JS. So each piece is stringified inside a wrapper shaped like its
 * place in the report (`{"x": [entries]}` puts the entries two levels deep, as in
 * `{"objects": [...]}`), which gives exactly the report's indentation; the wrapper's own text
 * is then cut off.
 */

/** `{"x": [` and `\n  ]\n}`: the text `nestedEntries`' wrapper adds around the entries. */
const ENTRIES_OPEN = '{\n  "x": ['.length;
const ENTRIES_CLOSE = '\n  ]\n}'.length;

/** Entries of a top-level list as they read inside it: each on a new line, indented 4, comma-separated. */
function nestedEntries(entries: readonly unknown[]): string {
  const text = JSON.stringify({ x: entries }, null, 2);
  return text.slice(ENTRIES_OPEN, text.length - ENTRIES_CLOSE);
}

/** `{"x": ` and `\n}`: the text `nestedValue`'s wrapper adds around the value. */
const VALUE_OPEN = '{\n  "x": '.length;
const VALUE_CLOSE = '\n}'.length;

/** A top-level field's value as it reads after its key (nested lines indented 2 more). */
function nestedValue(value: unknown): string {
  const text = JSON.stringify({ x: value }, null, 2);
  return text.slice(VALUE_OPEN, text.length - VALUE_CLOSE);
}
