/**
 * How hardline's Kyverno policies find the Pod in an object: Pod controllers are matched
 * explicitly (Kyverno autogen is switched off), and shared CEL variables find the Pod template of
 * a Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or CronJob.
 * @internal
 */
import { KyvernoEnforcement } from './_kyverno-enforcement';
import { dns1123LabelProblem } from './_names';
import { TIER_LABEL } from './hardened-namespace';

/** A named CEL variable shared by every rule. @internal */
export interface CelVariable {
  /** Variable name, read as `variables.<name>`. */
  readonly name: string;
  /** CEL expression. */
  readonly expression: string;
}

/**
 * Variables every policy declares, in dependency order. `podTemplate` is the Pod itself or the
 * Pod template of a controller (a CronJob's is two levels down).
 * @internal
 */
export const POD_VARIABLES: readonly CelVariable[] = [
  {
    name: 'podTemplate',
    expression:
      "object.kind == 'Pod' ? object : (object.kind == 'CronJob' ? object.spec.jobTemplate.spec.template : object.spec.template)",
  },
  { name: 'podSpec', expression: 'variables.podTemplate.spec' },
  {
    name: 'allContainers',
    expression:
      'variables.podSpec.containers + variables.podSpec.?initContainers.orValue([]) + variables.podSpec.?ephemeralContainers.orValue([])',
  },
];

/** Kinds every policy matches: Pods and the built-in Pod controllers. @internal */
export const POD_KINDS: readonly { group: string; version: string; kind: string; resource: string }[] = [
  { group: '', version: 'v1', kind: 'Pod', resource: 'pods' },
  { group: 'apps', version: 'v1', kind: 'DaemonSet', resource: 'daemonsets' },
  { group: 'apps', version: 'v1', kind: 'Deployment', resource: 'deployments' },
  { group: 'apps', version: 'v1', kind: 'ReplicaSet', resource: 'replicasets' },
  { group: 'apps', version: 'v1', kind: 'StatefulSet', resource: 'statefulsets' },
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
}

/** The annotation, label and matching data shared by both Kyverno policy kinds. @internal */
export function resolvePolicyBasics(props: PolicyBasics): {
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
