/**
 * Shared pieces of the rule files: Kyverno categories and finding helpers.
 * @internal
 */
import { ContainerRef, containersOf, securityContextOf } from '../pod';
import { Json, PodTemplate, RuleFinding } from '../types';

/** Kyverno library category of baseline checks. */
export const BASELINE = 'Pod Security Standards (Baseline)';
/** Kyverno library category of restricted checks. */
export const RESTRICTED = 'Pod Security Standards (Restricted)';
/** Kyverno library category of best practices. */
export const BEST = 'Best Practices';
/** Kyverno library category of the rest. */
export const OTHER = 'Other';

/** A field test on one securityContext: a finding (field relative to the securityContext, message) or nothing. */
export type ScTest = (sc: Json) => { field: string; message: string } | undefined;

/** Findings of `test` on every container (init, regular, ephemeral). */
export function perContainer(pod: PodTemplate, test: (c: ContainerRef) => { field: string; message: string } | undefined): RuleFinding[] {
  const out: RuleFinding[] = [];
  for (const ref of containersOf(pod.spec)) {
    const f = test(ref);
    if (f) out.push({ field: `${ref.path}.${f.field}`, message: `${ref.label} ${f.message}` });
  }
  return out;
}

/** Findings of `test` on the Pod securityContext and on every container's. */
export function podAndContainerFindings(pod: PodTemplate, test: ScTest): RuleFinding[] {
  const out: RuleFinding[] = [];
  const podFinding = test(securityContextOf(pod.spec));
  if (podFinding) out.push({ field: `spec.securityContext.${podFinding.field}`, message: `the Pod ${podFinding.message}` });
  out.push(...perContainer(pod, (ref) => {
    const f = test(securityContextOf(ref.container));
    return f && { field: `securityContext.${f.field}`, message: f.message };
  }));
  return out;
}

/** A message that does not depend on the version or profile. */
export const fixed = (text: string) => (): string => text;

/** Whether every fixture change keeps the rest of the Pod compliant: a no-op used by "compliant as is" fixtures. */
export const unchanged = (): void => undefined;
