/**
 * Composes one namespace of a profile into a chart: the Namespace, its default-deny network
 * policies, its default ServiceAccount, and (see namespace-access.ts) its workload ServiceAccounts,
 * declared flows and RBAC.
 */
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { DefaultDenyNetworkPolicy } from '../../constructs/default-deny-network-policy';
import { HardenedNamespace, HardenedNamespaceProps, PodSecurityLevel, Tier } from '../../constructs/hardened-namespace';
import { HardenedServiceAccount } from '../../constructs/hardened-service-account';
import { SCOPED_ENFORCE_LABEL } from '../controls';
import { exceptionsForNamespace } from '../profile/load-profile';
import { scopedEnforceLevel } from '../profile/pod-security-levels';
import { ResolvedNamespace, ResolvedProfile } from '../profile/types';
import { addNamespaceAccess } from './namespace-access';
import { addNamespaceOperations } from './operations';

/** A chart holding one namespace's baseline. */
export class NamespaceChart extends Chart {
  /** The namespace this chart builds. */
  public readonly namespaceName: string;

  constructor(scope: Construct, profile: ResolvedProfile, ns: ResolvedNamespace) {
    // No chart namespace: cdk8s would stamp it on the cluster-scoped Namespace too.
    super(scope, `ns-${ns.name}`, { disableResourceNameHashes: true });
    this.namespaceName = ns.name;
    const exceptions = exceptionsForNamespace(profile, ns.name);
    // A workload-scoped Pod Security exception: PSA enforces the lowered level, the admission policies this one.
    const scoped = scopedEnforceLevel(profile, ns);
    new HardenedNamespace(this, 'Namespace', {
      name: ns.name,
      tier: ns.tier as Tier,
      podSecurity: ns.podSecurity as PodSecurityLevel | undefined,
      tierPodSecurity: profile.tiers as HardenedNamespaceProps['tierPodSecurity'],
      labels: scoped ? { ...ns.labels, [SCOPED_ENFORCE_LABEL]: scoped } : ns.labels,
      exceptions,
    });
    const dns = profile.cluster.dns;
    new DefaultDenyNetworkPolicy(this, 'DefaultDeny', {
      namespace: ns.name,
      dnsPods: dns.pods !== undefined,
      ...(dns.pods ? { dnsNamespace: dns.pods.namespace, dnsPodLabels: dns.pods.podSelector } : {}),
      dnsCidrs: dns.cidrs,
      dnsPorts: dns.ports,
    });
    new HardenedServiceAccount(this, 'DefaultServiceAccount', { name: 'default', namespace: ns.name, exceptions });
    addNamespaceAccess(this, profile, ns, exceptions);
    addNamespaceOperations(this, profile, ns);
  }
}
