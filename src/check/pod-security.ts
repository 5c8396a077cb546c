/**
 * The Kubernetes Pod Security Standards (baseline and restricted) as a pure check of one pod
 * spec, the way Pod Security Admission evaluates it at a Kubernetes version: a view of the
 * admission rule model (`src/admission`), not a copy of it.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
 */
import { evaluateRules, FIXTURE_PARAMS, MAX_MINOR, minorOf, podSecurityRulesFor } from '../admission';

/** One failed Pod Security rule. */
export interface PodSecurityFinding {
  /** The level of the rule that failed. */
  readonly level: 'baseline' | 'restricted';
  /** The admission rule id, e.g. `require-run-as-nonroot`. */
  readonly rule: string;
  /** Field path relative to the pod spec, e.g. `containers[0].securityContext.runAsNonRoot`, or `metadata.annotations[...]`. */
  readonly field: string;
  /** What must change, e.g. `container "app" must run as non-root (...)`. */
  readonly message: string;
}

/**
 * Checks a pod spec (and its pod annotations) against a Pod Security level at a Kubernetes version
 * (default: the newest the rules follow); empty when it passes.
 */
export function podSecurityFindings(
  spec: Record<string, any>,
  level: 'privileged' | 'baseline' | 'restricted',
  annotations: Record<string, any> = {},
  kubernetesVersion = `1.${MAX_MINOR}`,
): PodSecurityFinding[] {
  const minor = minorOf(kubernetesVersion);
  const violations = evaluateRules(podSecurityRulesFor(level, minor), { metadata: { annotations }, spec }, { minor, params: FIXTURE_PARAMS });
  return violations.flatMap((v) =>
    v.findings.map((f) => ({ level: v.rule.level!, rule: v.rule.id, field: f.field.replace(/^spec\./, ''), message: f.message })),
  );
}
