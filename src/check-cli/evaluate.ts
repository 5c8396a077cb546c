/**
 * The one place `hardline check` meets the rule model: which rules apply to an object and what
 * they find. Workloads go through the admission rule model (`src/admission`) as the build-time
 * check applies it (`checkWorkloads`: the Pod Security checks the namespace enforces at the
 * profile's Kubernetes version, the hardline rules its Kyverno policies deny in that tier, lifted
 * by the same exceptions); RBAC objects through the RBAC guard rails; Namespaces through the
 * profile. Pure: no I/O.
 */
import { AdmissionRule, minorOf, rulesAt } from '../admission';
import { checkWorkloads, WORKLOAD_KINDS, WORKLOAD_RULES } from '../check/check-workloads';
import { Control, POD_SECURITY_BASELINE, POD_SECURITY_RESTRICTED } from '../controls';
import { ResolvedProfile } from '../profile/types';
import { NAMESPACE_RULES, namespaceFindings } from './namespace-checks';
import { RBAC_KINDS, RBAC_RULES, rbacFindings } from './rbac-checks';
import { ManifestObject } from './read-manifests';
import { CheckRule, Finding, ObjectVerdict } from './types';

/** The kinds `hardline check` checks; every other object is read (ServiceAccounts as context) but not judged. */
export const CHECKED_KINDS: readonly string[] = [...WORKLOAD_KINDS, ...RBAC_KINDS, 'Namespace'];

/**
 * The control an admission rule is reported under for `profile`, as the build-time check does:
 * with `spec.admission` (Kyverno policies), the rule's own HL-ADM control; without it, a Pod
 * Security check belongs to the namespace's Pod Security control (HL-POD-001 / HL-POD-002).
 */
function controlFor(rule: AdmissionRule, profile: ResolvedProfile): Control {
  if (profile.admission || !rule.level) return rule.control;
  return rule.level === 'restricted' ? POD_SECURITY_RESTRICTED : POD_SECURITY_BASELINE;
}

/** An admission rule as a check rule; it carries the rule's own claim when reported under the rule's control. */
function fromAdmission(rule: AdmissionRule, profile: ResolvedProfile): CheckRule {
  const control = controlFor(rule, profile);
  return { id: rule.id, title: rule.title, control, ...(control === rule.control ? { claim: rule.claim } : {}) };
}

/** Every rule `hardline check` applies for `profile`, sorted by id (the SARIF rule list). */
export function checkRules(profile: ResolvedProfile): CheckRule[] {
  const minor = minorOf(profile.cluster.kubernetesVersion);
  const params = { allowedRegistries: profile.admission?.allowedRegistries ?? [], requiredLabels: profile.admission?.requiredLabels ?? [] };
  // Pod Security checks always (the namespace level decides); hardline rules only with Kyverno policies.
  const admission = rulesAt(minor, params).filter((r) => r.level !== undefined || profile.admission !== undefined);
  const byId = new Map<string, CheckRule>();
  for (const r of [...admission.map((a) => fromAdmission(a, profile)), ...Object.values(WORKLOAD_RULES), ...RBAC_RULES, ...Object.values(NAMESPACE_RULES)]) {
    if (!byId.has(r.id)) byId.set(r.id, r);
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Checks every object of a checked kind against `profile`; verdicts come in input order. */
export function evaluateObjects(objects: readonly ManifestObject[], profile: ResolvedProfile): ObjectVerdict[] {
  // Workload rules read ServiceAccounts of the same input (automountServiceAccountToken).
  const serviceAccounts = objects.map((o) => o.object).filter((o) => o.kind === 'ServiceAccount');
  const out: ObjectVerdict[] = [];
  for (const manifest of objects) {
    const obj = manifest.object as Record<string, any>;
    const kind = obj.kind as string;
    let findings: Finding[];
    let namespace: string | undefined;
    if (WORKLOAD_KINDS.includes(kind)) {
      namespace = obj.metadata?.namespace ?? 'default';
      findings = checkWorkloads([obj, ...serviceAccounts], profile).map((v) => ({
        rule: v.admissionRule ? fromAdmission(v.admissionRule, profile) : v.rule,
        field: v.field,
        message: v.message,
      }));
    } else if (RBAC_KINDS.includes(kind)) {
      namespace = kind === 'Role' || kind === 'RoleBinding' ? (obj.metadata?.namespace ?? 'default') : undefined;
      findings = rbacFindings(obj, profile);
    } else if (kind === 'Namespace') {
      findings = namespaceFindings(obj, profile);
    } else {
      continue;
    }
    out.push({ manifest, kind, name: typeof obj.metadata?.name === 'string' ? obj.metadata.name : '<unnamed>', namespace, findings });
  }
  return out;
}
