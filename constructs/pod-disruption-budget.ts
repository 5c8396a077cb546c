import { ApiObject, Chart } from 'cdk8s';
import { PlainApiObject } from './_plain-api-object';
import { k8s } from './_k8s';
import { Construct } from 'constructs';
import { DISRUPTION_BUDGET } from '../src/controls';
import { annotateControls } from './_annotate-controls';
import { disruptionBudgetProblems, IntOrPercent } from './_disruption-rules';
import { dns1123LabelProblem } from './_names';

/** Properties for `HardenedPodDisruptionBudget`. */
export interface HardenedPodDisruptionBudgetProps {
  /**
   * Name of the budget, usually the workload's name.
   */
  readonly name: string;
  /**
   * Namespace of the workload.
   *
   * @default - the namespace of the enclosing chart
   */
  readonly namespace?: string;
  /**
   * Labels selecting the workload's pods.
   */
  readonly matchLabels: { readonly [key: string]: string };
  /**
   * Replicas the workload runs; at least 2 (with one replica no budget is useful).
   */
  readonly replicas: number;
  /**
   * Pods that must stay available during voluntary disruptions: a count below `replicas` or a
   * percentage below 100%. Exactly one of `minAvailable` and `maxUnavailable` is set.
   *
   * @default - not set; use maxUnavailable
   * @see https://kubernetes.io/docs/tasks/run-application/configure-pdb/
   */
  readonly minAvailable?: IntOrPercent;
  /**
   * Pods that may be unavailable during voluntary disruptions: at least 1 (or a percentage that
   * resolves to at least one pod). Exactly one of `minAvailable` and `maxUnavailable` is set.
   *
   * @default - not set; use minAvailable
   */
  readonly maxUnavailable?: IntOrPercent;
}

/**
 * A PodDisruptionBudget (`policy/v1`) that keeps a critical workload serving through node drains
 * without blocking them: it refuses budgets that allow no eviction and sets
 * `unhealthyPodEvictionPolicy: AlwaysAllow`, so crash-looping pods never hold a drain up.
 * Implements HL-AVL-001.
 */
export class HardenedPodDisruptionBudget extends Construct {
  /** Budget name. */
  public readonly name: string;
  /** Namespace. */
  public readonly namespace: string;
  /** The emitted PodDisruptionBudget. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: HardenedPodDisruptionBudgetProps) {
    super(scope, id);
    this.name = props.name;
    const nameProblem = dns1123LabelProblem(this.name);
    if (nameProblem) throw new Error(`PodDisruptionBudget name ${nameProblem}`);
    const namespace = props.namespace ?? Chart.of(this).namespace;
    if (!namespace) throw new Error('HardenedPodDisruptionBudget needs a namespace: set props.namespace or the chart namespace.');
    this.namespace = namespace;
    if (Object.keys(props.matchLabels).length === 0) {
      throw new Error(`PodDisruptionBudget "${namespace}/${this.name}": matchLabels is empty; it would select every pod in the namespace.`);
    }
    const problems = disruptionBudgetProblems(props);
    if (problems.length > 0) {
      throw new Error(`PodDisruptionBudget "${namespace}/${this.name}": ${problems.map((p) => p.message).join('; ')}.`);
    }
    const intOrString = (v: IntOrPercent) => (typeof v === 'number' ? k8s.IntOrString.fromNumber(v) : k8s.IntOrString.fromString(v));
    this.apiObject = new PlainApiObject(this, 'Resource', k8s.KubePodDisruptionBudget.manifest({
      metadata: { name: this.name, namespace },
      spec: {
        selector: { matchLabels: { ...props.matchLabels } },
        ...(props.minAvailable !== undefined ? { minAvailable: intOrString(props.minAvailable) } : {}),
        ...(props.maxUnavailable !== undefined ? { maxUnavailable: intOrString(props.maxUnavailable) } : {}),
        unhealthyPodEvictionPolicy: 'AlwaysAllow',
      },
    }));
    annotateControls(this.apiObject, [DISRUPTION_BUDGET]);
  }
}
