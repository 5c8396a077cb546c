/**
 * The synth use case: load a profile, compose it, render every object and write the output
 * directory atomically.
 */
import { composeProfile } from '../compose/compose-profile';
import { loadProfile } from '../profile/load-profile';
import { ResolvedProfile } from '../profile/types';
import { buildReport } from '../report/build-report';
import { reportFiles } from '../report/reporters';
import { collectObjects, RenderedObject } from './collect-objects';
import { OutputFiles, renderFiles } from './render-files';
import { assertSafeOutDir } from './out-dir-policy';
import { writeOutput } from './write-output';

/** Options for `synthesizeProfile`. */
export interface SynthesizeOptions {
  /** Profile file to load. */
  readonly profile: string;
  /** Output directory, replaced atomically. */
  readonly out: string;
  /**
   * Date exceptions are checked against, `YYYY-MM-DD`.
   *
   * @default - today (UTC)
   */
  readonly today?: string;
}

/** What a synth produced. */
export interface SynthesisResult {
  /** The resolved profile. */
  readonly profile: ResolvedProfile;
  /** Every Kubernetes object written. */
  readonly objects: readonly RenderedObject[];
  /** Every file written, relative to the output directory. */
  readonly files: readonly string[];
}

/** Renders a resolved profile to the output tree (manifests and the compliance report) without touching the disk. */
export function renderProfile(profile: ResolvedProfile): { objects: RenderedObject[]; files: OutputFiles } {
  const composed = composeProfile(profile);
  const objects = collectObjects(composed);
  const report = reportFiles(buildReport(profile, objects));
  return { objects, files: renderFiles(objects, profile.name, new Map([...composed.extraFiles, ...report])) };
}

/** Loads, validates and synthesizes a profile into `out`. Throws `HardlineError`s for user mistakes. */
export function synthesizeProfile(options: SynthesizeOptions): SynthesisResult {
  const profile = loadProfile(options.profile, { today: options.today });
  const { objects, files } = renderProfile(profile);
  assertSafeOutDir(options.out, profile.sources);
  writeOutput(options.out, files);
  return { profile, objects, files: [...files.keys()].sort() };
}
