import { ApiObject } from 'cdk8s';
import { PlainApiObject } from './_plain-api-object';
import { Construct } from 'constructs';
import { Control, ControlException, describeScope, exceptionId, kyvernoMatchAny, scopeCel, shortReason, shortText, workloadScopeProblem } from '../src/controls';
import { annotateControls } from './_annotate-controls';
import { dns1123LabelProblem } from './_names';

/** Which Kyverno API the exception targets. */
export enum KyvernoPolicyApi {
  /** `policies.kyverno.io/v1` ValidatingPolicy and PolicyException (Kyverno 1.17+). */
  VALIDATING_POLICY = 'ValidatingPolicy',
  /** `kyverno.io/v1` ClusterPolicy with `kyverno.io/v2` PolicyException (Kyverno 1.13–1.16). */
  CLUSTER_POLICY = 'ClusterPolicy',
}

/** A policy (and for ClusterPolicies its rule) an exception lifts. */
export interface KyvernoPolicyRef {
  /** Policy name. */
  readonly name: string;
  /**
   * Rule name inside a ClusterPolicy.
   *
   * @default - the policy name
   */
  readonly rule?: string;
}

/** Properties for `KyvernoPolicyException`. */
export interface KyvernoPolicyExceptionProps {
  /** Name of the PolicyException. */
  readonly name: string;
  /** The namespace it lives in and is scoped to. */
  readonly namespace: string;
  /**
   * The profile exception it implements: its reason, owner, expiry, approval record and scope
   * become annotations, and its workload scope (`workloads`, `selector`) the match conditions.
   */
  readonly exception: ControlException;
  /** The policies (and rules) it lifts in `namespace` (already narrowed to the exception's `rules`). */
  readonly policies: readonly KyvernoPolicyRef[];
  /** The controls the lifted policies implement (stamped as excepted). */
  readonly controls: readonly Control[];
  /**
   * Kyverno API of the lifted policies.
   *
   * @default KyvernoPolicyApi.VALIDATING_POLICY
   */
  readonly api?: KyvernoPolicyApi;
  /**
   * Kind of the lifted `policies.kyverno.io/v1` policies (ignored for ClusterPolicies).
   *
   * @default 'ValidatingPolicy'
   */
  readonly policyKind?: 'ValidatingPolicy' | 'ImageValidatingPolicy';
}

/** Annotation keys that carry the profile exception on a PolicyException. */
export const EXCEPTION_ANNOTATIONS = {
  id: 'compliance.hardline.dev/exception-id',
  reason: 'compliance.hardline.dev/exception-reason',
  owner: 'compliance.hardline.dev/exception-owner',
  expires: 'compliance.hardline.dev/exception-expires',
  approvedBy: 'compliance.hardline.dev/exception-approved-by',
  ticket: 'compliance.hardline.dev/exception-ticket',
  scope: 'compliance.hardline.dev/exception-scope',
} as const;

/**
 * A Kyverno `PolicyException` that lifts hardline admission policies in one namespace, as a profile
 * exception asked: `policies.kyverno.io/v1` (with `expiresAt` at the end of the exception's last day)
 * for ValidatingPolicies, `kyverno.io/v2` for ClusterPolicies (with a `time_before` condition, as
 * that API has no expiry field). A workload-scoped exception matches only its workloads: by kind
 * and exact name for the named ones, by their own labels for the Pods, ReplicaSets and Jobs their
 * controllers create (see `src/controls/exception-scope.ts`). The exception's id, reason, owner, expiry,
 * approval record and scope are annotations (a reason or scope longer than 200 characters is cut and
 * names the exception id under which the report holds it whole); the lifted controls are stamped as excepted.
 */
export class KyvernoPolicyException extends Construct {
  /** The emitted PolicyException. */
  public readonly apiObject: ApiObject;
  /** The profile exception it implements. */
  public readonly exception: ControlException;
  /** The namespace it is scoped to. */
  public readonly namespace: string;
  /** The policies (and rules) it lifts, sorted by name. */
  public readonly policies: readonly KyvernoPolicyRef[];

  constructor(scope: Construct, id: string, props: KyvernoPolicyExceptionProps) {
    super(scope, id);
    for (const [what, value] of [['name', props.name], ['namespace', props.namespace]] as const) {
      const problem = dns1123LabelProblem(value);
      if (problem) throw new Error(`PolicyException ${what} ${problem}`);
    }
    if (props.policies.length === 0) throw new Error(`PolicyException "${props.name}" lifts no policy.`);
    const ex = props.exception;
    const exId = exceptionId(ex);
    const namespaced = !ex.namespaces || ex.namespaces.includes(props.namespace);
    if (!namespaced) throw new Error(`exception for ${ex.control} does not name namespace "${props.namespace}".`);
    const scopeProblem = workloadScopeProblem(ex);
    if (scopeProblem) throw new Error(`exception for ${ex.control}: ${scopeProblem.field}: ${scopeProblem.message}.`);
    const api = props.api ?? KyvernoPolicyApi.VALIDATING_POLICY;
    const policies = [...props.policies].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const ns = props.namespace;
    this.exception = ex;
    this.namespace = ns;
    this.policies = policies;
    const expiresAt = `${ex.expires}T23:59:59Z`;
    const inScope = scopeCel(ex);
    const spec =
      api === KyvernoPolicyApi.VALIDATING_POLICY
        ? {
            policyRefs: policies.map((p) => ({ kind: props.policyKind ?? 'ValidatingPolicy', name: p.name })),
            expiresAt,
            matchConditions: [
              {
                name: 'in-namespace',
                expression: `object.metadata.?namespace.orValue('') == '${ns}' || request.namespace == '${ns}'`,
              },
              ...(inScope ? [{ name: 'in-workload-scope', expression: inScope }] : []),
            ],
          }
        : {
            background: true,
            exceptions: policies.map((p) => ({ policyName: p.name, ruleNames: [p.rule ?? p.name] })),
            match: { any: kyvernoMatchAny(ex, ns) },
            conditions: { all: [{ key: `{{ time_before(time_now_utc(), '${expiresAt}') }}`, operator: 'Equals', value: true }] },
          };
    this.apiObject = new PlainApiObject(this, 'Resource', {
      apiVersion: api === KyvernoPolicyApi.VALIDATING_POLICY ? 'policies.kyverno.io/v1' : 'kyverno.io/v2',
      kind: 'PolicyException',
      metadata: {
        name: props.name,
        namespace: ns,
        labels: { 'app.kubernetes.io/managed-by': 'hardline' },
        annotations: {
          [EXCEPTION_ANNOTATIONS.id]: exId,
          // A long reason is written once, in the report; this object references it by id.
          [EXCEPTION_ANNOTATIONS.reason]: shortReason(ex),
          [EXCEPTION_ANNOTATIONS.owner]: ex.owner,
          [EXCEPTION_ANNOTATIONS.expires]: ex.expires,
          ...(ex.approvedBy !== undefined ? { [EXCEPTION_ANNOTATIONS.approvedBy]: ex.approvedBy } : {}),
          ...(ex.ticket !== undefined ? { [EXCEPTION_ANNOTATIONS.ticket]: ex.ticket } : {}),
          [EXCEPTION_ANNOTATIONS.scope]: shortText(describeScope(ex), 'scope', ex),
        },
      },
      spec,
    });
    // Every lifted control is excepted here, as well as the control the profile named.
    annotateControls(this.apiObject, props.controls, [ex, ...props.controls.map((c) => ({ ...ex, id: exId, control: c.id }))]);
  }
}
