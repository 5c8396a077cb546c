/**
 * Stable ids of exceptions, and the short form of a reason written onto objects: a long reason is
 * written once, in the report, and objects reference it by id (issue 14: output grows with the
 * number of namespaces, never with reason length × namespaces).
 */
import { createHash } from 'crypto';
import { ControlException } from './types';

/**
 * An exception with only its own fields, in a fixed key order, with sorted namespaces, workloads,
 * labels and rules: its canonical form (the `id` is not part of it).
 */
export function canonicalException(e: ControlException): ControlException {
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    control: e.control,
    ...(e.namespaces ? { namespaces: [...e.namespaces].sort() } : {}),
    ...(e.workloads ? { workloads: [...e.workloads].map((w) => ({ kind: w.kind, name: w.name })).sort((a, b) => byText(`${a.kind}/${a.name}`, `${b.kind}/${b.name}`)) } : {}),
    ...(e.selector ? { selector: { matchLabels: Object.fromEntries(Object.entries(e.selector.matchLabels).sort(([a], [b]) => byText(a, b))) } } : {}),
    ...(e.rules ? { rules: [...e.rules].sort() } : {}),
    ...(e.scope ? { scope: e.scope } : {}),
    reason: e.reason,
    owner: e.owner,
    ...(e.approvedBy !== undefined ? { approvedBy: e.approvedBy } : {}),
    ...(e.ticket !== undefined ? { ticket: e.ticket } : {}),
    expires: e.expires,
  };
}

/** Shape of an exception id: the control in lower case and 8 hex digits (`hl-pod-001-3f9a0c2e`), a DNS-1123 label. */
export const EXCEPTION_ID_PATTERN = /^hl-[a-z]+-[0-9]{3}-[0-9a-f]{8}(-[0-9]+)?$/;

/**
 * The exception's stable id: `e.id` when set (the profile loader sets it, so copies made for
 * composition keep it), else the control in lower case and the first 8 hex digits of the sha256 of
 * its canonical form. The same exception gives the same id in every run and in any key order.
 */
export function exceptionId(e: ControlException): string {
  if (e.id !== undefined) return e.id;
  const digest = createHash('sha256').update(JSON.stringify(canonicalException(e))).digest('hex').slice(0, 8);
  return `${e.control.toLowerCase()}-${digest}`;
}

/**
 * Ids for a list of exceptions, in order: `exceptionId` of each, with `-2`, `-3`… for exceptions
 * identical to an earlier one (the same canonical form).
 */
export function withExceptionIds<E extends ControlException>(exceptions: readonly E[]): (E & { readonly id: string })[] {
  const seen = new Map<string, number>();
  return exceptions.map((e) => {
    const base = exceptionId(e);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { ...e, id: n > 1 ? `${base}-${n}` : base };
  });
}

/** Longest reason written whole onto an object; a longer one is cut and points at the report. */
export const SHORT_REASON_CHARS = 200;

/**
 * The reason as objects carry it: whole when at most `SHORT_REASON_CHARS` characters (code points),
 * else its first characters, `…` and where the full reason is:
 * `… (full reason: exception <id> in compliance/report.json)`.
 */
export function shortReason(e: ControlException): string {
  return shortText(e.reason, 'reason', e);
}

/** `text` whole when at most `SHORT_REASON_CHARS` code points, else cut as `shortReason` cuts, naming `what` the text is. */
export function shortText(text: string, what: string, e: ControlException): string {
  const chars = Array.from(text);
  if (chars.length <= SHORT_REASON_CHARS) return text;
  return `${chars.slice(0, SHORT_REASON_CHARS).join('').trimEnd()}… (full ${what}: exception ${exceptionId(e)} in compliance/report.json)`;
}
