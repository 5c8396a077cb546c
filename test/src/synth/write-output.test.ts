import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { OutputError } from '../../../src/errors';
import { GENERATED_MARKER } from '../../../src/synth/render-files';
import { writeOutput } from '../../../src/synth/write-output';
import { readTree } from '../../helpers/files';

const tree = (files: Record<string, string>) => new Map(Object.entries(files));
const ours = (body = 'x') => `${GENERATED_MARKER} test\n${body}\n`;

const read = readTree;

describe('writeOutput', () => {
  let work: string;
  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hardline-write-'));
  });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  test('creates the directory and replaces a previous hardline output completely', () => {
    const out = path.join(work, 'dist');
    writeOutput(out, tree({ 'kustomization.yaml': ours(), 'a/old.yaml': 'old' }));
    writeOutput(out, tree({ 'kustomization.yaml': ours('new'), 'b/new.yaml': 'new' }));
    expect(read(out)).toEqual({ 'kustomization.yaml': ours('new'), 'b/new.yaml': 'new' });
    expect(fs.readdirSync(work)).toEqual(['dist']); // no temp dirs left behind
  });

  test('refuses to replace a non-empty directory hardline did not write', () => {
    const out = path.join(work, 'repo');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'precious.txt'), 'keep me');
    expect(() => writeOutput(out, tree({ 'kustomization.yaml': ours() }))).toThrow(OutputError);
    expect(read(out)).toEqual({ 'precious.txt': 'keep me' });
  });

  test('a write failure midway leaves the previous output untouched and no temp dir behind', () => {
    const out = path.join(work, 'dist');
    writeOutput(out, tree({ 'kustomization.yaml': ours('v1'), 'a.yaml': 'v1' }));
    const before = read(out);
    // a path that is both a file and a directory cannot be written
    expect(() => writeOutput(out, tree({ 'kustomization.yaml': ours('v2'), x: 'file', 'x/y.yaml': 'nested' }))).toThrow(
      /writing the output failed .* was left as it was/,
    );
    expect(read(out)).toEqual(before);
    expect(fs.readdirSync(work)).toEqual(['dist']);
  });

  test('an unwritable parent fails cleanly and leaves the previous output untouched', () => {
    if (process.getuid?.() === 0) {
      // root ignores directory permissions; simulate with a parent that is a file instead
      const parentFile = path.join(work, 'file');
      fs.writeFileSync(parentFile, '');
      expect(() => writeOutput(path.join(parentFile, 'dist'), tree({ 'kustomization.yaml': ours() }))).toThrow(OutputError);
      return;
    }
    const parent = path.join(work, 'ro');
    const out = path.join(parent, 'dist');
    writeOutput(out, tree({ 'kustomization.yaml': ours('v1') }));
    fs.chmodSync(parent, 0o555);
    try {
      expect(() => writeOutput(out, tree({ 'kustomization.yaml': ours('v2') }))).toThrow(OutputError);
      expect(read(out)).toEqual({ 'kustomization.yaml': ours('v1') });
    } finally {
      fs.chmodSync(parent, 0o755);
    }
  });

  test('a lazily produced tree is written file by file and returns the sorted paths', () => {
    const out = path.join(work, 'dist');
    function* files(): Generator<readonly [string, string]> {
      yield ['b/two.yaml', 'two'];
      yield ['kustomization.yaml', ours()];
      yield ['a/one.yaml', 'one'];
    }
    expect(writeOutput(out, files())).toEqual(['a/one.yaml', 'b/two.yaml', 'kustomization.yaml']);
    expect(read(out)).toEqual({ 'kustomization.yaml': ours(), 'a/one.yaml': 'one', 'b/two.yaml': 'two' });
  });

  test('an error while producing a file is rethrown as it is, with the previous output untouched and no temp dir behind', () => {
    const out = path.join(work, 'dist');
    writeOutput(out, tree({ 'kustomization.yaml': ours('v1') }));
    const bug = new Error('renderer bug');
    function* files(): Generator<readonly [string, string]> {
      yield ['kustomization.yaml', ours('v2')];
      throw bug;
    }
    expect(() => writeOutput(out, files())).toThrow(bug);
    expect(read(out)).toEqual({ 'kustomization.yaml': ours('v1') });
    expect(fs.readdirSync(work)).toEqual(['dist']);
  });

  test('a file given in pieces is written as their concatenation; a failing piece leaves nothing behind', () => {
    const out = path.join(work, 'dist');
    const big = 'x'.repeat(1_500_000);
    writeOutput(out, [['kustomization.yaml', ours()], ['r/report.json', ['{', big, 'é', '}\n']]]);
    expect(fs.readFileSync(path.join(out, 'r/report.json'), 'utf8')).toBe(`{${big}é}\n`);
    const bug = new Error('piece bug');
    function* pieces(): Generator<string> {
      yield '{';
      throw bug;
    }
    expect(() => writeOutput(out, [['kustomization.yaml', ours('v2')], ['r/report.json', pieces()]])).toThrow(bug);
    expect(fs.readFileSync(path.join(out, 'kustomization.yaml'), 'utf8')).toBe(ours());
    expect(fs.readdirSync(work)).toEqual(['dist']);
  });

  test('pieces of every size, batched or written as they are, keep their order', () => {
    // GIVEN small pieces around large ones (a large piece is written without batching)
    const pieces = ['a', 'b'.repeat(300_000), 'c', ...Array.from({ length: 5 }, (_, i) => `${i}ü`.repeat(125_000)), 'd'.repeat(2_000_000), 'é', 'e'];
    const out = path.join(work, 'dist');
    // WHEN they are written as one file
    writeOutput(out, [['kustomization.yaml', ours()], ['r/report.json', pieces]]);
    // THEN the file is exactly their concatenation
    expect(fs.readFileSync(path.join(out, 'r/report.json'), 'utf8')).toBe(pieces.join(''));
  });
});
