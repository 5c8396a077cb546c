/**
 * Access to ../shared (schemas and reference data). A user's clone has no ../shared, so tests
 * that need it skip with a printed reason; CI always has it.
 */
import * as fs from 'fs';
import * as path from 'path';

/** The shared directory, or undefined when it is absent. `HARDLINE_SHARED` overrides the location. */
export function sharedDir(): string | undefined {
  const dir = process.env.HARDLINE_SHARED ?? path.resolve(__dirname, '..', '..', '..', 'shared');
  return fs.existsSync(path.join(dir, 'schemas')) && fs.existsSync(path.join(dir, 'reference')) ? dir : undefined;
}

/** `describe` when ../shared exists; otherwise a skipped block with the reason printed once. */
export function describeWithShared(name: string, body: (shared: string) => void): void {
  const dir = sharedDir();
  if (dir) {
    describe(name, () => body(dir));
    return;
  }
  describe(name, () => {
    // eslint-disable-next-line no-console
    console.warn(`skipping "${name}": ../shared (schemas and reference data) is not next to this checkout`);
    test.skip('needs ../shared', () => undefined);
  });
}

/** Reads a CSV of simple rows (quoted fields allowed) into objects keyed by the header. */
export function readCsv(file: string): Record<string, string>[] {
  const [header, ...rows] = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/).map(parseCsvLine);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}
