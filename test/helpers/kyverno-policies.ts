/** Reads the CEL, namespace selector and kinds of emitted Kyverno workload policies, never copying them. */
import { Variable } from './cel';

/** The CEL of one emitted workload policy, and what it matches. */
export interface EmittedRule {
  /** Policy name. */
  readonly policy: string;
  /** Rule id (the ClusterPolicy rule name). */
  readonly rule: string;
  /** CEL variables. */
  readonly variables: Variable[];
  /** The validation expression. */
  readonly expression: string;
  /** The namespace selector's match expressions. */
  readonly namespaceSelector: { key: string; operator: string; values?: string[] }[];
  /** Matched kinds. */
  readonly kinds: string[];
}

const KIND_OF_RESOURCE: Record<string, string> = {
  pods: 'Pod',
  deployments: 'Deployment',
  statefulsets: 'StatefulSet',
  daemonsets: 'DaemonSet',
  replicasets: 'ReplicaSet',
  replicationcontrollers: 'ReplicationController',
  jobs: 'Job',
  cronjobs: 'CronJob',
};

/** The CEL of one emitted ValidatingPolicy or ClusterPolicy (one validation, one rule). */
export function emitted(m: any): EmittedRule {
  if (m.kind === 'ValidatingPolicy') {
    if (m.spec.validations.length !== 1) throw new Error(`${m.metadata.name}: expected one validation`);
    return {
      policy: m.metadata.name,
      rule: m.metadata.name.replace(/^hl-/, '').replace(/-(enforce|audit|warn)(-scoped)?$/, ''),
      variables: m.spec.variables,
      expression: m.spec.validations[0].expression,
      namespaceSelector: m.spec.matchConstraints.namespaceSelector?.matchExpressions ?? [],
      kinds: m.spec.matchConstraints.resourceRules.flatMap((r: any) => r.resources.map((x: string) => KIND_OF_RESOURCE[x]).filter(Boolean)),
    };
  }
  if (m.spec.rules.length !== 1) throw new Error(`${m.metadata.name}: expected one rule`);
  const rule = m.spec.rules[0];
  const cel = rule.validate.cel;
  if (cel.expressions.length !== 1) throw new Error(`${m.metadata.name}: expected one expression`);
  if (rule.match.any.length !== 1) throw new Error(`${m.metadata.name}: expected one match entry`);
  const resources = rule.match.any[0].resources;
  return {
    policy: m.metadata.name,
    rule: rule.name,
    variables: cel.variables,
    expression: cel.expressions[0].expression,
    namespaceSelector: resources.namespaceSelector?.matchExpressions ?? [],
    kinds: resources.kinds,
  };
}

/** Whether label selector match expressions select these labels (In, NotIn, Exists, DoesNotExist). */
export function selects(expressions: readonly { key: string; operator: string; values?: string[] }[], labels: Record<string, string>): boolean {
  return expressions.every((e) => {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    switch (e.operator) {
      case 'In':
        return has && (e.values ?? []).includes(labels[e.key]);
      case 'NotIn':
        return !has || !(e.values ?? []).includes(labels[e.key]);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      default:
        throw new Error(`unknown operator ${e.operator}`);
    }
  });
}
