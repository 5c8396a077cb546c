import { Command, Option } from '@commander-js/extra-typings';
import { benchmarkName } from '../../controls';
import { ProfileError } from '../../errors';
import { expandProfileArgs } from '../../profile/profile-args';
import { splitFleetFiles } from '../../synth/synthesize-fleet';
import { validateProfiles } from '../../synth/validate-profiles';
import { expiryWarnings } from '../expiry-warnings';
import { CliIo } from '../io';
import { ControlException, exceptionId } from '../../controls';
import { DEFAULT_PROFILE, parseDate, profilesOption } from '../options';

/** `hardline validate`: checks a profile (or a fleet of them) without writing anything. */
export function validateCommand(io: CliIo): Command {
  return new Command('validate')
    .description('check a profile as synth would (schema, names, exceptions, expiry, composition, rendering) without writing anything')
    .addOption(profilesOption('profile to check; repeat it or name a directory for a fleet'))
    .option('--date <YYYY-MM-DD>', 'date to check exception expiry against (default: today, UTC); affects nothing else', parseDate)
    .addOption(new Option('-f, --format <format>', 'output format; json lists every problem with file, line, column, path and message (and, per valid profile, its admission engine)').choices(['text', 'json'] as const).default('text' as const))
    .action((opts) => {
      const args = expandProfileArgs(opts.profile.length > 0 ? opts.profile : [DEFAULT_PROFILE]);
      if (opts.format === 'json') {
        try {
          const profiles = validateProfiles({ profiles: args.files, fleet: args.fleet, today: opts.date });
          io.stdout(`${JSON.stringify({ valid: true, profiles: profiles.map((p, i) => ({ file: args.files[i], name: p.name, namespaces: p.namespaces.length, exceptions: p.exceptions.length, exceptionIds: p.exceptions.map((e) => ({ id: exceptionId(e), control: e.control, expires: e.expires })), cisVersion: p.cisVersion, ...(p.admission ? { admissionEngine: p.admission.engine } : {}) })), problems: [] }, null, 2)}\n`);
        } catch (e) {
          if (!(e instanceof ProfileError)) throw e;
          io.stdout(`${JSON.stringify({ valid: false, profiles: [], problems: e.problems }, null, 2)}\n`);
          throw e; // stderr gets the same problems as text; exit 1
        }
        return;
      }
      const profiles = validateProfiles({ profiles: args.files, fleet: args.fleet, today: opts.date });
      profiles.forEach((profile) => {
        expiryWarnings(profile, opts.date).forEach(io.stderr);
        io.stdout(
          `${profile.file}: ok (${profile.namespaces.length} namespaces, ${profile.exceptions.length} exceptions, ` +
            `${benchmarkName(profile.cisVersion)})\n`,
        );
        // Each exception by the id objects and the report reference it by.
        for (const e of profile.exceptions) io.stdout(`  exception ${exceptionLine(e)}\n`);
      });
      for (const base of args.fleet ? splitFleetFiles(args.files).bases : []) {
        io.stdout(`${base}: shared base of the fleet (checked as part of the profiles that extend it)\n`);
      }
    });
}

/** `<id>: <control> in <namespaces>, owner <owner>, expires <date>` (at most ten namespaces named). */
export function exceptionLine(e: ControlException): string {
  const ns = e.namespaces ? (e.namespaces.length > 10 ? `${e.namespaces.slice(0, 10).join(', ')} and ${e.namespaces.length - 10} more` : e.namespaces.join(', ')) : 'every namespace';
  return `${exceptionId(e)}: ${e.control} in ${ns}, owner ${e.owner}, expires ${e.expires}`;
}
