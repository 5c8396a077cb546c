/**
 * Which directories `--out` may name. The output directory is replaced as a whole, so it must
 * never be a directory whose loss would hurt: the filesystem root, the home directory, the
 * working directory or one of its ancestors, or a directory holding a profile being read.
 */
import * as os from 'os';
import * as path from 'path';
import { OutputError } from '../errors';
import { isSameOrAncestor, realpathOrSelf } from '../real-path';

/**
 * Throws `OutputError` when `outDir` (symbolic links followed) is the filesystem root, the home
 * directory, the working directory or an ancestor of it, or contains one of `protectedFiles`.
 */
export function assertSafeOutDir(outDir: string, protectedFiles: readonly string[] = []): void {
  const out = realpathOrSelf(outDir);
  const refuse = (why: string) => {
    throw new OutputError(`refusing to use ${outDir} as the output directory: ${why}; name a dedicated directory such as dist/`);
  };
  if (path.parse(out).root === out) refuse('it is the filesystem root');
  if (out === realpathOrSelf(os.homedir())) refuse('it is the home directory');
  if (isSameOrAncestor(out, realpathOrSelf(process.cwd()))) refuse('it is the working directory or one of its ancestors');
  for (const file of protectedFiles) {
    if (isSameOrAncestor(out, realpathOrSelf(file))) refuse(`it contains the profile ${file}, which the swap would delete`);
  }
}
