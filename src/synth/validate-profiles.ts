/**
 * The validate use case: everything a synth does except touching the disk, so a profile that
 * validates also synthesizes (issue 14): load and check every profile, compose and validate its
 * constructs, and render every file (manifests, report, fleet index) only to drop the bytes.
 */
import { ResolvedProfile } from '../profile/types';
import { loadFleet, renderFleet } from './synthesize-fleet';
import { streamProfile } from './synthesize-profile';

/** Options for `validateProfiles`. */
export interface ValidateOptions {
  /** Profile files, one per cluster. */
  readonly profiles: readonly string[];
  /** Whether they form a fleet (one output folder per cluster), as `synth` would write them. */
  readonly fleet: boolean;
  /**
   * Date exceptions are checked against, `YYYY-MM-DD`.
   *
   * @default - today (UTC)
   */
  readonly today?: string;
}

/** Loads, checks and renders every profile as `synth` would, writing nothing. Throws what `synth` would throw. */
export function validateProfiles(options: ValidateOptions): ResolvedProfile[] {
  const profiles = loadFleet(options.profiles, options.today, options.fleet);
  if (options.fleet) {
    renderFleet(profiles);
    return profiles;
  }
  for (const profile of profiles) drain(streamProfile(profile).files);
  return profiles;
}

/** Produces every file of a stream (and every piece of each) and drops it. */
function drain(files: Iterable<readonly [string, string | Iterable<string>]>): void {
  for (const [, text] of files) {
    if (typeof text !== 'string') for (const piece of text) void piece;
  }
}
