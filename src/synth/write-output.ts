/**
 * Writes an output tree atomically: into a temporary sibling directory first, then swapped in
 * with renames, so a failed run never leaves a half-written or missing output directory.
 */
import * as fs from 'fs';
import * as path from 'path';
import { OutputError } from '../errors';
import { writeChecksums } from './checksums';
import { FLEET_INDEX, GENERATED_MARKER, OutputStream } from './render-files';

/**
 * Replaces `outDir` with exactly `files` and returns their paths, sorted. Refuses to replace a
 * non-empty directory that hardline did not write (no `kustomization.yaml` starting with the
 * hardline marker). `files` may be produced lazily (`streamFiles`): each file is written as soon
 * as it is produced and not kept, so the whole tree is never in memory at once. An error thrown
 * while producing a file removes the temporary directory and is rethrown as it is.
 */
export function writeOutput(outDir: string, files: OutputStream, options: { readonly checksums?: boolean } = {}): string[] {
  const staging = OutputStaging.open(outDir);
  try {
    const written = staging.writeAll(files);
    if (options.checksums) written.push(staging.writeChecksums());
    staging.commit();
    return written.sort();
  } catch (e) {
    staging.abort();
    throw e;
  }
}

/**
 * `writeOutput`, giving a pending SIGINT or SIGTERM its turn before the swap: composing and writing
 * are synchronous, so a signal that arrived meanwhile is only handled once the event loop runs. Its
 * handler (`bin.ts`) removes the staging directory and exits with 130 or 143, and the previous output
 * stays byte for byte; without this turn the signal would be handled after the swap, or never.
 */
export async function writeOutputAsync(outDir: string, files: OutputStream, options: { readonly checksums?: boolean } = {}): Promise<string[]> {
  const staging = OutputStaging.open(outDir);
  try {
    const written = staging.writeAll(files);
    if (options.checksums) written.push(staging.writeChecksums());
    await yieldToSignals();
    staging.commit();
    return written.sort();
  } catch (e) {
    staging.abort();
    throw e;
  }
}

/**
 * Resolves after one turn of the event loop, in which a signal that arrived during synchronous work
 * runs its handler (the poll phase reads libuv's signal pipe before `setImmediate` callbacks run).
 */
export function yieldToSignals(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A temporary directory next to the output directory that is filled and then swapped in with
 * renames (`commit`), or removed (`abort`): a failed run never leaves a half-written or missing
 * output directory. Its owner calls `abort` on any failure (once nothing else writes into it).
 * Files may also be written into `dir` by other threads (`writeFileInto`); `failure` gives the
 * error for their failed writes.
 */
export class OutputStaging {
  /**
   * Checks that `outDir` may be replaced (see `writeOutput`) and creates the temporary directory.
   * Throws `OutputError`.
   */
  public static open(outDir: string): OutputStaging {
    const target = path.resolve(outDir);
    assertReplaceable(target, outDir);
    const parent = path.dirname(target);
    let createdParent: string | undefined;
    try {
      // The first directory this run created (undefined when the parent existed): a failed run removes it again.
      createdParent = fs.mkdirSync(parent, { recursive: true });
      const staging = new OutputStaging(fs.mkdtempSync(path.join(parent, '.hardline-')), target, outDir, createdParent);
      OPEN.add(staging);
      return staging;
    } catch (e) {
      if (createdParent) removeEmptyDirs(parent, createdParent);
      throw new OutputError(`cannot create a temporary directory next to ${outDir}: ${errorCode(e)}`);
    }
  }

  /**
   * Removes every staging directory still open (and the parent folders their runs created):
   * for a process that is interrupted (SIGINT, SIGTERM) before its output was swapped in.
   */
  public static abortAll(): void {
    for (const staging of [...OPEN]) staging.abort();
  }

  private readonly made = new Set<string>();

  private constructor(
    /** The temporary directory. */
    public readonly dir: string,
    private readonly target: string,
    private readonly shown: string,
    private readonly createdParent: string | undefined,
  ) {}

  /**
   * Writes every file of `files` (see `writeOutput`) and returns their paths in the order
   * written. A failed write throws `OutputError`; an error thrown while producing a file is
   * rethrown as it is. Either way the owner then calls `abort`.
   */
  public writeAll(files: OutputStream): string[] {
    const written: string[] = [];
    const iterator = files[Symbol.iterator]();
    for (;;) {
      let next: IteratorResult<readonly [string, string | Iterable<string>]>;
      try {
        next = iterator.next();
        if (next.done) break;
        writeFileInto(this.dir, next.value[0], next.value[1], this.made);
      } catch (e) {
        throw e instanceof WriteFailure ? this.failure(e.code) : e;
      }
      written.push(next.value[0]);
    }
    return written;
  }

  /** The `OutputError` of a failed write (`code`: the errno code). */
  public failure(code: string): OutputError {
    return new OutputError(`writing the output failed (${code}); ${this.shown} was left as it was`);
  }

  /** Writes `compliance/SHA256SUMS` for every file in the directory so far (call after the last write); returns its path. */
  public writeChecksums(): string {
    try {
      return writeChecksums(this.dir);
    } catch (e) {
      throw this.failure(errorCode(e));
    }
  }

  /**
   * Removes the directory (again, harmlessly, after a failed `commit`), and the parent folders
   * this run created when they are empty; the output directory is left as it was.
   */
  public abort(): void {
    OPEN.delete(this);
    fs.rmSync(this.dir, { recursive: true, force: true });
    if (this.createdParent && !fs.existsSync(this.target)) removeEmptyDirs(path.dirname(this.target), this.createdParent);
  }

  /** Swaps the directory in for the output directory (removing the previous output). */
  public commit(): void {
    swapIn(this.dir, this.target, this.shown);
    OPEN.delete(this);
  }
}

/** Staging directories opened and neither committed nor aborted yet. */
const OPEN = new Set<OutputStaging>();

/** Removes `dir` and its ancestors up to and including `top` while they are empty. */
function removeEmptyDirs(dir: string, top: string): void {
  for (let d = dir; ; d = path.dirname(d)) {
    try {
      fs.rmdirSync(d);
    } catch {
      return; // not empty (or gone): stop
    }
    if (d === top || path.dirname(d) === d) return;
  }
}

/** A file system error met while writing a file (not an error thrown while producing its content). */
export class WriteFailure extends Error {
  constructor(
    /** The errno code (`EACCES`), or the error as text. */
    public readonly code: string,
  ) {
    super(`write failed: ${code}`);
  }
}

/**
 * Writes a file `rel` under `dir`, creating its parent directories once each (`made` remembers
 * them). Content given in pieces is joined into batches of about `WRITE_BATCH` characters: few
 * system calls, and never one file-sized string. A file system error is thrown as `WriteFailure`;
 * an error thrown while producing a piece is rethrown as it is. Used by `OutputStaging` and by
 * threads that write into its directory.
 */
export function writeFileInto(dir: string, rel: string, content: string | Iterable<string>, made: Set<string>): void {
  const file = path.join(dir, rel);
  const fsCall = <T>(call: () => T): T => {
    try {
      return call();
    } catch (e) {
      throw new WriteFailure(errorCode(e));
    }
  };
  const parent = path.dirname(file);
  if (!made.has(parent)) {
    fsCall(() => fs.mkdirSync(parent, { recursive: true }));
    made.add(parent);
  }
  if (typeof content === 'string') {
    fsCall(() => fs.writeFileSync(file, content));
    return;
  }
  const fd = fsCall(() => fs.openSync(file, 'w'));
  let written = false;
  try {
    let batch = '';
    const flush = () => {
      const bytes = Buffer.from(batch, 'utf8');
      for (let off = 0; off < bytes.length; ) off += fsCall(() => fs.writeSync(fd, bytes, off, bytes.length - off));
      batch = '';
    };
    for (const piece of content) {
      if (piece.length >= WRITE_BATCH / 4) {
        // Speed: a large piece is written as it is; joining it to the batch first would copy it
        // once more when the joined text is flattened for encoding.
        if (batch.length > 0) flush();
        batch = piece;
        flush();
      } else {
        batch += piece;
        if (batch.length >= WRITE_BATCH) flush();
      }
    }
    if (batch.length > 0) flush();
    written = true;
  } finally {
    if (written) fsCall(() => fs.closeSync(fd));
    else closeQuietly(fd);
  }
}

/** Closes a file after a failure, keeping that failure (not a closing error) as the one reported. */
function closeQuietly(fd: number): void {
  try {
    fs.closeSync(fd);
  } catch {
    // the first error is the one that matters
  }
}

/** Largest run of pieces joined before one write: few system calls, no file-sized string. */
const WRITE_BATCH = 1 << 20;

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

/** The errno code of a file system error (`EACCES`), or the error as text. */
export function errorCode(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? String(e);
}
