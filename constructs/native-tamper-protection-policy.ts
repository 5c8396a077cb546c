import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ADM_TAMPER_PROTECTION } from '../src/controls';
import { ANNOTATIONS, annotateControls } from './_annotate-controls';
import { MANAGED_BY, MANAGED_BY_LABEL, PlainApiObject } from './_plain-api-object';
import { dns1123LabelProblem } from './_names';
import { HARDLINE_KINDS, managerProblem, NAMESPACE_CLEANUP_IDENTITIES, ProtectedKind, tamperResourceRules } from './kyverno-tamper-protection-policy';

/** Properties for `NativeTamperProtectionPolicy`. */
export interface NativeTamperProtectionPolicyProps {
  /**
   * Name of the ValidatingAdmissionPolicy and of its binding (cluster-scoped, DNS-1123 label).
   *
   * @default 'hl-tamper-protection'
   */
  readonly name?: string;
  /**
   * User names (as the API server sees them, `request.userInfo.username`) that may update and
   * delete hardline's objects: the GitOps identities, e.g.
   * `system:serviceaccount:argocd:argocd-application-controller`. Without any, the binding audits
   * and warns instead of denying, so nothing is locked out before the pipeline is named.
   *
   * @default - none: audit
   * @see HL-ADM-010
   */
  readonly managers?: readonly string[];
  /**
   * The kinds guarded; only objects labelled `app.kubernetes.io/managed-by: hardline` and carrying
   * `compliance.hardline.dev/controls` are.
   *
   * @default HARDLINE_KINDS
   */
  readonly kinds?: readonly ProtectedKind[];
}

/**
 * Native form (Kubernetes 1.30+, no Kyverno) of `KyvernoTamperProtectionPolicy`, with the same
 * semantics: UPDATE and DELETE of the objects hardline manages are denied to everyone but the named
 * GitOps identities and Kubernetes' namespace cleanup controllers; without a named identity they are
 * audited and warned about.
 *
 * Emits one `admissionregistration.k8s.io/v1` `ValidatingAdmissionPolicy` (`failurePolicy: Fail`,
 * UPDATE and DELETE of the guarded kinds, `objectSelector` on `app.kubernetes.io/managed-by:
 * hardline` — which the API server evaluates against the old and the new object, so a DELETE, whose
 * `object` is null, and an UPDATE removing the label are both caught — and the Kyverno policy's
 * match condition on `oldObject`) and its `ValidatingAdmissionPolicyBinding` (`[Deny]`, or
 * `[Audit, Warn]` without managers). Kubernetes never runs admission policies on
 * ValidatingAdmissionPolicy and binding objects themselves, so those are not guarded (nor are they
 * by a webhook). Implements HL-ADM-010.
 *
 * @see https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/
 */
export class NativeTamperProtectionPolicy extends Construct {
  /** The policy (and binding) name. */
  public readonly name: string;
  /** What a change by anyone else does: `['Deny']` with managers named, otherwise `['Audit', 'Warn']`. */
  public readonly validationActions: readonly ('Deny' | 'Audit' | 'Warn')[];
  /** The identities allowed to change hardline's objects, sorted (cleanup controllers included). */
  public readonly allowed: readonly string[];
  /** The CEL expression that admits a change: the request's user is allowed. */
  public readonly expression: string;
  /** The CEL match condition that selects hardline's objects (the Kyverno policy's own). */
  public readonly condition: string;
  /** The label the policy's `objectSelector` requires on the old or the new object. */
  public readonly objectSelector: { readonly [key: string]: string };
  /** The guarded kinds. */
  public readonly kinds: readonly ProtectedKind[];
  /** The emitted ValidatingAdmissionPolicy. */
  public readonly apiObject: ApiObject;
  /** The emitted ValidatingAdmissionPolicyBinding. */
  public readonly binding: ApiObject;

  constructor(scope: Construct, id: string, props: NativeTamperProtectionPolicyProps = {}) {
    super(scope, id);
    this.name = props.name ?? 'hl-tamper-protection';
    const problem = dns1123LabelProblem(this.name);
    if (problem) throw new Error(`policy name ${problem}`);
    const managers = props.managers ?? [];
    for (const m of managers) {
      const why = managerProblem(m);
      if (why) throw new Error(why);
    }
    this.kinds = props.kinds ?? HARDLINE_KINDS;
    if (this.kinds.length === 0) throw new Error('NativeTamperProtectionPolicy guards no kind; leave kinds unset for every kind hardline emits.');
    this.validationActions = managers.length > 0 ? ['Deny'] : ['Audit', 'Warn'];
    this.allowed = [...new Set([...managers, ...NAMESPACE_CLEANUP_IDENTITIES])].sort();
    this.condition = `oldObject != null && has(oldObject.metadata.annotations) && '${ANNOTATIONS.controls}' in oldObject.metadata.annotations`;
    this.expression = `request.userInfo.username in [${this.allowed.map((u) => `'${u}'`).join(', ')}]`;
    this.objectSelector = { [MANAGED_BY_LABEL]: MANAGED_BY };
    const message =
      managers.length > 0
        ? `objects managed by hardline change only through GitOps (${managers.join(', ')}); change the profile instead (HL-ADM-010)`
        : 'objects managed by hardline should change only through GitOps; name the GitOps identity in the profile (spec.admission.managers) to deny this (HL-ADM-010)';
    this.apiObject = new PlainApiObject(
      this,
      'Resource',
      {
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: 'ValidatingAdmissionPolicy',
        metadata: {
          name: this.name,
          annotations: {
            'hardline.dev/title': 'Protect the hardline baseline from tampering',
            'hardline.dev/description':
              'Denies UPDATE and DELETE of objects hardline manages to everyone but the GitOps identities the profile names.',
          },
        },
        spec: {
          failurePolicy: 'Fail',
          matchConstraints: {
            resourceRules: tamperResourceRules(this.kinds),
            objectSelector: { matchLabels: { ...this.objectSelector } },
            matchPolicy: 'Equivalent',
          },
          matchConditions: [{ name: 'managed-by-hardline', expression: this.condition }],
          validations: [{ expression: this.expression, message, reason: 'Forbidden' }],
        },
      },
      { clusterScoped: true },
    );
    annotateControls(this.apiObject, [ADM_TAMPER_PROTECTION]);
    this.binding = new PlainApiObject(
      this,
      'Binding',
      {
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: 'ValidatingAdmissionPolicyBinding',
        metadata: { name: this.name },
        // No matchResources: every object the policy matches, cluster-scoped or namespaced.
        spec: { policyName: this.name, validationActions: [...this.validationActions] },
      },
      { clusterScoped: true },
    );
    annotateControls(this.binding, [ADM_TAMPER_PROTECTION]);
  }
}
