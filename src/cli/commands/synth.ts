import * as path from 'path';
import { Command, Option } from '@commander-js/extra-typings';
import { benchmarkName } from '../../controls';
import { HardlineError } from '../../errors';
import { expandProfileArgs } from '../../profile/profile-args';
import { synthesizeFleetAsync } from '../../synth/synthesize-fleet';
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
    .addOption(
      new Option('--gitops <engine>', 'fleets: also write gitops/ with an Argo CD ApplicationSet or per-cluster Flux GitRepository + Kustomization').choices([
        'argocd',
        'flux',
      ] as const),
    )
    .option('--repo-url <url>', 'with --gitops: the Git repository the output is committed to')
    .option('--revision <rev>', 'with --gitops: branch, tag, commit or HEAD to sync', 'HEAD')
    .option('--repo-path <path>', 'with --gitops: the output folder inside the repository (default: the --out value)')
    .action(async (opts) => {
      const args = expandProfileArgs(opts.profile.length > 0 ? opts.profile : [DEFAULT_PROFILE]);
      if (!opts.gitops && (opts.repoUrl !== undefined || opts.repoPath !== undefined)) {
        throw new HardlineError('--repo-url and --repo-path only apply with --gitops argocd|flux', { code: 'USAGE', exitCode: 2 });
      }
      if (opts.gitops && !args.fleet) {
        throw new HardlineError('--gitops writes one Application (or Flux Kustomization) per cluster folder, which only a fleet has', {
          code: 'USAGE',
          exitCode: 2,
          hint: 'name a directory of profiles, or several --profile files',
        });
      }
      if (opts.gitops && opts.repoUrl === undefined) {
        throw new HardlineError('--gitops needs --repo-url, the Git repository the output is committed to', { code: 'USAGE', exitCode: 2 });
      }
      const gitops = opts.gitops
        ? { engine: opts.gitops, repoUrl: opts.repoUrl!, revision: opts.revision, repoPath: opts.repoPath ?? (path.isAbsolute(opts.out) ? path.relative(process.cwd(), opts.out) : opts.out) }
        : undefined;
      if (!args.fleet) {
        const result = await synthesizeProfileInParallel({ profile: args.files[0], out: opts.out, today: opts.date });
        expiryWarnings(result.profile, opts.date).forEach(io.stderr);
        io.stdout(
          `wrote ${result.objects.length} objects for ${result.profile.namespaces.length} namespaces of profile ` +
            `"${result.profile.name}" to ${opts.out} (${benchmarkName(result.profile.cisVersion)})\n`,
        );
        return;
      }
      const { clusters, bases } = await synthesizeFleetAsync({ profiles: args.files, out: opts.out, today: opts.date, gitops });
      for (const c of clusters) {
        expiryWarnings(c.profile, opts.date).forEach(io.stderr);
        io.stdout(
          `wrote ${c.objects.length} objects for ${c.profile.namespaces.length} namespaces of profile "${c.profile.name}" ` +
            `to ${opts.out}/${c.folder} (${benchmarkName(c.profile.cisVersion)})\n`,
        );
      }
      for (const b of bases) io.stdout(`${b} is a shared base (another profile of the fleet extends it), not a cluster\n`);
      if (gitops) io.stdout(`wrote ${gitops.engine} objects for the fleet to ${opts.out}/gitops\n`);
      io.stdout(`wrote a fleet of ${clusters.length} clusters to ${opts.out}\n`);
    });
}
