/**
 * Rules over a profile's exceptions: known controls, declared namespaces, real owners and
 * unexpired dates. A relaxed control must always be explicit, owned and temporary.
 */
import { ControlException, exceptionRuleProblems } from '../controls';
import { ProfileProblem } from '../errors';
import { LocatedException, problemAt } from './namespace-rules';

/**
 * Returns every problem of the exceptions: those of the shared exception validator (known control,
 * real and unexpired date at most `maxDays` after `today`, visible reason and owner), and
 * namespaces that are not declared.
 */
export function exceptionProblems(
  exceptions: readonly LocatedException[],
  namespaces: ReadonlySet<string>,
  today: string,
  maxDays?: number,
): ProfileProblem[] {
  const out: ProfileProblem[] = [];
  for (const { exception: e, origin } of exceptions) {
    const found = exceptionRuleProblems(e, { today, maxDays });
    const add = (...fields: string[]) => {
      for (const p of found.filter((x) => fields.includes(x.field))) out.push(problemAt(origin, `/${p.field}`, p.message));
    };
    add('control');
    (e.namespaces ?? []).forEach((ns, i) => {
      if (!namespaces.has(ns)) {
        out.push(problemAt(origin, `/namespaces/${i}`, `namespace "${ns}" is not declared under spec.namespaces`));
      }
    });
    add('owner', 'reason', 'expires');
  }
  return out;
}

/**
 * An exception with only its own fields, in a fixed key order, with sorted namespaces, workloads,
 * labels and rules (stable output).
 */
export function normalizeException(e: ControlException): ControlException {
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
