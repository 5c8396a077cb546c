/**
 * The layout promise of DEVELOPERS.md: every construct has a test and is exported, and every
 * control is implemented by a construct and named in a test title.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CONTROLS } from '../src/controls';
import { IMPLEMENTATIONS } from '../src/report/implementations';
import { ROOT } from './helpers/synth';

const constructFiles = fs
  .readdirSync(path.join(ROOT, 'constructs'))
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.startsWith('_'))
  .sort();

const allTests = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? allTests(path.join(dir, e.name)) : e.name.endsWith('.test.ts') ? [path.join(dir, e.name)] : [],
  );

/**
 * Whether a construct file names the control constant itself or imports it through one of the
 * private (`_`-prefixed) modules it imports, where code shared by several constructs lives.
 */
function namesControl(file: string, constName: string): boolean {
  const text = fs.readFileSync(path.join(ROOT, 'constructs', file), 'utf8');
  if (text.includes(constName)) return true;
  const privates = [...text.matchAll(/from '\.\/(_[a-z-]+)'/g)].map((m) => path.join(ROOT, 'constructs', `${m[1]}.ts`));
  return privates.some((p) => new RegExp(`\\b${constName}\\b`).test(fs.readFileSync(p, 'utf8')));
}

describe('layout', () => {
  const barrel = fs.readFileSync(path.join(ROOT, 'constructs', 'index.ts'), 'utf8');

  test.each(constructFiles)('constructs/%s has a test and is exported from constructs/index.ts', (file) => {
    const base = file.replace(/\.ts$/, '');
    expect(fs.existsSync(path.join(ROOT, 'test', 'constructs', `${base}.test.ts`))).toBe(true);
    expect(barrel).toContain(`from './${base}'`);
  });

  test.each(CONTROLS.map((c) => c.id))('%s is implemented by a construct that imports it', (id) => {
    const impl = IMPLEMENTATIONS.find((i) => i.control === id);
    expect(impl?.constructs.length).toBeGreaterThan(0);
    const constName = Object.entries(require('../src/controls')).find(([, v]) => (v as { id?: string })?.id === id)![0];
    for (const cls of new Set([...impl!.constructs, ...(impl!.native ?? [])])) {
      const file = constructFiles.find((f) => fs.readFileSync(path.join(ROOT, 'constructs', f), 'utf8').includes(`export class ${cls} `));
      expect({ cls, file }).toEqual({ cls, file: expect.any(String) });
      expect({ cls, names: namesControl(file!, constName) }).toEqual({ cls, names: true });
    }
  });

  test.each(CONTROLS.map((c) => c.id))('%s is named in a test title', (id) => {
    const titled = allTests(path.join(ROOT, 'test')).some((f) => new RegExp(`(describe|test)\\(['\`"]${id}:`).test(fs.readFileSync(f, 'utf8')));
    expect(titled).toBe(true);
  });

  test('src/admission (the rule model) is pure: it imports only itself and src/controls', () => {
    const dir = path.join(ROOT, 'src', 'admission');
    const files = [...fs.readdirSync(dir).map((f) => path.join(dir, f)), ...fs.readdirSync(path.join(dir, 'rules')).map((f) => path.join(dir, 'rules', f))];
    for (const file of files.filter((x) => x.endsWith('.ts'))) {
      const imports = [...fs.readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      for (const i of imports) {
        const target = path.resolve(path.dirname(file), i);
        const ok = i.startsWith('.') && (target.startsWith(dir) || target.startsWith(path.join(ROOT, 'src', 'controls')));
        expect({ file: path.relative(ROOT, file), i, ok }).toEqual({ file: path.relative(ROOT, file), i, ok: true });
      }
    }
  });

  test('constructs/ imports nothing but cdk8s, cdk8s-plus-28, constructs, the pure src/controls and src/admission, and each other', () => {
    for (const f of fs.readdirSync(path.join(ROOT, 'constructs')).filter((x) => x.endsWith('.ts'))) {
      const imports = [...fs.readFileSync(path.join(ROOT, 'constructs', f), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      for (const i of imports) expect({ f, i, ok: /^(cdk8s|cdk8s-plus-28|constructs|\.\/[^/]+|\.\.\/src\/controls|\.\.\/src\/admission(\/[a-z-]+)?)$/.test(i) }).toEqual({ f, i, ok: true });
    }
  });
});
