/**
 * The `messageExpression` of a rule for native admission (ValidatingAdmissionPolicy): the rule's
 * static message, prefixed with where the Pod (template) breaks it — `the Pod spec` and/or the
 * names of the offending containers. Derived from the rule's own CEL, so it can never disagree
 * with the verdict: a container offends when the expression, run with that container as the only
 * one, is false; the Pod spec offends when the expression is false with no container at all.
 *
 * Only Kubernetes CEL at 1.30 is used: `filter`/`map`/`size` (CEL core), `has`, optional
 * selection, and `join` on a list of strings (cel-go `ext.Strings`, present at every strings
 * version Kubernetes 1.30 compiles with: v0 before 1.29 compatibility, v2 from it; see
 * k8s.io/apiserver/pkg/cel/environment/base.go).
 */
import { AdmissionRule, RuleContext } from './types';

/** The container lists rule expressions iterate over, as written in them. */
const CONTAINER_LISTS: readonly string[] = [
  'variables.allContainers',
  '(variables.podSpec.?initContainers.orValue([]) + variables.podSpec.containers)',
];

/** A CEL single-quoted string literal of any text. */
export function celString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

/** The CEL `messageExpression` naming the Pod spec and the offending containers, then the rule's message. */
export function messageExpressionOf(rule: AdmissionRule, ctx: RuleContext): string {
  const expression = rule.expression(ctx);
  const message = celString(rule.message(ctx));
  const list = CONTAINER_LISTS.find((l) => expression.includes(l));
  if (!list) return `'the Pod spec: ' + ${message}`;
  const withList = (l: string) => expression.split(list).join(l);
  // An empty list typed as the container list (an empty literal `[]` has no element type to select on).
  const podOk = withList(`${list}.filter(x, false)`);
  const offending = `${list}.filter(x, !(${withList('[x]')}))`;
  const names = `${offending}.map(x, '"' + x.name + '"').join(', ')`;
  return (
    `(${podOk}) ? (size(${offending}) > 0 ? 'container ' + ${names} + ': ' + ${message} : ${message}) : ` +
    `'the Pod spec' + (size(${offending}) > 0 ? ' and container ' + ${names} : '') + ': ' + ${message}`
  );
}
