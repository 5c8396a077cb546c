/**
 * Parses a multi-document YAML (or JSON) stream, as `helm template` and `kubectl kustomize` print
 * it, and keeps where each document and each of its fields starts.
 */
import * as yaml from 'js-yaml';
import { escapePointer, Position } from '../profile/yaml-source';

/** One document of a stream, with the positions of its nodes. */
export interface YamlDocument {
  /** 0-based index of the document in its stream (empty documents count). */
  readonly index: number;
  /** The parsed value (`null` for an empty document). */
  readonly value: unknown;
  /** Where the document's root node starts. */
  readonly start: Position;
  /** Position of the node at a JSON pointer (a mapping or sequence value: of its key), or of its nearest located parent. */
  locate(pointer: string): Position;
}

/** A syntax error of a stream, located. */
export class YamlStreamError extends Error {
  constructor(
    public readonly position: Position,
    public readonly reason: string,
  ) {
    super(reason);
  }
}

/** Deepest nesting a manifest may have: far above real Kubernetes objects. */
const MAX_DEPTH = 256;

/**
 * Parses every document of `text` (YAML 1.2 core schema). Throws `YamlStreamError` for a syntax
 * error, a duplicate key or an alias bomb.
 */
export function parseYamlDocuments(text: string, file: string): YamlDocument[] {
  let events: yaml.Event[];
  let values: unknown[];
  try {
    events = yaml.parseEvents(text, { filename: file, maxDepth: MAX_DEPTH });
    values = yaml.constructFromEvents(events, { source: text, filename: file, schema: yaml.CORE_SCHEMA, maxAliases: 100, maxTotalMergeKeys: 1000 });
  } catch (e) {
    if (e instanceof yaml.YAMLException) {
      throw new YamlStreamError({ line: (e.mark?.line ?? 0) + 1, column: (e.mark?.column ?? 0) + 1 }, `YAML: ${e.reason}`);
    }
    throw e;
  }
  const lines = lineStarts(text);
  const offsets = documentOffsets(events, text);
  return values.map((value, index) => {
    const map = offsets[index] ?? new Map<string, number>();
    const at = (offset: number | undefined): Position => (offset === undefined ? { line: 1, column: 1 } : position(lines, offset));
    const locate = (pointer: string): Position => {
      for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
        const hit = map.get(p);
        if (hit !== undefined || p === '') return at(hit ?? map.get(''));
      }
    };
    return { index, value, start: at(map.get('')), locate };
  });
}

/** For each document of the stream, the source offset of every node by JSON pointer. */
function documentOffsets(events: readonly yaml.Event[], source: string): Map<string, number>[] {
  const docs: Map<string, number>[] = [];
  let out = new Map<string, number>();
  interface Frame {
    readonly map: boolean;
    readonly pointer: string;
    index: number;
    key: string;
    /** Where the current key starts: a collection value is located at its key. */
    keyStart: number;
  }
  const stack: Frame[] = [];
  // The pointer of the next node, or undefined when the node is a mapping key.
  const next = (): string | undefined => {
    const top = stack[stack.length - 1];
    if (!top) return '';
    if (!top.map) return `${top.pointer}/${top.index++}`;
    return top.index++ % 2 === 0 ? undefined : `${top.pointer}/${escapePointer(top.key)}`;
  };
  for (const e of events) {
    switch (e.type) {
      case yaml.EVENT_ID.DOCUMENT:
        out = new Map<string, number>();
        docs.push(out);
        break;
      case yaml.EVENT_ID.MAPPING:
      case yaml.EVENT_ID.SEQUENCE: {
        const parent = stack[stack.length - 1];
        const pointer = next();
        if (pointer !== undefined) out.set(pointer, parent?.map ? parent.keyStart : e.start);
        // A collection used as a key gets a pointer no path can name.
        stack.push({ map: e.type === yaml.EVENT_ID.MAPPING, pointer: pointer ?? '/\u0000', index: 0, key: '', keyStart: -1 });
        break;
      }
      case yaml.EVENT_ID.SCALAR:
      case yaml.EVENT_ID.ALIAS: {
        const top = stack[stack.length - 1];
        const pointer = next();
        const quoted = e.type === yaml.EVENT_ID.SCALAR && (e.style === yaml.SCALAR_STYLE.SINGLE_QUOTED || e.style === yaml.SCALAR_STYLE.DOUBLE_QUOTED);
        const start = e.type === yaml.EVENT_ID.SCALAR ? e.valueStart - (quoted ? 1 : 0) : e.anchorStart;
        if (pointer !== undefined) out.set(pointer, start);
        else if (top) {
          top.key = e.type === yaml.EVENT_ID.SCALAR ? yaml.getScalarValue(source, e) : '';
          top.keyStart = start;
        }
        break;
      }
      case yaml.EVENT_ID.POP:
        stack.pop();
        break;
    }
  }
  return docs;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function position(starts: readonly number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}
