import { ApiObject } from 'cdk8s';
import { PlainApiObject } from './_plain-api-object';
import { Construct } from 'constructs';
import { Control, ControlClaim, ControlException } from '../src/controls';
import { annotateControls } from './_annotate-controls';
import { KyvernoEnforcement } from './_kyverno-enforcement';
import { NamespaceNameMatch, PodSecurityMatch, podResourceRules, resolvePolicyBasics } from './_kyverno-pod-match';

export { KyvernoEnforcement } from './_kyverno-enforcement';
export type { NamespaceNameMatch, PodSecurityMatch } from './_kyverno-pod-match';

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
  /**
   * Mirror one Pod Security Admission mode: match namespaces by their own
   * `pod-security.kubernetes.io/<mode>` label (and, for audit and warn, not where the namespace
   * already enforces the level), with `validationActions` Deny, Audit or Warn. Sets the enforcement.
   *
   * @default - match by tier only, actions from `enforcement`
   * @see https://kubernetes.io/docs/concepts/security/pod-security-admission/
   */
  readonly podSecurity?: PodSecurityMatch;
  /**
   * Select only the named namespaces of its tiers (`In`), or leave them out (`NotIn`), by their
   * `kubernetes.io/metadata.name` label: a namespace-scoped HL-ADM-009 exception audits exactly
   * the namespaces it names, and the denying policy leaves them out.
   *
   * @default - every namespace of its tiers
   */
  readonly namespaces?: NamespaceNameMatch;
  /** The hardline controls (or the parts of them) this policy implements. */
  readonly controls: readonly (Control | ControlClaim)[];
  /**
   * Exceptions that relaxed one of `controls` for this policy (stamped on the object).
   *
   * @default - none
   */
  readonly exceptions?: readonly ControlException[];
}

/**
 * A Kyverno `policies.kyverno.io/v1` `ValidatingPolicy` (Kyverno 1.17+) checking one CEL expression on
 * Pods and Pod controllers in the namespaces of the given tiers.
 *
 * Pod controllers are matched explicitly and Kyverno autogen is switched off
 * (`autogen.podControllers.controllers: []`), so the emitted expression is exactly what runs.
 * Enforce becomes `validationActions: [Deny]`, Audit becomes `[Audit, Warn]`; a Pod Security match
 * gives `[Deny]`, `[Audit]` or `[Warn]` for its mode. Implements the controls it is given.
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
    const r = resolvePolicyBasics(props);
    this.name = props.name;
    this.enforcement = r.enforcement;
    this.apiObject = new PlainApiObject(this, 'Resource', {
      apiVersion: 'policies.kyverno.io/v1',
      kind: 'ValidatingPolicy',
      metadata: {
        name: props.name,
        labels: r.labels,
        annotations: { ...r.annotations, 'policies.kyverno.io/minversion': '1.17.0' },
      },
      spec: {
        validationActions: r.actions,
        evaluation: { background: { enabled: true } },
        autogen: { podControllers: { controllers: [] } },
        matchConstraints: { namespaceSelector: r.namespaceSelector, resourceRules: podResourceRules() },
        variables: r.variables,
        validations: [{ expression: props.expression, message: props.message }],
      },
    }, { clusterScoped: true });
    annotateControls(this.apiObject, props.controls, props.exceptions);
  }
}
