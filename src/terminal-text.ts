/**
 * Makes user text safe to print to a terminal or a CI log: control characters (ESC, BEL, CR,
 * NUL...), line and paragraph separators and bidirectional overrides are shown as escapes, so a
 * name or owner in a profile can neither move the cursor, recolour or clear the screen, nor fake
 * log lines or reorder what is shown.
 */

/** Characters shown escaped (newline only with `escapeTerminalText`, not `escapeTerminalOutput`). */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(c: string): string {
  return NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** `text` with every unsafe character, newlines included, written as an escape (`\n`, `\u001b`). */
export function escapeTerminalText(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/** `text` with every unsafe character but newline written as an escape: for whole messages of several lines. */
export function escapeTerminalOutput(text: string): string {
  return text.replace(UNSAFE_BUT_NEWLINE, escapeChar);
}

/** Private-use marker that stands for ESC in hardline's own colour codes until `terminalIo` prints them. */
const STYLE_MARK = '\ue000';
/** The SGR codes hardline itself uses: reset, dim, red, green. */
const STYLE_CODES = new Set(['0', '2', '31', '32']);

/**
 * An SGR colour sequence (`ESC[<code>m`) written with a private marker instead of ESC, so that
 * `escapeTerminalOutput` leaves it alone and `restoreStyles` turns it into colour afterwards.
 */
export function styleMark(code: number): string {
  return `${STYLE_MARK}[${code}m`;
}

/** Turns the markers of `styleMark` (and only hardline's own codes) back into SGR sequences. */
export function restoreStyles(text: string): string {
  return text.replace(/\ue000\[(\d+)m/g, (all, code: string) => (STYLE_CODES.has(code) ? `\u001b[${code}m` : all));
}
