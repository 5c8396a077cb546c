/**
 * The pure evaluator of the rule model: finds the Pod template in a manifest and runs rules on it
 * as the API server would see it (with its defaults applied). The build-time check and
 * `hardline check` are built on it.
 */
import { withApiServerDefaults } from './pod';
import { AdmissionRule, Json, PodTemplate, RuleContext, RuleFinding } from './types';

/** Where the Pod template sits in each kind admission checks (Pods and the built-in Pod controllers). */
export const POD_TEMPLATE_PATHS: { readonly [kind: string]: readonly string[] } = {
  Pod: [],
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** A manifest's Pod template and its path, or undefined for kinds admission does not check. */
export function podTemplateOf(manifest: Json): { template: PodTemplate; path: readonly string[] } | undefined {
  const path = POD_TEMPLATE_PATHS[manifest?.kind];
  if (!path) return undefined;
  const t: any = path.reduce<any>((acc, k) => (acc && typeof acc === 'object' ? acc[k] : undefined), manifest);
  const template = t && typeof t === 'object' ? t : {};
  return { template: { metadata: template.metadata ?? {}, spec: template.spec && typeof template.spec === 'object' ? template.spec : {} }, path };
}

/** What one rule finds on a Pod (template), after the API server's defaults (empty: admitted). */
export function evaluateRule(rule: AdmissionRule, pod: PodTemplate, ctx: RuleContext): RuleFinding[] {
  return rule.check(withApiServerDefaults(pod), ctx);
}

/** One rule that rejects a Pod (template), with its findings. */
export interface RuleViolation {
  /** The rule. */
  readonly rule: AdmissionRule;
  /** Its findings (at least one). */
  readonly findings: readonly RuleFinding[];
}

/** The rules among `rules` that reject the Pod (template), in the order given. */
export function evaluateRules(rules: readonly AdmissionRule[], pod: PodTemplate, ctx: RuleContext): RuleViolation[] {
  const defaulted = withApiServerDefaults(pod);
  return rules.flatMap((rule) => {
    const findings = rule.check(defaulted, ctx);
    return findings.length ? [{ rule, findings }] : [];
  });
}
