import * as fs from 'fs';

/** Where the CLI reads and writes; tests pass their own to capture output. */
export interface CliIo {
  /** Normal output. */
  readonly stdout: (text: string) => void;
  /** Errors and diagnostics. */
  readonly stderr: (text: string) => void;
  /** Reads all of standard input (`hardline check -`). @default - nothing to read */
  readonly readStdin?: () => string;
  /** Whether stdout may be coloured: a TTY, and no `NO_COLOR`. @default false */
  readonly colour?: boolean;
}

/** Whether to colour a stream: only a TTY, never when `NO_COLOR` is set to anything non-empty (https://no-color.org). */
export function colourWanted(isTty: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  return isTty === true && !env.NO_COLOR;
}

/** The process's own streams. */
export const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: () => fs.readFileSync(0, 'utf8'),
  colour: colourWanted(process.stdout.isTTY, process.env),
};
