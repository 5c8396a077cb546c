import { ApiObject, Chart } from 'cdk8s';
import { KubeJson, PlainApiObject, kubeManifest } from './_plain-api-object';
import type { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Control, ControlException, NET_DECLARED_FLOWS, NET_TIER_ISOLATION } from '../src/controls';
import { annotateControls, exceptionFor } from './_annotate-controls';
import { Cidr, cidrContains, parseCidr } from './_cidr';
import { labelProblem } from './_labels';
import { dns1123LabelProblem } from './_names';
import { Tier } from './hardened-namespace';

/** Direction of a flow, seen from the pods of the policy's namespace. */
export enum FlowDirection {
  /** Traffic the pods accept. */
  INGRESS = 'Ingress',
  /** Traffic the pods send. */
  EGRESS = 'Egress',
}

/** Transport protocols a NetworkPolicy port can name. */
export enum FlowProtocol {
  /** TCP. */
  TCP = 'TCP',
  /** UDP. */
  UDP = 'UDP',
  /** SCTP. */
  SCTP = 'SCTP',
}

/** A port of a flow. */
export interface FlowPort {
  /** Port number (1–65535) or a named container port. */
  readonly port: number | string;
  /**
   * Protocol.
   *
   * @default FlowProtocol.TCP
   */
  readonly protocol?: FlowProtocol;
}

/**
 * The other end of a flow: pods (by namespace and/or labels) or an IP block. A peer with only
 * `podSelector` selects pods of the policy's own namespace.
 */
export interface FlowPeer {
  /**
   * Namespace of the peer pods, matched by its `kubernetes.io/metadata.name` label: one hardline
   * manages, or a platform namespace it leaves alone (ingress-nginx, monitoring).
   *
   * @default - the policy's namespace when podSelector is set
   */
  readonly namespace?: string;
  /**
   * Tier of `namespace`; a development peer of a production ingress needs an exception to HL-NET-003.
   *
   * @default - unknown (not checked; a namespace hardline does not manage has no tier)
   */
  readonly namespaceTier?: Tier;
  /**
   * Labels of the peer pods.
   *
   * @default - every pod of the namespace
   */
  readonly podSelector?: { readonly [key: string]: string };
  /**
   * An IP block, e.g. `203.0.113.0/24`. Exclusive with namespace and podSelector. A block that
   * contains 169.254.169.254 always gets `169.254.169.254/32` in its `except`.
   *
   * @default - no IP block
   */
  readonly cidr?: string;
  /**
   * Addresses of `cidr` left out.
   *
   * @default - none (plus the metadata address and protected CIDRs the block contains)
   */
  readonly except?: readonly string[];
}

/** Properties for `NetworkFlowPolicy`. */
export interface NetworkFlowPolicyProps {
  /** Name of the NetworkPolicy, e.g. `allow-ingress-from-checkout` (a DNS-1123 label). */
  readonly name: string;
  /**
   * Namespace of the policy.
   *
   * @default - the namespace of the enclosing chart
   */
  readonly namespace?: string;
  /** Whether the flow is ingress to or egress from the selected pods. */
  readonly direction: FlowDirection;
  /**
   * Labels of the pods of this namespace the flow applies to.
   *
   * @default - every pod of the namespace
   */
  readonly podSelector?: { readonly [key: string]: string };
  /** The peers at the other end; at least one. */
  readonly peers: readonly FlowPeer[];
  /** Ports and protocols of the flow; at least one. */
  readonly ports: readonly FlowPort[];
  /**
   * Tier of the policy's namespace; production refuses ingress from development peers (HL-NET-003).
   *
   * @default Tier.PRODUCTION
   */
  readonly tier?: Tier;
  /**
   * CIDRs no IP-block peer may open, such as the API server endpoints: a peer block containing
   * one gets it in `except`, a peer block inside one is an error.
   *
   * @default - none
   */
  readonly protectedCidrs?: readonly string[];
  /**
   * Exceptions that relax HL-NET-003.
   *
   * @default - none
   */
  readonly exceptions?: readonly ControlException[];
}

/** The cloud metadata address, which no flow may open. */
export const METADATA_CIDR = '169.254.169.254/32';
const METADATA = parseCidr(METADATA_CIDR) as Cidr;
const NAMESPACE_LABEL = 'kubernetes.io/metadata.name';

/**
 * One declared flow on top of default-deny: a NetworkPolicy that allows ingress from (or egress to)
 * the given peers on the given ports only. IP blocks never include the cloud metadata address
 * 169.254.169.254, and production namespaces refuse ingress from development namespaces unless
 * excepted.
 *
 * Emits one `networking.k8s.io/v1` NetworkPolicy. Implements HL-NET-002 and, for ingress into
 * production, HL-NET-003.
 */
export class NetworkFlowPolicy extends Construct {
  /** The policy name. */
  public readonly name: string;
  /** The namespace. */
  public readonly namespace: string;
  /** The flow direction. */
  public readonly direction: FlowDirection;
  /** The emitted NetworkPolicy. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: NetworkFlowPolicyProps) {
    super(scope, id);
    const nameProblem = dns1123LabelProblem(props.name);
    if (nameProblem) throw new Error(`network policy name ${nameProblem}`);
    this.name = props.name;
    const namespace = props.namespace ?? Chart.of(this).namespace;
    if (!namespace) throw new Error(`NetworkFlowPolicy "${this.name}" needs a namespace: set props.namespace or the chart namespace.`);
    this.namespace = namespace;
    this.direction = props.direction;
    const tier = props.tier ?? Tier.PRODUCTION;
    const where = `NetworkPolicy "${namespace}/${this.name}"`;
    if (props.peers.length === 0) throw new Error(`${where} has no peers; a flow names who it allows (${NET_DECLARED_FLOWS.id}).`);
    if (props.ports.length === 0) throw new Error(`${where} has no ports; a flow names its ports and protocols (${NET_DECLARED_FLOWS.id}).`);

    checkLabels(`${where}: podSelector`, props.podSelector);
    props.peers.forEach((p, i) => checkLabels(`${where}: peers[${i}].podSelector`, p.podSelector));
    const protectedCidrs = (props.protectedCidrs ?? []).map((c) => {
      const parsed = parseCidr(c);
      if (typeof parsed === 'string') throw new Error(`${where}: protectedCidrs: ${parsed}`);
      return parsed;
    });
    const peers = props.peers.map((p, i) => peerOf(`${where}: peers[${i}]`, p, protectedCidrs));
    const ports = props.ports.map((p, i) => portOf(`${where}: ports[${i}]`, p));

    const controls: Control[] = [NET_DECLARED_FLOWS];
    const applied: ControlException[] = [];
    if (this.direction === FlowDirection.INGRESS && tier === Tier.PRODUCTION) {
      controls.push(NET_TIER_ISOLATION);
      const dev = props.peers.filter((p) => p.namespaceTier === Tier.DEVELOPMENT).map((p) => p.namespace);
      if (dev.length > 0) {
        const ex = exceptionFor(props.exceptions, NET_TIER_ISOLATION, this);
        if (!ex) {
          throw new Error(
            `${where}: production namespace "${namespace}" would accept ingress from development namespace ${dev.map((d) => `"${d}"`).join(', ')}; ` +
              `development runs unreviewed code under weaker Pod Security, so production refuses it (${NET_TIER_ISOLATION.id}). ` +
              `Add an exception for ${NET_TIER_ISOLATION.id} naming "${namespace}" with a reason, owner and expiry.`,
          );
        }
        applied.push(ex);
      }
    }

    const podSelector = props.podSelector && Object.keys(props.podSelector).length > 0 ? { matchLabels: { ...props.podSelector } } : {};
    const rule = this.direction === FlowDirection.INGRESS ? { ingress: [{ from: peers, ports }] } : { egress: [{ to: peers, ports }] };
    this.apiObject = new PlainApiObject(this, 'Resource', kubeManifest<k8s.KubeNetworkPolicyProps>('networking.k8s.io/v1', 'NetworkPolicy', {
      metadata: { name: this.name, namespace },
      spec: { podSelector, policyTypes: [this.direction], ...rule },
    }));
    annotateControls(this.apiObject, controls, applied);
  }
}

function peerOf(where: string, p: FlowPeer, protectedCidrs: readonly Cidr[]): KubeJson<k8s.NetworkPolicyPeer> {
  const hasPods = p.namespace !== undefined || p.podSelector !== undefined;
  if (p.cidr === undefined) {
    if (!hasPods) throw new Error(`${where} names no namespace, podSelector or cidr.`);
    if (p.except) throw new Error(`${where} has except without cidr.`);
    if (p.namespace !== undefined) {
      const problem = dns1123LabelProblem(p.namespace);
      if (problem) throw new Error(`${where}.namespace ${problem}`);
    }
    const podSelector = p.podSelector ? { podSelector: { matchLabels: { ...p.podSelector } } } : {};
    const namespaceSelector = p.namespace !== undefined ? { namespaceSelector: { matchLabels: { [NAMESPACE_LABEL]: p.namespace } } } : {};
    return { ...namespaceSelector, ...podSelector };
  }
  if (hasPods) throw new Error(`${where} mixes cidr with namespace or podSelector; use one peer for each.`);
  const cidr = parseCidr(p.cidr);
  if (typeof cidr === 'string') throw new Error(`${where}.cidr: ${cidr}`);
  if (cidrContains(METADATA, cidr)) {
    throw new Error(
      `${where}.cidr "${p.cidr}" is the cloud metadata address, which hands out node credentials; no flow may open it (${NET_DECLARED_FLOWS.id}).`,
    );
  }
  const inside = protectedCidrs.find((pc) => cidrContains(pc, cidr));
  if (inside) {
    throw new Error(
      `${where}.cidr "${p.cidr}" lies inside the protected range ${inside.text} (the API server); open it with an apiServer flow (${NET_DECLARED_FLOWS.id}).`,
    );
  }
  const except: Cidr[] = (p.except ?? []).map((e, i) => {
    const parsed = parseCidr(e);
    if (typeof parsed === 'string') throw new Error(`${where}.except[${i}]: ${parsed}`);
    if (!cidrContains(cidr, parsed) || parsed.prefix === cidr.prefix) {
      throw new Error(`${where}.except[${i}] "${e}" is not strictly inside ${p.cidr}; Kubernetes rejects it.`);
    }
    return parsed;
  });
  for (const forced of [METADATA, ...protectedCidrs]) {
    if (cidrContains(cidr, forced) && !except.some((e) => cidrContains(e, forced))) except.push(forced);
  }
  const texts = [...new Set(except.map((e) => e.text))];
  return { ipBlock: { cidr: p.cidr, ...(texts.length > 0 ? { except: texts } : {}) } };
}

function checkLabels(where: string, labels: { readonly [key: string]: string } | undefined): void {
  for (const [k, v] of Object.entries(labels ?? {})) {
    const problem = labelProblem(k, v);
    if (problem) throw new Error(`${where}: ${problem}.`);
  }
}

function portOf(where: string, p: FlowPort): KubeJson<k8s.NetworkPolicyPort> {
  const protocol = p.protocol ?? FlowProtocol.TCP;
  if (!Object.values(FlowProtocol).includes(protocol)) throw new Error(`${where}.protocol "${protocol}" is not one of TCP, UDP, SCTP.`);
  if (typeof p.port === 'number') {
    if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535) throw new Error(`${where}.port ${p.port} is not a port number (1–65535).`);
    return { port: p.port, protocol };
  }
  if (!/^[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/.test(p.port) || !/[a-z]/.test(p.port) || p.port.includes('--')) {
    throw new Error(`${where}.port "${p.port}" is not a named port (at most 15 lower-case letters, digits and '-', with a letter).`);
  }
  return { port: p.port, protocol };
}
