/**
 * The Pod Security level hardline's admission policies keep denying in a namespace where a
 * workload-scoped Pod Security exception had the PSA enforce label lowered. PSA cannot exempt one
 * workload, so the namespace enforces the lowered level through PSA, and the Kyverno policies
 * (and the build-time check) keep the level the namespace would otherwise enforce for every
 * workload the exception does not name. Pure: no I/O.
 */
import { isWorkloadScoped } from '../controls';
import { PodSecurityLevelName, ResolvedProfile, TierName, TierPodSecurity } from './types';

const STRENGTH: Record<PodSecurityLevelName, number> = { privileged: 0, baseline: 1, restricted: 2 };

/** What the rule needs of a namespace. */
interface NamespaceLevels {
  readonly name: string;
  readonly tier: TierName;
  readonly podSecurity?: PodSecurityLevelName;
}

/** What the rule needs of a profile. */
type ProfileLevels = Pick<ResolvedProfile, 'exceptions' | 'admission'> & { readonly tiers: { readonly [T in TierName]: TierPodSecurity } };

/**
 * The level written as `hardline.dev/pod-security-enforce` on the namespace, or undefined: the
 * tier's level (or a stronger `podSecurity`) lowered only by namespace-wide HL-POD-001/002
 * exceptions, when it is stronger than what PSA enforces there and a workload-scoped HL-POD
 * exception names the namespace (with spec.admission: only the admission policies can narrow).
 */
export function scopedEnforceLevel(profile: ProfileLevels, ns: NamespaceLevels): PodSecurityLevelName | undefined {
  if (!profile.admission) return undefined;
  const covering = profile.exceptions.filter((e) => e.control.startsWith('HL-POD-') && (!e.namespaces || e.namespaces.includes(ns.name)));
  if (!covering.some(isWorkloadScoped)) return undefined;
  const tierLevel = profile.tiers[ns.tier].enforce;
  const psa = ns.podSecurity ?? tierLevel;
  let intended: PodSecurityLevelName = STRENGTH[psa] > STRENGTH[tierLevel] ? psa : tierLevel;
  const wide = covering.filter((e) => !isWorkloadScoped(e)).map((e) => e.control);
  if (wide.includes('HL-POD-002')) intended = 'privileged';
  else if (wide.includes('HL-POD-001') && intended === 'restricted') intended = 'baseline';
  return STRENGTH[intended] > STRENGTH[psa] ? intended : undefined;
}
