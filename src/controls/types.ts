/**
 * Types of the control catalog. Pure data: no I/O, no cdk8s imports.
 */

/** CIS Kubernetes Benchmark versions hardline can annotate against (they renumber Section 5). */
export const CIS_KUBERNETES_VERSIONS = ['1.10', '1.11', '1.12', '2.0'] as const;

/** A CIS Kubernetes Benchmark version: the benchmark of a self-managed cluster. */
export type CisKubernetesVersion = (typeof CIS_KUBERNETES_VERSIONS)[number];

/**
 * The managed-provider CIS benchmarks, by kube-bench's names: CIS Amazon EKS Benchmark v1.8.0, CIS
 * GKE Benchmark v1.9.0 and CIS AKS Benchmark v1.8.0. Their IDs are read from the catalog's 1.12 IDs
 * through `../shared/reference/cis-managed-crosswalk.csv` (generated into `cis-crosswalk.ts`).
 */
export const PROVIDER_BENCHMARKS = ['eks-1.8.0', 'gke-1.9.0', 'aks-1.8'] as const;

/** A managed-provider CIS benchmark: the benchmark of an EKS, GKE or AKS cluster. */
export type ProviderBenchmark = (typeof PROVIDER_BENCHMARKS)[number];

/**
 * Every CIS benchmark hardline can annotate against: the CIS Kubernetes versions, then the
 * managed-provider benchmarks. `CisVersion` is kept as the name of "the benchmark in force".
 */
export const CIS_VERSIONS = [...CIS_KUBERNETES_VERSIONS, ...PROVIDER_BENCHMARKS] as const;

/** A CIS benchmark hardline supports: a CIS Kubernetes version or a managed-provider benchmark. */
export type CisVersion = (typeof CIS_VERSIONS)[number];

/** Who runs the control plane: the cluster's owner, or EKS, GKE or AKS. */
export type ControlPlaneProvider = 'self-managed' | 'eks' | 'gke' | 'aks';

/**
 * The benchmark versions the catalog writes IDs for. Later versions (2.0) are derived from the
 * 1.12 ID through the kube-bench crosswalk (`cisIdIn`), so the catalog states each ID once.
 */
export type CatalogCisVersion = '1.10' | '1.11' | '1.12';

/**
 * One CIS recommendation a control supports, with its ID in each benchmark version.
 * `undefined` means the recommendation does not exist in that version. Read an ID with
 * `cisIdIn(rec, version)`, which also answers for the crosswalked versions.
 */
export interface CisRecommendation {
  /** The recommendation ID per catalog benchmark version, e.g. `{ '1.10': '5.7.1', '1.11': '5.6.1', '1.12': '5.6.1' }`. */
  readonly ids: { readonly [V in CatalogCisVersion]: string | undefined };
  /** Why the control supports this recommendation (one sentence). */
  readonly why: string;
  /**
   * Provider benchmarks whose crosswalked counterpart asks more than this control gives, with why: the
   * recommendation is not claimed there (e.g. GKE 4.2.1, Pod Security Baseline in every namespace, is
   * the counterpart of 5.2.1 but not what a denying admission policy is).
   */
  readonly notIn?: { readonly [B in ProviderBenchmark]?: string };
}

/** One SOC 2 (AICPA 2017 Trust Services Criteria) criterion a control supports. */
export interface Soc2Criterion {
  /** The criterion ID, e.g. `CC6.1`. */
  readonly id: string;
  /** Why the control supports this criterion (one sentence). */
  readonly why: string;
}

/** A hardline control: what it guarantees, why, and how an auditor checks it. */
export interface Control {
  /** Stable identifier, e.g. `HL-NET-001`. Never derived from a file name. */
  readonly id: string;
  /** One-line statement of what the control guarantees. */
  readonly title: string;
  /** Why the control matters, in a reviewer's words. */
  readonly rationale: string;
  /**
   * The command an auditor runs to collect evidence that the control is in place. `<objects>` stands
   * for the objects implementing it; the report fills it in per kind and namespace (`evidenceCommands`).
   */
  readonly evidence: string;
  /** CIS Kubernetes Benchmark recommendations this control supports (supports, never certifies). */
  readonly cis: readonly CisRecommendation[];
  /** SOC 2 criteria this control supports. */
  readonly soc2: readonly Soc2Criterion[];
}

/**
 * The part of a control that one emitted object implements: the object claims exactly these CIS
 * recommendations and SOC 2 criteria, never the whole control's (the control is the aggregate over
 * every object that implements a part of it). Each entry must be one of the control's own.
 */
export interface ControlClaim {
  /** The control the object implements a part of. */
  readonly control: Control;
  /** The control's CIS recommendations this object implements. */
  readonly cis: readonly CisRecommendation[];
  /** The control's SOC 2 criteria this object supports. */
  readonly soc2: readonly Soc2Criterion[];
}

/**
 * An explicit, owned, expiring relaxation of a control. The only way hardline
 * weakens a secure default.
 */
export interface ControlException {
  /** The control relaxed, e.g. `HL-POD-001`. */
  readonly control: string;
  /** Why the relaxation is needed (at least 10 characters; a ticket reference helps). */
  readonly reason: string;
  /** Who answers for it: a team or a person's address. */
  readonly owner: string;
  /** Last day the exception is valid, `YYYY-MM-DD`. */
  readonly expires: string;
  /** Namespaces it applies to; absent means every namespace. */
  readonly namespaces?: readonly string[];
  /**
   * Workloads it is narrowed to within its namespaces (admission controls only); a controller's
   * Pods are reached through `selector`, since they carry generated names.
   */
  readonly workloads?: readonly ExceptedWorkload[];
  /** Labels the excepted objects carry (a Pod's own labels, a controller's own labels). */
  readonly selector?: ExceptionSelector;
  /** Admission rule ids it lifts; absent means every rule of the control. */
  readonly rules?: readonly string[];
  /** `namespace` acknowledges a namespace-wide exception; `workloads` insists on a workload scope. */
  readonly scope?: 'namespace' | 'workloads';
  /** Who approved it (someone other than the owner); required in production. */
  readonly approvedBy?: string;
  /** The approval record: a ticket ID or an https URL; required in production. */
  readonly ticket?: string;
  /**
   * Stable id the report lists the exception under and objects reference it by (`hl-pod-001-3f9a0c2e`).
   *
   * @default - computed from the exception's canonical form (`exceptionId`); the profile loader sets it
   */
  readonly id?: string;
}

/** A workload an exception names: a Pod controller or a bare Pod, by kind and exact name. */
export interface ExceptedWorkload {
  /** `Deployment`, `StatefulSet`, `DaemonSet`, `ReplicaSet`, `ReplicationController`, `Job`, `CronJob` or `Pod`. */
  readonly kind: string;
  /** `metadata.name`, exactly (no wildcards). */
  readonly name: string;
}

/** A label selector of an exception: every listed label must be present with that value. */
export interface ExceptionSelector {
  /** Label keys and values, all required. */
  readonly matchLabels: { readonly [key: string]: string };
}
