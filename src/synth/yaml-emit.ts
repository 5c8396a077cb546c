/**
 * A fast YAML writer for rendered manifests that produces exactly the bytes of cdk8s's
 * `Yaml.stringify` (the `yaml` package, YAML 1.1, `lineWidth: 0`).
 *
 * `Yaml.stringify` builds a full document model per object, which dominated synth time at
 * thousands of namespaces. Manifests are plain JSON trees of a few shapes, so this writer emits
 * block mappings and sequences directly. It never decides on its own how a string is quoted: it
 * asks the `yaml` package once per distinct string (cached) and emits its verdict. Anything it
 * does not handle with certainty (multi-line strings, keys that need quoting, non-plain objects,
 * `undefined`) makes it hand the whole document to `Yaml.stringify`, so the bytes never differ.
 * `test/src/synth/yaml-emit.test.ts` checks that on real output and on a fuzzed corpus.
 */
import { Yaml } from 'cdk8s';

/** Thrown inside the fast path when the document needs the general writer. */
class NeedsGeneralWriter extends Error {}

const FALLBACK = new NeedsGeneralWriter('fall back');

/** How a string is written as a mapping value or sequence item; `null` when only the general writer can say. */
const valueForms = new Map<string, string | null>();
/** Whether a string can be written as a plain mapping key. */
const plainKeys = new Map<string, boolean>();

/** Largest number of cached strings; beyond it the cache is cleared (it only saves time). */
const CACHE_LIMIT = 200_000;

/** A key is plain when `yaml` writes it unquoted and it can never need the explicit `? ` form. */
const PLAIN_KEY = /^[A-Za-z0-9_][A-Za-z0-9 ._/,=@+-]*$/;

/**
 * Strings of lower-case letters, digits, '-', '.' and '/' that start with a letter (namespace
 * names, file paths) are plain in YAML 1.1 unless they are one of its boolean or null words:
 * they cannot be numbers, dates or indicators. Checked against `yaml` by the tests. Saves a
 * `yaml` call per distinct namespace name and file path.
 */
const DNS_LABEL = /^[a-z][a-z0-9./-]*$/;
const YAML11_WORDS = new Set(['y', 'yes', 'n', 'no', 'true', 'false', 'on', 'off', 'null']);

/**
 * Returns `Yaml.stringify(doc)` for one document, faster for JSON-like manifests.
 */
export function stringifyManifest(doc: unknown): string {
  try {
    return emitTop(doc);
  } catch (e) {
    if (e !== FALLBACK) throw e;
    return Yaml.stringify(doc);
  }
}

function emitTop(doc: unknown): string {
  if (Array.isArray(doc)) return doc.length === 0 ? '[]\n' : emitSeq(doc, '');
  if (isPlainObject(doc)) return Object.keys(doc).length === 0 ? '{}\n' : emitMap(doc, '');
  throw FALLBACK;
}

/** Block mapping at indentation `indent`; every line (including the first) starts with `indent`. */
function emitMap(obj: Record<string, unknown>, indent: string): string {
  let out = '';
  for (const key of Object.keys(obj)) {
    out += indent + keyForm(key) + ':' + emitAfterKey(obj[key], indent);
  }
  return out;
}

/** Block sequence at indentation `indent` (the `- ` marks start at `indent`). */
function emitSeq(items: readonly unknown[], indent: string): string {
  let out = '';
  for (let i = 0; i < items.length; i++) {
    if (!(i in items)) throw FALLBACK; // sparse array
    out += indent + '-' + emitSeqItem(items[i], indent);
  }
  return out;
}

/** What follows `key:` — a scalar on the same line, or a nested block on the next lines. */
function emitAfterKey(value: unknown, indent: string): string {
  const inner = indent + '  ';
  if (Array.isArray(value)) return value.length === 0 ? ' []\n' : '\n' + emitSeq(value, inner);
  if (isPlainObject(value)) return Object.keys(value).length === 0 ? ' {}\n' : '\n' + emitMap(value, inner);
  return ' ' + scalarForm(value) + '\n';
}

/** What follows `-`: a scalar, or a block whose first line shares the dash's line. */
function emitSeqItem(value: unknown, indent: string): string {
  const inner = indent + '  ';
  if (Array.isArray(value)) return value.length === 0 ? ' []\n' : ' ' + emitSeq(value, inner).slice(inner.length);
  if (isPlainObject(value)) return Object.keys(value).length === 0 ? ' {}\n' : ' ' + emitMap(value, inner).slice(inner.length);
  return ' ' + scalarForm(value) + '\n';
}

function scalarForm(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return stringForm(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (Number.isSafeInteger(value) && !Object.is(value, -0)) return String(value);
      throw FALLBACK;
    case 'object':
      if (value === null) return 'null';
      throw FALLBACK;
    default:
      throw FALLBACK;
  }
}

function stringForm(s: string): string {
  if (DNS_LABEL.test(s) && !YAML11_WORDS.has(s)) return s;
  let form = valueForms.get(s);
  if (form === undefined) {
    // Asked in a mapping-value context; a one-line form (plain or quoted) reads the same after
    // `key: ` and `- ` at any indentation, block scalars (`|`, `>`) do not.
    const written = Yaml.stringify({ k: s });
    const body = written.startsWith('k: ') && written.endsWith('\n') ? written.slice(3, -1) : '\n';
    form = body.includes('\n') || body.startsWith('|') || body.startsWith('>') ? null : body;
    remember(valueForms, s, form);
  }
  if (form === null) throw FALLBACK;
  return form;
}

function keyForm(key: string): string {
  let plain = plainKeys.get(key);
  if (plain === undefined) {
    plain = key.length <= 1000 && PLAIN_KEY.test(key) && !key.endsWith(' ') && Yaml.stringify(key) === `${key}\n`;
    remember(plainKeys, key, plain);
  }
  if (!plain) throw FALLBACK;
  return key;
}

function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
