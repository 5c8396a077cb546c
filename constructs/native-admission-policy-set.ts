import { Construct } from 'constructs';
import { AdmissionRule, levelsAt, messageExpressionOf, minorOf, RuleContext, rulesAt } from '../src/admission';
import {
  ADM_ENFORCEMENT,
  Control,
  ControlClaim,
  ControlException,
  isWorkloadScoped,
  liftsRule,
  notExceptedCel,
  SCOPED_ENFORCE_LABEL,
} from '../src/controls';
import { enforcementClaim, enforcementExceptions, EXCEPTABLE, PRODUCTION_AUDIT_NEEDS_EXCEPTION } from './_admission-enforcement';
import { podSecurityExpressions, PodSecurityMatch } from './_kyverno-pod-match';
import { ComplianceContext } from './compliance-context';
import { Tier, TIER_LABEL } from './hardened-namespace';
import { KyvernoEnforcement } from './kyverno-validating-policy';
import { TIER_ENFORCEMENT } from './kyverno-policy-set';
import { NAMESPACE_NAME_LABEL, NamespaceRequirement, ValidatingAdmissionPolicyBinding } from './validating-admission-policy-binding';
import { ValidatingAdmissionPolicy } from './validating-admission-policy';

/** Oldest Kubernetes minor version with `admissionregistration.k8s.io/v1` ValidatingAdmissionPolicy (GA in 1.30). */
export const MIN_NATIVE_MINOR = 30;

/** Most `matchConditions` a ValidatingAdmissionPolicy may have. */
const MAX_MATCH_CONDITIONS = 64;

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
  /**
   * The only namespaces the binding applies to (an HL-ADM-009 exception naming namespaces: they
   * audit, the rest of their tiers denies).
   *
   * @default - every namespace of its tiers
   */
  readonly namespaces?: readonly string[];
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
   * Enforcement of the hardline rules per tier; Audit in production needs an HL-ADM-009 exception
   * without namespaces (one naming namespaces audits only those, with the tier still Enforce).
   *
   * @default TIER_ENFORCEMENT
   */
  readonly enforcement?: { readonly [T in Tier]?: KyvernoEnforcement };
  /**
   * Profile exceptions, realised as the Kyverno set realises them: a namespace-wide one for
   * HL-ADM-001..008 excludes the namespaces it names from the bindings of the rules it lifts; a
   * workload-scoped one (HL-ADM-001..008, HL-POD-001/002) becomes a `matchCondition` of each lifted
   * policy, skipping exactly its workloads in its namespaces (they must name them); one for
   * HL-ADM-009 without namespaces lets production audit, one naming namespaces makes exactly those
   * audit (`-audit-excepted` bindings) and leaves them out of the denying ones.
   *
   * @default - none
   */
  readonly exceptions?: readonly ControlException[];
}

/**
 * The hardline admission rules as native Kubernetes admission (no Kyverno): per rule of the model at
 * the pinned version one `ValidatingAdmissionPolicy` (the same CEL the Kyverno set runs, with a
 * `messageExpression` naming the offending containers), and `ValidatingAdmissionPolicyBinding`s
 * selecting namespaces exactly as `KyvernoPolicySet` does: for a Pod Security rule Deny where the
 * namespace enforces one of the rule's levels and Audit (Warn) where it audits (warns) one and does
 * not enforce it, plus Deny where `hardline.dev/pod-security-enforce` keeps the level for the
 * workloads a workload-scoped exception does not name; for a hardline rule Deny or `[Audit, Warn]`
 * per tier enforcement.
 *
 * Exceptions: namespaces a namespace-wide exception names are excluded from the bindings of the
 * rules it lifts; a workload-scoped exception is a `matchCondition` of each policy it lifts (the
 * excepted workloads are skipped in the exception's namespaces and checked everywhere else). The
 * objects carry the exceptions' reason, owner and expiry as annotations. CEL has no clock: an
 * exclusion lasts until the next synth, and the synth fails once the exception has expired.
 * Implements HL-ADM-001 to HL-ADM-009.
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
    const context = ComplianceContext.of(this);
    const version = props.kubernetesVersion ?? context.kubernetesVersion;
    const m = /^1\.(\d+)/.exec(version);
    if (!m || Number(m[1]) < MIN_NATIVE_MINOR) {
      throw new Error(`Kubernetes ${version} has no ValidatingAdmissionPolicy (admissionregistration.k8s.io/v1 needs 1.30 or later); use the kyverno engine.`);
    }
    this.kubernetesMinor = minorOf(version);
    this.enforcement = { ...TIER_ENFORCEMENT, ...(props.enforcement ?? {}) };
    const exceptions = props.exceptions ?? [];
    const audits = enforcementExceptions(exceptions);
    if (this.enforcement[Tier.PRODUCTION] !== KyvernoEnforcement.ENFORCE && audits.tierWide.length === 0) {
      throw new Error(PRODUCTION_AUDIT_NEEDS_EXCEPTION);
    }
    const ctx: RuleContext = { minor: this.kubernetesMinor, params: { allowedRegistries: props.allowedRegistries ?? [], requiredLabels: props.requiredLabels ?? [] } };
    const digestTiers = new Set<string>(props.digestTiers ?? [Tier.PRODUCTION]);
    const tiers = [Tier.PRODUCTION, Tier.STAGING, Tier.DEVELOPMENT];
    const scopedPodSecurity = exceptions.some((e) => e.control.startsWith('HL-POD-') && isWorkloadScoped(e));

    for (const rule of rulesAt(this.kubernetesMinor, ctx.params)) {
      const policyName = `hl-${rule.id}`;
      const exceptable = { id: rule.id, control: rule.control.id };
      const lifting = liftingExceptions(rule, exceptions);
      const scoped = lifting.filter(isWorkloadScoped);
      const namespaceWide = lifting.filter((e) => !isWorkloadScoped(e));
      new ValidatingAdmissionPolicy(this, policyName, {
        name: policyName,
        title: rule.title,
        description: rule.description,
        expression: rule.expression(ctx),
        message: rule.message(ctx),
        messageExpression: messageExpressionOf(rule, ctx),
        // One condition per exception, within Kubernetes' limit of 64; beyond it, one condition for all.
        matchConditions:
          scoped.length <= MAX_MATCH_CONDITIONS
            ? scoped.map((e, i) => ({ name: `not-excepted-${e.control.toLowerCase()}-${i + 1}`, expression: notExceptedCel([e], exceptable, context.complianceDate) ?? 'true' }))
            : [{ name: 'not-excepted', expression: notExceptedCel(scoped, exceptable, context.complianceDate) ?? 'true' }],
        controls: [rule.claim],
        exceptions: scoped,
      });
      const excepted = namespaceWide.flatMap((e) => e.namespaces ?? []);
      // `relaxedBy`: the HL-ADM-009 exceptions a binding that only audits where it would deny rests on;
      // `leftOut`: namespaces a namespace-scoped HL-ADM-009 exception takes out of a denying binding.
      const bind = (
        suffix: string,
        b: Omit<NativeBindingSummary, 'name' | 'rule' | 'exceptedNamespaces'>,
        selector: NamespaceRequirement[],
        relaxedBy: readonly ControlException[],
        leftOut: readonly string[] = [],
      ) => {
        const relaxed = relaxedBy.length > 0;
        const name = `${policyName}-${suffix}`;
        const denies = b.validationActions.includes('Deny');
        const controls: (Control | ControlClaim)[] = [rule.claim];
        if (denies) controls.push(enforcementClaim(rule));
        else if (relaxed) controls.push(ADM_ENFORCEMENT);
        const only = b.namespaces ? [{ key: NAMESPACE_NAME_LABEL, operator: 'In' as const, values: b.namespaces }] : [];
        new ValidatingAdmissionPolicyBinding(this, name, {
          name,
          policyName,
          validationActions: b.validationActions,
          namespaceSelector: [{ key: TIER_LABEL, operator: 'In', values: b.tiers }, ...selector, ...only],
          exceptedNamespaces: [...excepted, ...leftOut],
          controls,
          exceptions: [...namespaceWide, ...relaxedBy],
        });
        this.bindings.push({ name, rule: rule.id, exceptedNamespaces: [...new Set([...excepted, ...leftOut])].sort(), ...b });
      };
      if (rule.level) {
        const levels = levelsAt(rule, this.kubernetesMinor);
        for (const mode of ['enforce', 'audit', 'warn'] as const) {
          const podSecurity = { mode, levels };
          const selector = podSecurityExpressions(podSecurity) as NamespaceRequirement[];
          const actions = ({ enforce: ['Deny'], audit: ['Audit'], warn: ['Warn'] } as const)[mode];
          bind(mode, { validationActions: actions, tiers, podSecurity }, selector, []);
        }
        // As the Kyverno set's -enforce-scoped policies: where a workload-scoped Pod Security exception had
        // PSA lowered, the level stays denied for every other workload through hardline.dev/pod-security-enforce.
        if (scopedPodSecurity) {
          const podSecurity = { mode: 'enforce' as const, levels, label: SCOPED_ENFORCE_LABEL };
          bind('enforce-scoped', { validationActions: ['Deny'], tiers, podSecurity }, podSecurityExpressions(podSecurity) as NamespaceRequirement[], []);
        }
        continue;
      }
      const ruleTiers = tiers.filter((t) => rule.scope === 'all-tiers' || digestTiers.has(t));
      for (const mode of [KyvernoEnforcement.ENFORCE, KyvernoEnforcement.AUDIT]) {
        const modeTiers = ruleTiers.filter((t) => this.enforcement[t] === mode);
        if (modeTiers.length === 0) continue;
        // Auditing production is HL-ADM-009 relaxed by its (tier-wide) exception; denying leaves out the
        // namespaces a namespace-scoped HL-ADM-009 exception names (as the Kyverno set does).
        if (mode === KyvernoEnforcement.ENFORCE) bind('enforce', { validationActions: ['Deny'], tiers: modeTiers }, [], [], audits.namespaces);
        else bind('audit', { validationActions: ['Audit', 'Warn'], tiers: modeTiers }, [], modeTiers.includes(Tier.PRODUCTION) ? audits.tierWide : []);
      }
      // Each namespace-scoped HL-ADM-009 exception: exactly its namespaces of the denying tiers audit.
      const denying = ruleTiers.filter((t) => this.enforcement[t] === KyvernoEnforcement.ENFORCE);
      audits.scoped.forEach((ex, i) => {
        if (denying.length === 0) return;
        const only = [...new Set(ex.namespaces)].sort();
        bind(`audit-excepted${i > 0 ? `-${i + 1}` : ''}`, { validationActions: ['Audit', 'Warn'], tiers: denying, namespaces: only }, [], [ex]);
      });
    }
  }
}

/**
 * The profile exceptions the policy set itself realises for a rule, as the Kyverno set does: those
 * whose control lifts the rule (and whose `rules`, if any, name it), namespace-wide only for
 * HL-ADM-001..008 (namespace-wide HL-POD exceptions lower the PSA labels instead). They must name
 * their namespaces.
 */
function liftingExceptions(rule: AdmissionRule, exceptions: readonly ControlException[]): ControlException[] {
  const lifting = exceptions.filter((e) => liftsRule(e, { id: rule.id, control: rule.control.id }) && (EXCEPTABLE.has(e.control) || isWorkloadScoped(e)));
  for (const e of lifting) {
    if (!e.namespaces) throw new Error(`the exception for ${e.control} must name its namespaces to be realised by the native bindings.`);
  }
  return lifting;
}
