import { ApiObject, Chart } from 'cdk8s';
import { PlainApiObject } from './_plain-api-object';
import { k8s } from './_k8s';
import { Construct } from 'constructs';
import { CONTAINER_DEFAULTS } from '../src/controls';
import { annotateControls } from './_annotate-controls';
import { parseQuantity, QuantityValue, quantityProblem } from './_quantities';

/** Properties for `ContainerLimitRange`. */
export interface ContainerLimitRangeProps {
  /**
   * Namespace the defaults apply to.
   *
   * @default - the namespace of the enclosing chart
   */
  readonly namespace?: string;
  /**
   * CPU request given to containers that set none.
   *
   * @default '100m'
   * @see https://kubernetes.io/docs/concepts/policy/limit-range/
   */
  readonly defaultRequestCpu?: QuantityValue;
  /**
   * Memory request given to containers that set none.
   *
   * @default '128Mi'
   */
  readonly defaultRequestMemory?: QuantityValue;
  /**
   * CPU limit given to containers that set none; not below the default request.
   *
   * @default '500m'
   */
  readonly defaultLimitCpu?: QuantityValue;
  /**
   * Memory limit given to containers that set none; not below the default request.
   *
   * @default '512Mi'
   */
  readonly defaultLimitMemory?: QuantityValue;
}

/**
 * A LimitRange (`v1`, named `container-defaults`) that gives every container a default CPU and
 * memory request and limit, so pods fit the namespace quota and are bounded on their node.
 * Implements HL-QTA-002.
 */
export class ContainerLimitRange extends Construct {
  /** Namespace. */
  public readonly namespace: string;
  /** The emitted LimitRange. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: ContainerLimitRangeProps = {}) {
    super(scope, id);
    const namespace = props.namespace ?? Chart.of(this).namespace;
    if (!namespace) throw new Error('ContainerLimitRange needs a namespace: set props.namespace or the chart namespace.');
    this.namespace = namespace;
    const request = { cpu: props.defaultRequestCpu ?? '100m', memory: props.defaultRequestMemory ?? '128Mi' };
    const limit = { cpu: props.defaultLimitCpu ?? '500m', memory: props.defaultLimitMemory ?? '512Mi' };
    const problems: string[] = [];
    for (const r of ['cpu', 'memory'] as const) {
      const p = quantityProblem(`default request ${r}`, request[r]) ?? quantityProblem(`default limit ${r}`, limit[r]);
      if (p) problems.push(p);
      else if (parseQuantity(limit[r])! < parseQuantity(request[r])!) {
        problems.push(`default limit ${r} ${limit[r]} is below the default request ${request[r]}`);
      }
    }
    if (problems.length > 0) throw new Error(`LimitRange in "${namespace}": ${problems.join('; ')}.`);
    const q = (v: QuantityValue) => k8s.Quantity.fromString(String(v));
    this.apiObject = new PlainApiObject(this, 'Resource', k8s.KubeLimitRange.manifest({
      metadata: { name: 'container-defaults', namespace },
      spec: {
        limits: [
          {
            type: 'Container',
            defaultRequest: { cpu: q(request.cpu), memory: q(request.memory) },
            default: { cpu: q(limit.cpu), memory: q(limit.memory) },
          },
        ],
      },
    }));
    annotateControls(this.apiObject, [CONTAINER_DEFAULTS]);
  }
}
