import { ApiObject } from 'cdk8s';
import { PlainApiObject } from './_plain-api-object';
import { Construct } from 'constructs';
import { annotateControls } from './_annotate-controls';
import { KyvernoEnforcement } from './_kyverno-enforcement';
import { POD_KINDS, resolvePolicyBasics } from './_kyverno-pod-match';
import { KyvernoValidatingPolicyProps } from './kyverno-validating-policy';

/** Properties for `KyvernoClusterPolicy`: the same rule as a `KyvernoValidatingPolicy`. */
export interface KyvernoClusterPolicyProps extends KyvernoValidatingPolicyProps {
  /**
   * Name of the single rule inside the policy (PolicyExceptions name it).
   *
   * @default - the policy name
   */
  readonly ruleName?: string;
}

/**
 * A Kyverno `kyverno.io/v1` `ClusterPolicy` with one `validate.cel` rule (Kyverno 1.13–1.16),
 * for clusters that do not serve `ValidatingPolicy` yet.
 *
 * The enforcement is the rule-level `validate.failureAction` (never the deprecated spec-level
 * `validationFailureAction`); Audit also sets `emitWarning`. A Pod Security match in audit mode is
 * `Audit` without warnings, in warn mode `Audit` with `emitWarning` (ClusterPolicy has no warn-only action). Pod controllers are matched explicitly and
 * autogen is off (`pod-policies.kyverno.io/autogen-controllers: none`). Implements the controls it is given.
 */
export class KyvernoClusterPolicy extends Construct {
  /** The policy name. */
  public readonly name: string;
  /** The rule name. */
  public readonly ruleName: string;
  /** Whether violations are denied or audited. */
  public readonly enforcement: KyvernoEnforcement;
  /** The emitted ClusterPolicy. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: KyvernoClusterPolicyProps) {
    super(scope, id);
    const r = resolvePolicyBasics(props);
    this.name = props.name;
    this.ruleName = props.ruleName ?? props.name;
    this.enforcement = r.enforcement;
    this.apiObject = new PlainApiObject(this, 'Resource', {
      apiVersion: 'kyverno.io/v1',
      kind: 'ClusterPolicy',
      metadata: {
        name: props.name,
        labels: r.labels,
        annotations: {
          ...r.annotations,
          'policies.kyverno.io/minversion': '1.13.0',
          'pod-policies.kyverno.io/autogen-controllers': 'none',
        },
      },
      spec: {
        background: true,
        ...(r.actions.includes('Warn') ? { emitWarning: true } : {}),
        rules: [
          {
            name: this.ruleName,
            match: {
              any: [
                {
                  resources: {
                    kinds: POD_KINDS.map((k) => k.kind).sort(),
                    operations: ['CREATE', 'UPDATE'],
                    namespaceSelector: r.namespaceSelector,
                  },
                },
              ],
            },
            validate: {
              failureAction: r.enforcement,
              cel: { variables: r.variables, expressions: [{ expression: props.expression, message: props.message }] },
            },
          },
        ],
      },
    }, { clusterScoped: true });
    annotateControls(this.apiObject, props.controls, props.exceptions);
  }
}
