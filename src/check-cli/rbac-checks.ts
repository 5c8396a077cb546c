/**
 * Checks Roles, ClusterRoles and their bindings from any manifest against the RBAC guard rails
 * that `ScopedRole` and `ScopedRoleBinding` enforce at build time. Pure: no I/O.
 */
import { guardRailViolations } from '../../constructs/_rbac-guard-rails';
import {
  Control,
  RBAC_NO_ESCALATION_VERBS,
  RBAC_NO_EXEC_OR_TOKENS,
  RBAC_NO_PRIVILEGED_BINDINGS,
  RBAC_NO_SECRETS_READ,
  RBAC_NO_WILDCARDS,
} from '../controls';
import { ResolvedProfile } from '../profile/types';
import { CheckRule, Finding } from './types';

/** The RBAC rules, one per guard-rail control; the rule id is the control id. */
export const RBAC_RULES: readonly CheckRule[] = [
  RBAC_NO_WILDCARDS,
  RBAC_NO_ESCALATION_VERBS,
  RBAC_NO_SECRETS_READ,
  RBAC_NO_EXEC_OR_TOKENS,
  RBAC_NO_PRIVILEGED_BINDINGS,
].map((control) => ({ id: control.id, title: control.title, control }));

const ruleOf = (control: Control): CheckRule => RBAC_RULES.find((r) => r.control === control) as CheckRule;

/** The kinds this module checks. */
export const RBAC_KINDS: readonly string[] = ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'];

type Json = Record<string, any>;

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * Findings of one RBAC object. An exception to a guard-rail control lifts it: for a namespaced
 * object, an exception that covers its namespace; for a cluster-scoped one, an exception for every namespace.
 */
export function rbacFindings(obj: Json, profile: ResolvedProfile): Finding[] {
  const namespace: string | undefined = obj.kind === 'Role' || obj.kind === 'RoleBinding' ? (obj.metadata?.namespace ?? 'default') : undefined;
  const lifted = new Set(
    profile.exceptions.filter((e) => (namespace === undefined ? !e.namespaces : !e.namespaces || e.namespaces.includes(namespace))).map((e) => e.control),
  );
  const out: Finding[] = [];
  const name: string = typeof obj.metadata?.name === 'string' ? obj.metadata.name : '<unnamed>';
  const who = `${obj.kind as string} "${namespace === undefined ? name : `${namespace}/${name}`}"`;
  const add = (control: Control, field: string, message: string) => {
    if (!lifted.has(control.id)) out.push({ rule: ruleOf(control), field, message: `${who}: ${message}` });
  };
  if (obj.kind === 'Role' || obj.kind === 'ClusterRole') {
    // An aggregated ClusterRole's rules are written by the controller from the roles it selects; those are checked themselves.
    if (obj.kind === 'ClusterRole' && obj.aggregationRule) return out;
    const rules: unknown[] = Array.isArray(obj.rules) ? obj.rules : [];
    rules.forEach((r, i) => {
      const rule = (typeof r === 'object' && r !== null ? r : {}) as Json;
      const violations = guardRailViolations(
        { apiGroups: strings(rule.apiGroups), resources: strings(rule.resources), verbs: strings(rule.verbs), resourceNames: strings(rule.resourceNames) },
        i,
      );
      for (const v of violations) add(v.control, v.field, v.message);
    });
    return out;
  }
  const roleRef: Json = obj.roleRef ?? {};
  if (roleRef.kind === 'ClusterRole' && roleRef.name === 'cluster-admin') {
    add(RBAC_NO_PRIVILEGED_BINDINGS, 'roleRef.name', `binds the cluster-admin role, which grants unlimited access; bind a scoped role (${RBAC_NO_PRIVILEGED_BINDINGS.id})`);
  }
  const subjects: unknown[] = Array.isArray(obj.subjects) ? obj.subjects : [];
  subjects.forEach((s, i) => {
    const subject = (typeof s === 'object' && s !== null ? s : {}) as Json;
    if (subject.kind === 'Group' && subject.name === 'system:masters') {
      add(RBAC_NO_PRIVILEGED_BINDINGS, `subjects[${i}].name`, `names the system:masters group, which bypasses RBAC entirely (${RBAC_NO_PRIVILEGED_BINDINGS.id})`);
    }
  });
  return out;
}
