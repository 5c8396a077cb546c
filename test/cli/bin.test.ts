/**
 * The compiled executable as a user runs it (`npm test` builds lib/ first): exit codes and
 * stderr, with no stack trace for a user's mistake.
 */
import { spawn, spawnSync } from 'child_process';
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

  describe('hostile input through the compiled executable', () => {
    const good = 'apiVersion: hardline.dev/v1alpha1\nkind: Profile\nmetadata: { name: x }\nspec:\n  cluster: { name: c, kubernetesVersion: "1.28" }\n  namespaces: [{ name: api, tier: staging }]\n';
    const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`)].join('\n');
    test.each([
      ['billion laughs', laughs, [] as string[], /p\.yaml:\d+:\d+: YAML: aliases exceeded maxAliases/],
      ['non-UTF-8 bytes', `${good}# \xff\n`, [], /p\.yaml:7:3: file is not valid UTF-8/],
      ['extends traversal', good.replace('spec:', 'extends: [../../../../../etc/x.yaml]\nspec:'), [], /p\.yaml:4:11: extends\[0\]: .* outside the root profile's directory tree/],
      ['--out /', good, ['--out', '/'], /refusing to use \/ as the output directory: it is the filesystem root/],
    ])('%s: exit 1, located message, no stack, nothing written', (_, body, extra, message) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hardline-bin-'));
      try {
        fs.writeFileSync(path.join(dir, 'p.yaml'), Buffer.from(body, 'latin1'));
        const r = spawnSync(process.execPath, [BIN, 'synth', '--profile', path.join(dir, 'p.yaml'), '--out', path.join(dir, 'out'), ...extra], { encoding: 'utf8' });
        expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 1, stderr: expect.stringMatching(message) });
        expect(r.stderr).not.toMatch(/\n\s+at /);
        expect(fs.readdirSync(dir)).toEqual(['p.yaml']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  test('synth loads neither ajv\'s schema compiler nor cdk8s-plus-28 (start-up cost)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hardline-bin-'));
    try {
      // A preload that lists, on exit, every module the process loaded.
      const probe = path.join(dir, 'probe.js');
      const loaded = path.join(dir, 'loaded.json');
      fs.writeFileSync(probe, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(loaded)}, JSON.stringify(Object.keys(require.cache))));\n`);
      const r = spawnSync(process.execPath, ['-r', probe, BIN, 'synth', '--profile', path.join(ROOT, 'profiles', 'default.yaml'), '--out', path.join(dir, 'out')], { encoding: 'utf8' });
      expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
      const modules = (JSON.parse(fs.readFileSync(loaded, 'utf8')) as string[]).map((m) => m.split(path.sep).join('/'));
      // It loads the generated validator instead of compiling the schema, and the constructs use
      // cdk8s-plus-28's L1 types only (constructs/_plain-api-object.ts), not its 1.5 MB module.
      expect(modules.filter((m) => /\/profile-validator\.generated\.js$/.test(m))).toHaveLength(1);
      expect(modules.filter((m) => /\/node_modules\/ajv\/dist\/(ajv|core)\.js$|\/node_modules\/ajv\/dist\/compile\//.test(m))).toEqual([]);
      expect(modules.filter((m) => /\/node_modules\/cdk8s-plus-28\//.test(m))).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  test('a closed stdout (`hardline report | head -1`) ends the command quietly with exit 0', () => {
    const cmd = `"${process.execPath}" "${BIN}" report --profile "${path.join(ROOT, 'profiles', 'default.yaml')}" --format csv --date 2026-11-23 | head -c 10 >/dev/null; echo "status=\${PIPESTATUS[0]}"`;
    const r = spawnSync('bash', ['-c', cmd], { encoding: 'utf8' });
    expect(r.stdout).toBe('status=0\n');
    expect(r.stderr).toBe('');
  });

  test('SIGTERM during a large synth removes the staging directory and leaves the previous output as it was', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hardline-bin-'));
    try {
      const ns = Array.from({ length: 600 }, (_, i) => `    - { name: ns-${i}, tier: staging }`).join('\n');
      const profile = path.join(dir, 'p.yaml');
      const out = path.join(dir, 'out');
      fs.writeFileSync(profile, `apiVersion: hardline.dev/v1alpha1\nkind: Profile\nmetadata: { name: big }\nspec:\n  cluster: { name: c, kubernetesVersion: "1.28" }\n  namespaces:\n${ns}\n`);
      fs.mkdirSync(out);
      fs.writeFileSync(path.join(out, 'kustomization.yaml'), '# Generated by hardline\nprevious\n');
      const child = spawn(process.execPath, [BIN, 'synth', '--profile', profile, '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      // Wait until the staging directory exists, then interrupt.
      const staging = () => fs.readdirSync(dir).filter((n) => n.startsWith('.hardline-'));
      for (let i = 0; i < 600 && staging().length === 0 && child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 25));
      child.kill('SIGTERM');
      const code = await exited;
      // 143 when interrupted with the staging directory open; 0 if the synth had already finished.
      expect([0, 143]).toContain(code);
      expect(stderr).not.toMatch(/\n\s+at /);
      expect(staging()).toEqual([]);
      // The output is the previous one or the whole new one (the signal came after the swap), never a mix.
      const kustomization = fs.readFileSync(path.join(out, 'kustomization.yaml'), 'utf8');
      if (kustomization !== '# Generated by hardline\nprevious\n') {
        const listed = [...kustomization.matchAll(/^  - (.+)$/gm)].map((m) => m[1]);
        expect(listed.length).toBeGreaterThan(600 * 5);
        expect(listed.filter((f) => !fs.existsSync(path.join(out, f)))).toEqual([]);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
