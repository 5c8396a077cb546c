/**
 * The profile model: the YAML document as written (`ProfileDocument`) and the fully resolved
 * profile after `extends` and defaults (`ResolvedProfile`).
 */
import { CisVersion, ControlException } from '../controls';

/** Who runs the cluster's control plane: the user (`self-managed`) or a managed Kubernetes service. */
export type ClusterProvider = ProviderName;

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
    readonly cluster?: ClusterSpec;
    readonly cisBenchmark?: CisVersion;
    readonly tiers?: { readonly [T in TierName]?: { readonly podSecurity?: Partial<TierPodSecurity>; readonly quota?: QuotaSpec } };
    readonly namespaces?: readonly NamespaceSpec[];
    readonly exceptions?: readonly ControlException[];
    readonly exceptionPolicy?: { readonly maxDays?: number };
    readonly rbac?: RbacSpec;
    readonly audit?: AuditSpec;
    readonly backup?: BackupSpec;
    readonly admission?: AdmissionSpec;
    readonly encryption?: EncryptionSpec;
  };
}

/** `spec.encryption`: encryption at rest of Secrets (issue 18). Absent: no EncryptionConfiguration is emitted. */
export interface EncryptionSpec {
  /** The KMS v2 plugin, the first provider. */
  readonly kms?: { readonly name: string; readonly endpoint: string; readonly timeout?: string };
  /** A local aescbc or secretbox key the operator supplies in a file (referenced, never embedded). */
  readonly localKey?: { readonly provider: 'aescbc' | 'secretbox'; readonly name: string; readonly keyFile: string };
  /** Encrypt ConfigMaps too (default false). */
  readonly configMaps?: boolean;
  /** identity as the last provider, to read data written before encryption (default false). */
  readonly readUnencrypted?: boolean;
  /** Path of the file on the control-plane nodes (default /etc/kubernetes/enc/encryption-config.yaml). */
  readonly configPath?: string;
}

/** Kyverno enforcement of admission policies. */
export type EnforcementName = 'Enforce' | 'Audit';

/** Who enforces the admission rules: Kyverno policies, or the API server's own ValidatingAdmissionPolicy (1.30+). */
export type AdmissionEngineName = 'kyverno' | 'kubernetes';

/** `spec.admission`: the admission policy set (issue 8). Absent: no policies are emitted. */
export interface AdmissionSpec {
  /** `kyverno` (default) or `kubernetes` (native ValidatingAdmissionPolicy + bindings; Kubernetes 1.30+). */
  readonly engine?: AdmissionEngineName;
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
  /** GitOps identities that may update and delete hardline's objects (HL-ADM-010); none: tampering is audited. */
  readonly managers?: readonly string[];
  /** Signed-image rules (issue 18), replaced by name across extends; each becomes Kyverno ImageValidatingPolicies. */
  readonly imageSignatures?: readonly ImageSignatureSpec[];
}

/** One signed-image rule: the images it covers and who may sign them (`spec.admission.imageSignatures[]`). */
export interface ImageSignatureSpec {
  /** DNS-1123 name; names the policies `hl-signed-<name>-<mode>`. */
  readonly name: string;
  /** Image reference globs (`registry.acme.example/*`). */
  readonly images: readonly string[];
  /** PEM cosign public keys. */
  readonly publicKeys?: readonly string[];
  /** Keyless signing identities. */
  readonly keyless?: readonly { readonly issuer: string; readonly subject: string }[];
}

/** `spec.admission` with defaults applied. */
export interface ResolvedAdmission {
  /** Who enforces the rules (default `kyverno`). */
  readonly engine: AdmissionEngineName;
  /** Kyverno minor version (under `kubernetes`, of the Kyverno that runs the signed-image policies, if any). */
  readonly kyvernoVersion: string;
  /** Registry prefixes, sorted. */
  readonly allowedRegistries: readonly string[];
  /** Required labels, sorted. */
  readonly requiredLabels: readonly string[];
  /** Tiers whose images must be pinned by digest. */
  readonly digestTiers: readonly TierName[];
  /** Enforcement per tier. */
  readonly enforcement: { readonly [T in TierName]: EnforcementName };
  /** GitOps identities allowed to change hardline's objects, sorted (empty: tamper protection audits). */
  readonly managers: readonly string[];
  /** Signed-image rules, sorted by name (empty when none). */
  readonly imageSignatures: readonly ImageSignatureSpec[];
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
  /** Critical workloads that get a PodDisruptionBudget. */
  readonly workloads?: readonly WorkloadSpec[];
  /** Quota and container defaults, overriding the tier's per key. */
  readonly quota?: QuotaSpec;
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
  /**
   * The sha256 of each source, in the order of `sources`, named as the report names them (relative
   * to the leaf profile's folder, or `hardline:profiles/<name>` for a shipped profile).
   */
  readonly sourceDigests: readonly { readonly file: string; readonly sha256: string }[];
  /** The date exceptions were checked against, when one was given (`--date`); absent for "today". */
  readonly checkedOn?: string;
  /** Target cluster (apiServer only when declared). */
  readonly cluster: ResolvedCluster;
  /** Where `cluster.name` was written (for fleet-wide problems such as two profiles for one cluster). */
  readonly clusterNameAt?: { readonly file: string; readonly line: number; readonly column: number };
  /** The CIS benchmark used for annotations: a CIS Kubernetes version (self-managed) or the provider's benchmark (eks, gke, aks). */
  readonly cisVersion: CisVersion;
  /** Pod Security Admission modes per tier. */
  readonly tiers: { readonly [T in TierName]: TierPodSecurity };
  /** Namespaces, sorted by name. */
  readonly namespaces: readonly ResolvedNamespace[];
  /** Exceptions, sorted by control then namespaces; all valid and unexpired on the load date. */
  readonly exceptions: readonly ControlException[];
  /** The date exceptions were checked against (`YYYY-MM-DD`); constructs check them against it again. */
  readonly complianceDate?: string;
  /** The longest exception lifetime in days (`spec.exceptionPolicy.maxDays`, at most 365). */
  readonly maxExceptionDays?: number;
  /** RBAC bindings and cluster readers, merged over the extends chain (absent when none). */
  readonly rbac?: RbacSpec;
  /** Audit log, budgets, backups and quotas (set by the loader). */
  readonly operations?: ResolvedOperations;
  /** The admission policy set, when the profile asks for one. */
  readonly admission?: ResolvedAdmission;
  /** Encryption at rest, when the profile declares `spec.encryption` (the last file that declares it wins). */
  readonly encryption?: EncryptionSpec;
}

// ---- Real clusters (issue 15): provider, platform namespaces, DNS ----

/** Who runs the control plane: the cluster's owner, or a cloud provider. */
export type ProviderName = 'self-managed' | 'eks' | 'gke' | 'aks';

/** The cluster DNS presets of `spec.cluster.dns.type`. */
export type DnsTypeName = 'kube-dns' | 'node-local-dns' | 'openshift' | 'custom';

/** `spec.cluster.dns`: where pods resolve names; the default-deny policy opens exactly that. */
export interface DnsSpec {
  /** A preset (default kube-dns), or custom with the fields below. */
  readonly type?: DnsTypeName;
  /** custom: namespace of the DNS pods. */
  readonly namespace?: string;
  /** custom: labels of the DNS pods. */
  readonly podSelector?: LabelsSpec;
  /** custom: IP blocks of a DNS cache outside the pod network. */
  readonly cidrs?: readonly string[];
  /** custom: ports (UDP and TCP each); default 53. */
  readonly ports?: readonly number[];
}

/** Cluster DNS with the preset applied: pods (namespace and labels) and/or addresses, and ports. */
export interface ResolvedDns {
  /** The preset or `custom`. */
  readonly type: DnsTypeName;
  /** The DNS pods, when DNS is reached through pods. */
  readonly pods?: { readonly namespace: string; readonly podSelector: LabelsSpec };
  /** IP blocks opened next to the pods, sorted. */
  readonly cidrs: readonly string[];
  /** Ports, sorted. */
  readonly ports: readonly number[];
}

/** `spec.cluster` as written. */
export interface ClusterSpec {
  readonly name?: string;
  readonly kubernetesVersion?: string;
  readonly apiServer?: ApiServerSpec;
  /** self-managed (default), eks, gke or aks: a managed control plane gets no control-plane files. */
  readonly provider?: ProviderName;
  /** Namespaces that exist but hardline does not manage; flows may name them as peers. */
  readonly externalNamespaces?: readonly string[];
  /** Cluster DNS; default kube-dns. */
  readonly dns?: DnsSpec;
}

/** The target cluster of a resolved profile. */
export interface ResolvedCluster {
  readonly name: string;
  readonly kubernetesVersion: string;
  /** Only when declared. */
  readonly apiServer?: Required<ApiServerSpec>;
  /** Who runs the control plane (default self-managed). */
  readonly provider: ProviderName;
  /** External namespaces, sorted, over the whole extends chain. */
  readonly externalNamespaces: readonly string[];
  /** Cluster DNS. */
  readonly dns: ResolvedDns;
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
  /** A namespace declared in the profile, or one of spec.cluster.externalNamespaces. */
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
  /**
   * Who answers for this identity in the access review (a team or a person's address). Required for
   * ServiceAccounts and Groups with write access (deployer, namespace-admin) in a production namespace.
   */
  readonly owner?: string;
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

// --- Operations (issue 4): audit log, PodDisruptionBudgets, Velero backups, quotas ---

/** `spec.audit`: API-server audit log settings. */
export interface AuditSpec {
  /** Days audit logs are kept (`--audit-log-maxage`); default 90, at least 30 unless HL-AUD-002 is excepted. */
  readonly retentionDays?: number;
}

/** A critical workload of a namespace (`namespaces[].workloads[]`). */
export interface WorkloadSpec {
  /** Workload name; names its PodDisruptionBudget. */
  readonly name: string;
  /** Labels of its pods. */
  readonly selector: { readonly matchLabels: { readonly [key: string]: string } };
  /** Replicas it runs (at least 2). */
  readonly replicas: number;
  /** Pods that must stay available (count or percentage). */
  readonly minAvailable?: number | string;
  /** Pods that may be unavailable (count or percentage). */
  readonly maxUnavailable?: number | string;
}

/** CPU and memory of a container default. */
export interface ResourcePair {
  readonly cpu?: string | number;
  readonly memory?: string | number;
}

/** Quota and container defaults of a tier or namespace. */
export interface QuotaSpec {
  readonly 'requests.cpu'?: string | number;
  readonly 'requests.memory'?: string | number;
  readonly 'limits.cpu'?: string | number;
  readonly 'limits.memory'?: string | number;
  readonly pods?: number;
  readonly 'services.loadbalancers'?: number;
  readonly 'services.nodeports'?: number;
  /** Default request of containers that set none. */
  readonly defaultRequest?: ResourcePair;
  /** Default limit of containers that set none. */
  readonly defaultLimit?: ResourcePair;
}

/** `spec.backup`: Velero schedules. */
export interface BackupSpec {
  /** Namespace Velero runs in (default `velero`). */
  readonly namespace?: string;
  /** BackupStorageLocation name (default `default`). */
  readonly storageLocation?: string;
  /** Schedules, replaced by name across extends. */
  readonly schedules?: readonly BackupScheduleSpec[];
}

/** One Velero schedule. */
export interface BackupScheduleSpec {
  readonly name: string;
  /** Five-field cron expression. */
  readonly schedule: string;
  readonly retentionDays: number;
  /** Namespaces backed up; default every production namespace. */
  readonly includedNamespaces?: readonly string[];
  readonly snapshotVolumes?: boolean;
  readonly defaultVolumesToFsBackup?: boolean;
}

/** A workload with its budget, resolved. */
export interface ResolvedWorkload {
  readonly name: string;
  readonly matchLabels: { readonly [key: string]: string };
  readonly replicas: number;
  readonly minAvailable?: number | string;
  readonly maxUnavailable?: number | string;
}

/** A namespace's quota with tier defaults and overrides applied. */
export interface ResolvedQuota {
  readonly 'requests.cpu': string;
  readonly 'requests.memory': string;
  readonly 'limits.cpu': string;
  readonly 'limits.memory': string;
  readonly pods: number;
  readonly 'services.loadbalancers': number;
  readonly 'services.nodeports': number;
  readonly defaultRequest: { readonly cpu: string; readonly memory: string };
  readonly defaultLimit: { readonly cpu: string; readonly memory: string };
}

/** A resolved Velero schedule. */
export interface ResolvedBackupSchedule {
  readonly name: string;
  readonly schedule: string;
  readonly retentionDays: number;
  /** Sorted. */
  readonly includedNamespaces: readonly string[];
  readonly snapshotVolumes?: boolean;
  readonly defaultVolumesToFsBackup?: boolean;
}

/** Operations settings of a resolved profile. */
export interface ResolvedOperations {
  /** Audit log retention in days. */
  readonly audit: { readonly retentionDays: number };
  /** Velero backups, when the profile declares `spec.backup`. */
  readonly backup?: {
    readonly namespace: string;
    readonly storageLocation: string;
    /** Sorted by name. */
    readonly schedules: readonly ResolvedBackupSchedule[];
    /** Production namespaces no schedule covers (each named by an HL-BAK-001 exception), sorted. */
    readonly uncovered: readonly string[];
  };
  /** Workloads with budgets per namespace name, sorted by workload name. */
  readonly workloads: { readonly [namespace: string]: readonly ResolvedWorkload[] };
  /** Quota per namespace name. */
  readonly quotas: { readonly [namespace: string]: ResolvedQuota };
}
