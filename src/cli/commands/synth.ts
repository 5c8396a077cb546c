import { Command } from '@commander-js/extra-typings';
import { synthesizeProfile } from '../../synth/synthesize-profile';
import { CliIo } from '../io';

/** `hardline synth`: writes a profile's manifests to an output directory, atomically. */
export function synthCommand(io: CliIo): Command {
  return new Command('synth')
    .description('synthesize a profile into Kubernetes manifests (the output directory is replaced atomically)')
    .option('-p, --profile <file>', 'profile to synthesize', 'profiles/default.yaml')
    .option('-o, --out <dir>', 'output directory', 'dist')
    .option('--date <YYYY-MM-DD>', 'date to check exception expiry against (default: today, UTC)')
    .action((opts) => {
      const result = synthesizeProfile({ profile: opts.profile, out: opts.out, today: opts.date });
      io.stdout(
        `wrote ${result.objects.length} objects for ${result.profile.namespaces.length} namespaces of profile ` +
          `"${result.profile.name}" to ${opts.out} (CIS Kubernetes Benchmark v${result.profile.cisVersion})\n`,
      );
    });
}
