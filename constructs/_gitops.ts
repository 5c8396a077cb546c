/**
 * The annotations that make hardline's output safe to hand to Argo CD or Flux: Namespaces are
 * never pruned or deleted by the GitOps engine and sync first; objects of custom resources
 * (Kyverno, Velero) sync after them and do not fail a dry run while their CRDs are missing.
 * @internal
 */

/** Argo CD annotation keys and Flux's prune annotation. @internal */
export const GITOPS_ANNOTATIONS = {
  argoSyncWave: 'argocd.argoproj.io/sync-wave',
  argoSyncOptions: 'argocd.argoproj.io/sync-options',
  fluxPrune: 'kustomize.toolkit.fluxcd.io/prune',
} as const;

/**
 * Annotations of a Namespace: Argo CD neither prunes it (a namespace removed from the profile) nor
 * deletes it with the Application, Flux's garbage collection skips it, and it syncs in wave -1.
 * @internal
 */
export const NAMESPACE_GITOPS_ANNOTATIONS: ReadonlyArray<readonly [string, string]> = [
  [GITOPS_ANNOTATIONS.argoSyncOptions, 'Prune=false,Delete=false'],
  [GITOPS_ANNOTATIONS.argoSyncWave, '-1'],
  [GITOPS_ANNOTATIONS.fluxPrune, 'disabled'],
];

/**
 * Annotations of an object whose kind a CRD defines: it syncs in wave 1, after Namespaces and
 * built-in kinds, and Argo CD skips its dry run while the CRD is not installed yet.
 * @internal
 */
export const CUSTOM_RESOURCE_GITOPS_ANNOTATIONS: ReadonlyArray<readonly [string, string]> = [
  [GITOPS_ANNOTATIONS.argoSyncOptions, 'SkipDryRunOnMissingResource=true'],
  [GITOPS_ANNOTATIONS.argoSyncWave, '1'],
];

/** API groups built into Kubernetes that hardline emits or may emit without a `.k8s.io` suffix. */
const BUILT_IN_GROUPS = new Set(['', 'apps', 'batch', 'policy', 'autoscaling']);

/**
 * Whether objects of `apiVersion` are custom resources (served by a CRD): every group except the
 * core group, the unsuffixed built-in groups and the `*.k8s.io` groups.
 * @internal
 */
export function isCustomResource(apiVersion: string): boolean {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  return !BUILT_IN_GROUPS.has(group) && !group.endsWith('.k8s.io') && group !== 'k8s.io';
}
