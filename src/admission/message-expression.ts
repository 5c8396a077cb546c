/**
 * The `messageExpression` of a rule for native admission (ValidatingAdmissionPolicy): the rule's
 * static message, prefixed with where the Pod (template) breaks it — `the Pod spec`, or the names
 * of the offending containers (volumes, sysctls), or what the rule's `offending` expression names.
 * Derived from the rule's own CEL, so it cannot disagree with the verdict: a container offends when
 * the expression, run with that container as the only one, is false; the Pod spec offends when the
 * expression is false with no container at all.
 *
 * Only Kubernetes CEL at 1.30 is used: `filter`/`map`/`size` (CEL core), `has`, optional
 * selection, and `join` on a list of strings (cel-go `ext.Strings`, present at every strings
 * version Kubernetes 1.30 compiles with: v0 before 1.29 compatibility, v2 from it; see
 * k8s.io/apiserver/pkg/cel/environment/base.go).
 */
import { AdmissionRule, RuleContext } from './types';

/** The lists rule expressions iterate over, as written in them, and what their items are called. */
const ITEM_LISTS: readonly { readonly list: string; readonly noun: string }[] = [
  { list: 'variables.allContainers', noun: 'container' },
  { list: '(variables.podSpec.?initContainers.orValue([]) + variables.podSpec.containers)', noun: 'container' },
  { list: 'variables.podSpec.?volumes.orValue([])', noun: 'volume' },
  { list: 'variables.podSpec.?securityContext.?sysctls.orValue([])', noun: 'sysctl' },
];

/** A CEL single-quoted string literal of any text. */
export function celString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

/**
 * The CEL `messageExpression`: what offends, then the rule's message. A rule's own `offending`
 * expression when it has one; else the Pod spec when the expression fails with no item at all,
 * or the offending containers (volumes, sysctls) found by running the expression on each item alone.
 */
export function messageExpressionOf(rule: AdmissionRule, ctx: RuleContext): string {
  const expression = rule.expression(ctx);
  const message = celString(rule.message(ctx));
  if (rule.offending) return `${rule.offending(ctx)} + ': ' + ${message}`;
  const found = ITEM_LISTS.find((l) => expression.includes(l.list));
  if (!found) return `'the Pod spec: ' + ${message}`;
  const { list, noun } = found;
  const withList = (l: string) => expression.split(list).join(l);
  // An empty list typed as the item list (an empty literal `[]` has no element type to select on).
  const podOk = withList(`${list}.filter(x, false)`);
  const offending = `${list}.filter(x, !(${withList('[x]')}))`;
  const names = `${offending}.map(x, '"' + x.name + '"').join(', ')`;
  // Where the Pod spec itself offends, every item run alone offends with it: name the Pod spec only.
  return `(${podOk}) ? (size(${offending}) > 0 ? '${noun} ' + ${names} + ': ' + ${message} : ${message}) : 'the Pod spec: ' + ${message}`;
}
