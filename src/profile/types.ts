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
  };
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
  /** Where `cluster.name` was written (for fleet-wide problems such as two profiles for one cluster). */
  readonly clusterNameAt?: { readonly file: string; readonly line: number; readonly column: number };
  /** CIS benchmark version used for annotations. */
  readonly cisVersion: CisVersion;
  /** Pod Security Admission modes per tier. */
  readonly tiers: { readonly [T in TierName]: TierPodSecurity };
  /** Namespaces, sorted by name. */
  readonly namespaces: readonly ResolvedNamespace[];
  /** Exceptions, sorted by control then namespaces; all valid and unexpired on the load date. */
  readonly exceptions: readonly ControlException[];
}
