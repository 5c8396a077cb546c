/**
 * Kubernetes' own rules for the labels a profile writes into manifests: namespace labels and
 * the selectors of workloads' PodDisruptionBudgets (flows' pod selectors are checked with the
 * flows). Keys are read as data (own keys, `__proto__` included), so none is ever dropped.
 */
import { labelProblem } from '../../constructs/_labels';
import { ProfileProblem } from '../errors';
import { LocatedNamespace, Origin, problemAt } from './namespace-rules';
import { escapePointer } from './yaml-source';

/** Label key prefixes hardline writes itself; a profile label would override or fake them. */
const RESERVED_PREFIXES = ['pod-security.kubernetes.io/', 'hardline.dev/', 'compliance.hardline.dev/'];
/** Label keys Kubernetes sets on a Namespace itself. */
const RESERVED_KEYS = ['kubernetes.io/metadata.name'];

/** Every problem of namespace labels and workload selectors. */
export function labelRuleProblems(namespaces: readonly LocatedNamespace[]): ProfileProblem[] {
  const out: ProfileProblem[] = [];
  for (const { spec, origin } of namespaces) {
    out.push(...labelMapProblems(origin, '/labels', spec.labels, true));
    (spec.workloads ?? []).forEach((w, i) => {
      out.push(...labelMapProblems(origin, `/workloads/${i}/selector/matchLabels`, w.selector?.matchLabels, false));
    });
  }
  return out;
}

/** Problems of one label map; `namespaceLabels` also refuses the keys hardline or Kubernetes set. */
export function labelMapProblems(
  origin: Origin,
  at: string,
  labels: { readonly [key: string]: string } | undefined,
  namespaceLabels: boolean,
): ProfileProblem[] {
  if (!labels) return [];
  const out: ProfileProblem[] = [];
  for (const key of Object.getOwnPropertyNames(labels)) {
    const value = Object.getOwnPropertyDescriptor(labels, key)?.value as unknown;
    const pointer = `${at}/${escapePointer(key)}`;
    if (typeof value !== 'string') continue; // the schema reports it
    const problem = labelProblem(key, value);
    if (problem) out.push(problemAt(origin, pointer, problem));
    else if (namespaceLabels && (RESERVED_KEYS.includes(key) || RESERVED_PREFIXES.some((p) => key.startsWith(p)))) {
      out.push(problemAt(origin, pointer, `label key "${key}" is set by hardline or Kubernetes itself; a profile may not set or override it`));
    }
  }
  return out;
}
