import { Command } from '@commander-js/extra-typings';
import { expandProfileArgs } from '../../profile/profile-args';
import { synthesizeFleet } from '../../synth/synthesize-fleet';
import { synthesizeProfileInParallel } from '../../synth/synthesize-in-parallel';
import { expiryWarnings } from '../expiry-warnings';
import { CliIo } from '../io';
import { DEFAULT_PROFILE, parseDate, profilesOption } from '../options';

/**
 * `hardline synth`: writes a profile's manifests (or a fleet's, one folder per cluster) to an
 * output directory, atomically.
 */
export function synthCommand(io: CliIo): Command {
  return new Command('synth')
    .description('synthesize a profile into Kubernetes manifests (the output directory is replaced atomically)')
    .addOption(profilesOption('profile to synthesize; repeat it or name a directory of profiles for a fleet: one folder per cluster'))
    .option('-o, --out <dir>', 'output directory', 'dist')
    .option('--date <YYYY-MM-DD>', 'date to check exception expiry against (default: today, UTC); affects nothing else', parseDate)
    .action(async (opts) => {
      const args = expandProfileArgs(opts.profile.length > 0 ? opts.profile : [DEFAULT_PROFILE]);
      if (!args.fleet) {
        const result = await synthesizeProfileInParallel({ profile: args.files[0], out: opts.out, today: opts.date });
        expiryWarnings(result.profile, opts.date).forEach(io.stderr);
        io.stdout(
          `wrote ${result.objects.length} objects for ${result.profile.namespaces.length} namespaces of profile ` +
            `"${result.profile.name}" to ${opts.out} (CIS Kubernetes Benchmark v${result.profile.cisVersion})\n`,
        );
        return;
      }
      const { clusters } = synthesizeFleet({ profiles: args.files, out: opts.out, today: opts.date });
      for (const c of clusters) {
        expiryWarnings(c.profile, opts.date).forEach(io.stderr);
        io.stdout(
          `wrote ${c.objects.length} objects for ${c.profile.namespaces.length} namespaces of profile "${c.profile.name}" ` +
            `to ${opts.out}/${c.folder} (CIS Kubernetes Benchmark v${c.profile.cisVersion})\n`,
        );
      }
      io.stdout(`wrote a fleet of ${clusters.length} clusters to ${opts.out}\n`);
    });
}
