/**
 * The error family of hardline. A `HardlineError` is a user's mistake or a compliance failure:
 * the CLI prints its message (and hint) without a stack trace and exits with its `exitCode`.
 */
import { escapeTerminalText } from './terminal-text';

/** Base class of every error hardline expects a user to fix. */
export class HardlineError extends Error {
  /** Stable machine-readable code, e.g. `PROFILE_INVALID`. */
  public readonly code: string;
  /** Process exit code the CLI uses for this error. */
  public readonly exitCode: number;
  /** What the user can do about it. */
  public readonly hint?: string;

  constructor(message: string, options: { code: string; exitCode?: number; hint?: string }) {
    super(message);
    this.name = new.target.name;
    this.code = options.code;
    this.exitCode = options.exitCode ?? 1;
    this.hint = options.hint;
  }
}

/** One problem found in a profile, located in its file. */
export interface ProfileProblem {
  /** The file, as the user named it (relative paths stay relative). */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
  /** Field path, e.g. `spec.namespaces[2].podSecurity`; empty for the whole document. */
  readonly path: string;
  /** What is wrong and, where possible, how to fix it. */
  readonly message: string;
}

/**
 * Formats a problem as `file:line:column: path: message`, on one line: control characters of
 * user text in it (a label key with a newline, an owner with ESC) are shown escaped.
 */
export function formatProblem(p: ProfileProblem): string {
  const where = `${p.file}:${p.line}:${p.column}`;
  return escapeTerminalText(p.path ? `${where}: ${p.path}: ${p.message}` : `${where}: ${p.message}`);
}

/** A profile that cannot be used; carries every problem found, sorted by file and position. */
export class ProfileError extends HardlineError {
  /** All problems, in file and position order. */
  public readonly problems: readonly ProfileProblem[];

  constructor(problems: readonly ProfileProblem[], hint?: string) {
    const sorted = [...problems].sort(
      (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column,
    );
    const head = sorted.length === 1 ? 'the profile has 1 problem' : `the profile has ${sorted.length} problems`;
    super(`${head}:\n${sorted.map(formatProblem).join('\n')}`, { code: 'PROFILE_INVALID', hint });
    this.problems = sorted;
  }
}

/** A control ID that is not in the catalog. */
export class UnknownControlError extends HardlineError {
  constructor(id: string) {
    super(`unknown control "${id}"`, { code: 'UNKNOWN_CONTROL', hint: 'run `hardline controls` to list them' });
  }
}

/** Writing the output failed; the previous output was left in place. */
export class OutputError extends HardlineError {
  constructor(message: string) {
    super(message, { code: 'OUTPUT_FAILED' });
  }
}
