/**
 * What a synth would do to an output directory, without touching it: the files it would add,
 * change and remove (a synth replaces the whole directory), and their unified diffs.
 */
import * as fs from 'fs';
import * as path from 'path';
import { createTwoFilesPatch } from 'diff';
import { OutputError } from '../errors';
import { OutputFiles } from './render-files';

/** One file a synth would add, change or remove. */
export interface OutputChange {
  /** What would happen to it. */
  readonly change: 'added' | 'changed' | 'removed';
  /** Path relative to the output directory, `/`-separated. */
  readonly file: string;
  /** Current contents (absent for an added file). */
  readonly before?: string;
  /** New contents (absent for a removed file). */
  readonly after?: string;
}

/** Every change, sorted by path. A missing directory means every file is added. */
export function diffOutput(outDir: string, files: OutputFiles): OutputChange[] {
  const existing = readTree(outDir);
  const changes: OutputChange[] = [];
  for (const [file, after] of files) {
    const before = existing.get(file);
    if (before === undefined) changes.push({ change: 'added', file, after });
    else if (before !== after) changes.push({ change: 'changed', file, before, after });
  }
  for (const [file, before] of existing) if (!files.has(file)) changes.push({ change: 'removed', file, before });
  return changes.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** A change as a unified diff (git style: `a/` and `b/` prefixes under the output directory). */
export function unifiedDiff(outDir: string, c: OutputChange): string {
  const name = `${outDir.split(path.sep).join('/').replace(/\/$/, '')}/${c.file}`;
  const patch = createTwoFilesPatch(
    c.change === 'added' ? '/dev/null' : `a/${name}`,
    c.change === 'removed' ? '/dev/null' : `b/${name}`,
    c.before ?? '',
    c.after ?? '',
    undefined,
    undefined,
    { context: 3 },
  );
  // Drop jsdiff's leading "=====" rule; keep the ---/+++ headers and hunks.
  const body = patch.replace(/^=+\n/, '');
  return body.endsWith('\n') ? body : `${body}\n`;
}

/** Every regular file under `dir` by relative path; an empty map when `dir` does not exist. */
function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return out;
    throw new OutputError(`cannot read ${dir} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  if (!stat.isDirectory()) throw new OutputError(`${dir} is not a directory; a synth writes a directory there`);
  const walk = (abs: string, rel: string) => {
    for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(abs, e.name), r);
      else out.set(r, e.isFile() ? fs.readFileSync(path.join(abs, e.name), 'utf8') : '');
    }
  };
  walk(dir, '');
  return out;
}
