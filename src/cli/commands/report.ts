import * as fs from 'fs';
import * as path from 'path';
import { Command, Option } from '@commander-js/extra-typings';
import { HardlineError, OutputError } from '../../errors';
import { isSameOrAncestor, realpathOrSelf } from '../../real-path';
import { loadProfile, todayUtc } from '../../profile/load-profile';
import { buildReport } from '../../report/build-report';
import { renderReport, REPORT_FORMATS } from '../../report/reporters';
import { loadFleet } from '../../synth/synthesize-fleet';
import { renderProfile } from '../../synth/synthesize-profile';
import { ComplianceReport } from '../../report/model';
import { expandProfileArgs } from '../../profile/profile-args';
import { ResolvedProfile } from '../../profile/types';
import { DEFAULT_PROFILE, profilesOption } from '../options';
import { CliIo } from '../io';
import { parseDate } from '../options';

/** `hardline report`: the compliance report of a profile (or of a fleet), with days left on each exception. */
export function reportCommand(io: CliIo): Command {
  return new Command('report')
    .description('print the compliance report of a profile (controls, objects, CIS gaps, SOC 2, exceptions with days left)')
    .addOption(profilesOption('profile to report on; repeat it or name a directory for a fleet report (md or json)'))
    .addOption(new Option('-f, --format <format>', 'output format').choices(REPORT_FORMATS).default('md' as const))
    .option('-o, --out <file>', 'write the report to this file instead of stdout')
    .option('--date <YYYY-MM-DD>', 'date exceptions are checked and counted against (default: today, UTC)', parseDate)
    .action((opts) => {
      const date = opts.date ?? todayUtc();
      const args = expandProfileArgs(opts.profile.length > 0 ? opts.profile : [DEFAULT_PROFILE]);
      if (args.fleet && opts.format !== 'md' && opts.format !== 'json') {
        throw new HardlineError(`a fleet report (${args.files.length} profiles) is written as md or json, not ${opts.format}`, {
          code: 'USAGE',
          exitCode: 2,
          hint: `use --format md or --format json, or run \`hardline report --format ${opts.format} --profile <file>\` once per profile`,
        });
      }
      const profiles = args.fleet ? loadFleet(args.files, date) : [loadProfile(args.files[0], { today: date })];
      if (opts.out) assertNotAnInput(opts.out, profiles.flatMap((p) => p.sources));
      const reports = profiles.map((profile) => buildReport(profile, renderProfile(profile).objects, { asOf: date }));
      for (const e of reports.flatMap((r) => r.exceptions.filter((x) => x.expiringSoon))) {
        io.stderr(`warning: exception for ${e.control} (${e.namespaces?.join(', ') ?? 'all namespaces'}, owner ${e.owner}) expires on ${e.expires}, in ${e.daysLeft} days\n`);
      }
      const text = args.fleet ? renderFleetReport(profiles, reports, opts.format as 'md' | 'json') : renderReport(reports[0], opts.format);
      if (opts.out) writeAtomically(opts.out, text);
      else io.stdout(text);
    });
}

/** A fleet's reports: markdown one after another under a fleet heading, or JSON `{ "fleet": [report…] }`. */
function renderFleetReport(profiles: readonly ResolvedProfile[], reports: readonly ComplianceReport[], format: 'md' | 'json'): string {
  if (format === 'json') return `{"fleet":[${reports.map((r) => renderReport(r, 'json').trimEnd()).join(',')}]}\n`;
  const head = [
    `# Fleet compliance report: ${profiles.length} clusters`,
    '',
    ...profiles.map((p) => `- cluster \`${p.cluster.name}\`: profile \`${p.name}\` (${p.file})`),
    '',
  ].join('\n');
  return [head, ...reports.map((r) => renderReport(r, 'md'))].join('\n---\n\n');
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
