import { Command, Option } from '@commander-js/extra-typings';
import { CIS_VERSIONS } from '../../controls';
import { explain, explainException, isExceptionId } from '../../report/explain';
import { loadProfile } from '../../profile/load-profile';
import { parseDate } from '../options';
import { CliIo } from '../io';

/** `hardline explain <id>`: one control, or the controls behind a CIS recommendation or SOC 2 criterion. */
export function explainCommand(io: CliIo): Command {
  const cmd = new Command('explain')
    .description('explain a control (HL-NET-001), a CIS recommendation (5.3.2), a SOC 2 criterion (CC6.6) or, with --profile, an exception by its id')
    .argument('<id>', 'control, CIS or SOC 2 ID, or an exception id (hl-pod-001-3f9a0c2e) with --profile')
    .option('--profile <file>', 'profile whose exception an exception id names')
    .option('--date <YYYY-MM-DD>', 'date to check exception expiry against when loading --profile (default: today, UTC)', parseDate)
    .addOption(
      new Option('--cis-version <version>', 'CIS benchmark a CIS ID belongs to (default: every version that has it)').choices(CIS_VERSIONS),
    )
    .action((id, opts) => {
      if (opts.profile !== undefined && isExceptionId(id)) {
        io.stdout(explainException(id, loadProfile(opts.profile, { today: opts.date }).exceptions, opts.profile));
        return;
      }
      io.stdout(explain(id, opts.cisVersion));
    });
  // The program holds commands of different argument types; commander's runtime does not care.
  return cmd as unknown as Command;
}
