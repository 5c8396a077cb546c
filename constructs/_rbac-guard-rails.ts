/**
 * The RBAC guard rails of `ScopedRole`: which rule shapes relax which control.
 * @internal
 */
import {
  Control,
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
  /** The rule, in words, with the offending value. */
  readonly message: string;
}

const ESCALATION_VERBS = ['bind', 'escalate', 'impersonate'];
const EXEC_OR_TOKEN_RESOURCES = ['pods', 'pods/attach', 'pods/exec', 'serviceaccounts/token'];
const READ_VERBS = ['get', 'list', 'watch'];
/** Resources a wildcard verb would grant bind, escalate or impersonate on. */
const ESCALATION_TARGETS = ['clusterroles', 'groups', 'roles', 'serviceaccounts', 'uids', 'users', 'userextras'];

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
 * bind/escalate/impersonate (HL-RBAC-002),
 * reading secrets (HL-RBAC-003), create on pods, pods/exec, pods/attach or serviceaccounts/token
 * (HL-RBAC-004).
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
        message: `${at}.${field} contains the wildcard ${wild.map((w) => `"${w}"`).join(', ')}; list each value explicitly (${RBAC_NO_WILDCARDS.id}: no wildcards)`,
      });
    }
  }
  const verb = (v: string) => rule.verbs.includes(v) || rule.verbs.includes('*');
  const resourcesMatching = (names: readonly string[]) => names.filter((n) => rule.resources.some((r) => matches(r, n)));
  const escalation = ESCALATION_VERBS.filter((v) => rule.verbs.includes(v));
  if (escalation.length === 0 && rule.verbs.includes('*') && resourcesMatching(ESCALATION_TARGETS).length > 0) escalation.push('*');
  if (escalation.length > 0) {
    out.push({
      control: RBAC_NO_ESCALATION_VERBS,
      message: `${at}.verbs grants ${escalation.join(', ')}, which lets the holder raise its own privileges (${RBAC_NO_ESCALATION_VERBS.id}: no bind, escalate or impersonate)`,
    });
  }
  const reads = READ_VERBS.filter(verb);
  if (reads.length > 0 && resourcesMatching(['secrets']).length > 0) {
    out.push({
      control: RBAC_NO_SECRETS_READ,
      message: `${at} grants ${reads.join(', ')} on secrets (${RBAC_NO_SECRETS_READ.id}: no secrets read)`,
    });
  }
  const creates = resourcesMatching(EXEC_OR_TOKEN_RESOURCES);
  if (creates.length > 0 && verb('create')) {
    out.push({
      control: RBAC_NO_EXEC_OR_TOKENS,
      message: `${at} grants create on ${creates.join(', ')} (${RBAC_NO_EXEC_OR_TOKENS.id}: no pod creation, exec, attach or token creation)`,
    });
  }
  return out;
}
