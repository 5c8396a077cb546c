/** `hardline check` as a function: read the manifests, load the profile, evaluate, report. */
import { formatProblem, HardlineError } from '../errors';
import { loadProfile } from '../profile/load-profile';
import { buildCheckReport, CheckReport } from './check-report';
import { checkRules, evaluateObjects } from './evaluate';
import { readManifests } from './read-manifests';

/** Options of `runCheck`. */
export interface RunCheckOptions {
  /** Manifest paths (files or folders), or `-` for standard input. */
  readonly paths: readonly string[];
  /** The profile file. */
  readonly profile: string;
  /** Directory paths are relative to, and reported relative to. */
  readonly cwd: string;
  /** Reads standard input. */
  readonly readStdin: () => string;
  /** Date exceptions are checked against, `YYYY-MM-DD`. @default - today (UTC) */
  readonly today?: string;
}

/** Input the check cannot read: every problem, located. */
export class ManifestInputError extends HardlineError {
  constructor(problems: readonly { file: string; line: number; column: number; path: string; message: string }[]) {
    const head = problems.length === 1 ? 'the input has 1 problem' : `the input has ${problems.length} problems`;
    super(`${head}:\n${problems.map(formatProblem).join('\n')}`, { code: 'INPUT_INVALID', hint: 'hardline check reads Kubernetes manifests: YAML or JSON, one object per document or a List' });
  }
}

/**
 * Checks the manifests at `paths` against the profile and returns the report. Throws
 * `ProfileError` for a bad profile and `ManifestInputError` for unreadable input (nothing is judged then).
 */
export function runCheck(options: RunCheckOptions): CheckReport {
  const profile = loadProfile(options.profile, { today: options.today });
  const input = readManifests(options.paths, options.cwd, options.readStdin);
  if (input.problems.length > 0) throw new ManifestInputError(input.problems);
  return buildCheckReport(input, evaluateObjects(input.objects, profile), profile, checkRules(profile));
}
