/**
 * The profile model: the YAML document as written (`ProfileDocument`) and the fully resolved
 * profile after `extends` and defaults (`ResolvedProfile`).
 */
import { CisVersion, ControlException } from '../controls';

/** Namespace tiers. */
export type TierName = 'production' | 'staging' | 'development';

/** Pod Security Standard levels. */
export type PodSecurityLevelName = 'restricted' | 'baseline' | 'privileged';

/** Pod Security Admission modes of one tier. */
export interface TierPodSecurity {
  /** Level whose violations are rejected. */
  readonly enforce: PodSecurityLevelName;
  /** Level whose violations are audited. */
  readonly audit: PodSecurityLevelName;
  /** Level whose violations warn the client. */
  readonly warn: PodSecurityLevelName;
}

/** A profile document as written in YAML (after schema validation). */
export interface ProfileDocument {
  readonly apiVersion: 'hardline.dev/v1alpha1';
  readonly kind: 'Profile';
  readonly metadata: { readonly name: string; readonly description?: string };
  readonly extends?: readonly string[];
  readonly spec?: {
    readonly cluster?: { readonly name?: string; readonly kubernetesVersion?: string };
    readonly cisBenchmark?: CisVersion;
    readonly tiers?: { readonly [T in TierName]?: { readonly podSecurity?: Partial<TierPodSecurity> } };
    readonly namespaces?: readonly NamespaceSpec[];
    readonly exceptions?: readonly ControlException[];
    readonly admission?: AdmissionSpec;
  };
}

/** Kyverno enforcement of admission policies. */
export type EnforcementName = 'Enforce' | 'Audit';

/** `spec.admission`: the Kyverno admission policy set (issue 8). Absent: no policies are emitted. */
export interface AdmissionSpec {
  /** Kyverno minor version, quoted: "1.17" (default) and later → ValidatingPolicy; "1.13"–"1.16" → ClusterPolicy. */
  readonly kyvernoVersion?: string;
  /** Registry prefixes images may come from. */
  readonly allowedRegistries?: readonly string[];
  /** Labels every Pod (template) must carry. */
  readonly requiredLabels?: readonly string[];
  /** Tiers whose images must be pinned by digest: production (default), all or none. */
  readonly requireDigest?: 'production' | 'all' | 'none';
  /** Enforcement per tier; Audit in production needs an exception to HL-ADM-009. */
  readonly enforcement?: { readonly [T in TierName]?: EnforcementName };
}

/** `spec.admission` with defaults applied. */
export interface ResolvedAdmission {
  /** Kyverno minor version. */
  readonly kyvernoVersion: string;
  /** Registry prefixes, sorted. */
  readonly allowedRegistries: readonly string[];
  /** Required labels, sorted. */
  readonly requiredLabels: readonly string[];
  /** Tiers whose images must be pinned by digest. */
  readonly digestTiers: readonly TierName[];
  /** Enforcement per tier. */
  readonly enforcement: { readonly [T in TierName]: EnforcementName };
}

/** One namespace of a profile. */
export interface NamespaceSpec {
  /** DNS-1123 label, unique in the profile. */
  readonly name: string;
  /** Tier; defaults to production, the most secure. */
  readonly tier?: TierName;
  /** Pod Security level to enforce; defaults per tier. */
  readonly podSecurity?: PodSecurityLevelName;
  /** Extra labels on the Namespace. */
  readonly labels?: { readonly [key: string]: string };
}

/** A namespace with its defaults applied. */
export interface ResolvedNamespace {
  /** Namespace name. */
  readonly name: string;
  /** Tier. */
  readonly tier: TierName;
  /** Explicit Pod Security level, if the profile set one. */
  readonly podSecurity?: PodSecurityLevelName;
  /** Extra labels. */
  readonly labels: { readonly [key: string]: string };
}

/** A profile ready to synthesize: extends merged, defaults applied, inputs sorted. */
export interface ResolvedProfile {
  /** `metadata.name` of the leaf profile. */
  readonly name: string;
  /** `metadata.description`, if any. */
  readonly description?: string;
  /** The file the profile was loaded from, as given. */
  readonly file: string;
  /** Files merged into it, base first, the leaf last. */
  readonly sources: readonly string[];
  /** Target cluster. */
  readonly cluster: { readonly name: string; readonly kubernetesVersion: string };
  /** CIS benchmark version used for annotations. */
  readonly cisVersion: CisVersion;
  /** Pod Security Admission modes per tier. */
  readonly tiers: { readonly [T in TierName]: TierPodSecurity };
  /** Namespaces, sorted by name. */
  readonly namespaces: readonly ResolvedNamespace[];
  /** Exceptions, sorted by control then namespaces; all valid and unexpired on the load date. */
  readonly exceptions: readonly ControlException[];
  /** The admission policy set, when the profile asks for one. */
  readonly admission?: ResolvedAdmission;
}
