/** Runs the hardline CLI in-process for tests. */
import { run } from '../../src/cli/program';

/** Runs the CLI with `argv` and captures its exit code, stdout and stderr. */
export async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}
