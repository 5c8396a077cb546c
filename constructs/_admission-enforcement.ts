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
