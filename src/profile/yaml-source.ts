/**
 * Parses one YAML document with js-yaml and keeps where every key and value starts, so that
 * profile errors can name `file:line:column`.
 */
import * as yaml from 'js-yaml';
import { ProfileProblem } from '../errors';

/** A 1-based position in a file. */
export interface Position {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
}

/** A parsed YAML document and the positions of its nodes, keyed by JSON pointer. */
export interface YamlSource {
  /** The file name used in messages. */
  readonly file: string;
  /** The parsed value. */
  readonly value: unknown;
  /** Returns the position of the value (or, with `key`, of the mapping key) at a JSON pointer, or the nearest parent's. */
  locate(pointer: string, key?: boolean): Position;
}

/** Largest profile hardline reads, in bytes: far above any real profile, far below a memory problem. */
export const MAX_PROFILE_BYTES = 4 * 1024 * 1024;

/** Parse failures, already located. */
export class YamlParseError extends Error {
  constructor(public readonly problem: ProfileProblem) {
    super(problem.message);
  }
}

/**
 * Decodes a profile file's bytes as UTF-8 (a byte order mark is kept for the parser to skip).
 * Throws `YamlParseError` located at the first byte that is not valid UTF-8; U+FFFD written as
 * valid UTF-8 is an ordinary character.
 */
export function decodeUtf8(bytes: Buffer, file: string): string {
  const bad = firstInvalidUtf8(bytes);
  if (bad < 0) return bytes.toString('utf8');
  const p = offsetToPosition(bytes.subarray(0, bad).toString('utf8'), Number.MAX_SAFE_INTEGER);
  throw new YamlParseError({ file, line: p.line, column: p.column, path: '', message: 'file is not valid UTF-8' });
}

/** The offset of the first byte that does not start or continue a valid UTF-8 sequence, or -1. */
function firstInvalidUtf8(b: Buffer): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    // Lead byte: sequence length and the range its second byte must fall in (no overlongs, no surrogates, ≤ U+10FFFF).
    const [n, lo, hi] =
      c >= 0xc2 && c <= 0xdf ? [2, 0x80, 0xbf]
      : c === 0xe0 ? [3, 0xa0, 0xbf]
      : (c >= 0xe1 && c <= 0xec) || c === 0xee || c === 0xef ? [3, 0x80, 0xbf]
      : c === 0xed ? [3, 0x80, 0x9f]
      : c === 0xf0 ? [4, 0x90, 0xbf]
      : c >= 0xf1 && c <= 0xf3 ? [4, 0x80, 0xbf]
      : c === 0xf4 ? [4, 0x80, 0x8f]
      : [0, 0, 0];
    if (n === 0 || i + n > b.length || b[i + 1] < lo || b[i + 1] > hi) return i;
    for (let k = 2; k < n; k++) if (b[i + k] < 0x80 || b[i + k] > 0xbf) return i;
    i += n;
  }
  return -1;
}

/**
 * Parses `text` (one YAML document, YAML 1.2 core schema: dates stay strings) and records positions.
 * Throws `YamlParseError` with a located problem for syntax errors, duplicate keys and aliases bombs.
 */
export function parseYamlSource(text: string, file: string): YamlSource {
  const problemAt = (line: number, column: number, message: string): YamlParseError =>
    new YamlParseError({ file, line, column, path: '', message });
  if (Buffer.byteLength(text, 'utf8') > MAX_PROFILE_BYTES) {
    throw problemAt(1, 1, `file is larger than ${MAX_PROFILE_BYTES / 1024 / 1024} MiB; a profile is a few kilobytes`);
  }
  const eventOptions = { filename: file, maxDepth: 64 };
  let value: unknown;
  try {
    const events = yaml.parseEvents(text, eventOptions);
    const docs = yaml.constructFromEvents(events, {
      source: text,
      filename: file,
      schema: yaml.CORE_SCHEMA,
      maxAliases: 50,
      maxTotalMergeKeys: 1000,
    });
    if (docs.length !== 1) {
      throw problemAt(1, 1, docs.length === 0 ? 'file is empty' : 'file holds several YAML documents; a profile is one');
    }
    value = docs[0];
  } catch (e) {
    if (e instanceof YamlParseError) throw e;
    if (e instanceof yaml.YAMLException) {
      throw problemAt((e.mark?.line ?? 0) + 1, (e.mark?.column ?? 0) + 1, `YAML: ${e.reason}`);
    }
    throw e;
  }
  // Positions are only needed when a problem is reported: the index is built on the first
  // `locate` (re-reading the events, which parsed once already), not on every load.
  let offsets: Map<string, number> | undefined;
  let lines: LineStarts | undefined;
  const locate = (pointer: string, key = false): Position => {
    offsets ??= indexOffsets(yaml.parseEvents(text, eventOptions), text);
    let p = pointer;
    for (;;) {
      const hit = offsets.get(key ? `${p}#key` : p) ?? offsets.get(p);
      if (hit !== undefined) return (lines ??= new LineStarts(text)).position(hit);
      if (p === '') return { line: 1, column: 1 };
      p = p.slice(0, p.lastIndexOf('/'));
      key = false;
    }
  };
  return { file, value, locate };
}

/** Walks the event stream and maps JSON pointers (and `pointer#key`) to source offsets. */
function indexOffsets(events: readonly yaml.Event[], source: string): Map<string, number> {
  const out = new Map<string, number>();
  interface Frame {
    kind: 'map' | 'seq';
    pointer: string;
    index: number; // seq: next item index; map: count of scalars/nodes seen (even = key)
    key?: string;
  }
  const stack: Frame[] = [];
  const childPointer = (): { pointer: string; isKey: boolean } | undefined => {
    const top = stack[stack.length - 1];
    if (!top) return { pointer: '', isKey: false };
    if (top.kind === 'seq') return { pointer: `${top.pointer}/${top.index++}`, isKey: false };
    const isKey = top.index % 2 === 0;
    top.index++;
    if (isKey) return { pointer: top.pointer, isKey: true };
    return { pointer: `${top.pointer}/${escapePointer(top.key ?? '')}`, isKey: false };
  };
  for (const e of events) {
    switch (e.type) {
      case yaml.EVENT_ID.DOCUMENT:
        break;
      case yaml.EVENT_ID.MAPPING:
      case yaml.EVENT_ID.SEQUENCE: {
        const at = childPointer();
        if (at && !at.isKey) out.set(at.pointer, e.start);
        stack.push({ kind: e.type === yaml.EVENT_ID.MAPPING ? 'map' : 'seq', pointer: at?.pointer ?? '', index: 0 });
        break;
      }
      case yaml.EVENT_ID.SCALAR:
      case yaml.EVENT_ID.ALIAS: {
        const top = stack[stack.length - 1];
        const at = childPointer();
        // Quoted scalars start at their opening quote, one before the value.
        const quoted = e.type === yaml.EVENT_ID.SCALAR && (e.style === yaml.SCALAR_STYLE.SINGLE_QUOTED || e.style === yaml.SCALAR_STYLE.DOUBLE_QUOTED);
        const start = e.type === yaml.EVENT_ID.SCALAR ? e.valueStart - (quoted ? 1 : 0) : e.anchorStart;
        if (!at) break;
        if (at.isKey && top) {
          top.key = e.type === yaml.EVENT_ID.SCALAR ? yaml.getScalarValue(source, e) : '';
          out.set(`${top.pointer}/${escapePointer(top.key)}#key`, start);
        } else {
          out.set(at.pointer, start);
        }
        break;
      }
      case yaml.EVENT_ID.POP:
        stack.pop();
        break;
    }
  }
  return out;
}

/** Escapes a key for a JSON pointer (RFC 6901). */
export function escapePointer(key: string): string {
  // Most keys need no escape; skipping the two replaces matters when every key of a large file is indexed.
  return key.includes('~') || key.includes('/') ? key.replace(/~/g, '~0').replace(/\//g, '~1') : key;
}

/**
 * Where each line of a text starts, to turn offsets into positions by binary search: a profile
 * with many problems locates each one without rescanning the file from its start.
 */
class LineStarts {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    // Line breaks as YAML reads them: LF, CRLF and a lone CR (old Mac files).
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  /** The 1-based position of `offset` (clamped to the text as `offsetToPosition` does). */
  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }
}

/** The position of `offset` (clamped to the end of `text`), counting line breaks as `LineStarts` does. */
function offsetToPosition(text: string, offset: number): Position {
  return new LineStarts(text).position(Math.min(offset, text.length));
}
