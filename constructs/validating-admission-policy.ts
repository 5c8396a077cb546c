import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { Control, ControlClaim, ControlException } from '../src/controls';
import { POD_VARIABLES } from '../src/admission/cel';
import { annotateControls } from './_annotate-controls';
import { stampExceptions } from './_native-exceptions';
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
  /** The message returned when the expression is false (and when `messageExpression` fails to evaluate). */
  readonly message: string;
  /**
   * A CEL expression returning the message, naming the offending containers and field; Kubernetes
   * falls back to `message` when it fails.
   *
   * @default - the static message only
   */
  readonly messageExpression?: string;
  /**
   * Conditions (CEL over `object` and `request`) a request must meet for the policy to check it:
   * how workload-scoped profile exceptions skip exactly the excepted workloads in their namespaces.
   *
   * @default - none: every matched request is checked
   * @see https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/#matching-requests-matchconditions
   */
  readonly matchConditions?: readonly { readonly name: string; readonly expression: string }[];
  /**
   * Exceptions realised by the match conditions, stamped on the object with reason, owner and expiry.
   *
   * @default - none
   */
  readonly exceptions?: readonly ControlException[];
  /** The hardline controls (or the parts of them) this policy implements. */
  readonly controls: readonly (Control | ControlClaim)[];
}

/**
 * A native `admissionregistration.k8s.io/v1` `ValidatingAdmissionPolicy` (Kubernetes 1.30+) checking
 * one CEL expression on Pods, `pods/ephemeralcontainers` and every built-in Pod controller (there is
 * no autogen: each kind is matched explicitly), on CREATE and UPDATE, with `failurePolicy: Fail`. It
 * enforces nothing by itself: `ValidatingAdmissionPolicyBinding`s say where and how (Deny, Audit, Warn).
 * Workload-scoped exceptions are `matchConditions` (in `admissionregistration.k8s.io/v1` they belong to
 * the policy, not the binding) that name the exception's namespaces, so the excepted workload is skipped
 * there and still checked everywhere else. CEL has no clock: an exception's condition stays until the
 * next synth, and the synth fails once the exception has expired; its expiry, reason and owner are
 * annotations on the object.
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
          ...(props.matchConditions?.length ? { matchConditions: props.matchConditions.map((c) => ({ ...c })) } : {}),
          variables: POD_VARIABLES.map((v) => ({ ...v })),
          validations: [
            {
              expression: props.expression,
              message: props.message,
              ...(props.messageExpression ? { messageExpression: props.messageExpression } : {}),
              reason: 'Forbidden',
            },
          ],
        },
      },
      { clusterScoped: true },
    );
    annotateControls(this.apiObject, props.controls, props.exceptions);
    stampExceptions(this.apiObject, props.exceptions ?? []);
  }
}
