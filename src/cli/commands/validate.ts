import { Command } from '@commander-js/extra-typings';
import { expandProfileArgs } from '../../profile/profile-args';
import { validateProfiles } from '../../synth/validate-profiles';
import { CliIo } from '../io';
import { collect, DEFAULT_PROFILE, parseDate } from '../options';

/** `hardline validate`: checks a profile (or a fleet of them) without writing anything. */
export function validateCommand(io: CliIo): Command {
  return new Command('validate')
    .description('check a profile as synth would (schema, names, exceptions, expiry, composition, rendering) without writing anything')
    .option('-p, --profile <file|dir>', `profile to check (default: ${DEFAULT_PROFILE}); repeat it or name a directory for a fleet`, collect, [] as string[])
    .option('--date <YYYY-MM-DD>', 'date to check exception expiry against (default: today, UTC); affects nothing else', parseDate)
    .action((opts) => {
      const args = expandProfileArgs(opts.profile.length > 0 ? opts.profile : [DEFAULT_PROFILE]);
      const profiles = validateProfiles({ profiles: args.files, fleet: args.fleet, today: opts.date });
      profiles.forEach((profile, i) => {
        io.stdout(
          `${args.files[i]}: ok (${profile.namespaces.length} namespaces, ${profile.exceptions.length} exceptions, ` +
            `CIS Kubernetes Benchmark v${profile.cisVersion})\n`,
        );
      });
    });
}
