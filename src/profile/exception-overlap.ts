/**
 * Exceptions that overlap: a namespace listed twice in one exception, or two exceptions (in one
 * file or across an extends chain) relaxing the same control in the same namespace. Each relaxed
 * (control, namespace) pair must have exactly one reason, owner and expiry: two would leave the
 * audit trail ambiguous, and each emits the same PolicyException. Exceptions narrowed to workloads or
 * rules (issue 20) may share a namespace: each lifts its own (rule, workload) pairs, and
 * `exceptionScopeProblems` refuses a namespace-wide one beside them.
 */
import { ProfileProblem } from '../errors';
import { isWorkloadScoped } from '../controls';
import { LocatedException, problemAt } from './namespace-rules';

/** Returns a located problem for every exception that repeats a namespace or another exception's scope. */
export function exceptionOverlapProblems(exceptions: readonly LocatedException[]): ProfileProblem[] {
  const out: ProfileProblem[] = [];
  /** control → the first cluster-wide exception for it. */
  const global = new Map<string, LocatedException>();
  /** `control namespace` → the first exception scoped to that namespace. */
  const scoped = new Map<string, LocatedException>();
  /** control → the first exception scoped to some namespace. */
  const anyScoped = new Map<string, LocatedException>();
  const where = (e: LocatedException) => `${e.origin.source.file}:${e.origin.source.locate(e.origin.pointer).line}`;

  for (const located of exceptions) {
    const { exception: e } = located;
    if (!e.namespaces) {
      const first = global.get(e.control) ?? anyScoped.get(e.control);
      if (first) {
        out.push(
          problemAt(
            located.origin,
            '/control',
            `${e.control} is already excepted at ${where(first)}; a cluster-wide exception covers every namespace, so keep one of the two`,
          ),
        );
      } else global.set(e.control, located);
      continue;
    }
    const seenHere = new Set<string>();
    e.namespaces.forEach((ns, i) => {
      if (seenHere.has(ns)) {
        out.push(problemAt(located.origin, `/namespaces/${i}`, `namespace "${ns}" is listed twice in this exception`));
        return;
      }
      seenHere.add(ns);
      if (isWorkloadScoped(e) || e.rules !== undefined) return;
      const first = global.get(e.control) ?? scoped.get(`${e.control} ${ns}`);
      if (first) {
        out.push(
          problemAt(
            located.origin,
            `/namespaces/${i}`,
            `${e.control} is already excepted for namespace "${ns}" at ${where(first)}; one exception per control and namespace, so merge them`,
          ),
        );
      } else {
        scoped.set(`${e.control} ${ns}`, located);
        if (!anyScoped.has(e.control)) anyScoped.set(e.control, located);
      }
    });
  }
  return out;
}
