/**
 * Composes `spec.admission.imageSignatures` into Kyverno ImageValidatingPolicies (one per rule and
 * enforcement mode, matching tiers like the rest of the admission set) and the PolicyExceptions of the
 * profile's HL-IMG-001 exceptions.
 */
import { Construct } from 'constructs';
import { Tier } from '../../constructs/hardened-namespace';
import { KyvernoEnforcement } from '../../constructs/kyverno-validating-policy';
import { KyvernoImageValidatingPolicy } from '../../constructs/kyverno-image-validating-policy';
import { KyvernoPolicyApi, KyvernoPolicyException } from '../../constructs/kyverno-policy-exception';
import { ADM_ENFORCEMENT, ControlException, IMG_SIGNED_IMAGES } from '../controls';
import { ResolvedAdmission } from '../profile/types';

/** One emitted signed-image policy. */
export interface SignedImagePolicySummary {
  /** Policy name, `hl-signed-<rule>-<mode>`. */
  readonly name: string;
  /** The profile rule it comes from. */
  readonly rule: string;
  /** Tiers it applies to. */
  readonly tiers: readonly string[];
  /** Enforcement. */
  readonly enforcement: KyvernoEnforcement;
}

const TIERS = [Tier.PRODUCTION, Tier.STAGING, Tier.DEVELOPMENT];

/** Adds the signed-image policies and their exceptions to `scope`; returns the policies in emission order. */
export function addImageSignaturePolicies(
  scope: Construct,
  admission: ResolvedAdmission,
  exceptions: readonly ControlException[],
): SignedImagePolicySummary[] {
  const out: SignedImagePolicySummary[] = [];
  const auditException = exceptions.find((e) => e.control === ADM_ENFORCEMENT.id);
  for (const rule of admission.imageSignatures) {
    for (const mode of [KyvernoEnforcement.ENFORCE, KyvernoEnforcement.AUDIT]) {
      const tiers = TIERS.filter((t) => (admission.enforcement[t] as KyvernoEnforcement) === mode);
      if (tiers.length === 0) continue;
      const name = `hl-signed-${rule.name}-${mode.toLowerCase()}`;
      // As for the other admission policies: denying is HL-ADM-009; auditing production is it relaxed by its exception.
      const enforced = mode === KyvernoEnforcement.ENFORCE;
      const relaxed = !enforced && tiers.includes(Tier.PRODUCTION);
      new KyvernoImageValidatingPolicy(scope, name, {
        name,
        images: rule.images,
        publicKeys: rule.publicKeys,
        keyless: rule.keyless,
        tiers,
        enforcement: mode,
        extraControls: enforced || relaxed ? [ADM_ENFORCEMENT] : [],
        exceptions: relaxed && auditException ? [auditException] : [],
      });
      out.push({ name, rule: rule.name, tiers, enforcement: mode });
    }
  }
  if (out.length === 0) return out;
  for (const ex of exceptions.filter((e) => e.control === IMG_SIGNED_IMAGES.id)) {
    for (const ns of ex.namespaces ?? []) {
      new KyvernoPolicyException(scope, `exception-${ex.control}-${ns}`, {
        name: `${ex.control.toLowerCase()}-${ns}`,
        namespace: ns,
        exception: ex,
        policies: out.map((p) => ({ name: p.name })),
        controls: [IMG_SIGNED_IMAGES],
        api: KyvernoPolicyApi.VALIDATING_POLICY,
        policyKind: 'ImageValidatingPolicy',
      });
    }
  }
  return out;
}
