import { Command, Option } from '@commander-js/extra-typings';
import { renderControlsJson, renderControlsTable } from '../../report/explain';
import { CliIo } from '../io';

/** `hardline controls`: lists the control catalog. */
export function controlsCommand(io: CliIo): Command {
  return new Command('controls')
    .description('list the control catalog with CIS IDs per benchmark version and SOC 2 criteria')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json'] as const).default('table' as const))
    .action((opts) => {
      io.stdout(opts.format === 'json' ? renderControlsJson() : renderControlsTable());
    });
}
