/**
 * The Kubernetes (Pod Security Admission) versions the rule model covers, and how a rule's
 * behaviour is picked for one of them.
 */
import { AdmissionRule, RuleBehaviour } from './types';

/** Oldest Kubernetes minor version the rules are written for (1.28). */
export const MIN_MINOR = 28;
/** Newest Kubernetes minor version the rules are written for (1.36). */
export const MAX_MINOR = 36;

/** Every supported minor version, oldest first. */
export const SUPPORTED_MINORS: readonly number[] = Array.from({ length: MAX_MINOR - MIN_MINOR + 1 }, (_, i) => MIN_MINOR + i);

/**
 * The minor number of a `1.<minor>` version string. Versions newer than the newest supported are
 * evaluated as the newest (as PSA evaluates `latest`); older or malformed ones throw.
 */
export function minorOf(kubernetesVersion: string): number {
  const m = /^1\.(\d+)$/.exec(kubernetesVersion);
  if (!m) throw new Error(`kubernetesVersion "${kubernetesVersion}" is not a minor version such as "1.28".`);
  const minor = Number(m[1]);
  if (minor < MIN_MINOR) {
    throw new Error(`kubernetesVersion "${kubernetesVersion}" is older than 1.${MIN_MINOR}, the oldest version the admission rules follow.`);
  }
  return Math.min(minor, MAX_MINOR);
}

/** The behaviour of a PSA rule at a version (the newest whose `since` is not after it), or undefined before the first. */
export function behaviourAt(rule: AdmissionRule, minor: number): RuleBehaviour | undefined {
  let found: RuleBehaviour | undefined;
  for (const b of rule.versions) if (b.since <= minor) found = b;
  return found;
}

/** Whether a rule exists at a version (hardline rules always do; PSA checks from their first version). */
export function existsAt(rule: AdmissionRule, minor: number): boolean {
  return rule.versions.length === 0 || behaviourAt(rule, minor) !== undefined;
}

/**
 * The Pod Security levels a PSA rule applies at, at a version: restricted rules at restricted;
 * baseline rules at baseline and restricted, unless a restricted rule replaces them there.
 */
export function levelsAt(rule: AdmissionRule, minor: number): ('baseline' | 'restricted')[] {
  if (rule.level === 'restricted') return ['restricted'];
  if (rule.level === 'baseline') return rule.overriddenBy && rule.overriddenBy.since <= minor ? ['baseline'] : ['baseline', 'restricted'];
  return [];
}
