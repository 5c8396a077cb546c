import { ApiObject, Chart } from 'cdk8s';
import { PlainApiObject } from './_plain-api-object';
import { k8s } from './_k8s';
import { Construct } from 'constructs';
import { NET_DEFAULT_DENY } from '../src/controls';
import { annotateControls } from './_annotate-controls';

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
}

/**
 * Denies all ingress and egress for every pod of a namespace (`default-deny`), and by default
 * opens DNS egress to the cluster DNS pods only (`allow-dns`).
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

    this.denyAll = new PlainApiObject(this, 'Resource', k8s.KubeNetworkPolicy.manifest({
      metadata: { name: 'default-deny', namespace },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    }));
    annotateControls(this.denyAll, [NET_DEFAULT_DENY]);

    if (this.allowDns) {
      const dnsNamespace = props.dnsNamespace ?? 'kube-system';
      const dnsPodLabels = { ...(props.dnsPodLabels ?? { 'k8s-app': 'kube-dns' }) };
      this.dnsEgress = new PlainApiObject(this, 'AllowDns', k8s.KubeNetworkPolicy.manifest({
        metadata: { name: 'allow-dns', namespace },
        spec: {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [
            {
              to: [
                {
                  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': dnsNamespace } },
                  podSelector: { matchLabels: dnsPodLabels },
                },
              ],
              ports: [
                { protocol: 'UDP', port: k8s.IntOrString.fromNumber(53) },
                { protocol: 'TCP', port: k8s.IntOrString.fromNumber(53) },
              ],
            },
          ],
        },
      }));
      annotateControls(this.dnsEgress, [NET_DEFAULT_DENY]);
    }
  }
}
