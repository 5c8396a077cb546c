import { ApiObject, Chart } from 'cdk8s';
import { PlainApiObject, kubeManifest } from './_plain-api-object';
import type { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ControlException, NAMESPACE_QUOTA, NO_EXTERNAL_SERVICES } from '../src/controls';
import { annotateControls, exceptionFor } from './_annotate-controls';
import { QuantityValue, quantityProblem } from './_quantities';

/** Properties for `NamespaceResourceQuota`. */
export interface NamespaceResourceQuotaProps {
  /**
   * Namespace the quota applies to.
   *
   * @default - the namespace of the enclosing chart
   */
  readonly namespace?: string;
  /**
   * Total CPU requests of the namespace's pods (`requests.cpu`).
   *
   * @default '4'
   * @see https://kubernetes.io/docs/concepts/policy/resource-quotas/
   */
  readonly requestsCpu?: QuantityValue;
  /**
   * Total memory requests (`requests.memory`).
   *
   * @default '8Gi'
   */
  readonly requestsMemory?: QuantityValue;
  /**
   * Total CPU limits (`limits.cpu`).
   *
   * @default '8'
   */
  readonly limitsCpu?: QuantityValue;
  /**
   * Total memory limits (`limits.memory`).
   *
   * @default '16Gi'
   */
  readonly limitsMemory?: QuantityValue;
  /**
   * Pods the namespace may hold (`pods`).
   *
   * @default 50
   */
  readonly pods?: number;
  /**
   * LoadBalancer Services allowed (`services.loadbalancers`). Above 0 needs an exception for HL-QTA-003.
   *
   * @default 0
   */
  readonly loadBalancers?: number;
  /**
   * NodePort Services allowed (`services.nodeports`). Above 0 needs an exception for HL-QTA-003.
   *
   * @default 0
   */
  readonly nodePorts?: number;
  /**
   * Exceptions that relax HL-QTA-003 (external Services).
   *
   * @default - none
   */
  readonly exceptions?: readonly ControlException[];
}

/**
 * A ResourceQuota (`v1`, named `compute`) capping a namespace's CPU, memory and pods and allowing no
 * LoadBalancer or NodePort Services unless excepted. Implements HL-QTA-001 and HL-QTA-003.
 */
export class NamespaceResourceQuota extends Construct {
  /** Namespace. */
  public readonly namespace: string;
  /** The `spec.hard` values, by Kubernetes resource name. */
  public readonly hard: Readonly<Record<string, string>>;
  /** The emitted ResourceQuota. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: NamespaceResourceQuotaProps = {}) {
    super(scope, id);
    const namespace = props.namespace ?? Chart.of(this).namespace;
    if (!namespace) throw new Error('NamespaceResourceQuota needs a namespace: set props.namespace or the chart namespace.');
    this.namespace = namespace;
    const quantities: [string, QuantityValue][] = [
      ['requests.cpu', props.requestsCpu ?? '4'],
      ['requests.memory', props.requestsMemory ?? '8Gi'],
      ['limits.cpu', props.limitsCpu ?? '8'],
      ['limits.memory', props.limitsMemory ?? '16Gi'],
    ];
    const counts: [string, number][] = [
      ['pods', props.pods ?? 50],
      ['services.loadbalancers', props.loadBalancers ?? 0],
      ['services.nodeports', props.nodePorts ?? 0],
    ];
    const problems = [
      ...quantities.map(([k, v]) => quantityProblem(k, v)),
      ...counts.map(([k, v]) => (Number.isInteger(v) && v >= 0 ? undefined : `${k} ${v} must be a whole number, 0 or more`)),
    ].filter((p): p is string => p !== undefined);
    if (problems.length > 0) throw new Error(`ResourceQuota in "${namespace}": ${problems.join('; ')}.`);

    const applied: ControlException[] = [];
    const external = counts.filter(([k, v]) => k.startsWith('services.') && v > 0);
    if (external.length > 0) {
      const ex = exceptionFor(props.exceptions, NO_EXTERNAL_SERVICES, this);
      if (!ex) {
        throw new Error(
          `ResourceQuota in "${namespace}": ${external.map(([k, v]) => `${k} ${v}`).join(' and ')} would expose workloads outside ` +
            'the cluster; it needs an exception for HL-QTA-003 with a reason, owner and expiry.',
        );
      }
      applied.push(ex);
    }
    this.hard = Object.fromEntries([...quantities, ...counts].map(([k, v]) => [k, String(v)]));
    this.apiObject = new PlainApiObject(this, 'Resource', kubeManifest<k8s.KubeResourceQuotaProps>('v1', 'ResourceQuota', {
      metadata: { name: 'compute', namespace },
      spec: { hard: Object.fromEntries(Object.entries(this.hard).map(([k, v]) => [k, v])) },
    }));
    annotateControls(this.apiObject, [NAMESPACE_QUOTA, NO_EXTERNAL_SERVICES], applied);
  }
}
