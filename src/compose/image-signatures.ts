/**
 * Composes `spec.admission.imageSignatures` into Kyverno ImageValidatingPolicies (one per rule and
 * enforcement mode, matching tiers like the rest of the admission set) and the PolicyExceptions of the
 * profile's HL-IMG-001 exceptions.
 */
import { Construct } from 'constructs';
import { Tier } from '../../constructs/hardened-namespace';
import { KyvernoEnforcement, NamespaceNameMatch } from '../../constructs/kyverno-validating-policy';
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
  // As for KyvernoPolicySet: a tier-wide HL-ADM-009 exception lets a tier audit; one naming namespaces
  // audits exactly those (the denying policy leaves them out, an Audit policy per exception selects them).
  const own = exceptions.filter((e) => e.control === ADM_ENFORCEMENT.id);
  const tierWide = own.filter((e) => e.namespaces === undefined);
  const scoped = own.filter((e) => e.namespaces !== undefined && e.namespaces.length > 0);
  const leftOut = [...new Set(scoped.flatMap((e) => e.namespaces!))].sort();
  for (const rule of admission.imageSignatures) {
    const add = (name: string, tiers: Tier[], mode: KyvernoEnforcement, relaxedBy: readonly ControlException[] | undefined, namespaces?: NamespaceNameMatch) => {
      // Denying is HL-ADM-009; auditing production (or excepted namespaces) is it relaxed by its exception.
      const enforced = mode === KyvernoEnforcement.ENFORCE;
      new KyvernoImageValidatingPolicy(scope, name, {
        name,
        images: rule.images,
        publicKeys: rule.publicKeys,
        keyless: rule.keyless,
        tiers,
        enforcement: mode,
        ...(namespaces ? { namespaces } : {}),
        extraControls: enforced || relaxedBy ? [ADM_ENFORCEMENT] : [],
        exceptions: relaxedBy ?? [],
      });
      out.push({ name, rule: rule.name, tiers, enforcement: mode });
    };
    for (const mode of [KyvernoEnforcement.ENFORCE, KyvernoEnforcement.AUDIT]) {
      const tiers = TIERS.filter((t) => (admission.enforcement[t] as KyvernoEnforcement) === mode);
      if (tiers.length === 0) continue;
      const name = `hl-signed-${rule.name}-${mode.toLowerCase()}`;
      const enforced = mode === KyvernoEnforcement.ENFORCE;
      const relaxed = !enforced && tiers.includes(Tier.PRODUCTION);
      add(name, tiers, mode, relaxed ? tierWide : undefined, enforced && leftOut.length > 0 ? { operator: 'NotIn', names: leftOut } : undefined);
    }
    const denying = TIERS.filter((t) => (admission.enforcement[t] as KyvernoEnforcement) === KyvernoEnforcement.ENFORCE);
    scoped.forEach((ex, i) => {
      if (denying.length === 0) return;
      add(`hl-signed-${rule.name}-audit-excepted${i > 0 ? `-${i + 1}` : ''}`, denying, KyvernoEnforcement.AUDIT, [ex], { operator: 'In', names: ex.namespaces! });
    });
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
