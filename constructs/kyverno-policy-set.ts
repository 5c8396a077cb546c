import { Construct } from 'constructs';
import { AdmissionRule, levelsAt, minorOf, RuleContext, rulesAt } from '../src/admission';
import {
  ADM_ENFORCEMENT,
  Control,
  ControlClaim,
  ControlException,
  findControl,
  ADMISSION_LIFTS,
  isWorkloadScoped,
  SCOPED_ENFORCE_LABEL,
} from '../src/controls';
import { enforcementClaim, enforcementExceptions, EXCEPTABLE, PRODUCTION_AUDIT_NEEDS_EXCEPTION } from './_admission-enforcement';
import { PodSecurityMatch } from './_kyverno-pod-match';
import { ComplianceContext } from './compliance-context';
import { Tier } from './hardened-namespace';
import { KyvernoClusterPolicy } from './kyverno-cluster-policy';
import { KyvernoPolicyApi, KyvernoPolicyException } from './kyverno-policy-exception';
import { KyvernoEnforcement, KyvernoValidatingPolicy, NamespaceNameMatch } from './kyverno-validating-policy';

/** Default enforcement of the hardline (non-Pod-Security) rules per tier: deny in production and staging, audit and warn in development. */
export const TIER_ENFORCEMENT: { readonly [T in Tier]: KyvernoEnforcement } = {
  [Tier.PRODUCTION]: KyvernoEnforcement.ENFORCE,
  [Tier.STAGING]: KyvernoEnforcement.ENFORCE,
  [Tier.DEVELOPMENT]: KyvernoEnforcement.AUDIT,
};

/** One emitted policy of a `KyvernoPolicySet`. */
export interface KyvernoPolicySummary {
  /** Policy name. */
  readonly name: string;
  /** Rule name (the rule inside a ClusterPolicy; the base name of the rule). */
  readonly rule: string;
  /** Policy kind: ValidatingPolicy or ClusterPolicy. */
  readonly kind: string;
  /** Tiers it applies to. */
  readonly tiers: readonly string[];
  /** Enforcement. */
  readonly enforcement: KyvernoEnforcement;
  /** For a Pod Security rule: the PSA mode it mirrors and the levels it matches. */
  readonly podSecurity?: PodSecurityMatch;
  /** For a hardline rule: the namespaces it selects (`In`) or leaves out (`NotIn`) by name, when HL-ADM-009 is excepted per namespace. */
  readonly namespaces?: NamespaceNameMatch;
}

/** Oldest Kyverno minor version hardline can target. */
export const MIN_KYVERNO_MINOR = 13;

/** Properties for `KyvernoPolicySet`. */
export interface KyvernoPolicySetProps {
  /**
   * Kubernetes minor version whose Pod Security Admission checks the policies follow (the
   * `pod-security.kubernetes.io/*-version` of the namespaces), 1.28 to 1.36; newer versions follow 1.36.
   *
   * @default - the kubernetesVersion of the ComplianceContext
   * @see https://github.com/kubernetes/pod-security-admission/tree/master/policy
   */
  readonly kubernetesVersion?: string;
  /**
   * Kyverno minor version of the cluster: 1.17 and later get `ValidatingPolicy`, 1.13–1.16 `ClusterPolicy`.
   *
   * @default '1.17'
   * @see https://kyverno.io/docs/policy-types/validating-policy
   */
  readonly kyvernoVersion?: string;
  /**
   * Registry prefixes images may come from (`registry.acme.example`, `ghcr.io/acme`).
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
   * Enforcement of the hardline rules (registries, pinning, labels, resources, Secrets in env,
   * ServiceAccounts) per tier. Audit in production needs an exception to HL-ADM-009 that names no
   * namespaces (the whole tier). Pod Security rules do not use it: they follow each namespace's PSA labels.
   *
   * @default TIER_ENFORCEMENT
   */
  readonly enforcement?: { readonly [T in Tier]?: KyvernoEnforcement };
  /**
   * Profile exceptions. Those for HL-ADM-001..008 become PolicyExceptions in the namespaces they name
   * (they must name them). One for HL-ADM-009 without namespaces allows Audit in production (the
   * whole tier); one naming namespaces audits exactly those: the denying policy of each hardline rule
   * leaves them out by `kubernetes.io/metadata.name` and an Audit policy per exception
   * (`hl-<rule>-audit-excepted`, then `-2`, `-3`…) selects exactly them and carries the exception.
   *
   * @default - none
   */
  readonly exceptions?: readonly ControlException[];
}

/**
 * The hardline admission policy set, derived from the rule model (`src/admission`): per Pod Security
 * rule of the pinned Kubernetes version, a Deny, an Audit and a Warn policy matching namespaces by their
 * own `pod-security.kubernetes.io/enforce|audit|warn` labels, so Kyverno gives the verdicts Pod
 * Security Admission gives; per hardline rule (registries, pinning, labels, requests and limits, no
 * Secrets in env, no default ServiceAccount) one policy per tier enforcement; and a PolicyException per
 * excepted control and namespace.
 *
 * Implements HL-ADM-001 to HL-ADM-009.
 */
export class KyvernoPolicySet extends Construct {
  /** The Kyverno API the set targets. */
  public readonly api: KyvernoPolicyApi;
  /** Enforcement of the hardline rules per tier, defaults applied. */
  public readonly enforcement: { readonly [T in Tier]: KyvernoEnforcement };
  /** The Kubernetes minor version the Pod Security rules follow. */
  public readonly kubernetesMinor: number;
  /** The emitted policies, in emission order. */
  public readonly policies: KyvernoPolicySummary[] = [];

  constructor(scope: Construct, id: string, props: KyvernoPolicySetProps = {}) {
    super(scope, id);
    const version = props.kyvernoVersion ?? '1.17';
    const minor = /^1\.(\d+)$/.exec(version);
    if (!minor || Number(minor[1]) < MIN_KYVERNO_MINOR) {
      throw new Error(`kyvernoVersion "${version}" is not supported; hardline targets Kyverno 1.13 and later, written "1.17".`);
    }
    this.api = Number(minor[1]) >= 17 ? KyvernoPolicyApi.VALIDATING_POLICY : KyvernoPolicyApi.CLUSTER_POLICY;
    this.kubernetesMinor = minorOf(props.kubernetesVersion ?? ComplianceContext.of(this).kubernetesVersion);
    this.enforcement = { ...TIER_ENFORCEMENT, ...(props.enforcement ?? {}) };
    const exceptions = props.exceptions ?? [];
    const audits = enforcementExceptions(exceptions);
    if (this.enforcement[Tier.PRODUCTION] !== KyvernoEnforcement.ENFORCE && audits.tierWide.length === 0) {
      throw new Error(PRODUCTION_AUDIT_NEEDS_EXCEPTION);
    }
    const ctx: RuleContext = {
      minor: this.kubernetesMinor,
      params: { allowedRegistries: props.allowedRegistries ?? [], requiredLabels: props.requiredLabels ?? [] },
    };
    const digestTiers = new Set<string>(props.digestTiers ?? [Tier.PRODUCTION]);
    const tiers = [Tier.PRODUCTION, Tier.STAGING, Tier.DEVELOPMENT];

    const refs = new Map<string, { name: string; rule: string }[]>();
    const scopedPodSecurity = exceptions.some((e) => e.control.startsWith('HL-POD-') && isWorkloadScoped(e));
    const emit = (rule: AdmissionRule, name: string, summary: Omit<KyvernoPolicySummary, 'name' | 'rule' | 'kind'>, extra: PolicyExtras) => {
      this.addPolicy(rule, ctx, name, summary, extra);
      refs.set(rule.control.id, [...(refs.get(rule.control.id) ?? []), { name, rule: rule.id }]);
      this.policies.push({ name, rule: rule.id, kind: this.api, ...summary });
    };
    for (const rule of rulesAt(this.kubernetesMinor, ctx.params)) {
      if (rule.level) {
        const levels = levelsAt(rule, this.kubernetesMinor);
        for (const mode of ['enforce', 'audit', 'warn'] as const) {
          const enforcement = mode === 'enforce' ? KyvernoEnforcement.ENFORCE : KyvernoEnforcement.AUDIT;
          emit(rule, `hl-${rule.id}-${mode}`, { tiers, enforcement, podSecurity: { mode, levels } }, { relaxed: false });
        }
        // Where a workload-scoped Pod Security exception had PSA lowered, the level stays denied for
        // every workload it does not name, through the namespace's hardline.dev/pod-security-enforce label.
        if (scopedPodSecurity) {
          const podSecurity = { mode: 'enforce' as const, levels, label: SCOPED_ENFORCE_LABEL };
          emit(rule, `hl-${rule.id}-enforce-scoped`, { tiers, enforcement: KyvernoEnforcement.ENFORCE, podSecurity }, { relaxed: false });
        }
        continue;
      }
      const ruleTiers = tiers.filter((t) => rule.scope === 'all-tiers' || digestTiers.has(t));
      for (const mode of [KyvernoEnforcement.ENFORCE, KyvernoEnforcement.AUDIT]) {
        const modeTiers = ruleTiers.filter((t) => this.enforcement[t] === mode);
        if (modeTiers.length === 0) continue;
        // Auditing production is HL-ADM-009 relaxed by its (tier-wide) exception; denying leaves out
        // the namespaces a namespace-scoped HL-ADM-009 exception names.
        const relaxed = mode === KyvernoEnforcement.AUDIT && modeTiers.includes(Tier.PRODUCTION);
        const leftOut = mode === KyvernoEnforcement.ENFORCE && audits.namespaces.length > 0 ? { namespaces: { operator: 'NotIn' as const, names: audits.namespaces } } : {};
        emit(rule, `hl-${rule.id}-${mode.toLowerCase()}`, { tiers: modeTiers, enforcement: mode, ...leftOut }, { relaxed, auditExceptions: audits.tierWide });
      }
      // Each namespace-scoped HL-ADM-009 exception: exactly its namespaces of the denying tiers audit.
      const denying = ruleTiers.filter((t) => this.enforcement[t] === KyvernoEnforcement.ENFORCE);
      audits.scoped.forEach((ex, i) => {
        if (denying.length === 0) return;
        const summary = { tiers: denying, enforcement: KyvernoEnforcement.AUDIT, namespaces: { operator: 'In' as const, names: ex.namespaces! } };
        emit(rule, `hl-${rule.id}-audit-excepted${i > 0 ? `-${i + 1}` : ''}`, summary, { relaxed: true, auditExceptions: [ex] });
      });
    }

    const named = new Map<string, number>();
    for (const ex of exceptions) {
      // HL-POD-001/002 lift Kyverno only when workload-scoped: namespace-wide, the PSA labels are lowered and the
      // Pod Security policies follow them. An exception naming rules lifts only their policies (narrowest wins).
      const lifted = ADMISSION_LIFTS.get(ex.control);
      if (!lifted || (!EXCEPTABLE.has(ex.control) && !isWorkloadScoped(ex))) continue;
      const policies = lifted.flatMap((c) => refs.get(c) ?? []).filter((p) => !ex.rules || ex.rules.includes(p.rule));
      if (policies.length === 0) continue;
      if (!ex.namespaces) {
        throw new Error(`the exception for ${ex.control} must name its namespaces to become a Kyverno PolicyException.`);
      }
      const controls = lifted.map((c) => findControl(c)!);
      for (const ns of ex.namespaces) {
        // Several exceptions for one control and namespace (each naming other workloads) get -2, -3…
        const base = `${ex.control.toLowerCase()}-${ns}`;
        const n = (named.get(base) ?? 0) + 1;
        named.set(base, n);
        new KyvernoPolicyException(this, `exception-${ex.control}-${ns}${n > 1 ? `-${n}` : ''}`, {
          name: n > 1 ? `${base}-${n}` : base,
          namespace: ns,
          exception: ex,
          policies,
          controls,
          api: this.api,
        });
      }
    }
  }

  private addPolicy(
    rule: AdmissionRule,
    ctx: RuleContext,
    name: string,
    summary: Omit<KyvernoPolicySummary, 'name' | 'rule' | 'kind'>,
    extra: PolicyExtras,
  ): void {
    const denies = summary.enforcement === KyvernoEnforcement.ENFORCE;
    const controls: (Control | ControlClaim)[] = [rule.claim];
    if (denies) controls.push(enforcementClaim(rule));
    else if (extra.relaxed) controls.push(ADM_ENFORCEMENT);
    const props = {
      name,
      title: rule.title,
      category: rule.category,
      severity: rule.severity,
      description: rule.description,
      expression: rule.expression(ctx),
      message: rule.message(ctx),
      tiers: summary.tiers,
      ...(summary.podSecurity ? { podSecurity: summary.podSecurity } : { enforcement: summary.enforcement }),
      ...(summary.namespaces ? { namespaces: summary.namespaces } : {}),
      controls,
      exceptions: extra.relaxed ? (extra.auditExceptions ?? []) : [],
    };
    if (this.api === KyvernoPolicyApi.VALIDATING_POLICY) new KyvernoValidatingPolicy(this, name, props);
    else new KyvernoClusterPolicy(this, name, { ...props, ruleName: rule.id });
  }
}

/** How one policy relates to HL-ADM-009 beyond its enforcement. */
interface PolicyExtras {
  /** Whether the policy audits in production (HL-ADM-009 relaxed by its exception). */
  readonly relaxed: boolean;
  /** The HL-ADM-009 exceptions that relax it (stamped on it when `relaxed`). */
  readonly auditExceptions?: readonly ControlException[];
}
