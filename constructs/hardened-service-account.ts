import { ApiObject, Chart } from 'cdk8s';
import { PlainApiObject, kubeManifest } from './_plain-api-object';
import type { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Control, ControlException, SA_DEFAULT_NO_TOKEN, SA_NO_AUTOMOUNT } from '../src/controls';
import { annotateControls, exceptionFor } from './_annotate-controls';
import { dns1123LabelProblem } from './_names';

/** Properties for `HardenedServiceAccount`. */
export interface HardenedServiceAccountProps {
  /**
   * Name of the service account. `default` manages the namespace's default service account.
   *
   * @default 'default'
   */
  readonly name?: string;
  /**
   * Namespace the service account lives in.
   *
   * @default - the namespace of the enclosing chart
   */
  readonly namespace?: string;
  /**
   * Whether pods using this service account get an API token mounted automatically.
   * `true` needs an exception to HL-SA-002 (HL-SA-001 for `default`).
   *
   * @default false
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/
   * @see CIS 5.1.6
   */
  readonly automountToken?: boolean;
  /**
   * Exceptions that relax this service account's control.
   *
   * @default - none
   */
  readonly exceptions?: readonly ControlException[];
}

/**
 * A ServiceAccount that does not automount an API token.
 *
 * Emits one `v1` ServiceAccount. Implements HL-SA-002, or HL-SA-001 for the namespace's
 * `default` service account.
 */
export class HardenedServiceAccount extends Construct {
  /** The service account name. */
  public readonly name: string;
  /** The namespace. */
  public readonly namespace: string;
  /** Whether tokens are automounted. */
  public readonly automountToken: boolean;
  /** The emitted ServiceAccount. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: HardenedServiceAccountProps = {}) {
    super(scope, id);
    this.name = props.name ?? 'default';
    const problem = dns1123LabelProblem(this.name);
    if (problem) throw new Error(`service account name ${problem}`);
    const namespace = props.namespace ?? Chart.of(this).namespace;
    if (!namespace) {
      throw new Error('HardenedServiceAccount needs a namespace: set props.namespace or the chart namespace.');
    }
    this.namespace = namespace;
    this.automountToken = props.automountToken ?? false;
    const control: Control = this.name === 'default' ? SA_DEFAULT_NO_TOKEN : SA_NO_AUTOMOUNT;

    const applied: ControlException[] = [];
    if (this.automountToken) {
      const ex = exceptionFor(props.exceptions, control, this);
      if (!ex) {
        throw new Error(
          `service account "${namespace}/${this.name}": automountToken: true needs an exception for ${control.id} ` +
            'with a reason, owner and expiry.',
        );
      }
      applied.push(ex);
    }

    this.apiObject = new PlainApiObject(this, 'Resource', kubeManifest<k8s.KubeServiceAccountProps>('v1', 'ServiceAccount', {
      metadata: { name: this.name, namespace },
      automountServiceAccountToken: this.automountToken,
    }));
    annotateControls(this.apiObject, [control], applied);
  }
}
