/**
 * Types of the admission rule model: one `AdmissionRule` per Pod Security Admission check (or
 * hardline rule), holding its identity, claims, level, version behaviour, CEL and fixtures.
 * Pure data: no I/O, no cdk8s, so constructs may import it.
 */
import { Control, ControlClaim } from '../controls/types';

/** Loosely typed JSON object (a manifest or part of one). */
export type Json = Record<string, any>;

/** A Pod or a controller's Pod template: `metadata` (labels, annotations) and `spec`. */
export interface PodTemplate {
  /** Labels and annotations of the Pod (template). */
  readonly metadata?: Json;
  /** The Pod spec. */
  readonly spec: Json;
}

/** Pod Security Standard levels that carry checks. */
export type PsaLevel = 'baseline' | 'restricted';

/** Profile-dependent inputs of the hardline (non-PSA) rules. */
export interface RuleParams {
  /** Registry prefixes images may come from, e.g. `registry.acme.example` or `ghcr.io/acme`. */
  readonly allowedRegistries: readonly string[];
  /** Label keys every Pod (template) must carry with a non-empty value. */
  readonly requiredLabels: readonly string[];
}

/** What a rule is evaluated for: the Pod Security Admission version pinned for the cluster, and the profile inputs. */
export interface RuleContext {
  /** Kubernetes minor version (28 for 1.28), the `pod-security.kubernetes.io/*-version` of the namespaces. */
  readonly minor: number;
  /** Profile inputs. */
  readonly params: RuleParams;
}

/** One way a Pod (template) breaks a rule. */
export interface RuleFinding {
  /** Field path from the Pod (template) root, e.g. `spec.containers[0].securityContext.privileged`. */
  readonly field: string;
  /** What must change, naming the container when there is one, e.g. `container "app" must not set privileged: true`. */
  readonly message: string;
}

/** One behaviour of a Pod Security check, from the upstream version that introduced it. */
export interface RuleBehaviour {
  /** First Kubernetes minor version with this behaviour (upstream `MinimumVersion`). */
  readonly since: number;
  /** The upstream function implementing it in k8s.io/pod-security-admission `policy/check_*.go`. */
  readonly upstream: string;
  /** What this version allows or forbids, in a reviewer's words. */
  readonly summary: string;
}

/** A fixture of a rule: how to change a fully compliant Pod, and whether the rule must admit the result. */
export interface RuleFixture {
  /** Fixture name, unique within the rule (kyverno style: `badpod01-init`, `goodpod02-windows`). */
  readonly name: string;
  /** Whether the rule admits the Pod. */
  readonly admit: boolean;
  /** Mutates a compliant Pod manifest (`metadata` + `spec`) into the fixture. */
  readonly apply: (pod: Json) => void;
  /** First Kubernetes minor the verdict holds for (default: every version the rule exists in). */
  readonly from?: number;
  /** Last Kubernetes minor the verdict holds for (default: the newest supported). */
  readonly until?: number;
}

/** Which tiers a hardline rule applies to. */
export type RuleScope = 'all-tiers' | 'digest-tiers';

/** One admission rule: a Pod Security Admission check or a hardline rule. */
export interface AdmissionRule {
  /** Stable rule id and Kyverno policy base name (kebab-case, as in the Kyverno policy library). */
  readonly id: string;
  /** `policies.kyverno.io/title`. */
  readonly title: string;
  /** `policies.kyverno.io/category`. */
  readonly category: string;
  /** `policies.kyverno.io/severity`. */
  readonly severity: 'low' | 'medium' | 'high';
  /** `policies.kyverno.io/description`. */
  readonly description: string;
  /** The hardline control the rule implements; an exception to it lifts the rule (Kyverno and build time). */
  readonly control: Control;
  /** The CIS recommendations and SOC 2 criteria this rule itself implements. */
  readonly claim: ControlClaim;
  /** Pod Security level of a PSA check; absent for hardline rules, which follow the tier enforcement. */
  readonly level?: PsaLevel;
  /** The upstream PSA check ID (`policy/check_<id>.go`), for PSA checks. */
  readonly psaCheck?: string;
  /**
   * Behaviours by version, oldest first; the first `since` is when the check starts to apply. Empty
   * for hardline rules (they apply at every version).
   */
  readonly versions: readonly RuleBehaviour[];
  /**
   * A baseline check that a restricted check replaces (upstream `OverrideCheckIDs`) from a version on:
   * in namespaces at restricted only the replacing rule applies.
   */
  readonly overriddenBy?: { readonly rule: string; readonly since: number };
  /** Tiers a hardline rule applies to. */
  readonly scope: RuleScope;
  /** Whether the rule exists for these profile inputs (no registries: no registry rule). */
  readonly enabled?: (p: RuleParams) => boolean;
  /** The CEL expression (true admits) over `variables.podTemplate`, `variables.podSpec`, `variables.allContainers`. */
  readonly expression: (ctx: RuleContext) => string;
  /** The message Kyverno returns when the expression is false. */
  readonly message: (ctx: RuleContext) => string;
  /**
   * For a rule over Pod spec fields rather than lists: a CEL string expression naming what offends
   * (the fields set, the labels missing), which the native `messageExpression` puts before the message.
   * Without it the offending containers, volumes or sysctls are derived from `expression`.
   */
  readonly offending?: (ctx: RuleContext) => string;
  /** The build-time check: what the expression rejects, with field paths (empty: admitted). */
  readonly check: (pod: PodTemplate, ctx: RuleContext) => RuleFinding[];
  /** Good and bad fixtures, at least one of each per version where the behaviour changes. */
  readonly fixtures: readonly RuleFixture[];
}
