import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { Control, ControlException } from '../src/controls';
import { annotateControls } from './_annotate-controls';
import { CelVariable, POD_KINDS, POD_VARIABLES } from './_kyverno-rules';
import { dns1123LabelProblem } from './_names';
import { TIER_LABEL } from './hardened-namespace';

/** What a Kyverno policy does with a violation. */
export enum KyvernoEnforcement {
  /** Reject the request (`validationActions: [Deny]`, `failureAction: Enforce`). */
  ENFORCE = 'Enforce',
  /** Admit it, record it in a policy report and warn the client. */
  AUDIT = 'Audit',
}

/** Properties for `KyvernoValidatingPolicy` (and `KyvernoClusterPolicy`). */
export interface KyvernoValidatingPolicyProps {
  /** Policy name (cluster-scoped, DNS-1123). */
  readonly name: string;
  /** `policies.kyverno.io/title`. */
  readonly title: string;
  /**
   * `policies.kyverno.io/category`, as Kyverno's library writes it.
   *
   * @default 'Other'
   */
  readonly category?: string;
  /**
   * `policies.kyverno.io/severity`, lower-case.
   *
   * @default 'medium'
   */
  readonly severity?: 'low' | 'medium' | 'high';
  /** `policies.kyverno.io/description`. */
  readonly description: string;
  /**
   * The CEL expression every Pod and Pod template must satisfy. It may read `variables.podTemplate`
   * (the Pod or the controller's Pod template), `variables.podSpec` and `variables.allContainers`
   * (containers, initContainers and ephemeralContainers).
   */
  readonly expression: string;
  /** The message returned when the expression is false. */
  readonly message: string;
  /**
   * Values of the `hardline.dev/tier` namespace label the policy applies to.
   *
   * @default - every tier (production, staging, development)
   */
  readonly tiers?: readonly string[];
  /**
   * Whether violations are denied or audited (and warned).
   *
   * @default KyvernoEnforcement.ENFORCE
   */
  readonly enforcement?: KyvernoEnforcement;
  /** The hardline controls this policy implements. */
  readonly controls: readonly Control[];
  /**
   * Exceptions that relaxed one of `controls` for this policy (stamped on the object).
   *
   * @default - none
   */
  readonly exceptions?: readonly ControlException[];
}

/** The annotation, label and matching data shared by both Kyverno policy kinds. @internal */
export function resolvePolicyProps(props: KyvernoValidatingPolicyProps): {
  tiers: string[];
  enforcement: KyvernoEnforcement;
  annotations: Record<string, string>;
  labels: Record<string, string>;
  namespaceSelector: { matchExpressions: { key: string; operator: string; values: string[] }[] };
  variables: CelVariable[];
} {
  const problem = dns1123LabelProblem(props.name);
  if (problem) throw new Error(`policy name ${problem}`);
  const tiers = [...(props.tiers ?? ['production', 'staging', 'development'])].sort();
  if (tiers.length === 0) throw new Error(`policy "${props.name}": tiers is empty, so the policy would match no namespace.`);
  return {
    tiers,
    enforcement: props.enforcement ?? KyvernoEnforcement.ENFORCE,
    annotations: {
      'policies.kyverno.io/title': props.title,
      'policies.kyverno.io/category': props.category ?? 'Other',
      'policies.kyverno.io/severity': props.severity ?? 'medium',
      'policies.kyverno.io/subject': 'Pod',
      'policies.kyverno.io/description': props.description,
    },
    labels: { 'app.kubernetes.io/managed-by': 'hardline' },
    namespaceSelector: { matchExpressions: [{ key: TIER_LABEL, operator: 'In', values: tiers }] },
    variables: POD_VARIABLES.map((v) => ({ ...v })),
  };
}

/** Kubernetes resource rules for Pods (and their ephemeral containers) and Pod controllers. @internal */
export function podResourceRules(): { apiGroups: string[]; apiVersions: string[]; operations: string[]; resources: string[] }[] {
  const groups = [...new Set(POD_KINDS.map((k) => k.group))];
  return groups.map((group) => {
    const kinds = POD_KINDS.filter((k) => k.group === group);
    const resources = kinds.map((k) => k.resource);
    if (group === '') resources.push('pods/ephemeralcontainers');
    return { apiGroups: [group], apiVersions: [kinds[0].version], operations: ['CREATE', 'UPDATE'], resources: resources.sort() };
  });
}

/**
 * A Kyverno `policies.kyverno.io/v1` `ValidatingPolicy` (Kyverno 1.17+) checking one CEL expression on
 * Pods and Pod controllers in the namespaces of the given tiers.
 *
 * Pod controllers are matched explicitly and Kyverno autogen is switched off
 * (`autogen.podControllers.controllers: []`), so the emitted expression is exactly what runs.
 * Enforce becomes `validationActions: [Deny]`, Audit becomes `[Audit, Warn]`. Implements the
 * controls it is given.
 */
export class KyvernoValidatingPolicy extends Construct {
  /** The policy name. */
  public readonly name: string;
  /** Whether violations are denied or audited. */
  public readonly enforcement: KyvernoEnforcement;
  /** The emitted ValidatingPolicy. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: KyvernoValidatingPolicyProps) {
    super(scope, id);
    const r = resolvePolicyProps(props);
    this.name = props.name;
    this.enforcement = r.enforcement;
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'policies.kyverno.io/v1',
      kind: 'ValidatingPolicy',
      metadata: {
        name: props.name,
        labels: r.labels,
        annotations: { ...r.annotations, 'policies.kyverno.io/minversion': '1.17.0' },
      },
      spec: {
        validationActions: r.enforcement === KyvernoEnforcement.ENFORCE ? ['Deny'] : ['Audit', 'Warn'],
        evaluation: { background: { enabled: true } },
        autogen: { podControllers: { controllers: [] } },
        matchConstraints: { namespaceSelector: r.namespaceSelector, resourceRules: podResourceRules() },
        variables: r.variables,
        validations: [{ expression: props.expression, message: props.message }],
      },
    });
    // Cluster-scoped: drop the namespace cdk8s copies from a namespaced chart.
    if (Chart.of(this).namespace) this.apiObject.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    annotateControls(this.apiObject, props.controls, props.exceptions);
  }
}
