import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { Control, ControlClaim } from '../src/controls';
import { POD_VARIABLES } from '../src/admission/cel';
import { annotateControls } from './_annotate-controls';
import { podResourceRules } from './_kyverno-pod-match';
import { dns1123LabelProblem } from './_names';
import { PlainApiObject } from './_plain-api-object';

/** Properties for `ValidatingAdmissionPolicy`. */
export interface ValidatingAdmissionPolicyProps {
  /** Policy name (cluster-scoped, DNS-1123 label). */
  readonly name: string;
  /** Human title of the rule (`policies.kyverno.io/title`, kept for reviewers). */
  readonly title: string;
  /** What the rule forbids. */
  readonly description: string;
  /**
   * The CEL expression (true admits) every Pod and Pod template must satisfy; it may read
   * `variables.podTemplate`, `variables.podSpec` and `variables.allContainers`.
   */
  readonly expression: string;
  /** The message returned when the expression is false. */
  readonly message: string;
  /** The hardline controls (or the parts of them) this policy implements. */
  readonly controls: readonly (Control | ControlClaim)[];
}

/**
 * A native `admissionregistration.k8s.io/v1` `ValidatingAdmissionPolicy` (Kubernetes 1.30+) checking
 * one CEL expression on Pods, `pods/ephemeralcontainers` and every built-in Pod controller (there is
 * no autogen: each kind is matched explicitly), on CREATE and UPDATE, with `failurePolicy: Fail`. It
 * enforces nothing by itself: `ValidatingAdmissionPolicyBinding`s say where and how (Deny, Audit, Warn).
 * Implements the controls it is given.
 *
 * @see https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/
 */
export class ValidatingAdmissionPolicy extends Construct {
  /** The policy name. */
  public readonly name: string;
  /** The emitted ValidatingAdmissionPolicy. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: ValidatingAdmissionPolicyProps) {
    super(scope, id);
    const problem = dns1123LabelProblem(props.name);
    if (problem) throw new Error(`policy name ${problem}`);
    this.name = props.name;
    this.apiObject = new PlainApiObject(
      this,
      'Resource',
      {
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: 'ValidatingAdmissionPolicy',
        metadata: {
          name: props.name,
          labels: { 'app.kubernetes.io/managed-by': 'hardline' },
          annotations: { 'hardline.dev/title': props.title, 'hardline.dev/description': props.description },
        },
        spec: {
          failurePolicy: 'Fail',
          matchConstraints: { resourceRules: podResourceRules(), matchPolicy: 'Equivalent' },
          variables: POD_VARIABLES.map((v) => ({ ...v })),
          validations: [{ expression: props.expression, message: props.message, reason: 'Forbidden' }],
        },
      },
      { clusterScoped: true },
    );
    annotateControls(this.apiObject, props.controls);
  }
}
