import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { HardlineError } from '../../../src/errors';
import { fluxRepoUrl, gitOpsFiles, gitOpsName, resolveGitOpsOptions } from '../../../src/synth/gitops-fleet';
import { cli } from '../../helpers/cli';
import { crdValidator } from '../../helpers/crd-schema';
import { describeWithShared } from '../../helpers/shared';

const clusters = [
  { name: 'prod-eu-1', folder: 'prod-eu-1' },
  { name: 'Stage_US', folder: 'Stage_US' },
];
const objectsOf = (files: Map<string, string>) =>
  [...files].filter(([f]) => !f.endsWith('/kustomization.yaml')).map(([f, text]) => ({ file: f, doc: yaml.load(text) as any }));

describe('GitOps objects of a fleet (issue 15)', () => {
  test('argocd: one ApplicationSet with an element per cluster folder, at the repository path, syncing the revision', () => {
    const files = gitOpsFiles(clusters, { engine: 'argocd', repoUrl: 'https://git.example/acme/fleet.git', repoPath: './deploy/clusters/' });
    expect([...files.keys()]).toEqual(['gitops/argocd/applicationset-hardline.yaml', 'gitops/argocd/kustomization.yaml']);
    const [set] = objectsOf(files).map((o) => o.doc);
    expect(set.kind).toBe('ApplicationSet');
    expect(set.metadata.labels['app.kubernetes.io/managed-by']).toBe('hardline');
    expect(set.spec.generators[0].list.elements).toEqual([
      { cluster: 'prod-eu-1', name: 'hardline-prod-eu-1', path: 'deploy/clusters/prod-eu-1' },
      { cluster: 'Stage_US', name: 'hardline-stage-us', path: 'deploy/clusters/Stage_US' },
    ]);
    expect(set.spec.template.spec.source).toEqual({ repoURL: 'https://git.example/acme/fleet.git', targetRevision: 'HEAD', path: '{{.path}}' });
    expect(set.spec.template.spec.destination).toEqual({ name: '{{.cluster}}' });
    expect(yaml.load(files.get('gitops/argocd/kustomization.yaml')!)).toMatchObject({ resources: ['applicationset-hardline.yaml'] });
  });

  test('flux: per cluster a GitRepository and a Kustomization of its folder, listed in a kustomization.yaml', () => {
    const files = gitOpsFiles(clusters, { engine: 'flux', repoUrl: 'git@github.com:acme/fleet.git', revision: 'release-1', repoPath: '' });
    expect([...files.keys()].sort()).toEqual([
      'gitops/flux/Stage_US/flux-kustomization.yaml',
      'gitops/flux/Stage_US/gitrepository.yaml',
      'gitops/flux/Stage_US/kustomization.yaml',
      'gitops/flux/prod-eu-1/flux-kustomization.yaml',
      'gitops/flux/prod-eu-1/gitrepository.yaml',
      'gitops/flux/prod-eu-1/kustomization.yaml',
    ]);
    const repo = yaml.load(files.get('gitops/flux/prod-eu-1/gitrepository.yaml')!) as any;
    expect(repo.spec).toEqual({ interval: '5m', url: 'ssh://git@github.com/acme/fleet.git', ref: { branch: 'release-1' } });
    const ks = yaml.load(files.get('gitops/flux/prod-eu-1/flux-kustomization.yaml')!) as any;
    expect(ks.spec).toMatchObject({ sourceRef: { kind: 'GitRepository', name: 'hardline-prod-eu-1' }, path: './prod-eu-1', prune: true });
  });

  test.each([
    ['HEAD', { name: 'HEAD' }],
    ['v1.2.0', { branch: 'v1.2.0' }],
    ['refs/tags/v1.2.0', { name: 'refs/tags/v1.2.0' }],
    ['0123456789abcdef0123456789abcdef01234567', { commit: '0123456789abcdef0123456789abcdef01234567' }],
  ])('flux ref for --revision %s', (revision, ref) => {
    const files = gitOpsFiles(clusters.slice(0, 1), { engine: 'flux', repoUrl: 'https://git.example/a.git', revision, repoPath: 'c' });
    expect((yaml.load(files.get('gitops/flux/prod-eu-1/gitrepository.yaml')!) as any).spec.ref).toEqual(ref);
  });

  test('bad options are refused naming the option', () => {
    const base = { engine: 'argocd' as const, repoUrl: 'https://git.example/a.git', repoPath: 'c' };
    expect(() => resolveGitOpsOptions({ ...base, repoUrl: 'not a url' })).toThrow(/--repo-url: "not a url" is not a Git repository URL/);
    expect(() => resolveGitOpsOptions({ ...base, revision: 'main branch' })).toThrow(/--revision/);
    expect(() => resolveGitOpsOptions({ ...base, repoPath: '../elsewhere' })).toThrow(/--repo-path: .* without "\.\."/);
    expect(() => resolveGitOpsOptions({ ...base, repoPath: '/abs' })).toThrow(/--repo-path/);
    expect(() => fluxRepoUrl('git://git.example/a.git')).toThrow(/Flux clones http\(s\):\/\/ and ssh:\/\/ URLs only/);
    expect(() => gitOpsFiles([{ name: 'gitops', folder: 'gitops' }], base)).toThrow(HardlineError);
    expect(() => gitOpsFiles([{ name: 'a_b', folder: 'a_b' }, { name: 'a-b', folder: 'a-b' }], base)).toThrow(/would both be named hardline-a-b/);
  });

  test('names are DNS-1123 labels of at most 63 characters', () => {
    expect(gitOpsName('Prod.EU_1')).toBe('hardline-prod-eu-1');
    expect(gitOpsName('x'.repeat(100))).toHaveLength(63);
  });
});

describeWithShared('GitOps objects validate against the shipped Argo CD and Flux CRDs', (shared) => {
  const validate = crdValidator([
    path.join(shared, 'schemas', 'argocd', 'v3.5.1', 'applicationset-crd.yaml'),
    path.join(shared, 'schemas', 'flux', 'v2.9.0', 'kustomize.toolkit.fluxcd.io_kustomizations.yaml'),
    path.join(shared, 'schemas', 'flux', 'v2.9.0', 'source.toolkit.fluxcd.io_gitrepositories.yaml'),
  ]);

  test.each(['argocd', 'flux'] as const)('%s', (engine) => {
    const files = gitOpsFiles(clusters, { engine, repoUrl: 'git@github.com:acme/fleet.git', repoPath: 'clusters' });
    const objects = objectsOf(files);
    expect(objects.length).toBeGreaterThan(0);
    for (const { file, doc } of objects) expect({ file, errors: validate(doc) }).toEqual({ file, errors: [] });
  });

  test('a misspelled field fails (the validator is strict)', () => {
    const [{ doc }] = objectsOf(gitOpsFiles(clusters, { engine: 'argocd', repoUrl: 'https://git.example/a.git', repoPath: '' }));
    doc.spec.template.spec.sauce = doc.spec.template.spec.source;
    expect(validate(doc).length).toBeGreaterThan(0);
  });
});

describe('hardline synth --gitops on a fleet directory with a shared base', () => {
  let work: string;
  const write = (name: string, lines: string[]) => fs.writeFileSync(path.join(work, 'clusters', name), [...lines, ''].join('\n'));
  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hardline-gitops-'));
    fs.mkdirSync(path.join(work, 'clusters'));
    write('base.yaml', [
      'apiVersion: hardline.dev/v1alpha1',
      'kind: Profile',
      'metadata: { name: base }',
      'spec:',
      '  cluster: { kubernetesVersion: "1.30", externalNamespaces: [monitoring] }',
      '  namespaces:',
      '    - name: web',
      '      allow: { ingress: [{ name: from-prometheus, from: [{ namespace: monitoring }], ports: [{ port: 9090 }] }] }',
    ]);
    for (const [file, cluster, provider] of [['eu.yaml', 'prod-eu', 'eks'], ['us.yaml', 'prod-us', 'self-managed']]) {
      write(file, ['apiVersion: hardline.dev/v1alpha1', 'kind: Profile', `metadata: { name: ${cluster} }`, 'extends: [base.yaml]', 'spec:', `  cluster: { name: ${cluster}, provider: ${provider} }`]);
    }
  });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  test.each(['argocd', 'flux'])('--gitops %s writes gitops/ next to the cluster folders; the base is no cluster; every folder builds with kubectl kustomize', async (engine) => {
    const out = path.join(work, 'out');
    const r = await cli('synth', '-p', path.join(work, 'clusters'), '--out', out, '--gitops', engine, '--repo-url', 'https://git.example/acme/fleet.git', '--repo-path', 'out');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/base\.yaml is a shared base .*, not a cluster/);
    expect(fs.readdirSync(out).sort()).toEqual(['fleet.yaml', 'gitops', 'prod-eu', 'prod-us']);
    // a managed control plane gets no control-plane files; the self-managed one does
    expect(fs.existsSync(path.join(out, 'prod-eu', 'control-plane'))).toBe(false);
    expect(fs.existsSync(path.join(out, 'prod-us', 'control-plane'))).toBe(true);
    const folders = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? folders(path.join(dir, e.name)) : e.name === 'kustomization.yaml' ? [dir] : []));
    const built = folders(out);
    expect(built.length).toBeGreaterThanOrEqual(3);
    for (const dir of built) expect(() => execFileSync('kubectl', ['kustomize', dir], { stdio: ['ignore', 'pipe', 'pipe'] })).not.toThrow();
    const validate = await cli('validate', '-p', path.join(work, 'clusters'));
    expect(validate.code).toBe(0);
    expect(validate.stdout).toMatch(/base\.yaml: shared base of the fleet/);
  });

  test('--gitops without --repo-url, or with a single profile, is a usage error that writes nothing', async () => {
    const out = path.join(work, 'out');
    expect(await cli('synth', '-p', path.join(work, 'clusters'), '--out', out, '--gitops', 'flux')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--gitops needs --repo-url/) });
    expect(await cli('synth', '-p', path.join(work, 'clusters', 'eu.yaml'), '--out', out, '--gitops', 'flux', '--repo-url', 'https://g.example/a.git')).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/only a fleet has/),
    });
    expect(await cli('synth', '-p', path.join(work, 'clusters'), '--out', out, '--repo-url', 'https://g.example/a.git')).toMatchObject({ code: 2 });
    expect(fs.existsSync(out)).toBe(false);
  });

  test('a fleet whose every profile is extended by another has no cluster', async () => {
    fs.rmSync(path.join(work, 'clusters', 'eu.yaml'));
    fs.rmSync(path.join(work, 'clusters', 'us.yaml'));
    write('loop.yaml', ['apiVersion: hardline.dev/v1alpha1', 'kind: Profile', 'metadata: { name: loop }', 'extends: [base.yaml]']);
    fs.appendFileSync(path.join(work, 'clusters', 'base.yaml'), 'extends: [loop.yaml]\n');
    const r = await cli('validate', '-p', path.join(work, 'clusters'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/none of them is a cluster/);
  });
});
