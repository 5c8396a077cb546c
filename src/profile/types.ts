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
    readonly cluster?: { readonly name?: string; readonly kubernetesVersion?: string; readonly apiServer?: ApiServerSpec };
    readonly cisBenchmark?: CisVersion;
    readonly tiers?: { readonly [T in TierName]?: { readonly podSecurity?: Partial<TierPodSecurity> } };
    readonly namespaces?: readonly NamespaceSpec[];
    readonly exceptions?: readonly ControlException[];
    readonly rbac?: RbacSpec;
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
  /** Workload ServiceAccounts. */
  readonly serviceAccounts?: readonly ServiceAccountSpec[];
  /** Flows allowed on top of default-deny. */
  readonly allow?: AllowSpec;
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
  /** Workload ServiceAccounts, sorted by name (absent when none). */
  readonly serviceAccounts?: readonly ServiceAccountSpec[];
  /** Declared flows, each direction sorted by name (absent when none). */
  readonly allow?: AllowSpec;
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
  /** Target cluster (apiServer only when declared). */
  readonly cluster: { readonly name: string; readonly kubernetesVersion: string; readonly apiServer?: Required<ApiServerSpec> };
  /** CIS benchmark version used for annotations. */
  readonly cisVersion: CisVersion;
  /** Pod Security Admission modes per tier. */
  readonly tiers: { readonly [T in TierName]: TierPodSecurity };
  /** Namespaces, sorted by name. */
  readonly namespaces: readonly ResolvedNamespace[];
  /** Exceptions, sorted by control then namespaces; all valid and unexpired on the load date. */
  readonly exceptions: readonly ControlException[];
  /** RBAC bindings and cluster readers, merged over the extends chain (absent when none). */
  readonly rbac?: RbacSpec;
}

// ---- Least privilege (issue 3): RBAC, workload ServiceAccounts, declared flows ----

/** The API server endpoints egress flows may opt in to. */
export interface ApiServerSpec {
  /** CIDRs of the API server endpoints. */
  readonly cidrs: readonly string[];
  /** Port; 443 when absent. */
  readonly port?: number;
}

/** A workload ServiceAccount. */
export interface ServiceAccountSpec {
  /** DNS-1123 name, not `default`. */
  readonly name: string;
  /** Mount an API token (needs an HL-SA-002 exception). */
  readonly automountToken?: boolean;
}

/** Labels selecting pods. */
export type LabelsSpec = { readonly [key: string]: string };

/** A port of a flow. */
export interface FlowPortSpec {
  /** Number or named port. */
  readonly port: number | string;
  /** Protocol; TCP when absent. */
  readonly protocol?: 'TCP' | 'UDP' | 'SCTP';
}

/** A peer of a flow: a declared namespace and/or pod labels, or a CIDR. */
export interface FlowPeerSpec {
  /** A namespace declared in the profile. */
  readonly namespace?: string;
  /** Labels of the peer pods. */
  readonly podSelector?: LabelsSpec;
  /** An IP block. */
  readonly cidr?: string;
  /** Addresses of the IP block left out. */
  readonly except?: readonly string[];
}

/** One declared flow; ingress uses `from`, egress `to` or `apiServer`. */
export interface FlowSpec {
  /** Name suffix of the policy (`allow-ingress-<name>`, `allow-egress-<name>`). */
  readonly name: string;
  /** Pods of this namespace the flow applies to; all when absent. */
  readonly podSelector?: LabelsSpec;
  /** Ingress peers. */
  readonly from?: readonly FlowPeerSpec[];
  /** Egress peers. */
  readonly to?: readonly FlowPeerSpec[];
  /** Ports. */
  readonly ports?: readonly FlowPortSpec[];
  /** Egress to the API server endpoints of spec.cluster.apiServer. */
  readonly apiServer?: boolean;
}

/** Flows of a namespace. */
export interface AllowSpec {
  /** Ingress flows. */
  readonly ingress?: readonly FlowSpec[];
  /** Egress flows. */
  readonly egress?: readonly FlowSpec[];
}

/** Access levels of `spec.rbac.bindings`. */
export type AccessLevelName = 'read-only' | 'deployer' | 'namespace-admin';

/** An RBAC subject. */
export interface SubjectSpec {
  /** Group (OIDC), User or ServiceAccount. */
  readonly kind: 'Group' | 'User' | 'ServiceAccount';
  /** Name. */
  readonly name: string;
  /** ServiceAccount namespace; default: the binding's namespace. */
  readonly namespace?: string;
}

/** An access level granted to subjects in namespaces. */
export interface RbacBindingSpec {
  /** Declared namespaces. */
  readonly namespaces: readonly string[];
  /** Access level. */
  readonly access: AccessLevelName;
  /** Who gets it. */
  readonly subjects: readonly SubjectSpec[];
  /** Add secrets read (needs HL-RBAC-003 exceptions). */
  readonly grantSecretsRead?: boolean;
}

/** `spec.rbac`. */
export interface RbacSpec {
  /** Namespaced access. */
  readonly bindings?: readonly RbacBindingSpec[];
  /** Subjects with read access to cluster-scoped kinds. */
  readonly clusterReaders?: readonly SubjectSpec[];
}
