/**
 * Keeps the README's "Library API" section current: every TypeScript block in it type-checks
 * against the package root, and every construct the package exports has an example there.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { ROOT } from './helpers/synth';

const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Library API'), readme.indexOf('\n## ', readme.indexOf('## Library API') + 1));
const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);

/** Construct classes exported by the package: constructs/*.ts and src/baseline/*.ts. */
function constructClasses(): string[] {
  const dirs = ['constructs', 'src/baseline'];
  return dirs
    .flatMap((d) => fs.readdirSync(path.join(ROOT, d)).filter((f) => f.endsWith('.ts')).map((f) => fs.readFileSync(path.join(ROOT, d, f), 'utf8')))
    .flatMap((text) => [...text.matchAll(/export class (\w+) extends (Construct|Chart)\b/g)].map((m) => m[1]))
    .sort();
}

describe('README Library API', () => {
  test('has TypeScript examples', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
  });

  test('every example type-checks against the package root (import from "cdk8s-hardline")', () => {
    const dir = fs.mkdtempSync(path.join(ROOT, '.hardline-readme-'));
    try {
      const files = blocks.map((code, i) => {
        const file = path.join(dir, `example-${i + 1}.ts`);
        fs.writeFileSync(file, code);
        return file;
      });
      const program = ts.createProgram(files, {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.CommonJS,
        moduleResolution: ts.ModuleResolutionKind.Node10,
        esModuleInterop: true,
        resolveJsonModule: true,
        skipLibCheck: true,
        types: ['node'],
        // No baseUrl: it would make `constructs` resolve to this repository's constructs/ folder.
        paths: { 'cdk8s-hardline': [path.join(ROOT, 'src', 'index.ts')] },
      });
      const problems = ts
        .getPreEmitDiagnostics(program)
        .map((d) => `${d.file ? path.basename(d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
      expect(problems).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  test.each(constructClasses())('%s has an example in a TypeScript block', (cls) => {
    expect(blocks.some((b) => new RegExp(`new ${cls}\\(`).test(b))).toBe(true);
  });
});
