/**
 * The compliance report model: what a reviewer or auditor gets, built once from the catalog,
 * the rendered objects and the resolved profile, then rendered by each reporter.
 */
import { CisVersion } from '../controls';
import { AccessReviewRow } from './access-review';

/**
 * Status of a control in one profile: `implemented` (objects applied to the cluster implement it),
 * `emitted-apply-by-hand` (only control-plane files do, which kubectl does not apply),
 * `provided-by-platform` (only control-plane files do, and a managed control plane takes their
 * place), `excepted` (with the exception), `gap` (in scope, but nothing implements it; with why and
 * what to do), `not-applicable` (nothing in the profile is in its scope).
 */
export type ControlStatus = 'implemented' | 'emitted-apply-by-hand' | 'provided-by-platform' | 'excepted' | 'gap' | 'not-applicable';

/** Every control status, in the order reports list them. */
export const CONTROL_STATUSES: readonly ControlStatus[] = ['implemented', 'emitted-apply-by-hand', 'provided-by-platform', 'excepted', 'gap', 'not-applicable'];

/**
 * Status of a CIS recommendation in one profile: `supported` when at least one object applied to the
 * cluster and not excepted supports it; `emitted-apply-by-hand` / `provided-by-platform` when only
 * control-plane files do (self-managed / managed control plane); `gap` otherwise (manifests cannot
 * satisfy it, or nothing in this profile does).
 */
export type CisStatus = 'supported' | 'emitted-apply-by-hand' | 'provided-by-platform' | 'gap';

/** A Kubernetes object written to dist/. */
export interface ObjectRef {
  /** `kind`, e.g. `NetworkPolicy`. */
  readonly kind: string;
  /** `metadata.namespace`; absent for cluster-scoped objects. */
  readonly namespace?: string;
  /** `metadata.name`. */
  readonly name: string;
  /** Path of its file relative to the output directory. */
  readonly file: string;
}

/** An object as the report lists it: its annotations read back. */
export interface ObjectEntry extends ObjectRef {
  /** `apiVersion`. */
  readonly apiVersion: string;
  /** Whether `kustomization.yaml` lists it (false for control-plane files). */
  readonly kustomize: boolean;
  /** Control IDs governing it (`compliance.hardline.dev/controls`). */
  readonly controls: readonly string[];
  /** Control IDs relaxed on it by an exception (`compliance.hardline.dev/exceptions`). */
  readonly excepted: readonly string[];
  /** CIS IDs it supports, selected benchmark (`compliance.hardline.dev/cis-kubernetes`). */
  readonly cis: readonly string[];
  /** SOC 2 criteria it supports (`compliance.hardline.dev/soc2`). */
  readonly soc2: readonly string[];
}

/** An object under a control, and whether the control is excepted on it. */
export interface ControlObject extends ObjectRef {
  /** True when an exception relaxes the control on this object. */
  readonly excepted: boolean;
}

/** A profile exception as the report lists it. */
export interface ExceptionEntry {
  /** Stable id (`hl-pod-001-3f9a0c2e`): objects reference the exception by it (`compliance.hardline.dev/exception-ids`). */
  readonly id: string;
  /** The control relaxed. */
  readonly control: string;
  /** Namespaces it applies to; absent means every namespace. */
  readonly namespaces?: readonly string[];
  /** `workloads` when narrowed by `workloads` or `selector`, else `namespace` (every workload there). */
  readonly scope: 'namespace' | 'workloads';
  /** The scope in words (`describeScope`): the workloads, labels and rules, or `namespace-wide`. */
  readonly scopeDescription: string;
  /** Workloads it is narrowed to, sorted. */
  readonly workloads?: readonly { readonly kind: string; readonly name: string }[];
  /** Labels of the excepted objects. */
  readonly selector?: { readonly matchLabels: { readonly [key: string]: string } };
  /** Rule ids the profile named (absent: every rule of the control). */
  readonly rules?: readonly string[];
  /** Admission rule ids it lifts for the objects in its scope, sorted (empty for controls that are not admission rules). */
  readonly lifts: readonly string[];
  /** Why. */
  readonly reason: string;
  /** Who answers for it. */
  readonly owner: string;
  /** Who approved it. */
  readonly approvedBy?: string;
  /** The approval record: ticket ID or URL. */
  readonly ticket?: string;
  /** Last valid day, `YYYY-MM-DD`. */
  readonly expires: string;
  /** Objects it was applied to. */
  readonly objects: readonly ObjectRef[];
  /** Days from the report date to `expires` (only in reports with `asOf`). */
  readonly daysLeft?: number;
  /** True when it expires within 30 days of the report date (only in reports with `asOf`). */
  readonly expiringSoon?: boolean;
}

/** One control of the catalog and how this profile implements it. */
export interface ControlEntry {
  /** Control ID. */
  readonly id: string;
  /** Title. */
  readonly title: string;
  /** Status in this profile. */
  readonly status: ControlStatus;
  /** Why it has that status, in one sentence. */
  readonly statusReason: string;
  /** Rationale. */
  readonly rationale: string;
  /** Command an auditor runs to collect evidence (the catalog's template; `<objects>` stands for the objects below). */
  readonly evidence: string;
  /**
   * The evidence commands for this profile, ready to paste: the template with `<objects>` filled in
   * per kind and namespace with the cluster objects governed by the control (empty when there are none).
   */
  readonly evidenceCommands: readonly string[];
  /** Construct classes that implement it (under the profile's admission engine). */
  readonly constructs: readonly string[];
  /**
   * For an admission control of a profile with `spec.admission`: who enforces it, `Kyverno`,
   * `Kubernetes ValidatingAdmissionPolicy` or, for signed images under the native engine,
   * `Kyverno (ImageValidatingPolicy; no native equivalent)`.
   */
  readonly enforcedBy?: string;
  /** CIS recommendations it supports in the selected benchmark. */
  readonly cis: readonly { readonly id: string; readonly why: string }[];
  /** SOC 2 criteria it supports. */
  readonly soc2: readonly { readonly id: string; readonly why: string }[];
  /** Objects governed by it, sorted by file. */
  readonly objects: readonly ControlObject[];
  /** Profile exceptions naming it. */
  readonly exceptions: readonly ExceptionEntry[];
}

/** One CIS recommendation of the selected benchmark and what supports it. */
export interface CisEntry {
  /** ID in the selected benchmark. */
  readonly id: string;
  /** Short title. */
  readonly title: string;
  /** Subsection, e.g. `5.2 Pod Security Standards`. */
  readonly section: string;
  /** CIS assessment status. */
  readonly type: 'Automated' | 'Manual' | 'Not Scored';
  /** Whether anything in this profile supports it. */
  readonly status: CisStatus;
  /** Implemented controls supporting it. */
  readonly controls: readonly string[];
  /**
   * Files of the objects supporting it, sorted; `objects` describes each (listed by path only,
   * so a large profile's report does not repeat every object under each recommendation).
   */
  readonly files: readonly string[];
  /** For a gap: why the manifests do not satisfy it and what to do instead. */
  readonly gap?: { readonly why: string; readonly action: string };
}

/** One SOC 2 criterion a catalog control touches. */
export interface Soc2Entry {
  /** Criterion ID. */
  readonly id: string;
  /** Area of the criterion. */
  readonly area: string;
  /** Catalog controls supporting it, with their status here. */
  readonly controls: readonly { readonly id: string; readonly status: ControlStatus }[];
  /** Files of the objects supporting it, sorted; `objects` describes each (listed by path only, as for CIS). */
  readonly files: readonly string[];
  /** The process evidence an auditor also asks for (manifests alone never satisfy a criterion). */
  readonly processEvidence: string;
}

/** The whole report. */
export interface ComplianceReport {
  /** Always `hardline.dev/v1alpha1`. */
  readonly apiVersion: 'hardline.dev/v1alpha1';
  /** Always `ComplianceReport`. */
  readonly kind: 'ComplianceReport';
  /** The profile reported on. */
  readonly profile: {
    readonly name: string;
    readonly description?: string;
    readonly cluster: { readonly name: string; readonly kubernetesVersion: string; readonly provider: string };
    /** `spec.admission.engine` (absent without `spec.admission`): who enforces the admission rules. */
    readonly admissionEngine?: 'kyverno' | 'kubernetes';
  };
  /**
   * The CIS benchmark in force: a CIS Kubernetes Benchmark version, or the managed provider's benchmark
   * (`eks-1.8.0`, …) with `scope` saying which of its sections the report assesses.
   */
  readonly cisBenchmark: { readonly version: CisVersion; readonly label: string; readonly scope?: string };
  /**
   * What produced this report, so an auditor can tie it to its inputs: the hardline version, the
   * sha256 of every profile source, the benchmark, and the `--date` exceptions were checked against
   * (absent when none was given). No wall-clock time: the same inputs give the same bytes.
   */
  readonly provenance: {
    readonly hardlineVersion: string;
    readonly profileSources: readonly { readonly file: string; readonly sha256: string }[];
    readonly cisBenchmark: string;
    readonly date?: string;
  };
  /** Date days-left are counted from; absent in the deterministic copy in dist/. */
  readonly asOf?: string;
  /** What the report does and does not claim. */
  readonly disclaimer: string;
  /** Counts. */
  readonly summary: {
    readonly controls: { readonly [S in ControlStatus]: number } & { readonly total: number };
    readonly objects: number;
    readonly cis: {
      readonly total: number;
      readonly supported: number;
      readonly 'emitted-apply-by-hand': number;
      readonly 'provided-by-platform': number;
      readonly gaps: number;
    };
    readonly soc2Criteria: number;
    readonly exceptions: number;
    readonly exceptionsExpiringSoon?: number;
  };
  /** Every catalog control, sorted by ID. */
  readonly controls: readonly ControlEntry[];
  /** Every Section 1–5 recommendation of the selected benchmark, in benchmark order. */
  readonly cis: readonly CisEntry[];
  /** Every SOC 2 criterion the catalog touches, in ID order. */
  readonly soc2: readonly Soc2Entry[];
  /** Every profile exception, sorted by control then namespaces. */
  readonly exceptions: readonly ExceptionEntry[];
  /**
   * Access review evidence: every subject × namespace of the emitted bindings with its effective permissions
   * (also written as `compliance/access-review.csv`), sorted by subject.
   */
  readonly accessReview: readonly AccessReviewRow[];
  /** Every object written to dist/, sorted by file. */
  readonly objects: readonly ObjectEntry[];
}

/** The disclaimer every report carries. */
export const DISCLAIMER =
  'hardline supports the CIS Kubernetes Benchmark recommendations and SOC 2 (2017 Trust Services Criteria) ' +
  'criteria listed here; it is not certified by CIS or the AICPA, and this report is not an attestation. ' +
  'An assessor still reviews manual recommendations, node and control-plane settings, and the process evidence named below.';

/** The disclaimer of a report under a benchmark: `DISCLAIMER`, naming a managed provider's benchmark instead where one applies. */
export function disclaimerFor(benchmarkLabel: string): string {
  return benchmarkLabel.startsWith('CIS Kubernetes Benchmark') ? DISCLAIMER : DISCLAIMER.replace('the CIS Kubernetes Benchmark', `the ${benchmarkLabel}`);
}
