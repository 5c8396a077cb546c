/**
 * The access-review rule of `spec.rbac.bindings`: every ServiceAccount and Group with write access
 * (deployer or namespace-admin) in a production namespace names an `owner`, so the quarterly review
 * (`compliance/access-review.csv`) has someone to ask about each identity that can change production.
 */
import { ProfileProblem } from '../errors';
import { LocatedBinding } from './access-rules';
import { LocatedNamespace, problemAt } from './namespace-rules';

/** Access levels that can change a namespace. */
export const WRITE_ACCESS_LEVELS: readonly string[] = ['deployer', 'namespace-admin'];

/**
 * Problems: write-access ServiceAccounts and Groups in production namespaces without an owner, and one
 * subject named with two different owners (the access review would not know whom to ask).
 */
export function ownerProblems(bindings: readonly LocatedBinding[], namespaces: readonly LocatedNamespace[]): ProfileProblem[] {
  const tiers = new Map(namespaces.map((n) => [n.spec.name, n.spec.tier ?? 'production']));
  const out: ProfileProblem[] = [];
  const owners = new Map<string, string>();
  for (const { binding, origin } of bindings) {
    binding.subjects.forEach((s, i) => {
      if (!s.owner) return;
      for (const ns of s.kind === 'ServiceAccount' ? [...new Set(s.namespace ? [s.namespace] : binding.namespaces)] : ['']) {
        const key = `${s.kind}/${ns}/${s.name}`;
        const first = owners.get(key);
        if (first === undefined) owners.set(key, s.owner);
        else if (first !== s.owner) {
          out.push(problemAt(origin, `/subjects/${i}/owner`, `${s.kind} "${s.name}" already has owner "${first}"; name one owner per identity`));
        }
      }
    });
  }
  for (const { binding, origin } of bindings) {
    if (!WRITE_ACCESS_LEVELS.includes(binding.access)) continue;
    const production = [...new Set(binding.namespaces)].filter((n) => tiers.get(n) === 'production').sort();
    if (production.length === 0) continue;
    binding.subjects.forEach((s, i) => {
      if ((s.kind === 'ServiceAccount' || s.kind === 'Group') && !s.owner) {
        out.push(
          problemAt(
            origin,
            `/subjects/${i}`,
            `${s.kind} "${s.name}" gets ${binding.access} access in production (${production.join(', ')}) but names no owner; ` +
              'add owner (a team or address) so the access review has someone who answers for it',
          ),
        );
      }
    });
  }
  return out;
}
