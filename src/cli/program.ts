/**
 * The hardline command line: builds the commander program and runs it in-process, mapping
 * errors to exit codes. Nothing here touches `process`; `bin.ts` does.
 */
import { Command, CommanderError } from '@commander-js/extra-typings';
import { HardlineError } from '../errors';
import { hardlineVersion } from '../package-root';
import { checkCommand } from './commands/check';
import { controlsCommand } from './commands/controls';
import { diffCommand } from './commands/diff';
import { explainCommand } from './commands/explain';
import { initCommand } from './commands/init';
import { reportCommand } from './commands/report';
import { synthCommand } from './commands/synth';
import { validateCommand } from './commands/validate';
import { escapeTerminalOutput, restoreStyles } from '../terminal-text';
import { CliIo, defaultIo } from './io';

/** Exit codes of the CLI (documented in the README). */
export const EXIT = { OK: 0, FAILURE: 1, USAGE: 2, INTERNAL: 70 } as const;

/**
 * `io` for messages: control characters (other than newline) in what is printed are shown
 * escaped, so user text cannot drive the terminal or fake CI log lines.
 */
export function terminalIo(io: CliIo): CliIo {
  return {
    ...io,
    stdout: (t) => io.stdout(restoreStyles(escapeTerminalOutput(t))),
    stderr: (t) => io.stderr(restoreStyles(escapeTerminalOutput(t))),
  };
}

/**
 * Builds the `hardline` program with every command. Everything printed goes through
 * `terminalIo`, except the report a `report` command prints as data (its bytes are the file's).
 */
export function buildProgram(rawIo: CliIo = defaultIo): Command {
  const io = terminalIo(rawIo);
  const program = new Command('hardline')
    .description('Turn a compliance profile into a hardened, annotated Kubernetes baseline.')
    .version(hardlineVersion(), '-V, --version', 'print the hardline version')
    .option('--verbose', 'print stack traces for every error')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  for (const cmd of [initCommand(io), synthCommand(io), validateCommand(io), checkCommand(io), diffCommand(io), reportCommand({ ...io, stdout: rawIo.stdout }), controlsCommand(io), explainCommand(io)]) {
    program.addCommand(cmd.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr }));
  }
  return program as unknown as Command;
}

/** Runs the CLI with `argv` (without `node` and the script) and returns the exit code. */
export async function run(argv: readonly string[], rawIo: CliIo = defaultIo): Promise<number> {
  const program = buildProgram(rawIo);
  const io = terminalIo(rawIo);
  const verbose = argv.includes('--verbose');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.OK;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    if (e instanceof HardlineError) {
      io.stderr(`error: ${e.message}\n`);
      if (e.hint) io.stderr(`hint: ${e.hint}\n`);
      if (verbose && e.stack) io.stderr(`${e.stack}\n`);
      return e.exitCode;
    }
    io.stderr(`internal error (please report it): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT.INTERNAL;
  }
}
