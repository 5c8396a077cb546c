/**
 * Which CIS benchmark applies to a cluster, and how hardline names it. Pure data and functions.
 *
 * A self-managed cluster gets the CIS Kubernetes Benchmark of its Kubernetes version (kube-bench's
 * mapping; 1.34+ → 2.0). EKS, GKE and AKS clusters get their provider's benchmark, the newest kube-bench
 * ships (eks-1.8.0, gke-1.9.0, aks-1.8); a benchmark of another provider, or a CIS Kubernetes version on
 * a managed cluster, is refused.
 */
import { CIS_KUBERNETES_VERSIONS, CisVersion, ControlPlaneProvider, PROVIDER_BENCHMARKS, ProviderBenchmark } from './types';

/** How a benchmark is named in annotations and reports. */
export interface BenchmarkInfo {
  /** The full name, e.g. `CIS Amazon EKS Benchmark v1.8.0`. */
  readonly label: string;
  /** The family, the part of the annotation keys that names it: `kubernetes`, `eks`, `gke` or `aks`. */
  readonly family: 'kubernetes' | 'eks' | 'gke' | 'aks';
  /** The CIS document version, e.g. `v1.8.0` (written to `compliance.hardline.dev/cis-<family>-version`). */
  readonly version: string;
  /** The provider the benchmark applies to. */
  readonly provider: ControlPlaneProvider;
}

const PROVIDER_INFO: { readonly [B in ProviderBenchmark]: BenchmarkInfo } = {
  'eks-1.8.0': { label: 'CIS Amazon EKS Benchmark v1.8.0', family: 'eks', version: 'v1.8.0', provider: 'eks' },
  'gke-1.9.0': { label: 'CIS Google Kubernetes Engine (GKE) Benchmark v1.9.0', family: 'gke', version: 'v1.9.0', provider: 'gke' },
  'aks-1.8': { label: 'CIS Azure Kubernetes Service (AKS) Benchmark v1.8.0', family: 'aks', version: 'v1.8.0', provider: 'aks' },
};

/** The managed-provider benchmark each provider gets. */
export const PROVIDER_BENCHMARK: { readonly [P in Exclude<ControlPlaneProvider, 'self-managed'>]: ProviderBenchmark } = {
  eks: 'eks-1.8.0',
  gke: 'gke-1.9.0',
  aks: 'aks-1.8',
};

/** True for a managed-provider benchmark (`eks-1.8.0`, `gke-1.9.0`, `aks-1.8`). */
export function isProviderBenchmark(b: string): b is ProviderBenchmark {
  return (PROVIDER_BENCHMARKS as readonly string[]).includes(b);
}

/** The label, annotation family and document version of a benchmark. */
export function benchmarkInfo(b: CisVersion): BenchmarkInfo {
  if (isProviderBenchmark(b)) return PROVIDER_INFO[b];
  return { label: `CIS Kubernetes Benchmark v${b}.0`, family: 'kubernetes', version: `v${b}.0`, provider: 'self-managed' };
}

/**
 * The benchmark as the CLI names it in one-line summaries: `CIS Kubernetes Benchmark v1.10` for a CIS
 * Kubernetes version, the full label (`CIS Amazon EKS Benchmark v1.8.0`) for a provider benchmark.
 */
export function benchmarkName(b: CisVersion): string {
  return isProviderBenchmark(b) ? PROVIDER_INFO[b].label : `CIS Kubernetes Benchmark v${b}`;
}

/**
 * Picks the CIS Kubernetes Benchmark for a Kubernetes minor version, as kube-bench does: 1.28 → 1.10,
 * 1.29–1.31 → 1.11, 1.32–1.33 → 1.12, 1.34+ → 2.0 (CIS v2.0 covers Kubernetes 1.34–1.35, kube-bench PR #2126).
 */
export function cisVersionForKubernetes(kubernetesVersion: string): CisVersion {
  const minor = Number(kubernetesVersion.split('.')[1]);
  if (minor <= 28) return '1.10';
  if (minor <= 31) return '1.11';
  if (minor <= 33) return '1.12';
  return '2.0';
}

/** The benchmark a cluster gets by default: its provider's, or the CIS Kubernetes version of its Kubernetes version. */
export function defaultBenchmark(provider: ControlPlaneProvider, kubernetesVersion: string): CisVersion {
  return provider === 'self-managed' ? cisVersionForKubernetes(kubernetesVersion) : PROVIDER_BENCHMARK[provider];
}

/** The benchmarks a provider may name: its own benchmark, or (self-managed) any CIS Kubernetes version. */
export function allowedBenchmarks(provider: ControlPlaneProvider): readonly CisVersion[] {
  return provider === 'self-managed' ? CIS_KUBERNETES_VERSIONS : [PROVIDER_BENCHMARK[provider]];
}

/**
 * Why a benchmark does not apply to a provider's cluster (a sentence without a trailing period), or
 * undefined when it does: a provider benchmark applies only to its provider, and a CIS Kubernetes
 * version only to a self-managed control plane (a managed cluster is assessed with its provider's).
 */
export function benchmarkProblem(provider: ControlPlaneProvider, b: CisVersion): string | undefined {
  const allowed = allowedBenchmarks(provider);
  if (allowed.includes(b)) return undefined;
  const info = benchmarkInfo(b);
  const what = info.provider === 'self-managed' ? `"${b}" (${info.label}) applies to self-managed control planes` : `"${b}" (${info.label}) applies only to provider ${info.provider}`;
  const where = provider === 'self-managed' ? 'a self-managed cluster' : `provider ${provider}`;
  return `${what}; ${where} allows ${allowed.map((a) => `"${a}"`).join(', ')}`;
}
