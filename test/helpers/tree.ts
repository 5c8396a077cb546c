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

/**
 * The tree with the provenance of report.json blanked (source digests and date) and the SHA256SUMS
 * lines of report.json dropped; everything else is compared byte for byte. For comparing the output
 * of two profile files that must synthesize alike (a reordered or re-encoded copy is another file).
 */
export function comparable(tree: Record<string, string>): Record<string, string> {
  const out = { ...tree };
  const text = (name: string) => Buffer.from(tree[name], 'hex').toString('utf8');
  const report = JSON.parse(text('compliance/report.json'));
  // The shuffled copies are other files (their names and bytes differ): keep only how many sources there are.
  report.provenance = { ...report.provenance, date: '-', profileSources: report.provenance.profileSources.length };
  out['compliance/report.json'] = Buffer.from(JSON.stringify(report)).toString('hex');
  const sums = text('compliance/SHA256SUMS').split('\n').filter((l) => !l.endsWith('  compliance/report.json'));
  out['compliance/SHA256SUMS'] = Buffer.from(sums.join('\n')).toString('hex');
  return out;
}
