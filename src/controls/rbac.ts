/**
 * Controls implemented by Roles, ClusterRoles and their bindings: the RBAC guard rails of
 * `ScopedRole` and `ScopedRoleBinding`. Each guard rail is its own control, so an exception
 * relaxes exactly one of them.
 */
import { Control } from './types';

/** Roles name every verb, resource and API group explicitly. */
export const RBAC_NO_WILDCARDS: Control = {
  id: 'HL-RBAC-001',
  title: 'Roles and ClusterRoles name every verb, resource and API group; no "*" wildcards',
  rationale:
    'A wildcard grants today\'s verbs and resources and every one added later, including new subresources and ' +
    'CRDs; an explicit list is what a reviewer can read and what the holder actually needs.',
  evidence: 'kubectl get <objects> -o \'custom-columns=NAME:.metadata.name,GROUPS:.rules[*].apiGroups,RESOURCES:.rules[*].resources,VERBS:.rules[*].verbs\'',
  cis: [
    {
      ids: { '1.10': '5.1.3', '1.11': '5.1.3', '1.12': '5.1.3' },
      why: 'hardline Roles and ClusterRoles list verbs, resources and API groups without wildcards.',
    },
  ],
  soc2: [
    { id: 'CC6.1', why: 'Access rights are defined explicitly per resource, as the logical access architecture requires.' },
    { id: 'CC6.3', why: 'Explicit rules grant least privilege: nothing beyond the listed verbs and resources.' },
  ],
};

/** Roles grant no verb that lets the holder raise its own privileges. */
export const RBAC_NO_ESCALATION_VERBS: Control = {
  id: 'HL-RBAC-002',
  title: 'Roles grant no bind, escalate or impersonate verbs, and no writes on RBAC objects or admission webhook configurations',
  rationale:
    'bind and escalate let the holder grant permissions it does not have, and impersonate lets it act as ' +
    'another user or group; writing Roles and bindings is how those grants are made, and a webhook configuration ' +
    'sees or rewrites every request; each turns a narrow role into a path to cluster-admin.',
  evidence: 'kubectl get <objects> -o \'custom-columns=NAME:.metadata.name,GROUPS:.rules[*].apiGroups,RESOURCES:.rules[*].resources,VERBS:.rules[*].verbs\'',
  cis: [
    {
      ids: { '1.10': '5.1.8', '1.11': '5.1.8', '1.12': '5.1.8' },
      why: 'The bind, impersonate and escalate verbs are refused unless an exception records the need.',
    },
  ],
  soc2: [
    { id: 'CC6.1', why: 'Identities cannot widen their own access outside the approved role definitions.' },
    { id: 'CC6.3', why: 'Privileges are changed only through reviewed role definitions, never by the holder.' },
  ],
};

/** Roles do not read Secrets unless the profile grants it explicitly. */
export const RBAC_NO_SECRETS_READ: Control = {
  id: 'HL-RBAC-003',
  title: 'Roles grant no get, list or watch on Secrets unless excepted',
  rationale:
    'Secrets hold credentials and keys; list and watch return every secret of a namespace at once. Reading ' +
    'them is granted only to identities with a recorded need.',
  evidence: 'kubectl get <objects> -o \'custom-columns=NAME:.metadata.name,GROUPS:.rules[*].apiGroups,RESOURCES:.rules[*].resources,VERBS:.rules[*].verbs\'',
  cis: [
    {
      ids: { '1.10': '5.1.2', '1.11': '5.1.2', '1.12': '5.1.2' },
      why: 'Access levels leave Secrets out; reading them needs an exception naming the namespace.',
    },
  ],
  soc2: [
    { id: 'CC6.1', why: 'Access to credential material is restricted to identities that need it.' },
    { id: 'CC6.3', why: 'Secrets read is granted by explicit, owned and expiring decision only.' },
  ],
};

/** Roles grant no way to run commands in pods or mint ServiceAccount tokens. */
export const RBAC_NO_EXEC_OR_TOKENS: Control = {
  id: 'HL-RBAC-004',
  title:
    'Roles grant no pod creation, exec, attach, port-forward, proxy or ephemeral containers, and no token or Secret creation, unless excepted',
  rationale:
    'Creating pods directly, exec and attach (create, or get over WebSocket before 1.31), ephemeral containers, ' +
    'port-forward and proxy reach into running pods with their identity and network; token creation, and creating ' +
    'or updating Secrets (a service-account-token Secret is filled in by the token controller), mint credentials ' +
    'for any ServiceAccount; workloads are deployed through controllers instead.',
  evidence: 'kubectl get <objects> -o \'custom-columns=NAME:.metadata.name,GROUPS:.rules[*].apiGroups,RESOURCES:.rules[*].resources,VERBS:.rules[*].verbs\'',
  cis: [
    {
      ids: { '1.10': '5.1.4', '1.11': '5.1.4', '1.12': '5.1.4' },
      why: 'No access level grants create on pods or on the pods/exec and pods/attach subresources.',
    },
    {
      ids: { '1.10': '5.1.13', '1.11': '5.1.13', '1.12': '5.1.13' },
      why: 'No access level grants create on serviceaccounts/token.',
    },
  ],
  soc2: [
    { id: 'CC6.1', why: 'Interactive access to running workloads is restricted to recorded exceptions.' },
    { id: 'CC6.3', why: 'Identities cannot borrow the privileges of workloads or mint credentials for them.' },
  ],
};

/** Nothing is bound to cluster-admin or to the system:masters group. */
export const RBAC_NO_PRIVILEGED_BINDINGS: Control = {
  id: 'HL-RBAC-005',
  title: 'Bindings never reference the cluster-admin role or the system:masters group',
  rationale:
    'cluster-admin is unlimited access, and system:masters bypasses RBAC entirely and cannot be revoked by ' +
    'deleting a binding; both belong to break-glass procedures, not to team or CI access.',
  evidence: 'kubectl get <objects> -o \'custom-columns=NAME:.metadata.name,ROLE:.roleRef.name,SUBJECTS:.subjects[*].name\'',
  cis: [
    {
      ids: { '1.10': '5.1.1', '1.11': '5.1.1', '1.12': '5.1.1' },
      why: 'Bindings to cluster-admin are refused unless an exception records the need.',
    },
    {
      ids: { '1.10': '5.1.7', '1.11': '5.1.7', '1.12': '5.1.7' },
      why: 'Bindings naming the system:masters group are refused unless an exception records the need.',
    },
  ],
  soc2: [
    { id: 'CC6.1', why: 'Administrative access is not granted through routine bindings.' },
    { id: 'CC6.3', why: 'Unlimited privileges are not assigned to team or automation identities.' },
  ],
};
