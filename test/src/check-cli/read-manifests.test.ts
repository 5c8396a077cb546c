import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readManifests, STDIN_NAME } from '../../../src/check-cli/read-manifests';

describe('readManifests', () => {
  let work: string;
  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hardline-read-'));
  });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(work, rel)), { recursive: true });
    fs.writeFileSync(path.join(work, rel), text);
  };
  const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ${name} }\n`;

  test('folders: recursively, *.yaml, *.yml and *.json sorted by path, outside dot-folders and node_modules', () => {
    write('b/z.yml', cm('z'));
    write('a.yaml', cm('a'));
    write('b/c.json', JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }));
    write('b/notes.txt', 'not read');
    write('.git/config.yaml', 'not: read');
    write('node_modules/x/package.json', '{"name": "x"}');
    const r = readManifests(['.'], work, () => '');
    expect(r.problems).toEqual([]);
    expect(r.files).toEqual(['a.yaml', 'b/c.json', 'b/z.yml']);
    expect(r.objects.map((o) => (o.object.metadata as { name: string }).name)).toEqual(['a', 'c', 'z']);
  });

  test('stdin once, however often - is named; a symbolic-link loop is walked once', () => {
    write('d/a.yaml', cm('a'));
    fs.symlinkSync(path.join(work, 'd'), path.join(work, 'd', 'loop'));
    const r = readManifests(['-', 'd', '-'], work, () => cm('in'));
    expect(r.files).toEqual([STDIN_NAME, 'd/a.yaml']);
    expect(r.objects).toHaveLength(2);
  });

  test('List items are objects of their own, located at their item', () => {
    write('l.yaml', `apiVersion: v1\nkind: List\nitems:\n  - ${cm('one').trim().split('\n').join('\n    ')}\n`);
    const r = readManifests(['l.yaml'], work, () => '');
    expect(r.objects.map((o) => [o.pointer, o.start.line])).toEqual([['/items/0', 4]]);
  });

  test('an empty folder and a missing path are problems', () => {
    fs.mkdirSync(path.join(work, 'empty'));
    const r = readManifests(['empty', 'gone.yaml'], work, () => '');
    expect(r.problems.map((p) => `${p.file}: ${p.message}`)).toEqual(['empty: a directory without *.yaml, *.yml or *.json files', 'gone.yaml: no such file or directory']);
  });
});
