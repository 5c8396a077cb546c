/**
 * Expands the `--profile` arguments of the CLI: files as they are, directories to every
 * `*.yaml` / `*.yml` directly in them, sorted.
 */
import * as fs from 'fs';
import * as path from 'path';
import { HardlineError } from '../errors';

/** The profiles to load and whether they form a fleet. */
export interface ProfileArgs {
  /** Profile files, in argument order (directory entries sorted by name). */
  readonly files: readonly string[];
  /** True for several profiles or a directory: one output folder per cluster. */
  readonly fleet: boolean;
}

/**
 * Expands `args`. A path that is not a directory is kept as a file (the loader reports a missing
 * or unreadable one with its location). Throws `HardlineError` for a directory without profiles.
 */
export function expandProfileArgs(args: readonly string[]): ProfileArgs {
  const files: string[] = [];
  let sawDirectory = false;
  for (const arg of args) {
    let isDir = false;
    try {
      isDir = fs.statSync(arg).isDirectory();
    } catch {
      isDir = false;
    }
    if (!isDir) {
      files.push(arg);
      continue;
    }
    sawDirectory = true;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(arg, { withFileTypes: true });
    } catch (e) {
      throw new HardlineError(`cannot read the directory ${arg}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { code: 'NO_PROFILES' });
    }
    const found = entries
      .filter((e) => /\.ya?ml$/.test(e.name) && (e.isFile() || e.isSymbolicLink()))
      .map((e) => e.name)
      .sort();
    if (found.length === 0) {
      throw new HardlineError(`${arg} is a directory without *.yaml profiles`, {
        code: 'NO_PROFILES',
        hint: 'name a profile file, or a directory holding one profile per cluster',
      });
    }
    files.push(...found.map((name) => path.join(arg, name)));
  }
  return { files, fleet: sawDirectory || files.length > 1 };
}
