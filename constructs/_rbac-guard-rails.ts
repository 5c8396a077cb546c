/**
 * The RBAC guard rails of `ScopedRole`: which rule shapes relax which control.
 * @internal
 */
import {
  Control,
  RBAC_NO_BASELINE_WRITES,
  RBAC_NO_ESCALATION_VERBS,
  RBAC_NO_EXEC_OR_TOKENS,
  RBAC_NO_SECRETS_READ,
  RBAC_NO_WILDCARDS,
} from '../src/controls';

/** One rule of a role, as `ScopedRole` accepts it. */
export interface ScopedRoleRule {
  /** API groups, `''` for the core group. */
  readonly apiGroups: readonly string[];
  /** Resources (and `resource/subresource`). */
  readonly resources: readonly string[];
  /** Verbs. */
  readonly verbs: readonly string[];
  /** Object names the rule is limited to. @default - every object */
  readonly resourceNames?: readonly string[];
}

/** A guard rail a rule breaks. @internal */
export interface GuardRailViolation {
  /** The control relaxed by the rule. */
  readonly control: Control;
  /**
   * The part of the rule at fault, e.g. `rules[1].verbs` when a verb alone breaks the rail, or
   * `rules[1]` when it is a combination of verbs, resources and API groups.
   */
  readonly field: string;
  /** The rule, in words, with the offending value. */
  readonly message: string;
}

const ESCALATION_VERBS = ['bind', 'escalate', 'impersonate'];
const READ_VERBS = ['get', 'list', 'watch'];
const WRITE_VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection'];
const PROXY_VERBS = ['get', 'create', 'update', 'patch', 'delete'];
/** Resources a wildcard verb would grant bind, escalate or impersonate on. */
const ESCALATION_TARGETS = ['clusterroles', 'groups', 'roles', 'serviceaccounts', 'uids', 'users', 'userextras'];
const RBAC = 'rbac.authorization.k8s.io';
const ADMISSION = 'admissionregistration.k8s.io';

/** A permission that breaks a guard rail: verbs on a resource of an API group. */
interface Route {
  readonly group: string;
  readonly resource: string;
  readonly verbs: readonly string[];
  /** Why it breaks the rail, as the README lists it. */
  readonly why: string;
}

/**
 * Routes into running pods and to credentials (HL-RBAC-004). Exported for the README table test.
 * @internal
 */
export const EXEC_ROUTES: readonly Route[] = [
  { group: '', resource: 'pods', verbs: ['create'], why: 'a pod created directly runs any image as any ServiceAccount of the namespace' },
  { group: '', resource: 'pods/exec', verbs: ['create', 'get'], why: 'runs commands in a pod (get opens the WebSocket exec before 1.31)' },
  { group: '', resource: 'pods/attach', verbs: ['create', 'get'], why: 'attaches to a running container (get over WebSocket before 1.31)' },
  { group: '', resource: 'pods/portforward', verbs: ['create', 'get'], why: 'opens a tunnel to a pod past its NetworkPolicies' },
  { group: '', resource: 'pods/ephemeralcontainers', verbs: ['update', 'patch'], why: 'adds a debug container to a running pod' },
  { group: '', resource: 'pods/proxy', verbs: PROXY_VERBS, why: 'proxies requests into a pod past its NetworkPolicies' },
  { group: '', resource: 'services/proxy', verbs: PROXY_VERBS, why: 'proxies requests into a service past its NetworkPolicies' },
  { group: '', resource: 'nodes/proxy', verbs: PROXY_VERBS, why: 'reaches the kubelet API, which runs commands in any pod of the node' },
  { group: '', resource: 'serviceaccounts/token', verbs: ['create'], why: 'mints a token for any ServiceAccount of the namespace' },
  { group: '', resource: 'secrets', verbs: ['create', 'update', 'patch'], why: 'a service-account-token Secret is filled with a long-lived token by the token controller' },
];

/**
 * Routes to more privileges (HL-RBAC-002) besides bind, escalate and impersonate. @internal
 */
export const ESCALATION_ROUTES: readonly Route[] = [
  ...['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'].map((resource) => ({
    group: RBAC,
    resource,
    verbs: WRITE_VERBS,
    why: 'writing RBAC objects is how permissions are granted',
  })),
  ...['mutatingwebhookconfigurations', 'validatingwebhookconfigurations', 'validatingadmissionpolicies', 'validatingadmissionpolicybindings'].map(
    (resource) => ({ group: ADMISSION, resource, verbs: WRITE_VERBS, why: 'admission configuration sees, rewrites or waves through every request' }),
  ),
  {
    group: 'certificates.k8s.io',
    resource: 'certificatesigningrequests/approval',
    verbs: ['update', 'patch'],
    why: 'approving a CSR issues a client certificate for any user or group',
  },
];

/** Writes on the baseline objects that constrain a namespace (HL-RBAC-009). @internal */
export const BASELINE_ROUTES: readonly Route[] = [
  { group: 'networking.k8s.io', resource: 'networkpolicies', verbs: WRITE_VERBS, why: 'removing the default-deny policy opens the namespace' },
  { group: '', resource: 'resourcequotas', verbs: WRITE_VERBS, why: 'removing the quota lifts the namespace\'s resource limits' },
  { group: '', resource: 'limitranges', verbs: WRITE_VERBS, why: 'removing the LimitRange lifts the container defaults' },
];

// Whether a rule's resource entry ("*", "pods/*", "*/scale" or a name) covers a resource.
function matches(entry: string, resource: string): boolean {
  if (entry === '*' || entry === resource) return true;
  const [r, sub] = resource.split('/');
  if (entry === `${r}/*`) return sub !== undefined;
  if (entry === `*/${sub}`) return sub !== undefined;
  return false;
}

/**
 * Every guard rail a rule breaks, wildcards counting as what they cover: wildcards (HL-RBAC-001),
 * bind/escalate/impersonate and RBAC or admission configuration writes (HL-RBAC-002), reading
 * secrets (HL-RBAC-003), the `EXEC_ROUTES` into pods and to credentials (HL-RBAC-004), and writes on
 * NetworkPolicies, ResourceQuotas and LimitRanges (HL-RBAC-009). A route counts only in its own API
 * group (or `*`).
 * @internal
 */
export function guardRailViolations(rule: ScopedRoleRule, index: number): GuardRailViolation[] {
  // Pure in the rule's content: every namespace's access-level Roles repeat the same few rules,
  // so the answer is remembered by content (a copy is returned; the cache only saves time).
  const key = JSON.stringify([index, rule.apiGroups, rule.resources, rule.verbs, rule.resourceNames ?? null]);
  let found = remembered.get(key);
  if (!found) {
    if (remembered.size >= CACHE_LIMIT) remembered.clear();
    found = computeViolations(rule, index);
    remembered.set(key, found);
  }
  return [...found];
}

const remembered = new Map<string, readonly GuardRailViolation[]>();
const CACHE_LIMIT = 10_000;

function computeViolations(rule: ScopedRoleRule, index: number): GuardRailViolation[] {
  const out: GuardRailViolation[] = [];
  const at = `rules[${index}]`;
  for (const field of ['verbs', 'resources', 'apiGroups'] as const) {
    const wild = rule[field].filter((v) => v.includes('*'));
    if (wild.length > 0) {
      out.push({
        control: RBAC_NO_WILDCARDS,
        field: `${at}.${field}`,
        message: `${at}.${field} contains the wildcard ${wild.map((w) => `"${w}"`).join(', ')}; list each value explicitly (${RBAC_NO_WILDCARDS.id}: no wildcards)`,
      });
    }
  }
  const verb = (v: string) => rule.verbs.includes(v) || rule.verbs.includes('*');
  const inGroup = (group: string) => rule.apiGroups.includes(group) || rule.apiGroups.includes('*');
  const resourcesMatching = (names: readonly string[]) => names.filter((n) => rule.resources.some((r) => matches(r, n)));
  // What the rule grants of a route list: "verbs on resource", in the route order.
  const granted = (routes: readonly Route[]) =>
    routes.flatMap((route) =>
      inGroup(route.group) && resourcesMatching([route.resource]).length > 0 && route.verbs.some(verb)
        ? [`${route.verbs.filter(verb).join(', ')} on ${route.resource}`]
        : [],
    );
  const escalation = ESCALATION_VERBS.filter((v) => rule.verbs.includes(v));
  if (escalation.length === 0 && rule.verbs.includes('*') && resourcesMatching(ESCALATION_TARGETS).length > 0) escalation.push('*');
  const escalationRoutes = granted(ESCALATION_ROUTES);
  if (escalation.length > 0 || escalationRoutes.length > 0) {
    const what = [...(escalation.length > 0 ? [escalation.join(', ')] : []), ...escalationRoutes].join('; ');
    out.push({
      control: RBAC_NO_ESCALATION_VERBS,
      // bind, escalate and impersonate break the rail by the verb alone; a route needs its resource too.
      field: escalationRoutes.length === 0 ? `${at}.verbs` : at,
      message: `${at} grants ${what}, which lets the holder raise its own privileges (${RBAC_NO_ESCALATION_VERBS.id}: no bind, escalate, impersonate, RBAC or admission configuration writes)`,
    });
  }
  const reads = READ_VERBS.filter(verb);
  if (reads.length > 0 && inGroup('') && resourcesMatching(['secrets']).length > 0) {
    out.push({
      control: RBAC_NO_SECRETS_READ,
      field: at,
      message: `${at} grants ${reads.join(', ')} on secrets (${RBAC_NO_SECRETS_READ.id}: no secrets read)`,
    });
  }
  const execRoutes = granted(EXEC_ROUTES);
  if (execRoutes.length > 0) {
    out.push({
      control: RBAC_NO_EXEC_OR_TOKENS,
      field: at,
      message: `${at} grants ${execRoutes.join('; ')} (${RBAC_NO_EXEC_OR_TOKENS.id}: no pod creation, exec, attach, port-forward, proxy, ephemeral containers, token or Secret creation)`,
    });
  }
  const baselineRoutes = granted(BASELINE_ROUTES);
  if (baselineRoutes.length > 0) {
    out.push({
      control: RBAC_NO_BASELINE_WRITES,
      field: at,
      message: `${at} grants ${baselineRoutes.join('; ')}, which lets the holder remove the baseline that constrains it (${RBAC_NO_BASELINE_WRITES.id}: no writes on NetworkPolicies, ResourceQuotas or LimitRanges)`,
    });
  }
  return out;
}
