/** Option parsers shared by the commands. */
import { InvalidArgumentError, Option } from '@commander-js/extra-typings';

/** The profile the commands use when no `--profile` is given. */
export const DEFAULT_PROFILE = 'profiles/default.yaml';

/** Collects a repeatable option. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/**
 * The repeatable `-p, --profile <file|dir>` option: an empty list when absent (the command then
 * uses `DEFAULT_PROFILE`), and help that shows that default once.
 */
export function profilesOption(description: string) {
  return new Option('-p, --profile <file|dir>', description).argParser(collect).default([] as string[], DEFAULT_PROFILE);
}

/** Parses `--date`: a real calendar day written `YYYY-MM-DD` (a usage error otherwise). */
export function parseDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const day = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!m || !day || day.toISOString().slice(0, 10) !== value) {
    throw new InvalidArgumentError(`"${value}" is not a calendar date written YYYY-MM-DD.`);
  }
  return value;
}
