/** ANSI styles for the CLI's text output, or none when the output is not coloured. */
import { PLAIN, TextStyle } from '../check-cli/render-text';
import { styleMark } from '../terminal-text';

// Marked, not raw ESC: terminalIo escapes every control character of the text, then restores these.
const sgr = (code: number) => (s: string) => `${styleMark(code)}${s}${styleMark(0)}`;

/** Red failures, green successes, dim rule ids: only when `colour` is true. */
export function textStyle(colour: boolean | undefined): TextStyle {
  return colour ? { bad: sgr(31), good: sgr(32), dim: sgr(2) } : PLAIN;
}
