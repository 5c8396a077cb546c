/**
 * Composes the least-privilege objects of one namespace: its workload ServiceAccounts, the
 * NetworkPolicies of its declared flows, and a Role and RoleBinding per access level granted in it.
 */
import { Construct } from 'constructs';
import { HardenedServiceAccount } from '../../constructs/hardened-service-account';
import { Tier } from '../../constructs/hardened-namespace';
import { FlowDirection, FlowPeer, FlowProtocol, NetworkFlowPolicy } from '../../constructs/network-flow-policy';
import { AccessLevel, ScopedRole } from '../../constructs/scoped-role';
import { BindingSubject, ScopedRoleBinding, SubjectKind } from '../../constructs/scoped-role-binding';
import { ControlException } from '../controls';
import { FlowPeerSpec, FlowSpec, RbacBindingSpec, ResolvedNamespace, ResolvedProfile } from '../profile/types';

/** Adds the namespace's ServiceAccounts, flows and RBAC to `scope`. */
export function addNamespaceAccess(
  scope: Construct,
  profile: ResolvedProfile,
  ns: ResolvedNamespace,
  exceptions: readonly ControlException[],
): void {
  for (const sa of ns.serviceAccounts ?? []) {
    new HardenedServiceAccount(scope, `ServiceAccount-${sa.name}`, {
      name: sa.name,
      namespace: ns.name,
      automountToken: sa.automountToken ?? false,
      exceptions,
    });
  }
  addFlows(scope, profile, ns, exceptions);
  addRoles(scope, profile, ns, exceptions);
}

/** Per-profile lookups, built once per profile rather than once per namespace (linear synth). */
interface ProfileIndex {
  /** Tier of every declared namespace. */
  readonly tiers: ReadonlyMap<string, Tier>;
  /** The RBAC bindings that name each namespace, in profile order. */
  readonly bindings: ReadonlyMap<string, readonly RbacBindingSpec[]>;
}

const indexes = new WeakMap<ResolvedProfile, ProfileIndex>();

function indexOf(profile: ResolvedProfile): ProfileIndex {
  let index = indexes.get(profile);
  if (!index) {
    const bindings = new Map<string, RbacBindingSpec[]>();
    for (const b of profile.rbac?.bindings ?? []) {
      for (const name of new Set(b.namespaces)) bindings.set(name, [...(bindings.get(name) ?? []), b]);
    }
    index = { tiers: new Map(profile.namespaces.map((n) => [n.name, n.tier as Tier])), bindings };
    indexes.set(profile, index);
  }
  return index;
}

function addFlows(scope: Construct, profile: ResolvedProfile, ns: ResolvedNamespace, exceptions: readonly ControlException[]): void {
  const { tiers } = indexOf(profile);
  const apiServer = profile.cluster.apiServer;
  const peer = (p: FlowPeerSpec): FlowPeer => ({
    ...p,
    ...(p.namespace !== undefined ? { namespaceTier: tiers.get(p.namespace) } : {}),
  });
  const ports = (f: FlowSpec) => (f.ports ?? []).map((p) => ({ port: p.port, protocol: (p.protocol ?? 'TCP') as FlowProtocol }));
  const common = (f: FlowSpec) => ({ namespace: ns.name, tier: ns.tier as Tier, podSelector: f.podSelector, exceptions });
  for (const f of ns.allow?.ingress ?? []) {
    new NetworkFlowPolicy(scope, `Ingress-${f.name}`, {
      ...common(f),
      name: `allow-ingress-${f.name}`,
      direction: FlowDirection.INGRESS,
      peers: (f.from ?? []).map(peer),
      ports: ports(f),
    });
  }
  for (const f of ns.allow?.egress ?? []) {
    const toApiServer = f.apiServer === true && apiServer !== undefined;
    new NetworkFlowPolicy(scope, `Egress-${f.name}`, {
      ...common(f),
      name: `allow-egress-${f.name}`,
      direction: FlowDirection.EGRESS,
      peers: toApiServer ? apiServer.cidrs.map((cidr) => ({ cidr })) : (f.to ?? []).map(peer),
      ports: toApiServer ? [{ port: apiServer.port, protocol: FlowProtocol.TCP }] : ports(f),
      protectedCidrs: toApiServer ? [] : (apiServer?.cidrs ?? []),
    });
  }
}

function addRoles(scope: Construct, profile: ResolvedProfile, ns: ResolvedNamespace, exceptions: readonly ControlException[]): void {
  // One Role and one RoleBinding per access level (and secrets grant) in this namespace, listing every subject.
  const grants = new Map<string, { level: AccessLevel; secrets: boolean; subjects: BindingSubject[] }>();
  for (const b of indexOf(profile).bindings.get(ns.name) ?? []) {
    const level = b.access as AccessLevel;
    const secrets = b.grantSecretsRead ?? false;
    const name = ScopedRole.accessLevelRoleName(level, secrets);
    const grant = grants.get(name) ?? { level, secrets, subjects: [] };
    grant.subjects.push(...b.subjects.map((s) => ({ kind: s.kind as SubjectKind, name: s.name, namespace: s.namespace })));
    grants.set(name, grant);
  }
  for (const name of [...grants.keys()].sort()) {
    const g = grants.get(name)!;
    const role = ScopedRole.forAccessLevel(scope, `Role-${name}`, { level: g.level, namespace: ns.name, grantSecretsRead: g.secrets, exceptions });
    new ScopedRoleBinding(scope, `RoleBinding-${name}`, { role, subjects: g.subjects, exceptions });
  }
}
