import { Command } from '@commander-js/extra-typings';
import { loadProfile } from '../../profile/load-profile';
import { CliIo } from '../io';

/** `hardline validate`: checks a profile without writing anything. */
export function validateCommand(io: CliIo): Command {
  return new Command('validate')
    .description('check a profile (schema, names, exceptions, expiry) without writing anything')
    .option('-p, --profile <file>', 'profile to check', 'profiles/default.yaml')
    .option('--date <YYYY-MM-DD>', 'date to check exception expiry against (default: today, UTC)')
    .action((opts) => {
      const profile = loadProfile(opts.profile, { today: opts.date });
      io.stdout(
        `${opts.profile}: ok (${profile.namespaces.length} namespaces, ${profile.exceptions.length} exceptions, ` +
          `CIS Kubernetes Benchmark v${profile.cisVersion})\n`,
      );
    });
}
