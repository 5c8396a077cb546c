/**
 * The located checks of `spec.admission.engine: kubernetes`: the cluster must serve
 * `admissionregistration.k8s.io/v1` ValidatingAdmissionPolicy (Kubernetes 1.30+), and every admission
 * exception must be one the native bindings realise exactly as written (whole namespaces).
 */
import { MIN_NATIVE_MINOR } from '../../constructs/native-admission-policy-set';
import { ADMISSION_LIFTS, isWorkloadScoped } from '../controls';
import { ProfileProblem } from '../errors';
import { LocatedException, Origin, problemAt } from './namespace-rules';

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
 * Problems of the native engine: a Kubernetes version below 1.30 (located at `engine`, where the
 * choice was made), and admission exceptions narrowed to workloads or rules, which the native
 * bindings can only realise by excluding the whole namespace from the whole control: wider than
 * written, so refused rather than silently widened.
 */
export function nativeEngineProblems(engine: Origin, exceptions: readonly LocatedException[], kubernetesVersion: string | undefined): ProfileProblem[] {
  const out: ProfileProblem[] = [];
  const why = kubernetesVersion === undefined ? undefined : nativeEngineVersionProblem(kubernetesVersion);
  if (why) out.push(problemAt(engine, '', `engine "kubernetes": ${why}`));
  for (const { exception: e, origin } of exceptions) {
    if (!ADMISSION_LIFTS.has(e.control)) continue;
    const field = e.workloads?.length ? '/workloads' : e.selector !== undefined ? '/selector' : e.rules !== undefined ? '/rules' : undefined;
    if (!field || (!isWorkloadScoped(e) && e.rules === undefined)) continue;
    out.push(
      problemAt(
        origin,
        field,
        `the kubernetes admission engine realises an exception for ${e.control} only namespace-wide (the namespace leaves the rule's bindings); ` +
          'this one is narrowed to workloads or rules, which it would widen. Make it namespace-wide (scope: namespace) or use engine: kyverno',
      ),
    );
  }
  return out;
}
