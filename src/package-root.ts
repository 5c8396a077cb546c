/** Locates files shipped with the package (profiles), from source (ts-jest) or compiled (lib/) code alike. */
import * as fs from 'fs';
import * as path from 'path';

let cached: string | undefined;

/** The directory holding hardline's own package.json. */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'cdk8s-hardline') {
      cached = dir;
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the cdk8s-hardline package root');
    dir = parent;
  }
}

/** The directory of the profiles shipped with hardline (`default`, `soc2`, `cis-level1`, …). */
export function shippedProfilesDir(): string {
  return path.join(packageRoot(), 'profiles');
}

/** The profile JSON Schema shipped with hardline (`src/profile/profile.schema.json`, also in the package). */
export function profileSchemaPath(): string {
  return path.join(packageRoot(), 'src', 'profile', 'profile.schema.json');
}

let version: string | undefined;

/** hardline's own version (`version` of its package.json), as reports name it. */
export function hardlineVersion(): string {
  version ??= String(JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')).version);
  return version;
}
