import * as fs from 'fs';
import * as path from 'path';
import { Command, Option } from '@commander-js/extra-typings';
import { HardlineError, OutputError } from '../../errors';
import { loadProfile, todayUtc } from '../../profile/load-profile';
import { buildReport } from '../../report/build-report';
import { renderReport, REPORT_FORMATS } from '../../report/reporters';
import { renderProfile } from '../../synth/synthesize-profile';
import { CliIo } from '../io';

/** `hardline report`: the compliance report of a profile, with days left on each exception. */
export function reportCommand(io: CliIo): Command {
  return new Command('report')
    .description('print the compliance report of a profile (controls, objects, CIS gaps, SOC 2, exceptions with days left)')
    .option('-p, --profile <file>', 'profile to report on', 'profiles/default.yaml')
    .addOption(new Option('-f, --format <format>', 'output format').choices(REPORT_FORMATS).default('md' as const))
    .option('-o, --out <file>', 'write the report to this file instead of stdout')
    .option('--date <YYYY-MM-DD>', 'date exceptions are checked and counted against (default: today, UTC)')
    .action((opts) => {
      const date = opts.date ?? todayUtc();
      if (!isDate(date)) {
        throw new HardlineError(`--date "${date}" is not a date`, { code: 'USAGE', hint: 'use YYYY-MM-DD, e.g. --date 2026-11-23' });
      }
      const profile = loadProfile(opts.profile, { today: date });
      const report = buildReport(profile, renderProfile(profile).objects, { asOf: date });
      const text = renderReport(report, opts.format);
      for (const e of report.exceptions.filter((x) => x.expiringSoon)) {
        io.stderr(`warning: exception for ${e.control} (${e.namespaces?.join(', ') ?? 'all namespaces'}, owner ${e.owner}) expires on ${e.expires}, in ${e.daysLeft} days\n`);
      }
      if (opts.out) writeAtomically(opts.out, text);
      else io.stdout(text);
    });
}

/** True for a real calendar date `YYYY-MM-DD` (2026-02-31 is not). */
function isDate(text: string): boolean {
  const t = Date.parse(`${text}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === text;
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
