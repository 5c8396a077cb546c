import { Command, Option } from '@commander-js/extra-typings';
import { CIS_VERSIONS } from '../../controls';
import { explain } from '../../report/explain';
import { CliIo } from '../io';

/** `hardline explain <id>`: one control, or the controls behind a CIS recommendation or SOC 2 criterion. */
export function explainCommand(io: CliIo): Command {
  const cmd = new Command('explain')
    .description('explain a control (HL-NET-001), a CIS recommendation (5.3.2) or a SOC 2 criterion (CC6.6)')
    .argument('<id>', 'control, CIS or SOC 2 ID')
    .addOption(
      new Option('--cis-version <version>', 'CIS benchmark a CIS ID belongs to (default: every version that has it)').choices(CIS_VERSIONS),
    )
    .action((id, opts) => {
      io.stdout(explain(id, opts.cisVersion));
    });
  // The program holds commands of different argument types; commander's runtime does not care.
  return cmd as unknown as Command;
}
