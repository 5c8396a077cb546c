/**
 * Validates a profile document against `profile.schema.json` with ajv and turns ajv's errors
 * into located, readable problems.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { ProfileProblem } from '../errors';
import profileSchema from './profile.schema.json';
// The schema compiled to code by ajv when building (scripts/generate-profile-validator.js), so
// loading a profile needs neither ajv's compiler nor a compile at every start.
import generatedValidator from './profile-validator.generated';
import { escapePointer, YamlSource } from './yaml-source';

/** The generated validator: ajv standalone code is untyped, but it is a `ValidateFunction` of ajv's. */
const validate = generatedValidator as unknown as ValidateFunction;

/** The published JSON Schema of a profile document. */
export const PROFILE_SCHEMA: object = profileSchema;

/** Converts a JSON pointer to the path users read: `/spec/namespaces/2/tier` → `spec.namespaces[2].tier`. */
export function pointerToPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : !PLAIN_KEY.test(part) ? `${acc}[${JSON.stringify(part)}]` : acc ? `${acc}.${part}` : part), '');
}

/** Keys shown as `.key` in a field path; any other (empty, with '/', spaces or control characters) is shown as `["key"]`. */
const PLAIN_KEY = /^[A-Za-z0-9_$][A-Za-z0-9_$.-]*$/;

/** Returns every schema problem of a parsed profile, located in its file. */
export function schemaProblems(source: YamlSource): ProfileProblem[] {
  return schemaCheck(source).problems;
}

/** Schema problems of a parsed profile, and the JSON pointers of the values they concern. */
export function schemaCheck(source: YamlSource): { problems: ProfileProblem[]; pointers: string[] } {
  if (validate(source.value)) return { problems: [], pointers: [] };
  const seen = new Set<string>();
  const out: ProfileProblem[] = [];
  const pointers: string[] = [];
  for (const err of validate.errors ?? []) {
    const { pointer, key, message } = describe(err);
    pointers.push(pointer);
    const id = `${pointer}|${message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const pos = source.locate(pointer, key);
    out.push({ file: source.file, line: pos.line, column: pos.column, path: pointerToPath(pointer), message });
  }
  return { problems: out, pointers };
}

function describe(err: ErrorObject): { pointer: string; key: boolean; message: string } {
  const pointer = err.instancePath;
  const params = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      const allowed = Object.keys((err.parentSchema as { properties?: object })?.properties ?? {});
      return {
        pointer: `${pointer}/${escapePointer(field)}`,
        key: true,
        message: `unknown field "${field}"${allowed.length ? `; expected one of ${allowed.join(', ')}` : ''}`,
      };
    }
    case 'required':
      return { pointer, key: false, message: `missing required field "${String(params.missingProperty)}"` };
    case 'enum':
      return { pointer, key: false, message: `must be one of ${(params.allowedValues as unknown[]).join(', ')}` };
    case 'const':
      return { pointer, key: false, message: `must be "${String(params.allowedValue)}"` };
    case 'type': {
      const hint = pointer.endsWith('/kubernetesVersion') ? ' such as "1.28" (quote it: unquoted 1.30 reads as 1.3)' : '';
      return { pointer, key: false, message: `must be ${article(String(params.type))}${hint}` };
    }
    case 'format':
      return { pointer, key: false, message: 'must be a calendar date written YYYY-MM-DD' };
    case 'minLength':
      return Number(params.limit) === 1
        ? { pointer, key: false, message: 'must not be empty' }
        : { pointer, key: false, message: `must be at least ${String(params.limit)} characters long` };
    case 'minItems':
      return { pointer, key: false, message: `must list at least ${String(params.limit)} item` };
    case 'maxLength':
      return { pointer, key: false, message: `must be at most ${String(params.limit)} characters long` };
    case 'pattern':
      if (pointer.endsWith('/control')) return { pointer, key: false, message: 'must be a control ID such as HL-NET-001' };
      // The free-text fields' patterns refuse control characters (tab and newline only where text may span lines).
      if (String(params.pattern).startsWith('^[^\\u0000-')) {
        return { pointer, key: false, message: 'must not contain control characters (such as NUL, ESC, BEL or CR)' };
      }
      return { pointer, key: false, message: `must match ${String(params.pattern)}` };
    default:
      return { pointer, key: false, message: err.message ?? 'is invalid' };
  }
}

function article(type: string): string {
  return type === 'array' || type === 'object' || type === 'integer' ? `an ${type}` : `a ${type}`;
}
