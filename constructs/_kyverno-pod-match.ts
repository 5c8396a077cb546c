/**
 * How hardline's Kyverno policies find the Pod in an object: Pod controllers are matched
 * explicitly (Kyverno autogen is switched off), and shared CEL variables find the Pod template of
 * a Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or CronJob.
 * @internal
 */
import { CelVariable, POD_VARIABLES } from '../src/admission/cel';
import { KyvernoEnforcement } from './_kyverno-enforcement';
import { dns1123LabelProblem } from './_names';
import { TIER_LABEL } from './hardened-namespace';

/** A named CEL variable shared by every rule. @internal */
export type { CelVariable } from '../src/admission/cel';
export { POD_VARIABLES } from '../src/admission/cel';

/** The Pod Security Admission label prefix namespaces carry. @internal */
export const PSA_LABEL_PREFIX = 'pod-security.kubernetes.io/';

/**
 * Which namespaces a Pod Security rule's policy matches, by their own PSA labels: `enforce` matches
 * namespaces whose `pod-security.kubernetes.io/enforce` is one of `levels`; `audit` and `warn` match
 * those whose audit (warn) label is, and whose enforce label is not (there the rule already denies).
 */
export interface PodSecurityMatch {
  /** The PSA mode the policy mirrors. */
  readonly mode: 'enforce' | 'audit' | 'warn';
  /** The Pod Security levels the rule applies at (for example `['baseline', 'restricted']`). */
  readonly levels: readonly string[];
  /**
   * The namespace label read instead of `pod-security.kubernetes.io/enforce` (enforce mode only):
   * `hardline.dev/pod-security-enforce`, the level the admission policies keep for every workload a
   * workload-scoped exception does not name where PSA itself had to be lowered (issue 20).
   *
   * @default - the PSA label of the mode
   */
  readonly label?: string;
}

/** The label the API server sets on every namespace to its own name (immutable, so selectors may trust it). @internal */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * Namespaces a policy selects (`In`) or leaves out (`NotIn`) by name, on top of its tiers: how a
 * namespace-scoped HL-ADM-009 exception audits exactly the namespaces it names.
 */
export interface NamespaceNameMatch {
  /** `In`: only these namespaces; `NotIn`: every namespace but these. */
  readonly operator: 'In' | 'NotIn';
  /** Namespace names (DNS-1123 labels), at least one. */
  readonly names: readonly string[];
}

/** Kinds every policy matches: Pods and the built-in Pod controllers. @internal */
export const POD_KINDS: readonly { group: string; version: string; kind: string; resource: string }[] = [
  { group: '', version: 'v1', kind: 'Pod', resource: 'pods' },
  { group: 'apps', version: 'v1', kind: 'DaemonSet', resource: 'daemonsets' },
  { group: 'apps', version: 'v1', kind: 'Deployment', resource: 'deployments' },
  { group: 'apps', version: 'v1', kind: 'ReplicaSet', resource: 'replicasets' },
  { group: 'apps', version: 'v1', kind: 'StatefulSet', resource: 'statefulsets' },
  { group: '', version: 'v1', kind: 'ReplicationController', resource: 'replicationcontrollers' },
  { group: 'batch', version: 'v1', kind: 'CronJob', resource: 'cronjobs' },
  { group: 'batch', version: 'v1', kind: 'Job', resource: 'jobs' },
];

/** What both policy constructs need to know from their props. @internal */
export interface PolicyBasics {
  readonly name: string;
  readonly title: string;
  readonly category?: string;
  readonly severity?: string;
  readonly description: string;
  readonly tiers?: readonly string[];
  readonly enforcement?: KyvernoEnforcement;
  readonly podSecurity?: PodSecurityMatch;
  readonly namespaces?: NamespaceNameMatch;
}

/** The annotation, label and matching data shared by both Kyverno policy kinds. @internal */
export function resolvePolicyBasics(props: PolicyBasics): {
  tiers: string[];
  enforcement: KyvernoEnforcement;
  actions: ('Deny' | 'Audit' | 'Warn')[];
  annotations: Record<string, string>;
  labels: Record<string, string>;
  namespaceSelector: { matchExpressions: { key: string; operator: string; values: string[] }[] };
  variables: CelVariable[];
} {
  const problem = dns1123LabelProblem(props.name);
  if (problem) throw new Error(`policy name ${problem}`);
  const enforcement = props.podSecurity ? (props.podSecurity.mode === 'enforce' ? KyvernoEnforcement.ENFORCE : KyvernoEnforcement.AUDIT) : (props.enforcement ?? KyvernoEnforcement.ENFORCE);
  if (props.podSecurity && props.enforcement !== undefined && props.enforcement !== enforcement) {
    throw new Error(`policy "${props.name}": enforcement ${props.enforcement} contradicts Pod Security mode ${props.podSecurity.mode}.`);
  }
  if (props.podSecurity && props.podSecurity.levels.length === 0) throw new Error(`policy "${props.name}": podSecurity.levels is empty, so the policy would match no namespace.`);
  const tiers = [...(props.tiers ?? ['production', 'staging', 'development'])].sort();
  if (tiers.length === 0) throw new Error(`policy "${props.name}": tiers is empty, so the policy would match no namespace.`);
  const names = namespaceNameExpressions(props.name, props.namespaces);
  return {
    tiers,
    enforcement,
    actions: props.podSecurity
      ? [({ enforce: 'Deny', audit: 'Audit', warn: 'Warn' } as const)[props.podSecurity.mode]]
      : enforcement === KyvernoEnforcement.ENFORCE
        ? ['Deny']
        : ['Audit', 'Warn'],
    annotations: {
      'policies.kyverno.io/title': props.title,
      'policies.kyverno.io/category': props.category ?? 'Other',
      'policies.kyverno.io/severity': props.severity ?? 'medium',
      'policies.kyverno.io/subject': 'Pod',
      'policies.kyverno.io/description': props.description,
    },
    labels: { 'app.kubernetes.io/managed-by': 'hardline' },
    namespaceSelector: { matchExpressions: [{ key: TIER_LABEL, operator: 'In', values: tiers }, ...podSecurityExpressions(props.podSecurity), ...names] },
    variables: POD_VARIABLES.map((v) => ({ ...v })),
  };
}

/** The namespace label expressions of a Pod Security match (none without one). @internal */
export function podSecurityExpressions(match: PodSecurityMatch | undefined): { key: string; operator: string; values: string[] }[] {
  if (!match) return [];
  const levels = [...match.levels].sort();
  if (match.label && match.mode !== 'enforce') throw new Error('a Pod Security match on its own label is for enforce mode only');
  const own = { key: match.label ?? `${PSA_LABEL_PREFIX}${match.mode}`, operator: 'In', values: levels };
  return match.mode === 'enforce' ? [own] : [own, { key: `${PSA_LABEL_PREFIX}enforce`, operator: 'NotIn', values: levels }];
}

/** The namespace-name expression of a `NamespaceNameMatch` (none without one); names are checked and sorted. @internal */
export function namespaceNameExpressions(policy: string, match: NamespaceNameMatch | undefined): { key: string; operator: string; values: string[] }[] {
  if (!match) return [];
  if (match.names.length === 0) throw new Error(`policy "${policy}": namespaces.names is empty; leave namespaces out to match every namespace of its tiers.`);
  for (const n of match.names) {
    const problem = dns1123LabelProblem(n);
    if (problem) throw new Error(`policy "${policy}": namespace ${problem}`);
  }
  return [{ key: NAMESPACE_NAME_LABEL, operator: match.operator, values: [...new Set(match.names)].sort() }];
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
