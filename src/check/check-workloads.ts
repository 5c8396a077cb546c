/**
 * Checks plain Kubernetes manifests (a user's workloads) against a profile: would the cluster's
 * admission reject them? Derived from the admission rule model (`src/admission`): the Pod Security
 * checks the namespace enforces at the pinned Kubernetes version, and, when the profile has
 * `spec.admission`, the hardline rules its Kyverno policies deny in that tier, lifted by the same
 * exceptions. Plus two build-time-only checks: a declared namespace and no automounted token.
 * Pure: no I/O, no cdk8s. `Hardline.check` and `HardlineValidation` both call it.
 */
import {
  AdmissionRule,
  minorOf,
  podSecurityRulesFor,
  podTemplateOf,
  RuleContext,
  rulesAt,
  withApiServerDefaults,
} from '../admission';
import {
  ADM_ENFORCEMENT,
  Control,
  liftingException,
  NS_ADMINISTRATIVE_BOUNDARY,
  POD_SECURITY_BASELINE,
  POD_SECURITY_RESTRICTED,
  SA_NO_AUTOMOUNT,
  scopedObjectOf,
} from '../controls';
import { exceptionsForNamespace } from '../profile/load-profile';
import { scopedEnforceLevel } from '../profile/pod-security-levels';
import { PodSecurityLevelName, ResolvedProfile, TierName } from '../profile/types';

/** A rule of the workload check: an admission rule, or one of the build-time-only checks. */
export interface WorkloadRule {
  /** Stable rule id: the admission rule id (`disallow-privileged-containers`) or a build-time check's. */
  readonly id: string;
  /** What the rule asks for. */
  readonly title: string;
  /** The catalog control the rule implements; an exception to it lifts the rule where admission lifts it. */
  readonly control?: Control;
}

/** The build-time-only checks (admission rules come from `src/admission`). */
export const WORKLOAD_RULES = {
  namespace: { id: 'declared-namespace', title: 'workloads run in a namespace the profile declares', control: NS_ADMINISTRATIVE_BOUNDARY },
  token: { id: 'no-automounted-token', title: 'API tokens are not automounted', control: SA_NO_AUTOMOUNT },
} as const satisfies Record<string, WorkloadRule>;

/** One way a workload fails the profile. */
export interface WorkloadViolation {
  /** The rule broken. */
  readonly rule: WorkloadRule;
  /** The admission rule, when the violation is one admission would deny. */
  readonly admissionRule?: AdmissionRule;
  /** Workload kind, e.g. `Deployment`. */
  readonly kind: string;
  /** Workload name. */
  readonly name: string;
  /** Namespace the workload runs in (`default` when the manifest names none). */
  readonly namespace: string;
  /** Field path in the manifest, e.g. `spec.template.spec.containers[0].securityContext.runAsNonRoot`. */
  readonly field: string;
  /** The full message: workload, namespace, control, rule, what to change and the field path. */
  readonly message: string;
}

/** Loosely typed manifest. */
type Json = Record<string, any>;

/** The kinds the check looks at. */
export { POD_TEMPLATE_PATHS } from '../admission';
export const WORKLOAD_KINDS: readonly string[] = ['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ReplicationController', 'Job', 'CronJob'];

/**
 * Checks every workload among `manifests` (other objects are context: ServiceAccounts) against
 * the profile. Violations come out in manifest order, then rule order, then field order.
 */
export function checkWorkloads(manifests: readonly unknown[], profile: ResolvedProfile): WorkloadViolation[] {
  const objects = manifests.filter((m): m is Json => typeof m === 'object' && m !== null && !Array.isArray(m));
  const serviceAccounts = new Map<string, Json>();
  for (const o of objects) {
    if (o.kind === 'ServiceAccount' && o.metadata?.name) serviceAccounts.set(`${o.metadata.namespace ?? 'default'}/${o.metadata.name}`, o);
  }
  const ctx: RuleContext = {
    minor: minorOf(profile.cluster.kubernetesVersion),
    params: { allowedRegistries: profile.admission?.allowedRegistries ?? [], requiredLabels: profile.admission?.requiredLabels ?? [] },
  };
  return objects.flatMap((o) => checkWorkload(o, profile, ctx, serviceAccounts));
}

function checkWorkload(obj: Json, profile: ResolvedProfile, ctx: RuleContext, serviceAccounts: ReadonlyMap<string, Json>): WorkloadViolation[] {
  const found = podTemplateOf(obj);
  if (!found || typeof obj.apiVersion !== 'string') return [];
  const pod = withApiServerDefaults(found.template);
  const spec: Json = pod.spec;
  const prefix = found.path.length ? `${found.path.join('.')}.` : '';
  const kind: string = obj.kind;
  const name: string = obj.metadata?.name ?? '<unnamed>';
  const namespace: string = obj.metadata?.namespace ?? 'default';
  const ns = profile.namespaces.find((n) => n.name === namespace);
  const tier: TierName = ns?.tier ?? 'production';
  const nsExceptions = exceptionsForNamespace(profile, namespace);
  const excepted = new Set(nsExceptions.map((e) => e.control));
  // The one meaning of an exception's scope (issue 20): the narrowest exception lifting this rule for this object.
  const scoped = scopedObjectOf(obj, namespace);
  const lifting = (rule: AdmissionRule) => liftingException(nsExceptions, { id: rule.id, control: rule.control.id }, scoped);
  const out: WorkloadViolation[] = [];
  const violate = (rule: WorkloadRule, field: string, what: string, why = '', admissionRule?: AdmissionRule) => {
    const against = rule.control ? `${rule.control.id} (${rule.id}: ${rule.title}${why})` : `hardline rule ${rule.id} (${rule.title}${why})`;
    const fieldPath = field === 'metadata.namespace' ? field : `${prefix}${field}`;
    out.push({
      rule,
      ...(admissionRule ? { admissionRule } : {}),
      kind,
      name,
      namespace,
      field: fieldPath,
      message: `${kind} "${name}" in namespace "${namespace}" breaks ${against}: ${what} (${fieldPath})`,
    });
  };

  if (!ns && !excepted.has(NS_ADMINISTRATIVE_BOUNDARY.id)) {
    violate(WORKLOAD_RULES.namespace, 'metadata.namespace', `namespace "${namespace}" is not declared in profile "${profile.name}"; declare it or deploy into a declared namespace`);
  }

  // Pod Security: what Pod Security Admission (and Kyverno's copy of it) denies at the level the namespace enforces.
  const level: PodSecurityLevelName = ns ? (ns.podSecurity ?? profile.tiers[ns.tier].enforce) : profile.tiers.production.enforce;
  const where = ns
    ? `, ${level} Pod Security enforced in ${ns.tier} namespace "${namespace}" at 1.${ctx.minor}`
    : `, ${level} Pod Security: the production default for an undeclared namespace`;
  for (const rule of podSecurityRulesFor(level, ctx.minor)) {
    const control = profile.admission ? rule.control : rule.level === 'restricted' ? POD_SECURITY_RESTRICTED : POD_SECURITY_BASELINE;
    for (const f of rule.check(pod, ctx)) violate({ id: rule.id, title: rule.title, control }, f.field, f.message, where, rule);
  }
  // Where a workload-scoped Pod Security exception had PSA lowered, the admission policies keep the
  // stronger level for every workload it does not name (hardline.dev/pod-security-enforce).
  const kept = ns ? scopedEnforceLevel(profile, ns) : undefined;
  if (kept) {
    const psaRules = new Set(podSecurityRulesFor(level, ctx.minor).map((r) => r.id));
    for (const rule of podSecurityRulesFor(kept, ctx.minor)) {
      if (psaRules.has(rule.id) || lifting(rule)) continue;
      const why = `, ${kept} Pod Security kept by the admission policies in ${ns!.tier} namespace "${namespace}" for every workload no exception names`;
      for (const f of rule.check(pod, ctx)) violate({ id: rule.id, title: rule.title, control: rule.control }, f.field, f.message, why, rule);
    }
  }

  // hardline rules: what the Kyverno policies deny in this tier, unless an exception lifts the control here,
  // or an HL-ADM-009 exception naming this namespace has them only audit here.
  const audited = nsExceptions.some((e) => e.control === ADM_ENFORCEMENT.id && e.namespaces?.includes(namespace));
  if (profile.admission && profile.admission.enforcement[tier] === 'Enforce' && !audited) {
    for (const rule of rulesAt(ctx.minor, ctx.params)) {
      if (rule.level || lifting(rule)) continue;
      if (rule.scope === 'digest-tiers' && !profile.admission.digestTiers.includes(tier)) continue;
      for (const f of rule.check(pod, ctx)) violate({ id: rule.id, title: rule.title, control: rule.control }, f.field, f.message, `, denied in ${tier}`, rule);
    }
  }

  // Build time only: the workload's API token is not automounted.
  const saName: string = spec.serviceAccountName || 'default';
  const sa = serviceAccounts.get(`${namespace}/${saName}`);
  const saMounts = saName === 'default' && ns ? false : sa?.automountServiceAccountToken !== false;
  if (!excepted.has(SA_NO_AUTOMOUNT.id) && (spec.automountServiceAccountToken === true || (spec.automountServiceAccountToken === undefined && saMounts))) {
    const from =
      spec.automountServiceAccountToken === true
        ? 'the pod sets automountServiceAccountToken: true'
        : `ServiceAccount "${saName}" ${sa ? 'automounts its token' : 'is not in the app, so its token may be mounted'}`;
    violate(WORKLOAD_RULES.token, 'spec.automountServiceAccountToken', `${from}; set automountServiceAccountToken: false (or add an exception for ${SA_NO_AUTOMOUNT.id})`);
  }
  return out;
}
