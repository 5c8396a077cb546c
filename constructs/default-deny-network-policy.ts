import { ApiObject, Chart } from 'cdk8s';
import { KubeJson, PlainApiObject, kubeManifest } from './_plain-api-object';
import type { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { NET_DEFAULT_DENY } from '../src/controls';
import { annotateControls } from './_annotate-controls';
import { Cidr, cidrContains, parseCidr } from './_cidr';
import { labelProblem } from './_labels';
import { dns1123LabelProblem } from './_names';

const METADATA = parseCidr('169.254.169.254/32') as Cidr;

/** The peers of the allow-dns policy: the DNS pods and any DNS addresses, validated. */
function dnsPeers(props: DefaultDenyNetworkPolicyProps): KubeJson<k8s.NetworkPolicyPeer>[] {
  const where = 'DefaultDenyNetworkPolicy';
  const peers: KubeJson<k8s.NetworkPolicyPeer>[] = [];
  if (props.dnsPods ?? true) {
    const dnsNamespace = props.dnsNamespace ?? 'kube-system';
    const nsProblem = dns1123LabelProblem(dnsNamespace);
    if (nsProblem) throw new Error(`${where}: dnsNamespace ${nsProblem}`);
    const dnsPodLabels = { ...(props.dnsPodLabels ?? { 'k8s-app': 'kube-dns' }) };
    if (Object.keys(dnsPodLabels).length === 0) {
      throw new Error(`${where}: dnsPodLabels is empty, which would open DNS ports to every pod of "${dnsNamespace}"; name the DNS pods' labels.`);
    }
    for (const [k, v] of Object.entries(dnsPodLabels)) {
      const problem = labelProblem(k, v);
      if (problem) throw new Error(`${where}: dnsPodLabels: ${problem}.`);
    }
    peers.push({
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': dnsNamespace } },
      podSelector: { matchLabels: dnsPodLabels },
    });
  }
  for (const text of [...new Set(props.dnsCidrs ?? [])].sort()) {
    const cidr = parseCidr(text);
    if (typeof cidr === 'string') throw new Error(`${where}: dnsCidrs: ${cidr}`);
    if (cidrContains(cidr, METADATA)) {
      throw new Error(`${where}: dnsCidrs: "${text}" contains the cloud metadata address 169.254.169.254, which hands out node credentials; name the DNS address only.`);
    }
    peers.push({ ipBlock: { cidr: text } });
  }
  if (peers.length === 0) throw new Error(`${where}: DNS names neither pods (dnsPods) nor addresses (dnsCidrs); set allowDns: false to open no DNS at all.`);
  return peers;
}

/** Properties for `DefaultDenyNetworkPolicy`. */
export interface DefaultDenyNetworkPolicyProps {
  /**
   * Namespace the policies live in.
   *
   * @default - the namespace of the enclosing chart
   */
  readonly namespace?: string;
  /**
   * Whether to add a second policy that lets every pod resolve names through cluster DNS
   * (UDP and TCP 53 to the DNS pods only).
   *
   * @default true
   */
  readonly allowDns?: boolean;
  /**
   * Namespace the cluster DNS pods run in.
   *
   * @default 'kube-system'
   */
  readonly dnsNamespace?: string;
  /**
   * Labels that select the cluster DNS pods.
   *
   * @default { 'k8s-app': 'kube-dns' }
   */
  readonly dnsPodLabels?: { readonly [key: string]: string };
  /**
   * Ports the DNS pods (and addresses) answer on; each is opened for UDP and TCP. OpenShift's DNS
   * pods listen on 5353 behind the 53 of their Service, and a NetworkPolicy sees the pod's port.
   *
   * @default [53]
   */
  readonly dnsPorts?: readonly number[];
  /**
   * IP blocks of a DNS cache outside the pod network, such as NodeLocal DNSCache's link-local
   * `169.254.20.10/32`, opened next to the DNS pods. None may contain the cloud metadata address.
   *
   * @default - none
   * @see https://kubernetes.io/docs/tasks/administer-cluster/nodelocaldns/
   */
  readonly dnsCidrs?: readonly string[];
  /**
   * Whether DNS is reached through the pods named by `dnsNamespace` and `dnsPodLabels`; false for a
   * resolver that is only an IP block (`dnsCidrs`).
   *
   * @default true
   */
  readonly dnsPods?: boolean;
}

/**
 * Denies all ingress and egress for every pod of a namespace (`default-deny`), and by default
 * opens DNS egress to the cluster DNS only (`allow-dns`): kube-dns pods by default, or the pods,
 * addresses and ports given (NodeLocal DNSCache, OpenShift DNS, a custom resolver).
 *
 * Emits one or two `networking.k8s.io/v1` NetworkPolicies. Implements HL-NET-001.
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies
 */
export class DefaultDenyNetworkPolicy extends Construct {
  /** The namespace the policies live in. */
  public readonly namespace: string;
  /** Whether DNS egress is allowed. */
  public readonly allowDns: boolean;
  /** The default-deny policy. */
  public readonly denyAll: ApiObject;
  /** The allow-DNS policy, when `allowDns` is true. */
  public readonly dnsEgress?: ApiObject;

  constructor(scope: Construct, id: string, props: DefaultDenyNetworkPolicyProps = {}) {
    super(scope, id);
    const namespace = props.namespace ?? Chart.of(this).namespace;
    if (!namespace) {
      throw new Error('DefaultDenyNetworkPolicy needs a namespace: set props.namespace or the chart namespace.');
    }
    this.namespace = namespace;
    this.allowDns = props.allowDns ?? true;

    this.denyAll = new PlainApiObject(this, 'Resource', kubeManifest<k8s.KubeNetworkPolicyProps>('networking.k8s.io/v1', 'NetworkPolicy', {
      metadata: { name: 'default-deny', namespace },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    }));
    annotateControls(this.denyAll, [NET_DEFAULT_DENY]);

    if (this.allowDns) {
      const to = dnsPeers(props);
      const ports = [...new Set(props.dnsPorts ?? [53])].sort((a, b) => a - b);
      if (ports.length === 0) throw new Error('DefaultDenyNetworkPolicy: dnsPorts is empty; DNS needs at least one port (53).');
      for (const p of ports) {
        if (!Number.isInteger(p) || p < 1 || p > 65535) throw new Error(`DefaultDenyNetworkPolicy: dnsPorts: ${p} is not a port number (1–65535).`);
      }
      this.dnsEgress = new PlainApiObject(this, 'AllowDns', kubeManifest<k8s.KubeNetworkPolicyProps>('networking.k8s.io/v1', 'NetworkPolicy', {
        metadata: { name: 'allow-dns', namespace },
        spec: {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [{ to, ports: ports.flatMap((port) => [{ protocol: 'UDP', port }, { protocol: 'TCP', port }]) }],
        },
      }));
      annotateControls(this.dnsEgress, [NET_DEFAULT_DENY]);
    }
  }
}
