/**
 * Controls of the RBAC guard rails added for hostile input (issue 13): who a binding may name,
 * which roles it may reference, and which baseline objects a role may change. Each guard rail is
 * its own control, so an exception relaxes exactly one of them.
 */
import { Control } from './types';

/** Bindings never grant anything to anonymous users, all users, all ServiceAccounts or nodes. */
export const RBAC_NO_BROAD_SUBJECTS: Control = {
  id: 'HL-RBAC-006',
  title: 'Bindings name no anonymous, all-users, all-ServiceAccounts or node identities',
  rationale:
    'system:anonymous and system:unauthenticated are whoever reaches the API server, system:authenticated is ' +
    'every identity the cluster trusts, system:serviceaccounts every workload and system:nodes every kubelet; ' +
    'a binding to any of them grants its role to callers nobody registered or reviewed.',
  evidence: 'kubectl get <objects> -o \'custom-columns=NAME:.metadata.name,ROLE:.roleRef.name,KINDS:.subjects[*].kind,SUBJECTS:.subjects[*].name,NAMESPACES:.subjects[*].namespace\'',
  cis: [],
  soc2: [
    { id: 'CC6.2', why: 'Access is granted only to registered and authorized identities, never to everyone or to anonymous callers.' },
    { id: 'CC6.3', why: 'Roles are assigned to named identities with a need, which is what least privilege requires.' },
  ],
};

/** ServiceAccount subjects are declared workload ServiceAccounts, never `default` or a system namespace's. */
export const RBAC_WORKLOAD_SA_SUBJECTS: Control = {
  id: 'HL-RBAC-007',
  title: 'ServiceAccount subjects are declared workload ServiceAccounts: never a default ServiceAccount or one in a kube-* or default namespace',
  rationale:
    'Every pod that names no ServiceAccount runs as default, so access granted to it is granted to every such pod; ' +
    'kube-system ServiceAccounts belong to the control plane and add-ons, and granting them more widens what a ' +
    'compromised add-on can do.',
  evidence: 'kubectl get <objects> -o \'custom-columns=NAME:.metadata.name,ROLE:.roleRef.name,KINDS:.subjects[*].kind,SUBJECTS:.subjects[*].name,NAMESPACES:.subjects[*].namespace\'',
  cis: [
    {
      ids: { '1.10': '5.1.5', '1.11': '5.1.5', '1.12': '5.1.5' },
      why: 'No binding grants access to a default ServiceAccount, so default ServiceAccounts are not actively used.',
    },
  ],
  soc2: [
    { id: 'CC6.1', why: 'Workload identities are declared and distinct, so access can be attributed to one workload.' },
    { id: 'CC6.3', why: 'Access goes to the workload that needs it, not to every pod of a namespace or to system components.' },
  ],
};

/** Bindings reference hardline's own roles or declared ones, never Kubernetes' built-in admin, edit or system: roles. */
export const RBAC_NO_BUILTIN_ROLES: Control = {
  id: 'HL-RBAC-008',
  title: 'Bindings reference no built-in admin, edit or system: ClusterRole',
  rationale:
    'admin and edit aggregate every rule that carries their aggregation labels, today and after any CRD install, ' +
    'and include exec, Secrets and (admin) RBAC writes; system: roles belong to control-plane components, and ' +
    'system:controller:clusterrole-aggregation-controller can escalate to cluster-admin.',
  evidence: 'kubectl get <objects> -o \'custom-columns=NAME:.metadata.name,ROLE:.roleRef.name,KINDS:.subjects[*].kind,SUBJECTS:.subjects[*].name,NAMESPACES:.subjects[*].namespace\'',
  cis: [],
  soc2: [
    { id: 'CC6.1', why: 'Every granted permission is defined in a reviewed role, not inherited from an aggregated built-in one.' },
    { id: 'CC6.3', why: 'Broad built-in roles are not assigned to team or automation identities.' },
  ],
};

/** Roles cannot change the NetworkPolicies, ResourceQuotas and LimitRanges that constrain their holders. */
export const RBAC_NO_BASELINE_WRITES: Control = {
  id: 'HL-RBAC-009',
  title: 'Roles grant no create, update, patch or delete on NetworkPolicies, ResourceQuotas or LimitRanges',
  rationale:
    'The default-deny NetworkPolicy, the quota and the container defaults are the baseline that constrains a ' +
    'tenant; a tenant who may patch or delete them can remove that baseline, so only the GitOps pipeline changes them.',
  evidence: 'kubectl get <objects> -o \'custom-columns=NAME:.metadata.name,GROUPS:.rules[*].apiGroups,RESOURCES:.rules[*].resources,VERBS:.rules[*].verbs\'',
  cis: [],
  soc2: [
    { id: 'CC6.1', why: 'The network and resource boundaries of a namespace cannot be removed by those they constrain.' },
    { id: 'CC8.1', why: 'Baseline objects change only through the reviewed profile, never by hand.' },
  ],
};
