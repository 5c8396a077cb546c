/**
 * Which binding subjects and role references relax which control: the rules `ScopedRoleBinding`
 * and the profile loader share, so both refuse the same identities and roles.
 * @internal
 */
import { Control, RBAC_NO_BROAD_SUBJECTS, RBAC_NO_BUILTIN_ROLES, RBAC_NO_PRIVILEGED_BINDINGS, RBAC_WORKLOAD_SA_SUBJECTS } from '../src/controls';
import { RESERVED_NAMESPACES } from './_names';

/** A subject as both the profile and the library write it. @internal */
export interface SubjectLike {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

/** A subject or role that needs an exception, with the control and the reason in words. @internal */
export interface BindingViolation {
  /** The control relaxed. */
  readonly control: Control;
  /** What the subject or role is and why it is refused. */
  readonly message: string;
  /** The guard rail in a few words, e.g. `no cluster-admin or system:masters bindings`. */
  readonly rail: string;
}

const RAILS = {
  privileged: 'no cluster-admin or system:masters bindings',
  broad: 'no anonymous, all-users, all-ServiceAccounts, node or other system: subjects',
  workload: 'ServiceAccount subjects are declared workload ServiceAccounts',
  builtIn: 'no built-in admin, edit or system: ClusterRoles',
};

/**
 * Groups and users that stand for everyone or for Kubernetes itself, with why (README table).
 * Any other `system:` group or user is reserved by Kubernetes too. @internal
 */
export const BROAD_IDENTITIES: readonly { readonly kind: 'Group' | 'User'; readonly name: string; readonly why: string }[] = [
  { kind: 'User', name: 'system:anonymous', why: 'every request without credentials' },
  { kind: 'Group', name: 'system:unauthenticated', why: 'every request without credentials' },
  { kind: 'Group', name: 'system:authenticated', why: 'every user and ServiceAccount the cluster trusts' },
  { kind: 'Group', name: 'system:serviceaccounts', why: 'every ServiceAccount of every namespace' },
  { kind: 'Group', name: 'system:serviceaccounts:<namespace>', why: 'every ServiceAccount of a namespace, default included' },
  { kind: 'Group', name: 'system:nodes', why: 'every kubelet' },
  { kind: 'User', name: 'system:node:<node>', why: 'a kubelet' },
  { kind: 'User', name: 'system:serviceaccount:<namespace>:<name>', why: 'a ServiceAccount written as a user, dodging the ServiceAccount rules' },
];

/** Whether a namespace belongs to Kubernetes (`default`, `kube-system`, any `kube-` prefix). @internal */
export function isSystemNamespace(ns: string): boolean {
  return RESERVED_NAMESPACES.includes(ns) || ns.startsWith('kube-');
}

/**
 * The controls a subject relaxes: `system:masters` (HL-RBAC-005), any other `system:` group or user
 * (HL-RBAC-006), and a `default` ServiceAccount or one in a Kubernetes namespace (HL-RBAC-007).
 * `namespace` is the subject's resolved namespace for a ServiceAccount. Case variants count.
 * @internal
 */
export function subjectViolations(s: SubjectLike, namespace?: string): BindingViolation[] {
  const lower = s.name.toLowerCase();
  if (s.kind === 'ServiceAccount') {
    const out: BindingViolation[] = [];
    if (s.name === 'default') {
      out.push({
        control: RBAC_WORKLOAD_SA_SUBJECTS,
        rail: RAILS.workload,
        message: `the default ServiceAccount${namespace ? ` of "${namespace}"` : ''} runs every pod that names none; grant a declared workload ServiceAccount (CIS 5.1.5)`,
      });
    }
    if (namespace !== undefined && isSystemNamespace(namespace)) {
      out.push({
        control: RBAC_WORKLOAD_SA_SUBJECTS,
        rail: RAILS.workload,
        message: `ServiceAccount "${namespace}/${s.name}" belongs to Kubernetes' own namespace "${namespace}"; grant a declared workload ServiceAccount`,
      });
    }
    return out;
  }
  if (s.kind === 'Group' && lower === 'system:masters') {
    return [{ control: RBAC_NO_PRIVILEGED_BINDINGS, rail: RAILS.privileged, message: 'names the system:masters group, which bypasses RBAC entirely (CIS 5.1.7)' }];
  }
  if (lower.startsWith('system:')) {
    const known = BROAD_IDENTITIES.find((b) => b.kind === s.kind && (b.name === lower || (b.name.includes('<') && lower.startsWith(b.name.slice(0, b.name.indexOf('<'))))));
    return [
      {
        control: RBAC_NO_BROAD_SUBJECTS,
        rail: RAILS.broad,
        message: `${s.kind} "${s.name}" is ${known ? known.why : 'an identity reserved by Kubernetes'}; name the users, groups or ServiceAccounts that need the role`,
      },
    ];
  }
  return [];
}

/**
 * The control a referenced role relaxes: any case variant of `cluster-admin` (HL-RBAC-005), the
 * built-in `admin` and `edit` ClusterRoles and any `system:` ClusterRole (HL-RBAC-008).
 * @internal
 */
export function roleReferenceViolations(role: { readonly kind: string; readonly name: string }): BindingViolation[] {
  const lower = role.name.toLowerCase();
  if (lower === 'cluster-admin') {
    return [{ control: RBAC_NO_PRIVILEGED_BINDINGS, rail: RAILS.privileged, message: `binds the ${role.name} role, which grants unlimited access (CIS 5.1.1)` }];
  }
  if (role.kind === 'ClusterRole' && (lower === 'admin' || lower === 'edit' || lower.startsWith('system:'))) {
    return [
      {
        control: RBAC_NO_BUILTIN_ROLES,
        rail: RAILS.builtIn,
        message: `binds the built-in ClusterRole "${role.name}", ${lower.startsWith('system:') ? 'which belongs to a Kubernetes component' : 'which aggregates exec, Secrets and more from every installed CRD'}; bind a ScopedRole`,
      },
    ];
  }
  return [];
}
