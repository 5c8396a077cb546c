/** Runs the hardline CLI in-process for tests. */
import { run } from '../../src/cli/program';
import { CliIo } from '../../src/cli/io';

/** Runs the CLI with `argv` and captures its exit code, stdout and stderr. */
export async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return cliWith({}, ...argv);
}

/** Like `cli`, with standard input and colour given by `io`. */
export async function cliWith(
  io: Pick<CliIo, 'readStdin' | 'colour'>,
  ...argv: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { ...io, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}
