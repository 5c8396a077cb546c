/**
 * The one exception validator, shared by the profile loader and every construct: an exception is
 * valid only when its control exists, its expiry is a real date not past the compliance date and
 * at most `maxDays` away, and its reason and owner are visible text. Pure: no I/O, no clock.
 */
import { EXCEPTION_ID_PATTERN } from './exception-id';
import { findControl } from './catalog';
import { ControlException } from './types';

/** The longest an exception may live, in days from the compliance date; a profile may lower it, never raise it. */
export const MAX_EXCEPTION_DAYS = 365;

/** Visible characters a reason needs at least. */
export const MIN_REASON_CHARACTERS = 10;

/** What an exception is checked against. */
export interface ExceptionRules {
  /** The compliance date, `YYYY-MM-DD`: an exception expiring before it has expired. */
  readonly today: string;
  /**
   * The longest lifetime allowed, in days from `today` (1 to `MAX_EXCEPTION_DAYS`).
   *
   * @default MAX_EXCEPTION_DAYS
   */
  readonly maxDays?: number;
}

/** One problem of an exception: the field at fault and why. */
export interface ExceptionProblem {
  /** `control`, `reason`, `owner` or `expires`. */
  readonly field: 'control' | 'reason' | 'owner' | 'expires' | 'id';
  /** What is wrong and how to fix it. */
  readonly message: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Characters that show nothing: whitespace, controls, format characters (zero-width space, joiners,
 * BOM, bidi marks), combining marks on their own, and the blank "letters" (Hangul fillers, braille blank).
 */
const INVISIBLE = /[\s\p{Cc}\p{Cf}\p{Z}\p{M}\u115F\u1160\u3164\uFFA0\u2800\u180E]/gu;

/** The number of visible characters of a text (code points, not UTF-16 units). */
export function visibleLength(text: string): number {
  return [...String(text).replace(INVISIBLE, '')].length;
}

/** Days since 1970-01-01 of a real calendar date `YYYY-MM-DD`, or undefined (2026-02-30 is not a date). */
export function dayNumber(date: string): number | undefined {
  const m = DATE.exec(String(date));
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return Math.round(t / DAY_MS);
}

/** Whether `maxDays` is an allowed lifetime limit (a whole number from 1 to `MAX_EXCEPTION_DAYS`). */
export function maxDaysProblem(maxDays: number): string | undefined {
  if (!Number.isInteger(maxDays) || maxDays < 1 || maxDays > MAX_EXCEPTION_DAYS) {
    return `${maxDays} is not an exception lifetime: a whole number of days from 1 to ${MAX_EXCEPTION_DAYS} (an exception is never unlimited)`;
  }
  return undefined;
}

/** Every problem of one exception under `rules`; empty when it is valid. */
export function exceptionRuleProblems(e: ControlException, rules: ExceptionRules): ExceptionProblem[] {
  const out: ExceptionProblem[] = [];
  const maxDays = rules.maxDays ?? MAX_EXCEPTION_DAYS;
  if (typeof e.control !== 'string' || !findControl(e.control)) {
    out.push({ field: 'control', message: `unknown control "${String(e.control)}"; run \`hardline controls\` to list them` });
  }
  if (typeof e.reason !== 'string' || visibleLength(e.reason) < MIN_REASON_CHARACTERS) {
    out.push({
      field: 'reason',
      message: `the reason of the exception for ${String(e.control)} must explain it in at least ${MIN_REASON_CHARACTERS} visible characters (spaces and zero-width or format characters do not count)`,
    });
  }
  if (typeof e.owner !== 'string' || !/[\p{L}\p{N}]/u.test(e.owner.replace(INVISIBLE, ''))) {
    out.push({
      field: 'owner',
      message: `the owner of the exception for ${String(e.control)} must name a team or person who answers for it (visible letters or digits)`,
    });
  }
  const expires = typeof e.expires === 'string' ? dayNumber(e.expires) : undefined;
  const today = dayNumber(rules.today);
  if (today === undefined) throw new Error(`compliance date "${rules.today}" is not a date written YYYY-MM-DD`);
  if (expires === undefined) {
    out.push({ field: 'expires', message: `"${String(e.expires)}" is not a calendar date written YYYY-MM-DD; every exception expires` });
  } else if (expires < today) {
    out.push({
      field: 'expires',
      message: `exception for ${e.control} expired on ${e.expires} (owner: ${e.owner}); renew it with a new expiry and reason, or remove it`,
    });
  } else if (expires - today > maxDays) {
    out.push({
      field: 'expires',
      message: `exception for ${e.control} expires on ${e.expires}, ${expires - today} days after ${rules.today}; an exception lives at most ${maxDays} days, so renew it when it runs out`,
    });
  }
  if (e.id !== undefined && !(typeof e.id === 'string' && EXCEPTION_ID_PATTERN.test(e.id))) {
    out.push({ field: 'id', message: `id ${JSON.stringify(String(e.id)).slice(0, 80)} is not an exception id (hl-<control>-<8 hex digits>); leave it out and hardline computes it` });
  }
  return out;
}

/**
 * Throws when the exception is invalid under `rules`, naming the control and every problem;
 * constructs call it for each exception they apply.
 */
export function assertExceptionValid(e: ControlException, rules: ExceptionRules): void {
  const problems = exceptionRuleProblems(e, rules);
  if (problems.length > 0) {
    throw new Error(`invalid exception for ${String(e.control)}: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
  }
}
