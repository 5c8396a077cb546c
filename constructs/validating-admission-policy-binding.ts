import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { Control, ControlClaim, ControlException } from '../src/controls';
import { annotateControls } from './_annotate-controls';
import { stampExceptions } from './_native-exceptions';
import { dns1123LabelProblem } from './_names';
import { PlainApiObject } from './_plain-api-object';

/** The namespace label Kubernetes sets to the namespace's own name. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** A label selector requirement on namespaces. */
export interface NamespaceRequirement {
  /** Label key. */
  readonly key: string;
  /** `In` or `NotIn`. */
  readonly operator: 'In' | 'NotIn';
  /** Values. */
  readonly values: readonly string[];
}

/** Properties for `ValidatingAdmissionPolicyBinding`. */
export interface ValidatingAdmissionPolicyBindingProps {
  /** Binding name (cluster-scoped, DNS-1123 label). */
  readonly name: string;
  /** The bound `ValidatingAdmissionPolicy`. */
  readonly policyName: string;
  /**
   * What a failed validation does: `['Deny']`, `['Audit']`, `['Warn']` or `['Audit', 'Warn']`.
   *
   * @see https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/#validation-actions
   */
  readonly validationActions: readonly ('Deny' | 'Audit' | 'Warn')[];
  /** Namespaces the binding applies to (all requirements hold). */
  readonly namespaceSelector: readonly NamespaceRequirement[];
  /**
   * Namespaces a profile exception lifts the rule in: excluded by their `kubernetes.io/metadata.name`.
   *
   * @default - none
   */
  readonly exceptedNamespaces?: readonly string[];
  /** The hardline controls (or the parts of them) this binding implements. */
  readonly controls: readonly (Control | ControlClaim)[];
  /**
   * Exceptions realised by (or relaxing) this binding, stamped on the object with reason, owner and expiry.
   *
   * @default - none
   */
  readonly exceptions?: readonly ControlException[];
}

/**
 * A native `admissionregistration.k8s.io/v1` `ValidatingAdmissionPolicyBinding`: applies one
 * `ValidatingAdmissionPolicy` with the given validation actions to the namespaces its selector picks,
 * minus the namespaces a profile exception names (a `NotIn` on `kubernetes.io/metadata.name`). The
 * exceptions it realises are annotations with their reason, owner, expiry and scope; the binding has
 * no clock, so an exclusion lasts until the next synth, which fails once the exception has expired.
 * Implements the controls it is given.
 *
 * @see https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/
 */
export class ValidatingAdmissionPolicyBinding extends Construct {
  /** The binding name. */
  public readonly name: string;
  /** The emitted binding. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: ValidatingAdmissionPolicyBindingProps) {
    super(scope, id);
    const problem = dns1123LabelProblem(props.name);
    if (problem) throw new Error(`binding name ${problem}`);
    if (props.validationActions.length === 0) throw new Error(`binding "${props.name}": validationActions is empty.`);
    if (props.validationActions.includes('Deny') && props.validationActions.includes('Warn')) {
      throw new Error(`binding "${props.name}": Deny and Warn together are not allowed by Kubernetes.`);
    }
    if (props.namespaceSelector.some((r) => r.values.length === 0)) throw new Error(`binding "${props.name}": a namespace requirement has no values.`);
    this.name = props.name;
    const excepted = [...new Set(props.exceptedNamespaces ?? [])].sort();
    const matchExpressions = [
      ...props.namespaceSelector.map((r) => ({ key: r.key, operator: r.operator, values: [...r.values].sort() })),
      ...(excepted.length ? [{ key: NAMESPACE_NAME_LABEL, operator: 'NotIn', values: excepted }] : []),
    ];
    this.apiObject = new PlainApiObject(
      this,
      'Resource',
      {
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: 'ValidatingAdmissionPolicyBinding',
        metadata: { name: props.name, labels: { 'app.kubernetes.io/managed-by': 'hardline' } },
        spec: {
          policyName: props.policyName,
          validationActions: [...props.validationActions],
          matchResources: { namespaceSelector: { matchExpressions }, matchPolicy: 'Equivalent' },
        },
      },
      { clusterScoped: true },
    );
    annotateControls(this.apiObject, props.controls, props.exceptions);
    stampExceptions(this.apiObject, props.exceptions ?? []);
  }
}
