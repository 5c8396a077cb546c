/**
 * Composes `spec.admission` with `engine: kubernetes` into the cluster-scoped chart of native
 * admission objects (`cluster/admission/`): the rule model's ValidatingAdmissionPolicies and
 * bindings, and the native tamper protection. Signed images have no native equivalent: their Kyverno
 * ImageValidatingPolicies still go to `cluster/kyverno/` (they need Kyverno on the cluster).
 */
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { Tier } from '../../constructs/hardened-namespace';
import { KyvernoEnforcement } from '../../constructs/kyverno-validating-policy';
import { NativeAdmissionPolicySet } from '../../constructs/native-admission-policy-set';
import { NativeTamperProtectionPolicy } from '../../constructs/native-tamper-protection-policy';
import { ADM_ENFORCEMENT, ControlException } from '../controls';
import { ResolvedAdmission, ResolvedProfile } from '../profile/types';
import { addImageSignaturePolicies, SignedImagePolicySummary } from './image-signatures';

/** Output folder of the native admission objects. */
export const NATIVE_ADMISSION_FOLDER = 'cluster/admission';

/**
 * The profile's exceptions as the admission sets take them: one without namespaces applies to every
 * declared namespace, except for HL-ADM-009, where the tier-wide exception is what lets a tier audit
 * (one naming namespaces audits only those). Both engines use it, so they relax the same namespaces.
 */
export function exceptionsInNamespaces(profile: ResolvedProfile): ControlException[] {
  const declared = profile.namespaces.map((n) => n.name);
  return profile.exceptions.map((e) => (e.namespaces || e.control === ADM_ENFORCEMENT.id ? e : { ...e, namespaces: declared }));
}

/** The chart holding the native admission policy set and tamper protection of a profile. */
export class NativeAdmissionChart extends Chart {
  /** The policy set. */
  public readonly policySet: NativeAdmissionPolicySet;
  /** The tamper protection. */
  public readonly tamperProtection: NativeTamperProtectionPolicy;

  constructor(scope: Construct, profile: ResolvedProfile, admission: ResolvedAdmission) {
    super(scope, 'admission', { disableResourceNameHashes: true });
    this.policySet = new NativeAdmissionPolicySet(this, 'PolicySet', {
      allowedRegistries: admission.allowedRegistries,
      requiredLabels: admission.requiredLabels,
      digestTiers: admission.digestTiers as Tier[],
      enforcement: admission.enforcement as { [T in Tier]: KyvernoEnforcement },
      exceptions: exceptionsInNamespaces(profile),
    });
    // HL-ADM-010: hardline's objects change only through the profile's GitOps identities.
    this.tamperProtection = new NativeTamperProtectionPolicy(this, 'TamperProtection', { managers: admission.managers });
  }
}

/**
 * The Kyverno chart of a native-engine profile: only its signed-image ImageValidatingPolicies and
 * their PolicyExceptions (`spec.admission.imageSignatures` needs Kyverno under either engine).
 */
export class SignedImageChart extends Chart {
  /** The signed-image ImageValidatingPolicies. */
  public readonly signedImagePolicies: readonly SignedImagePolicySummary[];

  constructor(scope: Construct, profile: ResolvedProfile, admission: ResolvedAdmission) {
    super(scope, 'kyverno', { disableResourceNameHashes: true });
    this.signedImagePolicies = addImageSignaturePolicies(this, admission, exceptionsInNamespaces(profile));
  }
}
