/** ANSI styles for the CLI's text output, or none when the output is not coloured. */
import { PLAIN, TextStyle } from '../check-cli/render-text';

const sgr = (code: number) => (s: string) => `\u001b[${code}m${s}\u001b[0m`;

/** Red failures, green successes, dim rule ids: only when `colour` is true. */
export function textStyle(colour: boolean | undefined): TextStyle {
  return colour ? { bad: sgr(31), good: sgr(32), dim: sgr(2) } : PLAIN;
}
