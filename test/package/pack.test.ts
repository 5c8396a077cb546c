/**
 * The packed package works when installed in an app that has cdk8s and constructs but no
 * cdk8s-plus-28 (an optional peer): `hardline --version` and `hardline check` run from the
 * installed copy. Installs from the npm cache first (`npm ci` filled it); needs the registry otherwise.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../helpers/synth';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('the packed package', () => {
  let work: string;
  let tarball: string;
  let files: string[];
  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hardline-pack-'));
    // lib/ is built by `npm test` before jest runs; --ignore-scripts keeps prepack from deleting it under other tests.
    const out = execFileSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' });
    const [info] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
    tarball = path.join(work, info.filename);
    files = info.files.map((f) => f.path);
  }, 120_000);
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  test('holds the CLI, the schemas, the shipped profiles, LICENSE, CHANGELOG.md and README.md, and no tests', () => {
    for (const f of ['lib/src/cli/bin.js', 'lib/src/check-cli/check-report.schema.json', 'src/profile/profile.schema.json', 'profiles/default.yaml', 'LICENSE', 'CHANGELOG.md', 'README.md', 'package.json']) {
      expect(files).toContain(f);
    }
    expect(files.filter((f) => f.startsWith('test/') || f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  });

  test('declares cdk8s-plus-28 an optional peer, and the project links and license', () => {
    expect(pkg.peerDependenciesMeta?.['cdk8s-plus-28']).toEqual({ optional: true });
    expect(pkg.license).toBe('Apache-2.0');
    expect(fs.readFileSync(path.join(ROOT, 'LICENSE'), 'utf8')).toContain('Apache License\n                           Version 2.0, January 2004');
    expect(pkg.repository?.url).toEqual(expect.any(String));
    expect(pkg.bugs?.url).toEqual(expect.any(String));
    expect(pkg.homepage).toEqual(expect.any(String));
  });

  test('installs into an app without cdk8s-plus-28; --version and check run from the installed copy', () => {
    const app = path.join(work, 'app');
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
    const versionOf = (dep: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', dep, 'package.json'), 'utf8')).version;
    const install = spawnSync(
      npm,
      ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball, `cdk8s@${versionOf('cdk8s')}`, `constructs@${versionOf('constructs')}`],
      { cwd: app, encoding: 'utf8' },
    );
    expect({ status: install.status, stderr: install.status === 0 ? '' : install.stderr }).toEqual({ status: 0, stderr: '' });
    expect(fs.existsSync(path.join(app, 'node_modules', 'cdk8s-plus-28'))).toBe(false);

    const bin = path.join(app, 'node_modules', '.bin', process.platform === 'win32' ? 'hardline.cmd' : 'hardline');
    const version = spawnSync(bin, ['--version'], { cwd: app, encoding: 'utf8' });
    expect({ status: version.status, stdout: version.stdout, stderr: version.stderr }).toEqual({ status: 0, stdout: `${pkg.version}\n`, stderr: '' });

    fs.writeFileSync(
      path.join(app, 'web.yaml'),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: checkout }\nspec:\n  template:\n    spec:\n      containers: [{ name: web, image: "nginx:latest" }]\n',
    );
    const profile = path.join('node_modules', 'cdk8s-hardline', 'profiles', 'default.yaml');
    const check = spawnSync(bin, ['check', '--profile', profile, '--format', 'json', 'web.yaml'], { cwd: app, encoding: 'utf8' });
    expect(check.status).toBe(1);
    const report = JSON.parse(check.stdout);
    expect(report.objects).toHaveLength(1);
    expect(report.objects[0].violations.map((v: { rule: string }) => v.rule)).toContain('disallow-latest-tag');
    expect(check.stderr).toBe('error: 9 violations\n'.replace('9', String(report.summary.violations)));

    // A TypeScript app type-checks against the declarations (skipLibCheck off) without cdk8s-plus-28.
    fs.writeFileSync(path.join(app, 'app.ts'), "import { App } from 'cdk8s';\nimport { HardlineBaseline } from 'cdk8s-hardline';\nexport const kinds: string[] = [typeof HardlineBaseline, typeof App];\n");
    fs.writeFileSync(
      path.join(app, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, module: 'commonjs', target: 'ES2022', lib: ['ES2022'], types: [], skipLibCheck: false, noEmit: true }, files: ['app.ts'] }),
    );
    const tsc = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', app], { cwd: app, encoding: 'utf8' });
    expect({ status: tsc.status, stdout: tsc.stdout }).toEqual({ status: 0, stdout: '' });

    const synth = spawnSync(bin, ['synth', '--profile', profile, '--out', 'dist'], { cwd: app, encoding: 'utf8' });
    expect({ status: synth.status, stderr: synth.stderr }).toEqual({ status: 0, stderr: '' });
    expect(fs.existsSync(path.join(app, 'dist', 'kustomization.yaml'))).toBe(true);
  }, 300_000);
});
