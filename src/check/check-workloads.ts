/**
 * Checks plain Kubernetes manifests (a user's workloads) against a profile: would the baseline
 * reject them, or do they break a hardline rule? Pure: no I/O, no cdk8s. The construct check
 * (`Hardline.check`) and the cdk8s CLI plugin (`HardlineValidation`) both call it.
 */
import {
  Control,
  NS_ADMINISTRATIVE_BOUNDARY,
  POD_SECURITY_BASELINE,
  POD_SECURITY_RESTRICTED,
  SA_DEFAULT_NO_TOKEN,
  SA_NO_AUTOMOUNT,
} from '../controls';
import { exceptionsForNamespace } from '../profile/load-profile';
import { PodSecurityLevelName, ResolvedProfile } from '../profile/types';
import { podContainers, podSecurityFindings } from './pod-security';

/** A rule of the workload check. */
export interface WorkloadRule {
  /** Stable rule name, e.g. `pod-security-restricted`. */
  readonly id: string;
  /** What the rule asks for. */
  readonly title: string;
  /** The catalog control the rule enforces; an exception to it lifts the rule (not for Pod Security, which follows the namespace level). */
  readonly control?: Control;
}

/** The rules, by name. */
export const WORKLOAD_RULES = {
  namespace: { id: 'declared-namespace', title: 'workloads run in a namespace the profile declares', control: NS_ADMINISTRATIVE_BOUNDARY },
  baseline: { id: 'pod-security-baseline', title: 'baseline Pod Security', control: POD_SECURITY_BASELINE },
  restricted: { id: 'pod-security-restricted', title: 'restricted Pod Security', control: POD_SECURITY_RESTRICTED },
  defaultServiceAccount: { id: 'no-default-service-account', title: 'workloads use their own ServiceAccount', control: SA_DEFAULT_NO_TOKEN },
  token: { id: 'no-automounted-token', title: 'API tokens are not automounted', control: SA_NO_AUTOMOUNT },
  resources: { id: 'resources-set', title: 'every container requests CPU and memory and limits memory' },
  image: { id: 'pinned-image', title: 'images name a tag other than latest, or a digest' },
} as const satisfies Record<string, WorkloadRule>;

/** One way a workload fails the profile. */
export interface WorkloadViolation {
  /** The rule broken. */
  readonly rule: WorkloadRule;
  /** Workload kind, e.g. `Deployment`. */
  readonly kind: string;
  /** Workload name. */
  readonly name: string;
  /** Namespace the workload runs in (`default` when the manifest names none). */
  readonly namespace: string;
  /** Field path in the manifest, e.g. `spec.template.spec.containers[0].securityContext.runAsNonRoot`. */
  readonly field: string;
  /** The full message: workload, namespace, control (or rule) and what to change. */
  readonly message: string;
}

/** Loosely typed manifest. */
type Json = Record<string, any>;

/** Where the pod template sits in each workload kind. */
const POD_SPEC_PATHS: Record<string, readonly string[]> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** The kinds the check looks at. */
export const WORKLOAD_KINDS: readonly string[] = Object.keys(POD_SPEC_PATHS);

/**
 * Checks every workload among `manifests` (other objects are context: ServiceAccounts) against
 * the profile. Violations come out in manifest order, then field order.
 */
export function checkWorkloads(manifests: readonly unknown[], profile: ResolvedProfile): WorkloadViolation[] {
  const objects = manifests.filter((m): m is Json => typeof m === 'object' && m !== null && !Array.isArray(m));
  const serviceAccounts = new Map<string, Json>();
  for (const o of objects) {
    if (o.kind === 'ServiceAccount' && o.metadata?.name) serviceAccounts.set(`${o.metadata.namespace ?? 'default'}/${o.metadata.name}`, o);
  }
  return objects.flatMap((o) => checkWorkload(o, profile, serviceAccounts));
}

function checkWorkload(obj: Json, profile: ResolvedProfile, serviceAccounts: ReadonlyMap<string, Json>): WorkloadViolation[] {
  const templatePath = POD_SPEC_PATHS[obj.kind];
  if (!templatePath || typeof obj.apiVersion !== 'string') return [];
  const template: Json = templatePath.reduce<Json | undefined>((acc, k) => acc?.[k], obj) ?? {};
  const spec: Json = template.spec ?? {};
  const base = [...templatePath, 'spec'].join('.');
  const at = (field: string) => (field.startsWith('metadata.') ? [...templatePath, field].join('.') : `${base}.${field}`);
  const kind: string = obj.kind;
  const name: string = obj.metadata?.name ?? '<unnamed>';
  const namespace: string = obj.metadata?.namespace ?? 'default';
  const ns = profile.namespaces.find((n) => n.name === namespace);
  const excepted = new Set(exceptionsForNamespace(profile, namespace).map((e) => e.control));
  const out: WorkloadViolation[] = [];
  const violate = (rule: WorkloadRule, field: string, what: string, why = '') => {
    if (rule.control && excepted.has(rule.control.id) && rule !== WORKLOAD_RULES.baseline && rule !== WORKLOAD_RULES.restricted) return;
    const against = rule.control ? `${rule.control.id} (${rule.title}${why})` : `hardline rule ${rule.id} (${rule.title}${why})`;
    out.push({ rule, kind, name, namespace, field, message: `${kind} "${name}" in namespace "${namespace}" breaks ${against}: ${what}` });
  };

  // Pod Security: the level the namespace enforces; an undeclared namespace gets the production default.
  if (!ns) {
    violate(WORKLOAD_RULES.namespace, 'metadata.namespace', `namespace "${namespace}" is not declared in profile "${profile.name}"; declare it or deploy into a declared namespace`);
  }
  const level: PodSecurityLevelName = ns ? (ns.podSecurity ?? profile.tiers[ns.tier].enforce) : profile.tiers.production.enforce;
  const where = ns ? `, enforced in ${ns.tier} namespace "${namespace}"` : ', the production default for an undeclared namespace';
  for (const f of podSecurityFindings(spec, level, template.metadata?.annotations ?? {})) {
    violate(f.level === 'restricted' ? WORKLOAD_RULES.restricted : WORKLOAD_RULES.baseline, at(f.field), f.message, where);
  }

  // Identity: a workload's own ServiceAccount, without an automounted token.
  const saName: string = spec.serviceAccountName ?? spec.serviceAccount ?? 'default';
  if (saName === 'default') {
    violate(WORKLOAD_RULES.defaultServiceAccount, at('serviceAccountName'), 'it runs as the namespace\'s "default" ServiceAccount; set serviceAccountName to a ServiceAccount of its own');
  }
  const sa = serviceAccounts.get(`${namespace}/${saName}`);
  const saMounts = saName === 'default' && ns ? false : sa?.automountServiceAccountToken !== false;
  if (spec.automountServiceAccountToken === true || (spec.automountServiceAccountToken === undefined && saMounts)) {
    const from = spec.automountServiceAccountToken === true ? 'the pod sets automountServiceAccountToken: true' : `ServiceAccount "${saName}" ${sa ? 'automounts its token' : 'is not in the app, so its token may be mounted'}`;
    violate(WORKLOAD_RULES.token, at('automountServiceAccountToken'), `${from}; set automountServiceAccountToken: false (or add an exception for ${SA_NO_AUTOMOUNT.id})`);
  }

  // Resources and images.
  for (const { container: c, at: cAt, label } of podContainers(spec)) {
    if (cAt.startsWith('ephemeralContainers')) continue;
    const missing = [
      ['requests', 'cpu'],
      ['requests', 'memory'],
      ['limits', 'memory'],
    ].filter(([k, r]) => c.resources?.[k]?.[r] === undefined);
    if (missing.length > 0) {
      violate(WORKLOAD_RULES.resources, at(`${cAt}.resources`), `${label} must set ${missing.map(([k, r]) => `resources.${k}.${r}`).join(', ')}`);
    }
    const problem = imageProblem(c.image);
    if (problem) violate(WORKLOAD_RULES.image, at(`${cAt}.image`), `${label} ${problem}`);
  }
  return out;
}

/** Why an image reference is not pinned, or undefined when it is. */
export function imageProblem(image: unknown): string | undefined {
  if (typeof image !== 'string' || image === '') return 'names no image';
  if (image.includes('@')) return undefined;
  const lastPart = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastPart.lastIndexOf(':');
  if (colon < 0) return `image "${image}" has no tag (it means :latest); pin a version tag or a digest`;
  if (lastPart.slice(colon + 1) === 'latest') return `image "${image}" uses the :latest tag; pin a version tag or a digest`;
  return undefined;
}
