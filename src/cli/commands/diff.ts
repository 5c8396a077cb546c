import { Command } from '@commander-js/extra-typings';
import { HardlineError } from '../../errors';
import { loadProfile } from '../../profile/load-profile';
import { expandProfileArgs } from '../../profile/profile-args';
import { diffOutput, unifiedDiff } from '../../synth/diff-output';
import { loadFleet, renderFleet } from '../../synth/synthesize-fleet';
import { renderProfile } from '../../synth/synthesize-profile';
import { textStyle } from '../colour';
import { CliIo } from '../io';
import { DEFAULT_PROFILE, parseDate, profilesOption } from '../options';

/** Exit code of `hardline diff` when a synth would change the output directory. */
export const WOULD_CHANGE_EXIT_CODE = 3;

/**
 * `hardline diff`: what `hardline synth` would add, change and remove in the output directory,
 * without touching it. Exit 0 for no change, 3 for a change, 1 for an error, 2 for usage.
 */
export function diffCommand(io: CliIo): Command {
  return new Command('diff')
    .description(`show what a synth would add (+), change (~) and remove (-) in the output directory, without writing; exit 0 no change, ${WOULD_CHANGE_EXIT_CODE} would change, 1 error`)
    .addOption(profilesOption('profile to synthesize; repeat it or name a directory for a fleet'))
    .option('-o, --out <dir>', 'output directory to compare with', 'dist')
    .option('-u, --unified', 'print the unified diff of each file, not only the file list')
    .option('--date <YYYY-MM-DD>', 'date to check exception expiry against (default: today, UTC)', parseDate)
    .action((opts) => {
      const args = expandProfileArgs(opts.profile.length > 0 ? opts.profile : [DEFAULT_PROFILE]);
      const files = args.fleet ? renderFleet(loadFleet(args.files, opts.date)).files : renderProfile(loadProfile(args.files[0], { today: opts.date })).files;
      const changes = diffOutput(opts.out, files);
      const mark = { added: '+', changed: '~', removed: '-' } as const;
      const style = textStyle(io.colour);
      const paint = { added: style.good, changed: (x: string) => x, removed: style.bad } as const;
      for (const c of changes) io.stdout(opts.unified ? unifiedDiff(opts.out, c) : `${paint[c.change](mark[c.change])} ${c.file}\n`);
      if (changes.length === 0) {
        io.stdout(`no change: ${opts.out} is what a synth would write\n`);
        return;
      }
      const count = (k: keyof typeof mark) => changes.filter((c) => c.change === k).length;
      const summary = `${count('added')} added, ${count('changed')} changed, ${count('removed')} removed`;
      if (!opts.unified) io.stdout(`a synth would change ${opts.out}: ${summary}\n`);
      throw new HardlineError(`a synth would change ${opts.out} (${summary})`, { code: 'WOULD_CHANGE', exitCode: WOULD_CHANGE_EXIT_CODE, hint: `run \`hardline synth --out ${opts.out}\` to write it` });
    });
}
