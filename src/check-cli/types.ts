/** The result model of `hardline check`: rules, findings and verdicts per object. */
import { Control, ControlClaim } from '../controls';
import { ManifestObject } from './read-manifests';

/** A rule `hardline check` applies. */
export interface CheckRule {
  /** Stable rule id, e.g. `pod-security-restricted` or `HL-RBAC-001`; the SARIF `ruleId`. */
  readonly id: string;
  /** What the rule asks for, in a few words. */
  readonly title: string;
  /** The catalog control the rule enforces, when it enforces one. */
  readonly control?: Control;
  /** The part of the control this rule itself implements (its CIS and SOC 2 IDs); absent: the whole control's. */
  readonly claim?: ControlClaim;
}

/** One way an object breaks a rule. */
export interface Finding {
  /** The rule broken. */
  readonly rule: CheckRule;
  /** Field path in the object, e.g. `spec.template.spec.containers[0].image`; `''` for the whole object. */
  readonly field: string;
  /** What is wrong and what to change. */
  readonly message: string;
}

/** The verdict on one checked object. */
export interface ObjectVerdict {
  /** The object, with where it was read. */
  readonly manifest: ManifestObject;
  /** `kind`. */
  readonly kind: string;
  /** `metadata.name` (`<unnamed>` when absent). */
  readonly name: string;
  /** Namespace of a namespaced object (`default` when the manifest names none); absent for cluster-scoped ones. */
  readonly namespace?: string;
  /** Findings in field order; empty when the object passes. */
  readonly findings: readonly Finding[];
}
