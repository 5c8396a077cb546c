import { Command, Option } from '@commander-js/extra-typings';
import { renderCheckJunit } from '../../check-cli/render-junit';
import { renderCheckSarif } from '../../check-cli/render-sarif';
import { renderCheckText } from '../../check-cli/render-text';
import { runCheck } from '../../check-cli/run-check';
import { HardlineError } from '../../errors';
import { hardlineVersion } from '../../package-root';
import { textStyle } from '../colour';
import { CliIo } from '../io';
import { DEFAULT_PROFILE, parseDate } from '../options';

/** Output formats of `hardline check`. */
export const CHECK_FORMATS = ['text', 'json', 'sarif', 'junit'] as const;

/** Exit code of `hardline check` when a checked object breaks a rule. */
export const VIOLATIONS_EXIT_CODE = 1;

/**
 * `hardline check`: checks any manifests (files, folders, stdin) against a profile's rules.
 * Exit 0 without violations, 1 with violations or bad input, 2 for a usage error.
 */
export function checkCommand(io: CliIo): Command {
  const cmd = new Command('check')
    .description('check Kubernetes manifests (files, folders, or - for stdin) against the profile: workloads, RBAC, namespaces')
    .argument('<paths...>', 'manifest files or folders (*.yaml, *.yml, *.json, recursively), or - for standard input')
    .option('-p, --profile <file>', 'profile to check against', DEFAULT_PROFILE)
    .addOption(new Option('-f, --format <format>', 'output format').choices(CHECK_FORMATS).default('text' as const))
    .option('--date <YYYY-MM-DD>', 'date to check exception expiry against (default: today, UTC)', parseDate)
    .action((paths, opts) => {
      const report = runCheck({
        paths,
        profile: opts.profile,
        cwd: process.cwd(),
        readStdin: io.readStdin ?? (() => ''),
        today: opts.date,
      });
      const out =
        opts.format === 'json'
          ? `${JSON.stringify(report, null, 2)}\n`
          : opts.format === 'sarif'
            ? renderCheckSarif(report, hardlineVersion())
            : opts.format === 'junit'
              ? renderCheckJunit(report)
              : renderCheckText(report, textStyle(io.colour));
      io.stdout(out);
      if (report.summary.violations > 0) {
        // Reported already on stdout; the error only sets the exit code.
        throw new ChecksFailed(report.summary.violations);
      }
    });
  return cmd as unknown as Command;
}

/** Violations were found (and printed); exit 1 without another message. */
export class ChecksFailed extends HardlineError {
  constructor(count: number) {
    super(`${count} ${count === 1 ? 'violation' : 'violations'}`, { code: 'CHECK_FAILED', exitCode: VIOLATIONS_EXIT_CODE });
  }
}
