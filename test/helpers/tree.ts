/** Directory snapshots for tests that must prove nothing changed on disk. */
import * as fs from 'fs';
import * as path from 'path';

/** Every entry under `dir` (directories as `name/`, files with their bytes in hex, symlinks with their target). */
export function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!fs.existsSync(dir)) return out;
  const walk = (d: string, prefix: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(d, e.name);
      if (e.isSymbolicLink()) out[`${prefix}${e.name}`] = `-> ${fs.readlinkSync(full)}`;
      else if (e.isDirectory()) {
        out[`${prefix}${e.name}/`] = 'dir';
        walk(full, `${prefix}${e.name}/`);
      } else {
        const st = fs.statSync(full);
        // Huge files (hostile-input fixtures) are compared by size and modification time.
        out[`${prefix}${e.name}`] = st.size > 16 * 1024 * 1024 ? `size ${st.size} mtime ${st.mtimeMs}` : fs.readFileSync(full).toString('hex');
      }
    }
  };
  walk(dir, '');
  return out;
}
