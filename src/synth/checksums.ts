/**
 * `compliance/SHA256SUMS`: the sha256 of every file of an output tree, in the format `sha256sum`
 * writes and checks (`cd dist && sha256sum -c compliance/SHA256SUMS`), so an auditor can tie the
 * reviewed manifests and report to what is applied. Deterministic: paths in byte order, no dates.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** Where the checksum list is written, relative to the output directory (or a fleet cluster's folder). */
export const CHECKSUMS_FILE = 'compliance/SHA256SUMS';

/** The `sha256sum` lines for files given as (relative path, contents), sorted by path; `CHECKSUMS_FILE` itself is left out. */
export function sha256sums(files: Iterable<readonly [string, string | Buffer]>): string {
  const lines: [string, string][] = [];
  for (const [rel, content] of files) {
    if (rel === CHECKSUMS_FILE) continue;
    lines.push([rel, createHash('sha256').update(content).digest('hex')]);
  }
  lines.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return lines.map(([rel, hash]) => `${hash}  ${rel}\n`).join('');
}

/** Every file under `dir` as (path relative to `dir` with forward slashes, bytes), read back from disk. */
export function* filesUnder(dir: string, prefix = ''): Generator<readonly [string, Buffer]> {
  for (const entry of fs.readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) yield* filesUnder(dir, rel);
    else if (entry.isFile()) yield [rel, fs.readFileSync(path.join(dir, rel))];
  }
}

/** Writes `CHECKSUMS_FILE` into `dir` for every file already in it; returns its relative path. */
export function writeChecksums(dir: string): string {
  const text = sha256sums(filesUnder(dir));
  fs.mkdirSync(path.join(dir, path.dirname(CHECKSUMS_FILE)), { recursive: true });
  fs.writeFileSync(path.join(dir, CHECKSUMS_FILE), text);
  return CHECKSUMS_FILE;
}
