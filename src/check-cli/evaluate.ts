/**
 * The one place `hardline check` meets the rule model: which rules apply to an object and what
 * they find. Workloads go through the build-time check (`checkWorkloads`), RBAC objects through
 * the RBAC guard rails, Namespaces through the profile. Swapping the workload rules for another
 * rule model changes this file only. Pure: no I/O.
 */
import { checkWorkloads, WORKLOAD_KINDS, WORKLOAD_RULES } from '../check/check-workloads';
import { ResolvedProfile } from '../profile/types';
import { NAMESPACE_RULES, namespaceFindings } from './namespace-checks';
import { RBAC_KINDS, RBAC_RULES, rbacFindings } from './rbac-checks';
import { ManifestObject } from './read-manifests';
import { CheckRule, Finding, ObjectVerdict } from './types';

/** Every rule `hardline check` can report, sorted by id (the SARIF rule list). */
export const CHECK_RULES: readonly CheckRule[] = dedupe([...Object.values(WORKLOAD_RULES), ...RBAC_RULES, ...Object.values(NAMESPACE_RULES)]);

/** The kinds `hardline check` checks; every other object is read (ServiceAccounts as context) but not judged. */
export const CHECKED_KINDS: readonly string[] = [...WORKLOAD_KINDS, ...RBAC_KINDS, 'Namespace'];

/** Checks every object of a checked kind against `profile`; verdicts come in input order. */
export function evaluateObjects(objects: readonly ManifestObject[], profile: ResolvedProfile): ObjectVerdict[] {
  // Workload rules read ServiceAccounts of the same input (automountServiceAccountToken).
  const serviceAccounts = objects.map((o) => o.object).filter((o) => o.kind === 'ServiceAccount');
  const out: ObjectVerdict[] = [];
  for (const manifest of objects) {
    const obj = manifest.object as Record<string, any>;
    const kind = obj.kind as string;
    let findings: Finding[];
    let namespace: string | undefined;
    if (WORKLOAD_KINDS.includes(kind)) {
      namespace = obj.metadata?.namespace ?? 'default';
      findings = checkWorkloads([obj, ...serviceAccounts], profile).map((v) => ({ rule: v.rule, field: v.field, message: v.message }));
    } else if (RBAC_KINDS.includes(kind)) {
      namespace = kind === 'Role' || kind === 'RoleBinding' ? (obj.metadata?.namespace ?? 'default') : undefined;
      findings = rbacFindings(obj, profile);
    } else if (kind === 'Namespace') {
      findings = namespaceFindings(obj, profile);
    } else {
      continue;
    }
    out.push({ manifest, kind, name: typeof obj.metadata?.name === 'string' ? obj.metadata.name : '<unnamed>', namespace, findings });
  }
  return out;
}

function dedupe(rules: readonly CheckRule[]): CheckRule[] {
  const byId = new Map<string, CheckRule>();
  for (const r of rules) if (!byId.has(r.id)) byId.set(r.id, r);
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
