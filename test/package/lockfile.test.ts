import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../helpers/synth';

/** An entry of package-lock.json (lockfileVersion 3). */
interface LockEntry {
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
}

const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
};
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** Where Node (and npm ci) would find `name` from the lockfile entry at `from`, or undefined. */
function resolveFrom(from: string, name: string): string | undefined {
  let dir = from;
  for (;;) {
    const candidate = dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (dir === '') return undefined;
    const cut = dir.lastIndexOf('/node_modules/');
    dir = cut < 0 ? '' : dir.slice(0, cut);
  }
}

describe('package-lock.json: complete for every platform, so `npm ci` works on a fresh clone (npm/cli#8726)', () => {
  test('is a lockfile v3 whose root entry matches package.json', () => {
    expect(lock.lockfileVersion).toBe(3);
    const root = lock.packages[''] as LockEntry;
    expect(root.dependencies).toEqual(pkg.dependencies);
    expect(root.devDependencies).toEqual(pkg.devDependencies);
  });

  test('every dependency and optional dependency (other platforms\' binaries too) has an entry', () => {
    const missing: string[] = [];
    for (const [at, entry] of Object.entries(lock.packages)) {
      const wanted = { ...entry.dependencies, ...entry.optionalDependencies, ...(at === '' ? entry.devDependencies : {}) };
      for (const name of Object.keys(wanted)) {
        if (!resolveFrom(at, name)) missing.push(`${at || '<root>'} -> ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
