/**
 * Composes `spec.admission` into the cluster-scoped Kyverno policy chart (`cluster/kyverno/`) and the
 * Kyverno CLI test shipped next to it, or, with `engine: kubernetes`, into the native chart.
 */
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { Tier } from '../../constructs/hardened-namespace';
import { KyvernoPolicySet } from '../../constructs/kyverno-policy-set';
import { KyvernoTamperProtectionPolicy } from '../../constructs/kyverno-tamper-protection-policy';
import { KyvernoEnforcement } from '../../constructs/kyverno-validating-policy';
import { ResolvedAdmission, ResolvedProfile } from '../profile/types';
import { ComposedChart } from './compose-profile';
import { addImageSignaturePolicies, SignedImagePolicySummary } from './image-signatures';
import { kyvernoCliTestFiles, testNamespaces } from './kyverno-cli-test';
import { exceptionsInNamespaces, NATIVE_ADMISSION_FOLDER, NativeAdmissionChart, SignedImageChart } from './native-admission-chart';
import { nativeCliTestFiles } from './native-cli-test';

/** Output folder of the admission policies. */
export const KYVERNO_FOLDER = 'cluster/kyverno';

/** The chart holding the Kyverno policy set of a profile (engine kyverno). */
export class AdmissionChart extends Chart {
  /** The policy set. */
  public readonly policySet: KyvernoPolicySet;
  /** The signed-image ImageValidatingPolicies (`spec.admission.imageSignatures`). */
  public readonly signedImagePolicies: readonly SignedImagePolicySummary[];

  constructor(scope: Construct, profile: ResolvedProfile, admission: ResolvedAdmission) {
    super(scope, 'kyverno', { disableResourceNameHashes: true });
    const exceptions = exceptionsInNamespaces(profile);
    this.policySet = new KyvernoPolicySet(this, 'PolicySet', {
      kyvernoVersion: admission.kyvernoVersion,
      allowedRegistries: admission.allowedRegistries,
      requiredLabels: admission.requiredLabels,
      digestTiers: admission.digestTiers as Tier[],
      enforcement: admission.enforcement as { [T in Tier]: KyvernoEnforcement },
      exceptions,
    });
    // HL-ADM-010: hardline's objects change only through the profile's GitOps identities.
    new KyvernoTamperProtectionPolicy(this, 'TamperProtection', { kyvernoVersion: admission.kyvernoVersion, managers: admission.managers });
    this.signedImagePolicies = addImageSignaturePolicies(this, admission, exceptions);
  }
}

/**
 * Adds the admission charts to a composition, when the profile has `spec.admission`: with the
 * kyverno engine the Kyverno chart and its CLI test; with the kubernetes engine the native chart
 * (`cluster/admission/`) with its own Kyverno CLI test of the ValidatingAdmissionPolicies and
 * bindings (`cluster/admission/tests/`) and, for signed images only, a Kyverno chart.
 */
export function composeAdmission(scope: Construct, profile: ResolvedProfile): { charts: ComposedChart[]; files: Map<string, string> } {
  if (!profile.admission) return { charts: [], files: new Map() };
  if (profile.admission.engine === 'kubernetes') {
    const native = new NativeAdmissionChart(scope, profile, profile.admission);
    const charts: ComposedChart[] = [{ folder: NATIVE_ADMISSION_FOLDER, chart: native }];
    if (profile.admission.imageSignatures.length > 0) charts.push({ folder: KYVERNO_FOLDER, chart: new SignedImageChart(scope, profile, profile.admission) });
    const params = { allowedRegistries: profile.admission.allowedRegistries, requiredLabels: profile.admission.requiredLabels };
    return { charts, files: nativeCliTestFiles(NATIVE_ADMISSION_FOLDER, profile.name, native.policySet, params, testNamespaces(profile)) };
  }
  const chart = new AdmissionChart(scope, profile, profile.admission);
  return {
    charts: [{ folder: KYVERNO_FOLDER, chart }],
    files: kyvernoCliTestFiles(KYVERNO_FOLDER, profile.name, chart.policySet, profile.admission, testNamespaces(profile)),
  };
}
