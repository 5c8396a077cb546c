/**
 * The GitOps objects of a fleet (issue 15): an Argo CD ApplicationSet with one Application per
 * cluster folder, or per cluster a Flux GitRepository and Kustomization, pointing at the
 * repository the fleet output is committed to. Written under `gitops/`, each folder with its own
 * `kustomization.yaml`. Pure: no I/O.
 */
import * as path from 'path';
import { HardlineError } from '../errors';
import { GENERATED_MARKER } from './render-files';
import { stringifyManifest } from './yaml-emit';

/** The GitOps engines a fleet can be written for. */
export type GitOpsEngine = 'argocd' | 'flux';

/** Where the fleet output lives in Git. */
export interface GitOpsOptions {
  /** The engine to write objects for. */
  readonly engine: GitOpsEngine;
  /** The Git repository URL the output is committed to. */
  readonly repoUrl: string;
  /**
   * The revision to sync: a branch, a tag, a commit SHA, a `refs/…` name, or `HEAD`.
   *
   * @default 'HEAD'
   */
  readonly revision?: string;
  /** The output folder's path inside the repository, e.g. `clusters` (`''` for the root). */
  readonly repoPath: string;
}

/** Folder of the GitOps objects inside the fleet output; no cluster folder may take this name. */
export const GITOPS_FOLDER = 'gitops';

/** Namespace the Argo CD ApplicationSet lives in (Argo CD's own). */
export const ARGOCD_NAMESPACE = 'argocd';
/** Namespace the Flux objects live in (Flux's own). */
export const FLUX_NAMESPACE = 'flux-system';

const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'hardline' };

/** A cluster of the fleet: its name (Argo CD's destination name) and its output folder. */
export interface GitOpsCluster {
  readonly name: string;
  readonly folder: string;
}

/**
 * Checks the options a user typed and normalizes the repository path (POSIX, no `./`, no
 * trailing `/`). Throws `HardlineError` naming the option.
 */
export function resolveGitOpsOptions(options: GitOpsOptions): Required<GitOpsOptions> {
  const bad = (option: string, message: string, hint?: string) => new HardlineError(`${option}: ${message}`, { code: 'BAD_GITOPS_OPTION', hint });
  const repoUrl = options.repoUrl.trim();
  if (!/^(https?|ssh|git|file):\/\/\S+$/.test(repoUrl) && !/^[\w.-]+@[\w.-]+:\S+$/.test(repoUrl)) {
    throw bad('--repo-url', `"${options.repoUrl}" is not a Git repository URL`, 'write https://host/org/repo.git, ssh://git@host/org/repo.git or git@host:org/repo.git');
  }
  const revision = (options.revision ?? 'HEAD').trim();
  if (revision === '' || /[\s~^:?*[\\]|\.\.|^-/.test(revision)) {
    throw bad('--revision', `"${options.revision}" is not a branch, tag, commit or HEAD`);
  }
  const raw = options.repoPath.replace(/\\/g, '/');
  if (path.posix.isAbsolute(raw) || raw.split('/').includes('..')) {
    throw bad('--repo-path', `"${options.repoPath}" must be a path inside the repository, relative to its root, without ".."`);
  }
  const repoPath = path.posix.normalize(raw === '' ? '.' : raw).replace(/\/+$/, '');
  return { engine: options.engine, repoUrl, revision, repoPath: repoPath === '.' ? '' : repoPath };
}

/** The name of a cluster's Application or Flux objects: `hardline-<cluster>`, as a DNS-1123 label. */
export function gitOpsName(cluster: string): string {
  const slug = cluster.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  return `hardline-${slug}`.slice(0, 63).replace(/-+$/, '');
}

/** The files under `gitops/` for the fleet, by path relative to the output directory. */
export function gitOpsFiles(clusters: readonly GitOpsCluster[], options: GitOpsOptions): Map<string, string> {
  const o = resolveGitOpsOptions(options);
  const names = new Map<string, string>();
  for (const c of clusters) {
    if (c.folder.toLowerCase() === GITOPS_FOLDER) {
      throw new HardlineError(`cluster "${c.name}" would write its folder over the ${GITOPS_FOLDER}/ folder of the GitOps objects`, {
        code: 'BAD_GITOPS_OPTION',
        hint: 'rename the cluster (spec.cluster.name) or synthesize without --gitops',
      });
    }
    const name = gitOpsName(c.name);
    const other = names.get(name);
    if (other !== undefined) {
      throw new HardlineError(`clusters "${other}" and "${c.name}" would both be named ${name} in ${o.engine}`, {
        code: 'BAD_GITOPS_OPTION',
        hint: 'give the clusters names that differ in more than case and punctuation',
      });
    }
    names.set(name, c.name);
  }
  const pathOf = (c: GitOpsCluster) => (o.repoPath ? `${o.repoPath}/${c.folder}` : c.folder);
  const header = `${GENERATED_MARKER} for a fleet. Edit the profiles or the synth options, not this file.\n`;
  const files = new Map<string, string>();
  const write = (folder: string, objects: readonly [string, unknown][]) => {
    for (const [file, doc] of objects) files.set(`${folder}/${file}`, header + stringifyManifest(doc));
    const kustomization = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: objects.map(([file]) => file) };
    files.set(`${folder}/kustomization.yaml`, header + stringifyManifest(kustomization));
  };
  if (o.engine === 'argocd') {
    write(`${GITOPS_FOLDER}/argocd`, [['applicationset-hardline.yaml', applicationSet(clusters, pathOf, o)]]);
  } else {
    for (const c of clusters) {
      write(`${GITOPS_FOLDER}/flux/${c.folder}`, [
        ['gitrepository.yaml', gitRepository(c, o)],
        ['flux-kustomization.yaml', fluxKustomization(c, pathOf(c))],
      ]);
    }
  }
  return files;
}

/**
 * One ApplicationSet, a list generator with an element per cluster. Each Application syncs the
 * cluster's folder into the cluster Argo CD knows by the cluster's name, pruning what the
 * profile no longer emits (Namespaces excepted: they carry Prune=false,Delete=false).
 */
function applicationSet(clusters: readonly GitOpsCluster[], pathOf: (c: GitOpsCluster) => string, o: Required<GitOpsOptions>): unknown {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name: 'hardline', namespace: ARGOCD_NAMESPACE, labels: MANAGED_BY },
    spec: {
      goTemplate: true,
      goTemplateOptions: ['missingkey=error'],
      generators: [{ list: { elements: clusters.map((c) => ({ cluster: c.name, name: gitOpsName(c.name), path: pathOf(c) })) } }],
      template: {
        metadata: { name: '{{.name}}', labels: MANAGED_BY },
        spec: {
          project: 'default',
          source: { repoURL: o.repoUrl, targetRevision: o.revision, path: '{{.path}}' },
          destination: { name: '{{.cluster}}' },
          syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['PruneLast=true'] },
        },
      },
    },
  };
}

/**
 * The repository URL as Flux takes it: Flux accepts http(s):// and ssh:// URLs only, so the
 * scp-like `git@host:org/repo.git` becomes `ssh://git@host/org/repo.git`.
 */
export function fluxRepoUrl(url: string): string {
  const scp = /^([\w.-]+@[\w.-]+):(?!\/\/)(\S+)$/.exec(url);
  if (scp) return `ssh://${scp[1]}/${scp[2].replace(/^\/+/, '')}`;
  if (!/^(https?|ssh):\/\//.test(url)) {
    throw new HardlineError(`--repo-url: Flux clones http(s):// and ssh:// URLs only, not "${url}"`, { code: 'BAD_GITOPS_OPTION' });
  }
  return url;
}

/** The Flux GitRepository of one cluster; `HEAD` checks out the remote's default branch. */
function gitRepository(c: GitOpsCluster, o: Required<GitOpsOptions>): unknown {
  const r = o.revision;
  const ref = /^[0-9a-f]{40}$/.test(r) ? { commit: r } : r === 'HEAD' || r.startsWith('refs/') ? { name: r } : { branch: r };
  return {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'GitRepository',
    metadata: { name: gitOpsName(c.name), namespace: FLUX_NAMESPACE, labels: MANAGED_BY },
    spec: { interval: '5m', url: fluxRepoUrl(o.repoUrl), ref },
  };
}

/** The Flux Kustomization of one cluster: applies its folder, pruning what the profile no longer emits. */
function fluxKustomization(c: GitOpsCluster, repoPath: string): unknown {
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name: gitOpsName(c.name), namespace: FLUX_NAMESPACE, labels: MANAGED_BY },
    spec: {
      interval: '10m',
      sourceRef: { kind: 'GitRepository', name: gitOpsName(c.name) },
      path: `./${repoPath}`,
      prune: true,
      wait: true,
      timeout: '5m',
    },
  };
}
