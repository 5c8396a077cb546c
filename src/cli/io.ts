/** Where the CLI writes; tests pass their own to capture output. */
export interface CliIo {
  /** Normal output. */
  readonly stdout: (text: string) => void;
  /** Errors and diagnostics. */
  readonly stderr: (text: string) => void;
}

/** The process's own streams. */
export const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};
