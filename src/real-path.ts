/** Path helpers for the safety policies on `extends` and `--out`. */
import * as fs from 'fs';
import * as path from 'path';

/** The real path of `p` (symbolic links followed), or of its nearest existing ancestor joined with the rest. */
export function realpathOrSelf(p: string): string {
  const abs = path.resolve(p);
  try {
    return fs.realpathSync(abs);
  } catch {
    const parent = path.dirname(abs);
    return parent === abs ? abs : path.join(realpathOrSelf(parent), path.basename(abs));
  }
}

/** Whether `dir` is `p` itself or one of its ancestors (both absolute and real). */
export function isSameOrAncestor(dir: string, p: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}
