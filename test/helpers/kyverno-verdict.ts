/**
 * What Kyverno does with one Pod in one namespace, given emitted hardline policies: the policies whose
 * namespace selector matches the namespace's labels (as `In`/`NotIn` label selector expressions
 * match), each expression evaluated with the real CEL engine; `deny` when a Deny (Enforce) policy
 * fails, `audit` when only Audit policies fail, `admit` otherwise.
 */
import { admits, Variable } from './cel';

/** A label selector expression as the policies emit them. */
interface Expression {
  readonly key: string;
  readonly operator: string;
  readonly values: readonly string[];
}

/** The namespace selector, variables, expression and whether it denies, of a ValidatingPolicy or ClusterPolicy. */
function partsOf(m: any): { selector: Expression[]; variables: Variable[]; expression: string; denies: boolean } {
  if (m.kind === 'ValidatingPolicy') {
    return {
      selector: m.spec.matchConstraints.namespaceSelector.matchExpressions,
      variables: m.spec.variables,
      expression: m.spec.validations[0].expression,
      denies: m.spec.validationActions.includes('Deny'),
    };
  }
  const rule = m.spec.rules[0];
  return {
    selector: rule.match.any[0].resources.namespaceSelector.matchExpressions,
    variables: rule.validate.cel.variables,
    expression: rule.validate.cel.expressions[0].expression,
    denies: rule.validate.failureAction === 'Enforce',
  };
}

/** Whether the policy checks Pod creation (the workload policies), as opposed to tamper protection. */
function checksPods(m: any): boolean {
  if (m.kind === 'ValidatingPolicy') return (m.spec.matchConstraints?.resourceRules ?? []).some((r: any) => r.resources.includes('pods') && r.operations.includes('CREATE'));
  return (m.spec.rules?.[0]?.match?.any?.[0]?.resources?.kinds ?? []).includes('Pod');
}

/** Whether a label selector's expressions match the labels (Kubernetes semantics for In and NotIn). */
export function selectorMatches(expressions: readonly Expression[], labels: { readonly [k: string]: string }): boolean {
  return expressions.every((e) => {
    if (e.operator === 'In') return e.key in labels && e.values.includes(labels[e.key]);
    if (e.operator === 'NotIn') return !(e.key in labels) || !e.values.includes(labels[e.key]);
    throw new Error(`operator ${e.operator} not modelled`);
  });
}

/** The labels the API server gives a namespace: its own plus `kubernetes.io/metadata.name`. */
export function namespaceLabels(ns: any): Record<string, string> {
  return { ...(ns.metadata.labels ?? {}), 'kubernetes.io/metadata.name': ns.metadata.name };
}

/** The verdict on `pod` in a namespace with `labels`, and the policies that failed it. */
export function verdictOf(manifests: readonly any[], labels: { readonly [k: string]: string }, pod: unknown): { verdict: 'deny' | 'audit' | 'admit'; failed: string[] } {
  const failed: { name: string; denies: boolean }[] = [];
  for (const m of manifests) {
    if (m?.kind !== 'ValidatingPolicy' && m?.kind !== 'ClusterPolicy') continue;
    if (!checksPods(m)) continue; // tamper protection: UPDATE and DELETE of hardline's own objects
    const p = partsOf(m);
    if (!selectorMatches(p.selector, labels)) continue;
    if (!admits(p.variables, p.expression, pod)) failed.push({ name: m.metadata.name, denies: p.denies });
  }
  const verdict = failed.some((f) => f.denies) ? 'deny' : failed.length > 0 ? 'audit' : 'admit';
  return { verdict, failed: failed.map((f) => f.name).sort() };
}
