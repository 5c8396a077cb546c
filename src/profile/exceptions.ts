/**
 * Rules over a profile's exceptions: known controls, declared namespaces, real owners and
 * unexpired dates. A relaxed control must always be explicit, owned and temporary.
 */
import { canonicalException, exceptionRuleProblems } from '../controls';
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
 * labels and rules (stable output): `canonicalException`.
 */
export const normalizeException = canonicalException;
