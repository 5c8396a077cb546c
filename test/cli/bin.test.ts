/**
 * The compiled executable as a user runs it (`npm test` builds lib/ first): exit codes and
 * stderr, with no stack trace for a user's mistake.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../helpers/synth';

const BIN = path.join(ROOT, 'lib', 'src', 'cli', 'bin.js');
const maybe = fs.existsSync(BIN) ? describe : describe.skip;
if (!fs.existsSync(BIN)) console.warn('skipping compiled CLI tests: run `npm run build` (npm test does)');

maybe('lib/src/cli/bin.js', () => {
  test('starts with a node shebang', () => {
    expect(fs.readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  test('a bad profile exits 1 with a located message and no stack trace', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hardline-bin-'));
    try {
      const bad = path.join(dir, 'bad.yaml');
      fs.writeFileSync(bad, 'apiVersion: hardline.dev/v1alpha1\nkind: Profile\nmetadata: { name: x }\nspec: { clustr: {} }\n');
      const r = spawnSync(process.execPath, [BIN, 'synth', '--profile', bad, '--out', path.join(dir, 'out')], { encoding: 'utf8' });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/bad\.yaml:4:9: spec\.clustr: unknown field "clustr"/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a usage error exits 2', () => {
    const r = spawnSync(process.execPath, [BIN, 'synth', '--nope'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown option/);
  });
});
