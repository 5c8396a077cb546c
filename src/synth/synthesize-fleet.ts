/**
 * The fleet use case: several profiles (one per cluster) loaded and validated together, then
 * written as one output tree with a folder per cluster, swapped in atomically.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { HardlineError, ProfileError, ProfileProblem } from '../errors';
import { loadProfile } from '../profile/load-profile';
import { MAX_PROFILE_BYTES } from '../profile/yaml-source';
import { gitOpsFiles, GitOpsOptions } from './gitops-fleet';
import { ResolvedProfile } from '../profile/types';
import { assertSafeOutDir } from './out-dir-policy';
import { FLEET_INDEX, GENERATED_MARKER, OutputFiles } from './render-files';
import { renderProfile } from './synthesize-profile';
import { RenderedObject } from './collect-objects';
import { stringifyManifest } from './yaml-emit';
import { writeOutput, writeOutputAsync } from './write-output';

/** Options for `synthesizeFleet`. */
export interface FleetOptions {
  /** Profile files, one per cluster. */
  readonly profiles: readonly string[];
  /** Output directory, replaced atomically; gets one folder per cluster. */
  readonly out: string;
  /**
   * Date exceptions are checked against, `YYYY-MM-DD`.
   *
   * @default - today (UTC)
   */
  readonly today?: string;
  /**
   * Also write the GitOps objects that deploy every cluster folder (`gitops/`): an Argo CD
   * ApplicationSet, or per cluster a Flux GitRepository and Kustomization.
   *
   * @default - none
   */
  readonly gitops?: GitOpsOptions;
}

/** One cluster of a fleet synth. */
export interface FleetCluster {
  /** The resolved profile. */
  readonly profile: ResolvedProfile;
  /** Output folder, relative to the output directory (the cluster name). */
  readonly folder: string;
  /** Objects written for the cluster. */
  readonly objects: readonly RenderedObject[];
}

/**
 * Loads every cluster profile of a fleet (shared bases, see `splitFleetFiles`, are loaded only as
 * the bases of the others), reporting the problems of all of them at once, and checks that no two
 * target the same cluster (case-insensitively: the folders must differ on every filesystem).
 * For a `fleet` (one folder per cluster), no cluster may be named like the fleet index file.
 */
export function loadFleet(files: readonly string[], today?: string, fleet = true): ResolvedProfile[] {
  const problems: ProfileProblem[] = [];
  const profiles: ResolvedProfile[] = [];
  const { clusters } = splitFleetFiles(files);
  if (clusters.length === 0) {
    throw new HardlineError('every profile of the fleet is extended by another one, so none of them is a cluster', {
      code: 'NO_PROFILES',
      hint: 'a fleet needs at least one profile that no other profile extends',
    });
  }
  for (const file of clusters) {
    try {
      profiles.push(loadProfile(file, { today }));
    } catch (e) {
      if (!(e instanceof ProfileError)) throw e;
      problems.push(...e.problems);
    }
  }
  const byCluster = new Map<string, ResolvedProfile>();
  for (const p of profiles) {
    const key = p.cluster.name.toLowerCase();
    if (fleet && key === FLEET_INDEX) {
      problems.push({
        ...(p.clusterNameAt ?? { file: p.file, line: 1, column: 1 }),
        path: 'spec.cluster.name',
        message: `cluster "${p.cluster.name}" would name its fleet folder like the fleet index ${FLEET_INDEX}; choose another cluster name`,
      });
      continue;
    }
    const first = byCluster.get(key);
    if (!first) {
      byCluster.set(key, p);
      continue;
    }
    const at = p.clusterNameAt ?? { file: p.file, line: 1, column: 1 };
    problems.push({
      ...at,
      path: 'spec.cluster.name',
      message: `cluster "${p.cluster.name}" is already the cluster of ${first.file}; a fleet has one profile per cluster`,
    });
  }
  if (problems.length > 0) throw new ProfileError(problems);
  return profiles;
}

/** Renders a fleet: each cluster's tree under its folder, plus the fleet index. */
export function renderFleet(profiles: readonly ResolvedProfile[]): { clusters: FleetCluster[]; files: OutputFiles } {
  const files: OutputFiles = new Map();
  const clusters: FleetCluster[] = [];
  const sorted = [...profiles].sort((a, b) => (a.cluster.name < b.cluster.name ? -1 : a.cluster.name > b.cluster.name ? 1 : 0));
  for (const profile of sorted) {
    const folder = profile.cluster.name;
    const rendered = renderProfile(profile);
    for (const [rel, text] of rendered.files) files.set(`${folder}/${rel}`, text);
    clusters.push({ profile, folder, objects: rendered.objects });
  }
  const index = {
    clusters: clusters.map((c) => ({ name: c.profile.cluster.name, path: c.folder, profile: c.profile.name })),
  };
  files.set(FLEET_INDEX, `${GENERATED_MARKER} for a fleet; each folder is one cluster's kustomization.\n${stringifyManifest(index)}`);
  return { clusters, files };
}

/**
 * Splits a fleet's files into cluster profiles and shared bases: a file another file of the
 * fleet extends (by path; extending itself does not count) is a base, not a cluster, so a fleet directory may hold
 * `base.yaml` next to `prod-eu.yaml` and `prod-us.yaml`. Order is kept. A file that cannot be
 * read or parsed counts as a cluster, so the loader reports its problem with its location.
 */
export function splitFleetFiles(files: readonly string[]): { clusters: string[]; bases: string[] } {
  const key = (f: string) => {
    try {
      return fs.realpathSync(f);
    } catch {
      return path.resolve(f);
    }
  };
  const extended = new Set<string>();
  for (const file of files) {
    const self = key(file);
    // A profile extending itself is not a base but a cycle, which loading it reports at its line.
    for (const ref of extendsPaths(file)) {
      const target = key(path.resolve(path.dirname(file), ref));
      if (target !== self) extended.add(target);
    }
  }
  const clusters: string[] = [];
  const bases: string[] = [];
  for (const f of files) (extended.has(key(f)) ? bases : clusters).push(f);
  return { clusters, bases };
}

/** The `extends` entries of a profile file that are paths (`*.yaml`), or none when it cannot be read. */
function extendsPaths(file: string): string[] {
  try {
    if (fs.statSync(file).size > MAX_PROFILE_BYTES) return [];
    const doc = yaml.load(fs.readFileSync(file, 'utf8'), { schema: yaml.JSON_SCHEMA }) as { extends?: unknown } | null;
    const refs = doc && typeof doc === 'object' && Array.isArray(doc.extends) ? doc.extends : [];
    return refs.filter((r): r is string => typeof r === 'string' && /\.ya?ml$/.test(r));
  } catch {
    return [];
  }
}

/** What a fleet synth produced. */
export interface FleetResult {
  /** Every cluster, in folder order. */
  readonly clusters: FleetCluster[];
  /** The shared bases (profiles another profile of the fleet extends). */
  readonly bases: readonly string[];
  /** Every file written, relative to `out`. */
  readonly files: readonly string[];
}

/** Loads, validates and synthesizes every profile of a fleet into `out`, or writes nothing. */
export function synthesizeFleet(options: FleetOptions): FleetResult {
  const { clusters, bases, files } = prepareFleet(options);
  return { clusters, bases, files: writeOutput(options.out, files) };
}

/**
 * `synthesizeFleet` for the CLI: a SIGINT or SIGTERM that arrives while the fleet is composed and
 * written is handled before the output is swapped in (see `writeOutputAsync`).
 */
export async function synthesizeFleetAsync(options: FleetOptions): Promise<FleetResult> {
  const { clusters, bases, files } = prepareFleet(options);
  return { clusters, bases, files: await writeOutputAsync(options.out, files) };
}

/** Loads, validates and renders a fleet (nothing written yet). */
function prepareFleet(options: FleetOptions): { clusters: FleetCluster[]; bases: readonly string[]; files: Map<string, string> } {
  if (options.profiles.length === 0) throw new HardlineError('no profiles given', { code: 'NO_PROFILES' });
  const split = splitFleetFiles(options.profiles);
  const profiles = loadFleet(options.profiles, options.today);
  const { clusters, files } = renderFleet(profiles);
  if (options.gitops) {
    for (const [rel, text] of gitOpsFiles(clusters.map((c) => ({ name: c.profile.cluster.name, folder: c.folder })), options.gitops)) {
      if (files.has(rel)) throw new HardlineError(`two outputs would be written to ${rel}`, { code: 'OUTPUT_CONFLICT' });
      files.set(rel, text);
    }
  }
  assertSafeOutDir(options.out, profiles.flatMap((p) => p.sources));
  return { clusters, bases: split.bases, files };
}
