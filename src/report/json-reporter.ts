/** Renders a `ComplianceReport` as JSON, valid against `report.schema.json`. */
import { ComplianceReport } from './model';

/** Renders the report as pretty-printed JSON with a trailing newline. */
export function renderJson(r: ComplianceReport): string {
  return [...jsonChunks(r)].join('');
}

/**
 * The bytes of `renderJson` (`JSON.stringify(r, null, 2)` and a newline) in pieces, one per entry
 * of the report's lists, so a large report is written without ever being one string.
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
    yield `${first ? '' : ','}\n  ${JSON.stringify(key)}: `;
    first = false;
    if (Array.isArray(value) && value.length > 0) {
      yield '[';
      for (let i = 0; i < value.length; i++) yield `${i === 0 ? '' : ','}\n    ${indented(value[i], '    ')}`;
      yield '\n  ]';
    } else {
      yield indented(value, '  ');
    }
  }
  yield '\n}\n';
}

/** `JSON.stringify(value, null, 2)` as it reads nested at indentation `pad` (strings escape their line breaks). */
function indented(value: unknown, pad: string): string {
  return (JSON.stringify(value, null, 2) ?? 'null').replace(/\n/g, `\n${pad}`);
}
