/** Renders a `ComplianceReport` as JSON, valid against `report.schema.json`. */
import { ComplianceReport } from './model';

/** Renders the report as pretty-printed JSON with a trailing newline. */
export function renderJson(r: ComplianceReport): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}
