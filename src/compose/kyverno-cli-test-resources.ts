/**
 * The resources of the shipped Kyverno CLI test and the helpers that build them from the rule
 * model's fixtures: test namespaces, the tested kinds, names, broken Pods, namespace matching.
 */
import { NAMESPACE_NAME_LABEL, namespaceNameExpressions, podSecurityExpressions } from '../../constructs/_kyverno-pod-match';
import { TIER_LABEL } from '../../constructs/hardened-namespace';
import { KyvernoPolicySummary } from '../../constructs/kyverno-policy-set';
import { CONTROLLER_KINDS, compliantPod, controllerOf, findRule, Json, RuleFixture, RuleParams } from '../admission';

/** One namespace of the test, with the labels the values file gives it. */
export interface TestNamespace {
  /** Namespace name. */
  readonly name: string;
  /** Short prefix of the names of its resources. */
  readonly prefix: string;
  /** Tier and Pod Security labels. */
  readonly labels: { readonly [k: string]: string };
  /**
   * Whether this is a real profile namespace a PolicyException names (its exception cases run there).
   *
   * @default false
   */
  readonly excepted?: boolean;
}

/** The kinds every policy is tested on: Pod and each Pod controller of the rule model's fixtures. */
export const TESTED_KINDS: readonly string[] = ['Pod', ...CONTROLLER_KINDS.map((k) => k.kind)];

/** Short names of the tested kinds, for resource names. */
const KIND_ABBREVIATIONS: { readonly [kind: string]: string } = { Pod: 'pod', Deployment: 'deploy', StatefulSet: 'sts', DaemonSet: 'ds', ReplicaSet: 'rs', ReplicationController: 'rc', Job: 'job', CronJob: 'cj' };

/** The short name of a tested kind in resource names. */
export function kindAbbreviation(kind: string): string {
  const a = KIND_ABBREVIATIONS[kind];
  if (!a) throw new Error(`no short name for kind "${kind}"`);
  return a;
}

/** A resource name, checked to be a DNS label short enough for every kind (a CronJob name takes at most 52 characters). */
export function resourceName(...parts: string[]): string {
  const name = parts.join('-');
  if (name.length > 52) throw new Error(`test resource name "${name}" is longer than 52 characters`);
  return name;
}

/** The Pod itself (renamed) or a controller of `kind` whose template it is. */
export function asKind(pod: Json, kind: string, name: string): Json {
  if (kind !== 'Pod') return controllerOf(pod, kind, name);
  return { ...pod, metadata: { ...pod.metadata, name } };
}

/**
 * The labels a namespace selector sees on a test namespace: its own, and `kubernetes.io/metadata.name`,
 * which the API server sets on every namespace (the Kyverno CLI knows only the values file's labels).
 */
export function selectorLabels(ns: TestNamespace): { readonly [k: string]: string } {
  return { ...ns.labels, [NAMESPACE_NAME_LABEL]: ns.name };
}

/** Whether a policy's namespace selector matches namespace labels (the selector `KyvernoPolicySet` emits). */
export function policyMatches(policy: Pick<KyvernoPolicySummary, 'tiers' | 'podSecurity'> & Partial<Pick<KyvernoPolicySummary, 'name' | 'namespaces'>>, labels: { readonly [k: string]: string }): boolean {
  const expressions = [
    { key: TIER_LABEL, operator: 'In', values: [...policy.tiers] },
    ...podSecurityExpressions(policy.podSecurity),
    ...namespaceNameExpressions(policy.name ?? '', policy.namespaces),
  ];
  return expressions.every((e) => (e.operator === 'In' ? e.values.includes(labels[e.key]) : !e.values.includes(labels[e.key])));
}

/** The first fixture of a rule that the rule rejects at this Kubernetes minor version. */
export function rejectedFixture(rule: string, minor: number): RuleFixture {
  const fixture = findRule(rule)?.fixtures.find((f) => !f.admit && (f.from ?? 0) <= minor && minor <= (f.until ?? Infinity));
  if (!fixture) throw new Error(`rule "${rule}" has no rejected fixture at 1.${minor}`);
  return fixture;
}

/** The compliant Pod changed by the first rejected fixture of each rule, in `namespace`. */
export function brokenPod(rules: string | readonly string[], minor: number, params: RuleParams, name: string, namespace: string): Json {
  const pod = compliantPod(params, name);
  pod.metadata.namespace = namespace;
  for (const rule of typeof rules === 'string' ? [rules] : rules) rejectedFixture(rule, minor).apply(pod);
  return pod;
}

/** A result of the shipped test: a policy's expected verdict on resources of one kind. */
export type CliResult = (p: KyvernoPolicySummary, kind: string, name: string, outcome: 'pass' | 'fail' | 'skip') => Json;
