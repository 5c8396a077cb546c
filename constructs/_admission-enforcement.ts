/**
 * What both admission engines (Kyverno and native ValidatingAdmissionPolicy) decide the same way
 * from the rule model: which controls a profile exception lifts through the policy set itself,
 * and which part of HL-ADM-009 a denying policy or binding claims.
 * @internal
 */
import { AdmissionRule } from '../src/admission';
import {
  ADM_ALLOWED_REGISTRIES,
  ADM_ENFORCEMENT,
  ADM_IMAGE_PINNING,
  ADM_NO_DEFAULT_SA,
  ADM_NO_SECRET_ENV,
  ADM_PSS_BASELINE,
  ADM_PSS_RESTRICTED,
  ADM_REQUIRED_LABELS,
  ADM_RESOURCES,
  claimOf,
  ControlClaim,
  ControlException,
} from '../src/controls';

/**
 * Controls a profile exception may lift namespace-wide through the policy set (a Kyverno
 * PolicyException, a native binding's excluded namespaces). HL-POD-001/002 are not among them: a
 * namespace excepted from restricted (baseline) Pod Security carries the weaker PSA labels, and the
 * Pod Security policies follow those labels; only a workload-scoped HL-POD exception lifts policies.
 * @internal
 */
export const EXCEPTABLE: ReadonlySet<string> = new Set(
  [ADM_PSS_BASELINE, ADM_PSS_RESTRICTED, ADM_ALLOWED_REGISTRIES, ADM_IMAGE_PINNING, ADM_REQUIRED_LABELS, ADM_RESOURCES, ADM_NO_SECRET_ENV, ADM_NO_DEFAULT_SA].map(
    (c) => c.id,
  ),
);

/**
 * The part of HL-ADM-009 a denying policy or binding implements: CIS 5.2.1, and CC6.8 where the
 * rule is about software.
 * @internal
 */
export function enforcementClaim(rule: AdmissionRule): ControlClaim {
  const software = rule.claim.soc2.some((s) => s.id === 'CC6.8');
  return claimOf(ADM_ENFORCEMENT, { cis: ['5.2.1'], soc2: software ? ['CC6.8'] : [] }, '1.10');
}

/** Why a policy set refuses production on Audit: only a tier-wide HL-ADM-009 exception allows it. @internal */
export const PRODUCTION_AUDIT_NEEDS_EXCEPTION =
  'admission policies would only audit in production (HL-ADM-009); add an exception for HL-ADM-009 without namespaces ' +
  '(it covers the whole tier) with a reason, owner and expiry. An HL-ADM-009 exception naming namespaces audits only those.';

/**
 * The HL-ADM-009 exceptions, split by scope: those naming no namespaces (the whole tier may audit),
 * those naming namespaces (exactly those audit), and every namespace the latter name, sorted. A
 * namespace named by two of them is refused: its audit would have two reasons. Both engines read them
 * so: one naming namespaces audits exactly those in the tiers that deny. @internal
 */
export function enforcementExceptions(exceptions: readonly ControlException[]): {
  tierWide: ControlException[];
  scoped: ControlException[];
  namespaces: string[];
} {
  const own = exceptions.filter((e) => e.control === ADM_ENFORCEMENT.id);
  const scoped = own.filter((e) => e.namespaces !== undefined);
  const seen = new Set<string>();
  for (const e of scoped) {
    if (e.namespaces!.length === 0) throw new Error('an exception for HL-ADM-009 names an empty list of namespaces; name at least one, or leave namespaces out for the whole tier.');
    for (const ns of new Set(e.namespaces)) {
      if (seen.has(ns)) throw new Error(`namespace "${ns}" is named by two exceptions for HL-ADM-009; one exception per control and namespace.`);
      seen.add(ns);
    }
  }
  return { tierWide: own.filter((e) => e.namespaces === undefined), scoped, namespaces: [...seen].sort() };
}
