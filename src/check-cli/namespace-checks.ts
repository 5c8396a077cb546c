/**
 * Checks Namespace objects from any manifest against the profile: the namespace is declared, and
 * its Pod Security Admission `enforce` label is at least the level the profile sets for it. Pure.
 */
import { NS_ADMINISTRATIVE_BOUNDARY, POD_SECURITY_BASELINE, POD_SECURITY_RESTRICTED } from '../controls';
import { PodSecurityLevelName, ResolvedProfile } from '../profile/types';
import { CheckRule, Finding } from './types';

/** The namespace rules. */
export const NAMESPACE_RULES = {
  declared: { id: 'declared-namespace', title: 'workloads run in a namespace the profile declares', control: NS_ADMINISTRATIVE_BOUNDARY },
  restricted: { id: 'namespace-enforces-restricted', title: 'the namespace enforces the restricted Pod Security Standard', control: POD_SECURITY_RESTRICTED },
  baseline: { id: 'namespace-enforces-baseline', title: 'the namespace enforces at least the baseline Pod Security Standard', control: POD_SECURITY_BASELINE },
} as const satisfies Record<string, CheckRule>;

const STRICTNESS: Record<PodSecurityLevelName, number> = { privileged: 0, baseline: 1, restricted: 2 };
const ENFORCE = 'pod-security.kubernetes.io/enforce';

type Json = Record<string, any>;

/** Findings of one Namespace object. */
export function namespaceFindings(obj: Json, profile: ResolvedProfile): Finding[] {
  const name: string = obj.metadata?.name ?? '<unnamed>';
  const ns = profile.namespaces.find((n) => n.name === name);
  if (!ns) {
    return [{ rule: NAMESPACE_RULES.declared, field: 'metadata.name', message: `namespace "${name}" is not declared in profile "${profile.name}"; declare it there` }];
  }
  const wanted: PodSecurityLevelName = ns.podSecurity ?? profile.tiers[ns.tier].enforce;
  if (wanted === 'privileged') return [];
  const label: unknown = obj.metadata?.labels?.[ENFORCE];
  // Without the label, Pod Security Admission enforces its cluster default, privileged unless configured.
  const actual: PodSecurityLevelName | undefined = label === undefined ? 'privileged' : typeof label === 'string' && label in STRICTNESS ? (label as PodSecurityLevelName) : undefined;
  if (actual !== undefined && STRICTNESS[actual] >= STRICTNESS[wanted]) return [];
  const rule = wanted === 'restricted' ? NAMESPACE_RULES.restricted : NAMESPACE_RULES.baseline;
  const has = label === undefined ? `has no ${ENFORCE} label (the cluster default, privileged unless configured, applies)` : `sets ${ENFORCE}: ${JSON.stringify(label)}`;
  return [
    {
      rule,
      field: `metadata.labels.${ENFORCE}`,
      message: `namespace "${name}" (${ns.tier} tier) ${has}; profile "${profile.name}" requires ${ENFORCE}: ${wanted} (${rule.control.id})`,
    },
  ];
}
