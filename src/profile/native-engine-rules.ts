/**
 * The located checks of `spec.admission.engine: kubernetes`: the cluster must serve
 * `admissionregistration.k8s.io/v1` ValidatingAdmissionPolicy (Kubernetes 1.30+).
 */
import { MIN_NATIVE_MINOR } from '../../constructs/native-admission-policy-set';
import { ProfileProblem } from '../errors';
import { Origin, problemAt } from './namespace-rules';

/**
 * Why Kubernetes `version` cannot run the native engine, or undefined. The same sentence
 * `NativeAdmissionPolicySet` throws, so the profile and the library say one thing.
 */
export function nativeEngineVersionProblem(version: string): string | undefined {
  const m = /^1\.(\d+)/.exec(version);
  if (m && Number(m[1]) >= MIN_NATIVE_MINOR) return undefined;
  return `Kubernetes ${version} has no ValidatingAdmissionPolicy (admissionregistration.k8s.io/v1 needs 1.30 or later); use the kyverno engine.`;
}

/**
 * Problems of the native engine: a Kubernetes version below 1.30, located at `engine`, where the
 * choice was made. Every admission exception is realised as written (namespace-wide ones leave the
 * bindings, narrowed ones are policy matchConditions, see `NativeAdmissionPolicySet`), so none is refused.
 */
export function nativeEngineProblems(engine: Origin, kubernetesVersion: string | undefined): ProfileProblem[] {
  const why = kubernetesVersion === undefined ? undefined : nativeEngineVersionProblem(kubernetesVersion);
  return why ? [problemAt(engine, '', `engine "kubernetes": ${why}`)] : [];
}
