import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from '../helpers/cli';
import { ROOT } from '../helpers/synth';
import { loadProfile } from '../../src/profile/load-profile';

const SCHEMA_LINE = /^# yaml-language-server: \$schema=(\S+)\n/;

describe('hardline init', () => {
  let work: string;
  let cwd: string;
  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hardline-init-'));
    cwd = process.cwd();
    process.chdir(work);
  });
  afterEach(() => {
    process.chdir(cwd);
    fs.rmSync(work, { recursive: true, force: true });
  });

  test('writes profiles/<name>.yaml: a schema reference that resolves, comments, and a profile that validates and synthesizes', async () => {
    const r = await cli('init', '--name', 'shop', '--provider', 'eks');
    expect(r).toEqual({ code: 0, stdout: 'wrote profiles/shop.yaml; check it with `hardline validate --profile profiles/shop.yaml`\n', stderr: '' });
    const text = fs.readFileSync('profiles/shop.yaml', 'utf8');
    const ref = SCHEMA_LINE.exec(text)?.[1];
    expect(ref).toBeDefined();
    const schemaFile = path.resolve('profiles', ref as string);
    expect(fs.realpathSync(schemaFile)).toBe(fs.realpathSync(path.join(ROOT, 'src', 'profile', 'profile.schema.json')));
    expect(text).toContain('Amazon EKS runs the control plane');
    const profile = loadProfile('profiles/shop.yaml');
    expect(profile).toMatchObject({ name: 'shop', cluster: { name: 'shop', provider: 'eks' }, cisVersion: 'eks-1.8.0' });
    expect(profile.namespaces.map((n) => [n.name, n.tier])).toEqual([['app', 'production'], ['app-staging', 'staging']]);
    expect((await cli('validate', '--profile', 'profiles/shop.yaml')).code).toBe(0);
    expect((await cli('synth', '--profile', 'profiles/shop.yaml', '--out', 'out')).code).toBe(0);
  });

  test('never overwrites a file: exit 1, the file unchanged', async () => {
    fs.writeFileSync('mine.yaml', 'keep me\n');
    const r = await cli('init', '--out', 'mine.yaml');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: mine.yaml already exists; init never overwrites a file');
    expect(fs.readFileSync('mine.yaml', 'utf8')).toBe('keep me\n');
  });

  test('a name that is not a DNS-1123 label or an unknown provider is a usage error (exit 2), nothing written', async () => {
    expect((await cli('init', '--name', 'Shop_1')).code).toBe(2);
    expect((await cli('init', '--provider', 'openshift')).code).toBe(2);
    expect(fs.readdirSync('.')).toEqual([]);
  });
});

describe('shipped profiles', () => {
  test.each(fs.readdirSync(path.join(ROOT, 'profiles')).filter((f) => f.endsWith('.yaml')))('%s starts with a yaml-language-server $schema reference to the shipped schema', (f) => {
    const ref = SCHEMA_LINE.exec(fs.readFileSync(path.join(ROOT, 'profiles', f), 'utf8'))?.[1];
    expect(ref).toBe('../src/profile/profile.schema.json');
    expect(fs.existsSync(path.join(ROOT, 'profiles', ref as string))).toBe(true);
  });
});
