/**
 * Entry point for `cdk8s synth` (see cdk8s.yaml): synthesizes `HARDLINE_PROFILE` (default
 * `profiles/default.yaml`) into `CDK8S_OUTDIR`. Note that `cdk8s synth` deletes its output
 * directory before running this; `hardline synth` is the path that never loses the old output.
 */
import { HardlineError } from '../errors';
import { synthesizeProfile } from './synthesize-profile';

try {
  const result = synthesizeProfile({
    profile: process.env.HARDLINE_PROFILE ?? 'profiles/default.yaml',
    out: process.env.CDK8S_OUTDIR ?? 'dist',
  });
  process.stdout.write(`hardline: ${result.objects.length} objects from profile "${result.profile.name}"\n`);
} catch (e) {
  if (!(e instanceof HardlineError)) throw e;
  process.stderr.write(`error: ${e.message}\n${e.hint ? `hint: ${e.hint}\n` : ''}`);
  process.exitCode = e.exitCode;
}
