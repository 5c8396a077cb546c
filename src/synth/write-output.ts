/**
 * Writes an output tree atomically: into a temporary sibling directory first, then swapped in
 * with renames, so a failed run never leaves a half-written or missing output directory.
 */
import * as fs from 'fs';
import * as path from 'path';
import { OutputError } from '../errors';
import { FLEET_INDEX, GENERATED_MARKER, OutputStream } from './render-files';

/**
 * Replaces `outDir` with exactly `files` and returns their paths, sorted. Refuses to replace a
 * non-empty directory that hardline did not write (no `kustomization.yaml` starting with the
 * hardline marker). `files` may be produced lazily (`streamFiles`): each file is written as soon
 * as it is produced and not kept, so the whole tree is never in memory at once. An error thrown
 * while producing a file removes the temporary directory and is rethrown as it is.
 */
export function writeOutput(outDir: string, files: OutputStream): string[] {
  const target = path.resolve(outDir);
  assertReplaceable(target, outDir);
  const parent = path.dirname(target);
  let staging: string;
  try {
    fs.mkdirSync(parent, { recursive: true });
    staging = fs.mkdtempSync(path.join(parent, '.hardline-'));
  } catch (e) {
    throw new OutputError(`cannot create a temporary directory next to ${outDir}: ${errorCode(e)}`);
  }
  const written: string[] = [];
  const made = new Set<string>([staging]);
  const fail = (e: unknown): never => {
    fs.rmSync(staging, { recursive: true, force: true });
    throw new OutputError(`writing the output failed (${errorCode(e)}); ${outDir} was left as it was`);
  };
  // Errors thrown while producing the files (or their pieces) are bugs: rethrown as they are.
  const produced = <T>(next: () => T): T => {
    try {
      return next();
    } catch (e) {
      fs.rmSync(staging, { recursive: true, force: true });
      throw e;
    }
  };
  const iterator = files[Symbol.iterator]();
  for (;;) {
    const next = produced(() => iterator.next());
    if (next.done) break;
    const [rel, content] = next.value;
    const file = path.join(staging, rel);
    try {
      const dir = path.dirname(file);
      if (!made.has(dir)) {
        fs.mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      if (typeof content === 'string') fs.writeFileSync(file, content);
    } catch (e) {
      fail(e);
    }
    if (typeof content !== 'string') writePieces(file, content, produced, fail);
    written.push(rel);
  }
  swapIn(staging, target, outDir);
  return written.sort();
}

/** Largest run of pieces joined before one write: few system calls, no file-sized string. */
const WRITE_BATCH = 1 << 20;

/** Writes a file from pieces, joining them into batches of about `WRITE_BATCH` characters. */
function writePieces(file: string, pieces: Iterable<string>, produced: <T>(next: () => T) => T, fail: (e: unknown) => never): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'w');
  } catch (e) {
    fail(e);
  }
  const iterator = produced(() => pieces[Symbol.iterator]());
  let batch = '';
  const flush = () => {
    try {
      const bytes = Buffer.from(batch, 'utf8');
      for (let off = 0; off < bytes.length; ) off += fs.writeSync(fd!, bytes, off, bytes.length - off);
    } catch (e) {
      fs.closeSync(fd!);
      fail(e);
    }
    batch = '';
  };
  for (;;) {
    let next: IteratorResult<string>;
    try {
      next = produced(() => iterator.next());
    } catch (e) {
      fs.closeSync(fd!);
      throw e;
    }
    if (next.done) break;
    if (next.value.length >= WRITE_BATCH / 4) {
      // Speed: a large piece is written as it is; joining it to the batch first would copy it
      // once more when the joined text is flattened for encoding.
      if (batch.length > 0) flush();
      batch = next.value;
      flush();
    } else {
      batch += next.value;
      if (batch.length >= WRITE_BATCH) flush();
    }
  }
  if (batch.length > 0) flush();
  try {
    fs.closeSync(fd!);
  } catch (e) {
    fail(e);
  }
}

function swapIn(staging: string, target: string, shown: string): void {
  const old = fs.existsSync(target) ? `${staging}.old` : undefined;
  try {
    if (old) fs.renameSync(target, old);
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw new OutputError(`cannot move the previous ${shown} aside (${errorCode(e)}); it was left as it was`);
  }
  try {
    fs.renameSync(staging, target);
  } catch (e) {
    if (old) fs.renameSync(old, target);
    fs.rmSync(staging, { recursive: true, force: true });
    throw new OutputError(`cannot move the new output into ${shown} (${errorCode(e)}); the previous output was restored`);
  }
  if (old) fs.rmSync(old, { recursive: true, force: true });
}

function assertReplaceable(target: string, shown: string): void {
  if (!fs.existsSync(target)) return;
  if (!fs.statSync(target).isDirectory()) throw new OutputError(`${shown} exists and is not a directory`);
  if (fs.readdirSync(target).length === 0) return;
  // A single profile's output has a generated kustomization.yaml at its root, a fleet's a fleet.yaml.
  const ours = ['kustomization.yaml', FLEET_INDEX].some((name) => {
    const marker = path.join(target, name);
    return fs.existsSync(marker) && fs.statSync(marker).isFile() && fs.readFileSync(marker, 'utf8').startsWith(GENERATED_MARKER);
  });
  if (!ours) {
    throw new OutputError(
      `refusing to replace ${shown}: it is not empty and was not written by hardline (no generated kustomization.yaml or fleet.yaml)`,
    );
  }
}

function errorCode(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? String(e);
}
