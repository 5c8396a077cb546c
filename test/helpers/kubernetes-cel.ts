/**
 * A Kubernetes-like CEL environment for ValidatingAdmissionPolicy expressions at 1.30: only the
 * variables the API server declares (`object`, `oldObject`, `request`, `params`,
 * `namespaceObject`, `variables`, `authorizer`), homogeneous aggregate literals (Kubernetes
 * enables them), optional types, and an allow-list of the functions and macros of Kubernetes CEL
 * at 1.30 (CEL core, optional types, cel-go `ext.Strings` v2 and `ext.Sets`, and the Kubernetes
 * lists, regex, URL, quantity and authz libraries; k8s.io/apiserver/pkg/cel/environment/base.go).
 * A Kyverno-only function (`image()`, `resource.Get`, `http.Get`, `globalContext`, …) is not on it.
 */
import { Environment } from '@marcbachmann/cel-js';

const env = new Environment({ enableOptionalTypes: true, unlistedVariablesAreDyn: false, homogeneousAggregateLiterals: true });
for (const v of ['object', 'oldObject', 'request', 'params', 'namespaceObject', 'variables', 'authorizer']) env.registerVariable(v, 'dyn');

/** Functions and macros of Kubernetes CEL at 1.30 (receiver or global). */
export const KUBERNETES_CEL_FUNCTIONS: ReadonlySet<string> = new Set([
  // CEL core and macros
  'has', 'all', 'exists', 'exists_one', 'map', 'filter', 'size', 'contains', 'startsWith', 'endsWith', 'matches',
  'int', 'uint', 'double', 'string', 'bytes', 'bool', 'dyn', 'type', 'duration', 'timestamp',
  // optional types
  'orValue', 'or', 'hasValue', 'value', 'optional.of', 'optional.none', 'optional.ofNonZeroValue',
  // ext.Strings v2
  'charAt', 'indexOf', 'lastIndexOf', 'lowerAscii', 'upperAscii', 'replace', 'split', 'substring', 'trim', 'join', 'format', 'strings.quote',
  // ext.Sets
  'sets.contains', 'sets.equivalent', 'sets.intersects',
  // Kubernetes libraries
  'isSorted', 'sum', 'min', 'max', 'find', 'findAll', 'url', 'isURL', 'quantity', 'isQuantity',
]);

/** The function and macro names an expression calls. */
export function calledFunctions(expression: string): string[] {
  const names = new Set<string>();
  const walk = (node: any): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (!node || typeof node !== 'object' || !('op' in node)) return;
    if (node.op === 'call' || node.op === 'rcall') names.add(node.args[0]);
    walk(node.args);
  };
  walk(env.parse(expression).ast);
  return [...names].sort();
}

/** Problems of an expression in the Kubernetes-like environment: a type error, a wrong result type, a function Kubernetes lacks. */
export function kubernetesCelProblems(expression: string, resultType: 'bool' | 'string'): string[] {
  const problems: string[] = [];
  const checked = env.check(expression);
  if (!checked.valid) problems.push(`does not compile: ${checked.error?.message.split('\n')[0]}`);
  else if (checked.type !== resultType && checked.type !== 'dyn') problems.push(`returns ${checked.type}, not ${resultType}`);
  for (const f of calledFunctions(expression)) if (!KUBERNETES_CEL_FUNCTIONS.has(f)) problems.push(`calls ${f}, which Kubernetes CEL at 1.30 does not have`);
  return problems;
}
