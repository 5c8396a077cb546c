/**
 * Reads the manifests `hardline check` is given: files, folders (recursively, `*.yaml`, `*.yml`,
 * `*.json`) and stdin (`-`), every document of a multi-document stream and every item of a
 * `List`, each with the file and line it starts at.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ProfileProblem } from '../errors';
import { Position } from '../profile/yaml-source';
import { parseYamlDocuments, YamlStreamError } from './yaml-documents';

/** One Kubernetes object of the input, located. */
export interface ManifestObject {
  /** The file as shown to the user: relative to the working directory, `/`-separated; `<stdin>` for `-`. */
  readonly file: string;
  /** The object. */
  readonly object: Record<string, unknown>;
  /** JSON pointer of the object in its document: `''`, or `/items/3` for an item of a `List`. */
  readonly pointer: string;
  /** Where the object starts (its first field). */
  readonly start: Position;
  /** Position of a field given as a JSON pointer relative to the object, or of its nearest located parent. */
  locate(pointer: string): Position;
}

/** What was read: the objects, and every input problem (unreadable files, bad YAML, non-objects). */
export interface ManifestInput {
  /** Objects in input order (argument order; folders sorted by path). */
  readonly objects: readonly ManifestObject[];
  /** Problems, in input order; any problem makes `hardline check` exit 1. */
  readonly problems: readonly ProfileProblem[];
  /** Files read (stdin as `<stdin>`). */
  readonly files: readonly string[];
}

/** Name of standard input in messages and reports. */
export const STDIN_NAME = '<stdin>';

/** Largest manifest file read, in bytes: rendered charts are far smaller. */
export const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

const MANIFEST_FILE = /\.(ya?ml|json)$/i;
/** Folders a recursive walk does not enter (naming one as an argument still reads it). */
const SKIPPED_DIR = /^(\..*|node_modules)$/;

/** Reads `args` (paths, or `-` for `stdin`), relative to `cwd`. Never throws for bad input: it reports it. */
export function readManifests(args: readonly string[], cwd: string, stdin: () => string): ManifestInput {
  const objects: ManifestObject[] = [];
  const problems: ProfileProblem[] = [];
  const files: string[] = [];
  const problem = (file: string, message: string, at: Position = { line: 1, column: 1 }, field = '') =>
    problems.push({ file, line: at.line, column: at.column, path: field, message });
  const readText = (file: string, read: () => string) => {
    files.push(file);
    let text: string;
    try {
      text = read();
    } catch (e) {
      problem(file, `cannot read it (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
      return;
    }
    if (Buffer.byteLength(text, 'utf8') > MAX_MANIFEST_BYTES) {
      problem(file, `larger than ${MAX_MANIFEST_BYTES / 1024 / 1024} MiB`);
      return;
    }
    parseStream(text, file, objects, problem);
  };
  let stdinRead = false;
  for (const arg of args) {
    if (arg === '-') {
      if (stdinRead) continue;
      stdinRead = true;
      readText(STDIN_NAME, stdin);
      continue;
    }
    const abs = path.resolve(cwd, arg);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch (e) {
      problem(display(cwd, abs), (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : `cannot read it (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
      continue;
    }
    const found = stat.isDirectory() ? manifestFiles(abs) : [abs];
    if (stat.isDirectory() && found.length === 0) problem(display(cwd, abs), 'a directory without *.yaml, *.yml or *.json files');
    for (const file of found) readText(display(cwd, file), () => fs.readFileSync(file, 'utf8'));
  }
  return { objects, problems, files };
}

/** Every manifest file under `dir`, sorted by path, outside dot-folders and node_modules; symbolic-link loops are visited once. */
function manifestFiles(dir: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (d: string) => {
    let real: string;
    try {
      real = fs.realpathSync(d);
    } catch {
      return;
    }
    if (seen.has(real)) return;
    seen.add(real);
    const entries = fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = path.join(d, e.name);
      let isDir = e.isDirectory();
      if (e.isSymbolicLink()) {
        try {
          isDir = fs.statSync(full).isDirectory();
        } catch {
          continue;
        }
      }
      if (isDir) {
        // Tool and VCS folders (.git, .github, node_modules) hold YAML and JSON that are not manifests.
        if (!SKIPPED_DIR.test(e.name)) walk(full);
      }
      else if (MANIFEST_FILE.test(e.name)) out.push(full);
    }
  };
  walk(dir);
  return out;
}

/** A path as the user sees it: relative to `cwd` when inside it, `/`-separated. */
function display(cwd: string, abs: string): string {
  const rel = path.relative(cwd, abs);
  const shown = rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel;
  return shown.split(path.sep).join('/');
}

type Report = (file: string, message: string, at?: Position, field?: string) => void;

function parseStream(text: string, file: string, objects: ManifestObject[], problem: Report): void {
  let docs;
  try {
    docs = parseYamlDocuments(text.replace(/^\uFEFF/, ''), file);
  } catch (e) {
    if (e instanceof YamlStreamError) return problem(file, e.reason, e.position);
    throw e;
  }
  for (const doc of docs) {
    if (doc.value === null || doc.value === undefined) continue; // an empty document, as Helm prints them
    const add = (value: unknown, pointer: string, where: string) => {
      const at = doc.locate(pointer);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return problem(file, `${where} is not a Kubernetes object (a mapping with apiVersion and kind)`, at);
      }
      const o = value as Record<string, unknown>;
      const missing = ['apiVersion', 'kind'].filter((k) => typeof o[k] !== 'string' || o[k] === '');
      if (missing.length > 0) return problem(file, `${where} has no ${missing.join(' and ')}`, at);
      if (/List$/.test(o.kind as string) && Array.isArray(o.items)) {
        o.items.forEach((item, i) => add(item, `${pointer}/items/${i}`, `item ${i} of the ${o.kind as string}`));
        return;
      }
      objects.push({ file, object: o, pointer, start: at, locate: (p) => doc.locate(`${pointer}${p}`) });
    };
    add(doc.value, '', `document ${doc.index + 1}`);
  }
}
