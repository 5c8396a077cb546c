/**
 * The package as users get it: `npm pack` (which builds through `prepack`), installed into a copy
 * of examples/app with its peer dependencies, then the app synthesized with node and with the
 * cdk8s CLI (which runs hardline's validation plugin). Slow (npm): one beforeAll does the work.
 */
import { spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from './helpers/synth';

// scripts/: `prepack` builds, and the build generates the profile validator with a script.
const STAGED = ['package.json', 'package-lock.json', 'tsconfig.json', 'README.md', 'CONTROLS.md', 'LICENSE', 'scripts', 'src', 'constructs', 'profiles'];
const EXAMPLE = path.join(ROOT, 'examples', 'app');
const npmMissing = spawnSync('npm', ['--version'], { encoding: 'utf8' }).error;

/** Runs a command, returning its result; throws with its output when it fails and `check` is set. */
function sh(cmd: string, args: string[], cwd: string, check = true): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' }, maxBuffer: 64 * 1024 * 1024 });
  if (check && r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}) in ${cwd}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** Every file under `dir` ending in `suffix`, relative, sorted. */
function files(dir: string, suffix: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith(suffix)).sort();
}

if (npmMissing) {
  describe('package and example app', () => {
    console.warn(`skipping the package and example app tests: npm is not available (${npmMissing.message})`);
    test.skip('needs npm', () => undefined);
  });
} else {
  describe('package and example app', () => {
    let tmp: string;
    let packed: string[];
    let app: string;

    beforeAll(() => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hardline-pack-'));
      const stage = path.join(tmp, 'stage');
      fs.mkdirSync(stage);
      for (const f of STAGED) if (fs.existsSync(path.join(ROOT, f))) fs.cpSync(path.join(ROOT, f), path.join(stage, f), { recursive: true });
      fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(stage, 'node_modules'), 'dir');
      const pack = JSON.parse(sh('npm', ['pack', '--json', '--pack-destination', tmp], stage).stdout) as { filename: string; files: { path: string }[] }[];
      packed = pack[0].files.map((f) => f.path).sort();
      app = path.join(tmp, 'app');
      fs.mkdirSync(app);
      for (const f of fs.readdirSync(EXAMPLE)) {
        if (!['node_modules', 'dist', 'package-lock.json'].includes(f)) fs.cpSync(path.join(EXAMPLE, f), path.join(app, f), { recursive: true });
      }
      sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--omit=dev', path.join(tmp, pack[0].filename)], app);
    }, 300_000);

    afterAll(() => {
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    });

    test('the tarball holds compiled JS, .d.ts, the shipped profiles and the profile schema, and no tests, TS sources or dist/', () => {
      for (const f of ['lib/src/index.js', 'lib/src/index.d.ts', 'lib/constructs/index.d.ts', 'lib/src/validation/hardline-validation.js', 'lib/src/cli/bin.js', 'lib/src/profile/profile.schema.json', 'profiles/soc2.yaml', 'profiles/cis-level1.yaml', 'README.md', 'package.json']) {
        expect({ f, packed: packed.includes(f) }).toEqual({ f, packed: true });
      }
      // The one source file shipped: the profile schema the profiles' `# yaml-language-server: $schema=` line points at.
      expect(packed).toContain('src/profile/profile.schema.json');
      const shipped = packed.filter((f) => f !== 'src/profile/profile.schema.json');
      expect(shipped.filter((f) => /^(test|dist|examples|src|constructs|node_modules)\//.test(f) || (f.endsWith('.ts') && !f.endsWith('.d.ts')))).toEqual([]);
    });

    test('the installed package declares cdk8s, cdk8s-plus-28 and constructs as peers and uses the app\'s single copy of each', () => {
      const pkg = JSON.parse(fs.readFileSync(path.join(app, 'node_modules', 'cdk8s-hardline', 'package.json'), 'utf8'));
      expect(Object.keys(pkg.peerDependencies).sort()).toEqual(['cdk8s', 'cdk8s-plus-28', 'constructs']);
      for (const peer of Object.keys(pkg.peerDependencies)) expect(pkg.dependencies[peer]).toBeUndefined();
      expect(fs.existsSync(path.join(app, 'node_modules', 'cdk8s-hardline', 'node_modules', 'cdk8s'))).toBe(false);
    });

    test('requiring the package root reads no file besides its own modules', () => {
      const probe = [
        "const fs = require('fs'); const touched = [];",
        "for (const fn of ['readFileSync', 'existsSync', 'statSync', 'readdirSync', 'openSync', 'writeFileSync', 'mkdirSync']) {",
        '  const orig = fs[fn]; fs[fn] = function (p, ...rest) { touched.push(String(p)); return orig.call(this, p, ...rest); };',
        '}',
        "const lib = require('cdk8s-hardline');",
        'const modules = new Set(Object.keys(require.cache));',
        "process.stdout.write(JSON.stringify({ exports: Object.keys(lib).length, other: touched.filter((p) => !modules.has(p)) }));",
      ].join('\n');
      const out = JSON.parse(sh('node', ['-e', probe], app).stdout);
      expect(out.exports).toBeGreaterThan(20);
      expect(out.other).toEqual([]);
    });

    test('the subpath exports resolve: cdk8s-hardline/validation and cdk8s-hardline/profile.schema.json', () => {
      const probe = [
        "const same = require('cdk8s-hardline/validation').HardlineValidation === require('cdk8s-hardline').HardlineValidation;",
        "const schema = require('cdk8s-hardline/profile.schema.json');",
        "process.stdout.write(JSON.stringify({ same, schema: typeof schema.properties }));",
      ].join('\n');
      expect(JSON.parse(sh('node', ['-e', probe], app).stdout)).toEqual({ same: true, schema: 'object' });
    });

    test('the example app synthesizes its baseline (extends: [soc2] from the installed copy) byte-identical to the installed CLI, plus its Deployment', () => {
      sh('node', ['main.js'], app);
      sh('node', ['node_modules/cdk8s-hardline/lib/src/cli/bin.js', 'synth', '--profile', 'hardline-profile.yaml', '--out', 'cli-out'], app);
      // The cluster objects: what the CLI's kustomization lists (control-plane files and reports stay out of a user's app).
      const listed = [...fs.readFileSync(path.join(app, 'cli-out', 'kustomization.yaml'), 'utf8').matchAll(/^ {2}- (.+)$/gm)].map((m) => m[1]);
      const cli = listed
        .map((f) => fs.readFileSync(path.join(app, 'cli-out', f), 'utf8').replace(/^# Generated by hardline.*\n/, ''))
        .sort();
      const synthesized = files(path.join(app, 'dist'), '.k8s.yaml').map((f) => fs.readFileSync(path.join(app, 'dist', f), 'utf8'));
      const baseline = synthesized.filter((y) => y.includes('compliance.hardline.dev/profile: shop')).sort();
      expect(cli.length).toBeGreaterThanOrEqual(6);
      expect(baseline).toEqual(cli);
      expect(cli.join('')).toContain('compliance.hardline.dev/cis-kubernetes-version: v1.11.0');
      const deployment = synthesized.find((y) => y.includes('kind: Deployment'))!;
      expect(deployment).toContain('name: web');
      expect(deployment).toContain('runAsNonRoot: true');
    });

    test('cdk8s synth runs the hardline validation plugin: the example passes, a root Deployment fails naming workload, namespace and control', () => {
      const cdk8s = path.join(ROOT, 'node_modules', '.bin', 'cdk8s');
      const ok = sh(cdk8s, ['synth'], app);
      expect(ok.stdout).toMatch(/Status\s+│ success/);
      expect(ok.stdout).toContain('Validations ended succesfully');

      fs.writeFileSync(
        path.join(app, 'root.js'),
        [
          "const { App, Chart, ApiObject } = require('cdk8s');",
          'const app = new App();',
          "const chart = new Chart(app, 'legacy', { namespace: 'shop', disableResourceNameHashes: true });",
          "new ApiObject(chart, 'batch', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'batch' }, spec: { selector: { matchLabels: { app: 'b' } },",
          "  template: { metadata: { labels: { app: 'b' } }, spec: { containers: [{ name: 'b', image: 'busybox:1.36', securityContext: { runAsUser: 0 } }] } } } });",
          'app.synth();',
        ].join('\n'),
      );
      const bad = sh(cdk8s, ['synth', '--app', 'node root.js', '--output', 'dist-root'], app, false);
      expect(bad.status).toBe(2);
      expect(bad.stdout).toMatch(/Status\s+│ failure/);
      expect(bad.stdout).toContain('Deployment "batch" in namespace "shop" breaks HL-POD-001');
    });
  });
}
