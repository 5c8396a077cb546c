import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readTree } from '../helpers/files';
import { cli, cliWith } from '../helpers/cli';
import { ROOT } from '../helpers/synth';

const PROFILE = path.join(ROOT, 'profiles', 'default.yaml');

describe('hardline diff', () => {
  let work: string;
  let out: string;
  beforeEach(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hardline-diff-'));
    out = path.join(work, 'dist');
    expect((await cli('synth', '--profile', PROFILE, '--out', out)).code).toBe(0);
  });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  test('exit 0 and "no change" right after a synth', async () => {
    expect(await cli('diff', '--profile', PROFILE, '--out', out)).toEqual({ code: 0, stdout: `no change: ${out} is what a synth would write\n`, stderr: '' });
  });

  test('lists added (+), changed (~) and removed (-) files, exit 3, and touches nothing', async () => {
    fs.appendFileSync(path.join(out, 'kustomization.yaml'), '# edited by hand\n');
    fs.writeFileSync(path.join(out, 'stray.yaml'), 'kind: Stray\n');
    const gone = path.join(out, 'namespaces', 'checkout');
    const removedFile = fs.readdirSync(gone)[0];
    fs.rmSync(path.join(gone, removedFile));
    const before = readTree(out);
    const r = await cli('diff', '--profile', PROFILE, '--out', out);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe(
      `+ namespaces/checkout/${removedFile}\n~ kustomization.yaml\n- stray.yaml\n`.split('\n').filter(Boolean).sort((a, b) => (a.slice(2) < b.slice(2) ? -1 : 1)).join('\n') +
        `\na synth would change ${out}: 1 added, 1 changed, 1 removed\n`,
    );
    expect(r.stderr).toContain(`error: a synth would change ${out} (1 added, 1 changed, 1 removed)`);
    expect(readTree(out)).toEqual(before);
  });

  test('the + and - marks are coloured only when the output is (a TTY without NO_COLOR)', async () => {
    fs.writeFileSync(path.join(out, 'stray.yaml'), 'kind: Stray\n');
    expect((await cli('diff', '--profile', PROFILE, '--out', out)).stdout).toMatch(/^- stray\.yaml$/m);
    expect((await cliWith({ colour: true }, 'diff', '--profile', PROFILE, '--out', out)).stdout).toMatch(/^\u001b\[31m-\u001b\[0m stray\.yaml$/m);
  });

  test('--unified prints git-style diffs of the content', async () => {
    fs.appendFileSync(path.join(out, 'kustomization.yaml'), '# edited by hand\n');
    const r = await cli('diff', '--profile', PROFILE, '--out', out, '--unified');
    expect(r.code).toBe(3);
    expect(r.stdout).toContain(`--- a/${out.split(path.sep).join('/')}/kustomization.yaml\n+++ b/`);
    expect(r.stdout).toMatch(/\n-# edited by hand\n/);
  });

  test('a missing directory: every file would be added; a bad profile: exit 1', async () => {
    const r = await cli('diff', '--profile', PROFILE, '--out', path.join(work, 'none'));
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^\+ /);
    expect(r.stdout).not.toMatch(/^[~-] /m);
    fs.writeFileSync(path.join(work, 'bad.yaml'), 'apiVersion: nope\n');
    expect((await cli('diff', '--profile', path.join(work, 'bad.yaml'), '--out', out)).code).toBe(1);
  });
});
