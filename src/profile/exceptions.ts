/**
 * Rules over a profile's exceptions: known controls, declared namespaces, real owners and
 * unexpired dates. A relaxed control must always be explicit, owned and temporary.
 */
import { ControlException, findControl } from '../controls';
import { ProfileProblem } from '../errors';
import { LocatedException, problemAt } from './namespace-rules';

/** Returns every problem of the exceptions, checked against the declared namespaces and `today` (YYYY-MM-DD). */
export function exceptionProblems(
  exceptions: readonly LocatedException[],
  namespaces: ReadonlySet<string>,
  today: string,
): ProfileProblem[] {
  const out: ProfileProblem[] = [];
  for (const { exception: e, origin } of exceptions) {
    if (!findControl(e.control)) {
      out.push(problemAt(origin, '/control', `unknown control "${e.control}"; run \`hardline controls\` to list them`));
    }
    (e.namespaces ?? []).forEach((ns, i) => {
      if (!namespaces.has(ns)) {
        out.push(problemAt(origin, `/namespaces/${i}`, `namespace "${ns}" is not declared under spec.namespaces`));
      }
    });
    if (e.owner.trim() === '') out.push(problemAt(origin, '/owner', 'must name a team or person who answers for the exception'));
    if (e.reason.trim().length < 10) out.push(problemAt(origin, '/reason', 'must explain the exception in at least 10 characters'));
    if (e.expires < today) {
      out.push(
        problemAt(
          origin,
          '/expires',
          `exception for ${e.control} expired on ${e.expires} (owner: ${e.owner}); renew it with a new expiry and reason, or remove it`,
        ),
      );
    }
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
