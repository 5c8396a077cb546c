/**
 * The synth use case: load a profile, compose it, render every object and write the output
 * directory atomically.
 */
import { composeProfile } from '../compose/compose-profile';
import { loadProfile } from '../profile/load-profile';
import { ResolvedProfile } from '../profile/types';
import { buildReport } from '../report/build-report';
import { reportFiles, streamReportFiles } from '../report/reporters';
import { collectObjects, composeAndCollect, RenderedObject } from './collect-objects';
import { OutputFiles, OutputStream, renderFiles, streamFiles } from './render-files';
import { assertSafeOutDir } from './out-dir-policy';
import { writeOutput } from './write-output';
import { CHECKSUMS_FILE, sha256sums } from './checksums';

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
  const files = renderFiles(objects, profile.name, new Map([...composed.extraFiles, ...report]));
  files.set(CHECKSUMS_FILE, sha256sums(files));
  return { objects, files };
}

/**
 * `renderProfile` as a stream: the app is composed, validated and rendered to JSON now; each
 * file's bytes (and the report, built once the objects are known) are produced only as the
 * writer reaches them. The construct tree is not kept.
 */
export function streamProfile(profile: ResolvedProfile): { objects: RenderedObject[]; files: OutputStream } {
  const { objects, extraFiles } = composeAndCollect(profile);
  function* extras(): Generator<readonly [string, string | Iterable<string>]> {
    yield* extraFiles;
    yield* streamReportFiles(buildReport(profile, objects));
  }
  return { objects, files: streamFiles(objects, profile.name, extras()) };
}

/** Loads, validates and synthesizes a profile into `out`. Throws `HardlineError`s for user mistakes. */
export function synthesizeProfile(options: SynthesizeOptions): SynthesisResult {
  const profile = loadProfile(options.profile, { today: options.today });
  const { objects, files } = streamProfile(profile);
  assertSafeOutDir(options.out, profile.sources);
  return { profile, objects, files: writeOutput(options.out, files, { checksums: true }) };
}
