import * as fs from 'fs';
import * as path from 'path';
import { Command, Option } from '@commander-js/extra-typings';
import { OutputError } from '../../errors';
import { isSameOrAncestor, realpathOrSelf } from '../../real-path';
import { loadProfile, todayUtc } from '../../profile/load-profile';
import { buildReport } from '../../report/build-report';
import { renderReport, REPORT_FORMATS } from '../../report/reporters';
import { renderProfile } from '../../synth/synthesize-profile';
import { CliIo } from '../io';
import { parseDate } from '../options';

/** `hardline report`: the compliance report of a profile, with days left on each exception. */
export function reportCommand(io: CliIo): Command {
  return new Command('report')
    .description('print the compliance report of a profile (controls, objects, CIS gaps, SOC 2, exceptions with days left)')
    .option('-p, --profile <file>', 'profile to report on', 'profiles/default.yaml')
    .addOption(new Option('-f, --format <format>', 'output format').choices(REPORT_FORMATS).default('md' as const))
    .option('-o, --out <file>', 'write the report to this file instead of stdout')
    .option('--date <YYYY-MM-DD>', 'date exceptions are checked and counted against (default: today, UTC)', parseDate)
    .action((opts) => {
      const date = opts.date ?? todayUtc();
      const profile = loadProfile(opts.profile, { today: date });
      if (opts.out) assertNotAnInput(opts.out, profile.sources);
      const report = buildReport(profile, renderProfile(profile).objects, { asOf: date });
      const text = renderReport(report, opts.format);
      for (const e of report.exceptions.filter((x) => x.expiringSoon)) {
        io.stderr(`warning: exception for ${e.control} (${e.namespaces?.join(', ') ?? 'all namespaces'}, owner ${e.owner}) expires on ${e.expires}, in ${e.daysLeft} days\n`);
      }
      if (opts.out) writeAtomically(opts.out, text);
      else io.stdout(text);
    });
}

/** Refuses an `--out` that is (symbolic links followed) one of the profile files read: the report would overwrite it. */
function assertNotAnInput(out: string, inputs: readonly string[]): void {
  const target = realpathOrSelf(out);
  const id = (p: string) => {
    try {
      const st = fs.statSync(p);
      return `${st.dev}:${st.ino}`;
    } catch {
      return undefined;
    }
  };
  const targetId = id(out);
  for (const file of inputs) {
    const real = realpathOrSelf(file);
    // The same path, a directory holding the profile, or another name (hard link) of the same file.
    if (real === target || isSameOrAncestor(target, real) || (targetId !== undefined && id(file) === targetId)) {
      throw new OutputError(`refusing to write the report to ${out}: it is the profile ${file}, which hardline reads; name another file`);
    }
  }
}

function writeAtomically(file: string, text: string): void {
  const tmp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.hardline-${process.pid}`);
  try {
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new OutputError(`cannot write ${file} (${(e as NodeJS.ErrnoException).code ?? String(e)}); it was left as it was`);
  }
}
