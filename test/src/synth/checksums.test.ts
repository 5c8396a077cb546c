/**
 * Provenance an auditor can check: `compliance/SHA256SUMS` lists every emitted file and
 * `sha256sum -c` accepts it; report.json names the hardline version, the sha256 of every profile
 * source, the benchmark and the `--date`. Same inputs, same bytes.
 */
import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadProfile } from '../../../src/profile/load-profile';
import { CHECKSUMS_FILE, sha256sums } from '../../../src/synth/checksums';
import { renderProfile, synthesizeProfile } from '../../../src/synth/synthesize-profile';
import { readTree } from '../../helpers/files';
import { ROOT, TODAY } from '../../helpers/synth';

const DEFAULT = path.join(ROOT, 'profiles', 'default.yaml');
const listFiles = (dir: string) => Object.keys(readTree(dir)).sort();
const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('compliance/SHA256SUMS', () => {
  let work: string;
  beforeAll(() => (work = fs.mkdtempSync(path.join(os.tmpdir(), 'hardline-sums-'))));
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  test('lists every other emitted file once, sorted, and `sha256sum -c` accepts it', () => {
    const out = path.join(work, 'out');
    synthesizeProfile({ profile: DEFAULT, out });
    const lines = fs.readFileSync(path.join(out, CHECKSUMS_FILE), 'utf8').trimEnd().split('\n');
    const listed = lines.map((l) => l.replace(/^[0-9a-f]{64} {2}/, ''));
    expect(listed).toEqual(listFiles(out).filter((f) => f !== CHECKSUMS_FILE).sort());
    for (const line of lines) expect(sha(path.join(out, line.slice(66)))).toBe(line.slice(0, 64));
    let sums: string;
    try {
      sums = execFileSync('sha256sum', ['-c', CHECKSUMS_FILE], { cwd: out, encoding: 'utf8' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return console.warn('skipping `sha256sum -c`: coreutils sha256sum is not installed');
      throw e;
    }
    expect(sums.trimEnd().split('\n')).toHaveLength(listed.length);
    expect(sums).not.toMatch(/FAILED/);
  });

  test('a changed manifest fails `sha256sum -c` (the list really pins the bytes)', () => {
    const out = path.join(work, 'tampered');
    synthesizeProfile({ profile: DEFAULT, out });
    fs.appendFileSync(path.join(out, 'kustomization.yaml'), '# edited\n');
    expect(sha256sums(listFiles(out).map((f) => [f, fs.readFileSync(path.join(out, f))] as const))).not.toBe(
      fs.readFileSync(path.join(out, CHECKSUMS_FILE), 'utf8'),
    );
    expect(() => execFileSync('sha256sum', ['-c', '--quiet', CHECKSUMS_FILE], { cwd: out, stdio: 'pipe' })).toThrow(/kustomization\.yaml: FAILED|Command failed/);
  });

  test('the in-memory render and the written tree carry the same list, byte for byte, run after run', () => {
    const out = path.join(work, 'again');
    synthesizeProfile({ profile: DEFAULT, out });
    const rendered = renderProfile(loadProfile(DEFAULT)).files.get(CHECKSUMS_FILE);
    expect(fs.readFileSync(path.join(out, CHECKSUMS_FILE), 'utf8')).toBe(rendered);
    expect(renderProfile(loadProfile(DEFAULT)).files.get(CHECKSUMS_FILE)).toBe(rendered);
  });
});

describe('report.json provenance', () => {
  test('names the hardline version, each profile source with its sha256, and the benchmark; no date without --date', () => {
    const report = JSON.parse(renderProfile(loadProfile(DEFAULT)).files.get('compliance/report.json')!);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(report.provenance).toEqual({
      hardlineVersion: pkg.version,
      profileSources: ['cis-level1.yaml', 'soc2.yaml', 'default.yaml'].map((f) => ({
        file: `hardline:profiles/${f}`,
        sha256: sha(path.join(ROOT, 'profiles', f)),
      })),
      cisBenchmark: 'CIS Kubernetes Benchmark v1.10.0',
    });
  });

  test('records the --date exceptions were checked against, and a user profile by its path from the leaf', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hardline-prov-'));
    try {
      fs.mkdirSync(path.join(dir, 'base'));
      fs.writeFileSync(path.join(dir, 'base', 'team.yaml'), 'apiVersion: hardline.dev/v1alpha1\nkind: Profile\nmetadata: { name: team }\nspec:\n  namespaces: [{ name: api, tier: staging }]\n');
      fs.writeFileSync(
        path.join(dir, 'leaf.yaml'),
        'apiVersion: hardline.dev/v1alpha1\nkind: Profile\nmetadata: { name: leaf }\nextends: [base/team.yaml]\nspec:\n  cluster: { name: c, kubernetesVersion: "1.34" }\n',
      );
      const report = JSON.parse(renderProfile(loadProfile(path.join(dir, 'leaf.yaml'), { today: TODAY })).files.get('compliance/report.json')!);
      expect(report.provenance.profileSources).toEqual([
        { file: 'base/team.yaml', sha256: sha(path.join(dir, 'base', 'team.yaml')) },
        { file: 'leaf.yaml', sha256: sha(path.join(dir, 'leaf.yaml')) },
      ]);
      expect(report.provenance.date).toBe(TODAY);
      expect(report.provenance.cisBenchmark).toBe('CIS Kubernetes Benchmark v2.0.0');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
