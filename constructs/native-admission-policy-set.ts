import { Construct } from 'constructs';
import { AdmissionRule, levelsAt, minorOf, RuleContext, rulesAt } from '../src/admission';
import {
  ADM_ALLOWED_REGISTRIES,
  ADM_ENFORCEMENT,
  ADM_IMAGE_PINNING,
  ADM_NO_DEFAULT_SA,
  ADM_NO_SECRET_ENV,
  ADM_PSS_BASELINE,
  ADM_PSS_RESTRICTED,
  ADM_REQUIRED_LABELS,
  ADM_RESOURCES,
  claimOf,
  Control,
  ControlClaim,
  ControlException,
} from '../src/controls';
import { podSecurityExpressions, PodSecurityMatch } from './_kyverno-pod-match';
import { ComplianceContext } from './compliance-context';
import { Tier, TIER_LABEL } from './hardened-namespace';
import { KyvernoEnforcement } from './kyverno-validating-policy';
import { TIER_ENFORCEMENT } from './kyverno-policy-set';
import { NamespaceRequirement, ValidatingAdmissionPolicyBinding } from './validating-admission-policy-binding';
import { ValidatingAdmissionPolicy } from './validating-admission-policy';

/** Oldest Kubernetes minor version with `admissionregistration.k8s.io/v1` ValidatingAdmissionPolicy (GA in 1.30). */
export const MIN_NATIVE_MINOR = 30;

/** Controls a profile exception may lift in named namespaces (as for Kyverno: not HL-POD-001/002, which follow the namespace PSA labels). */
const EXCEPTABLE: ReadonlySet<string> = new Set(
  [ADM_PSS_BASELINE, ADM_PSS_RESTRICTED, ADM_ALLOWED_REGISTRIES, ADM_IMAGE_PINNING, ADM_REQUIRED_LABELS, ADM_RESOURCES, ADM_NO_SECRET_ENV, ADM_NO_DEFAULT_SA].map(
    (c) => c.id,
  ),
);

/** One emitted binding of a `NativeAdmissionPolicySet`. */
export interface NativeBindingSummary {
  /** Binding name. */
  readonly name: string;
  /** The rule (and ValidatingAdmissionPolicy name without the `hl-` prefix). */
  readonly rule: string;
  /** Validation actions. */
  readonly validationActions: readonly ('Deny' | 'Audit' | 'Warn')[];
  /** Tiers it applies to. */
  readonly tiers: readonly string[];
  /** For a Pod Security rule: the PSA mode it mirrors and the levels it matches. */
  readonly podSecurity?: PodSecurityMatch;
  /** Namespaces excluded by a profile exception. */
  readonly exceptedNamespaces: readonly string[];
}

/** Properties for `NativeAdmissionPolicySet`. */
export interface NativeAdmissionPolicySetProps {
  /**
   * Kubernetes minor version of the cluster (1.30 or later) whose Pod Security Admission checks the
   * policies follow; newer than 1.36 follows 1.36.
   *
   * @default - the kubernetesVersion of the ComplianceContext
   */
  readonly kubernetesVersion?: string;
  /**
   * Registry prefixes images may come from.
   *
   * @default - no registry policy
   */
  readonly allowedRegistries?: readonly string[];
  /**
   * Labels every Pod (template) must carry.
   *
   * @default - no label policy
   */
  readonly requiredLabels?: readonly string[];
  /**
   * Tiers whose images must be pinned by digest.
   *
   * @default [Tier.PRODUCTION]
   */
  readonly digestTiers?: readonly Tier[];
  /**
   * Enforcement of the hardline rules per tier; Audit in production needs an exception to HL-ADM-009.
   *
   * @default TIER_ENFORCEMENT
   */
  readonly enforcement?: { readonly [T in Tier]?: KyvernoEnforcement };
  /**
   * Profile exceptions: those for HL-ADM-001..008 exclude the namespaces they name from the rule's
   * bindings (they must name them); one for HL-ADM-009 allows Audit in production.
   *
   * @default - none
   */
  readonly exceptions?: readonly ControlException[];
}

/**
 * The hardline admission rules as native Kubernetes admission (no Kyverno): per rule of the model at
 * the pinned version one `ValidatingAdmissionPolicy` (the same CEL the Kyverno set runs), and
 * `ValidatingAdmissionPolicyBinding`s selecting namespaces exactly as `KyvernoPolicySet` does: for a
 * Pod Security rule Deny where the namespace enforces one of the rule's levels and Audit (Warn) where
 * it audits (warns) one and does not enforce it; for a hardline rule Deny or `[Audit, Warn]` per tier
 * enforcement. Namespaces named by a profile exception are excluded from the bindings of the excepted
 * rule, and the binding carries the exception. Implements HL-ADM-001 to HL-ADM-009.
 */
export class NativeAdmissionPolicySet extends Construct {
  /** The Kubernetes minor version the rules follow. */
  public readonly kubernetesMinor: number;
  /** Enforcement of the hardline rules per tier, defaults applied. */
  public readonly enforcement: { readonly [T in Tier]: KyvernoEnforcement };
  /** The emitted bindings, in emission order. */
  public readonly bindings: NativeBindingSummary[] = [];

  constructor(scope: Construct, id: string, props: NativeAdmissionPolicySetProps = {}) {
    super(scope, id);
    const version = props.kubernetesVersion ?? ComplianceContext.of(this).kubernetesVersion;
    const m = /^1\.(\d+)/.exec(version);
    if (!m || Number(m[1]) < MIN_NATIVE_MINOR) {
      throw new Error(`Kubernetes ${version} has no ValidatingAdmissionPolicy (admissionregistration.k8s.io/v1 needs 1.30 or later); use the kyverno engine.`);
    }
    this.kubernetesMinor = minorOf(version);
    this.enforcement = { ...TIER_ENFORCEMENT, ...(props.enforcement ?? {}) };
    const exceptions = props.exceptions ?? [];
    const auditException = exceptions.find((e) => e.control === ADM_ENFORCEMENT.id);
    if (this.enforcement[Tier.PRODUCTION] !== KyvernoEnforcement.ENFORCE && !auditException) {
      throw new Error('admission policies would only audit in production (HL-ADM-009); add an exception for HL-ADM-009 with a reason, owner and expiry.');
    }
    const ctx: RuleContext = { minor: this.kubernetesMinor, params: { allowedRegistries: props.allowedRegistries ?? [], requiredLabels: props.requiredLabels ?? [] } };
    const digestTiers = new Set<string>(props.digestTiers ?? [Tier.PRODUCTION]);
    const tiers = [Tier.PRODUCTION, Tier.STAGING, Tier.DEVELOPMENT];

    for (const rule of rulesAt(this.kubernetesMinor, ctx.params)) {
      const policyName = `hl-${rule.id}`;
      new ValidatingAdmissionPolicy(this, policyName, {
        name: policyName,
        title: rule.title,
        description: rule.description,
        expression: rule.expression(ctx),
        message: rule.message(ctx),
        controls: [rule.claim],
      });
      const ruleExceptions = EXCEPTABLE.has(rule.control.id) ? exceptions.filter((e) => e.control === rule.control.id) : [];
      for (const e of ruleExceptions) {
        if (!e.namespaces) throw new Error(`the exception for ${e.control} must name its namespaces to be excluded from the native bindings.`);
      }
      const excepted = ruleExceptions.flatMap((e) => e.namespaces ?? []);
      const bind = (suffix: string, b: Omit<NativeBindingSummary, 'name' | 'rule' | 'exceptedNamespaces'>, selector: NamespaceRequirement[], relaxed: boolean) => {
        const name = `${policyName}-${suffix}`;
        const denies = b.validationActions.includes('Deny');
        const controls: (Control | ControlClaim)[] = [rule.claim];
        if (denies) controls.push(enforcementClaim(rule));
        else if (relaxed) controls.push(ADM_ENFORCEMENT);
        new ValidatingAdmissionPolicyBinding(this, name, {
          name,
          policyName,
          validationActions: b.validationActions,
          namespaceSelector: [{ key: TIER_LABEL, operator: 'In', values: b.tiers }, ...selector],
          exceptedNamespaces: excepted,
          controls,
          exceptions: [...ruleExceptions, ...(relaxed && auditException ? [auditException] : [])],
        });
        this.bindings.push({ name, rule: rule.id, exceptedNamespaces: [...new Set(excepted)].sort(), ...b });
      };
      if (rule.level) {
        const levels = levelsAt(rule, this.kubernetesMinor);
        for (const mode of ['enforce', 'audit', 'warn'] as const) {
          const podSecurity = { mode, levels };
          const selector = podSecurityExpressions(podSecurity) as NamespaceRequirement[];
          const actions = ({ enforce: ['Deny'], audit: ['Audit'], warn: ['Warn'] } as const)[mode];
          bind(mode, { validationActions: actions, tiers, podSecurity }, selector, false);
        }
        continue;
      }
      const ruleTiers = tiers.filter((t) => rule.scope === 'all-tiers' || digestTiers.has(t));
      for (const mode of [KyvernoEnforcement.ENFORCE, KyvernoEnforcement.AUDIT]) {
        const modeTiers = ruleTiers.filter((t) => this.enforcement[t] === mode);
        if (modeTiers.length === 0) continue;
        const relaxed = mode === KyvernoEnforcement.AUDIT && modeTiers.includes(Tier.PRODUCTION);
        const actions = mode === KyvernoEnforcement.ENFORCE ? (['Deny'] as const) : (['Audit', 'Warn'] as const);
        bind(mode.toLowerCase(), { validationActions: actions, tiers: modeTiers }, [], relaxed);
      }
    }
  }
}

/** The part of HL-ADM-009 a denying binding implements: CIS 5.2.1, and CC6.8 where the rule is about software. */
function enforcementClaim(rule: AdmissionRule): ControlClaim {
  const software = rule.claim.soc2.some((s) => s.id === 'CC6.8');
  return claimOf(ADM_ENFORCEMENT, { cis: ['5.2.1'], soc2: software ? ['CC6.8'] : [] }, '1.10');
}
