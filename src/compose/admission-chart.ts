/**
 * Composes `spec.admission` into the cluster-scoped Kyverno policy chart (`cluster/kyverno/`) and the
 * Kyverno CLI test shipped next to it.
 */
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { Tier } from '../../constructs/hardened-namespace';
import { KyvernoPolicySet } from '../../constructs/kyverno-policy-set';
import { KyvernoTamperProtectionPolicy } from '../../constructs/kyverno-tamper-protection-policy';
import { KyvernoEnforcement } from '../../constructs/kyverno-validating-policy';
import { ADM_ENFORCEMENT } from '../controls';
import { ResolvedAdmission, ResolvedProfile } from '../profile/types';
import { ComposedChart } from './compose-profile';
import { addImageSignaturePolicies, SignedImagePolicySummary } from './image-signatures';
import { kyvernoCliTestFiles, testNamespaces } from './kyverno-cli-test';

/** Output folder of the admission policies. */
export const KYVERNO_FOLDER = 'cluster/kyverno';

/** The chart holding the Kyverno policy set of a profile. */
export class AdmissionChart extends Chart {
  /** The policy set. */
  public readonly policySet: KyvernoPolicySet;
  /** The signed-image ImageValidatingPolicies (`spec.admission.imageSignatures`). */
  public readonly signedImagePolicies: readonly SignedImagePolicySummary[];

  constructor(scope: Construct, profile: ResolvedProfile, admission: ResolvedAdmission) {
    super(scope, 'kyverno', { disableResourceNameHashes: true });
    const declared = profile.namespaces.map((n) => n.name);
    // An exception without namespaces applies to every declared namespace, except for HL-ADM-009:
    // there it is the tier-wide one that lets a tier audit, while one naming namespaces audits only those.
    const exceptions = profile.exceptions.map((e) => (e.namespaces || e.control === ADM_ENFORCEMENT.id ? e : { ...e, namespaces: declared }));
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

/** Adds the admission chart and its CLI test to a composition, when the profile has `spec.admission`. */
export function composeAdmission(scope: Construct, profile: ResolvedProfile): { charts: ComposedChart[]; files: Map<string, string> } {
  if (!profile.admission) return { charts: [], files: new Map() };
  const chart = new AdmissionChart(scope, profile, profile.admission);
  return {
    charts: [{ folder: KYVERNO_FOLDER, chart }],
    files: kyvernoCliTestFiles(KYVERNO_FOLDER, profile.name, chart.policySet, profile.admission, testNamespaces(profile)),
  };
}
