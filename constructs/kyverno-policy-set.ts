import { Construct } from 'constructs';
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
  Control,
  ControlException,
  POD_SECURITY_BASELINE,
  POD_SECURITY_RESTRICTED,
} from '../src/controls';
import { ADMISSION_RULES, AdmissionRule, RuleParams } from './_kyverno-rules';
import { Tier } from './hardened-namespace';
import { KyvernoClusterPolicy } from './kyverno-cluster-policy';
import { KyvernoPolicyApi, KyvernoPolicyException } from './kyverno-policy-exception';
import { KyvernoEnforcement, KyvernoValidatingPolicy } from './kyverno-validating-policy';

/** Default enforcement per tier: deny in production and staging, audit and warn in development. */
export const TIER_ENFORCEMENT: { readonly [T in Tier]: KyvernoEnforcement } = {
  [Tier.PRODUCTION]: KyvernoEnforcement.ENFORCE,
  [Tier.STAGING]: KyvernoEnforcement.ENFORCE,
  [Tier.DEVELOPMENT]: KyvernoEnforcement.AUDIT,
};

/** Controls a profile exception may lift through Kyverno PolicyExceptions, and the controls they map to. */
const EXCEPTABLE: ReadonlyMap<string, readonly Control[]> = new Map<string, readonly Control[]>([
  ...[ADM_PSS_BASELINE, ADM_PSS_RESTRICTED, ADM_ALLOWED_REGISTRIES, ADM_IMAGE_PINNING, ADM_REQUIRED_LABELS, ADM_RESOURCES, ADM_NO_SECRET_ENV, ADM_NO_DEFAULT_SA].map(
    (c) => [c.id, [c]] as const,
  ),
  // The two enforcement layers agree: a namespace excepted from restricted Pod Security Admission
  // (HL-POD-001) is excepted from the restricted Kyverno rules too; from baseline (HL-POD-002), from both.
  [POD_SECURITY_RESTRICTED.id, [ADM_PSS_RESTRICTED]],
  [POD_SECURITY_BASELINE.id, [ADM_PSS_BASELINE, ADM_PSS_RESTRICTED]],
]);

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
}

/** Oldest Kyverno minor version hardline can target. */
export const MIN_KYVERNO_MINOR = 13;

/** Properties for `KyvernoPolicySet`. */
export interface KyvernoPolicySetProps {
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
   * Enforcement per tier. Audit in production needs an exception to HL-ADM-009.
   *
   * @default TIER_ENFORCEMENT
   */
  readonly enforcement?: { readonly [T in Tier]?: KyvernoEnforcement };
  /**
   * Profile exceptions. Those for HL-ADM-001..008, HL-POD-001 and HL-POD-002 become PolicyExceptions in
   * the namespaces they name (they must name them); one for HL-ADM-009 allows Audit in production.
   *
   * @default - none
   */
  readonly exceptions?: readonly ControlException[];
}

/**
 * The hardline admission policy set: one Kyverno policy per rule and enforcement mode (Pod Security
 * Standards baseline and restricted, allowed registries, image pinning, required labels, requests and
 * limits, no Secrets in env, no default ServiceAccount), each matching namespaces by their
 * `hardline.dev/tier` label, plus a PolicyException per excepted control and namespace.
 *
 * Implements HL-ADM-001 to HL-ADM-009.
 */
export class KyvernoPolicySet extends Construct {
  /** The Kyverno API the set targets. */
  public readonly api: KyvernoPolicyApi;
  /** Enforcement per tier, defaults applied. */
  public readonly enforcement: { readonly [T in Tier]: KyvernoEnforcement };
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
    this.enforcement = { ...TIER_ENFORCEMENT, ...(props.enforcement ?? {}) };
    const exceptions = props.exceptions ?? [];
    const auditException = exceptions.find((e) => e.control === ADM_ENFORCEMENT.id);
    if (this.enforcement[Tier.PRODUCTION] !== KyvernoEnforcement.ENFORCE && !auditException) {
      throw new Error(
        'admission policies would only audit in production (HL-ADM-009); add an exception for HL-ADM-009 with a reason, owner and expiry.',
      );
    }
    const params: RuleParams = { allowedRegistries: props.allowedRegistries ?? [], requiredLabels: props.requiredLabels ?? [] };
    const digestTiers = new Set<string>(props.digestTiers ?? [Tier.PRODUCTION]);
    const tiers = [Tier.PRODUCTION, Tier.STAGING, Tier.DEVELOPMENT];

    const refs = new Map<string, { name: string; rule: string }[]>();
    for (const rule of ADMISSION_RULES) {
      if (rule.enabled && !rule.enabled(params)) continue;
      const ruleTiers = tiers.filter((t) => rule.scope === 'all-tiers' || digestTiers.has(t));
      for (const mode of [KyvernoEnforcement.ENFORCE, KyvernoEnforcement.AUDIT]) {
        const modeTiers = ruleTiers.filter((t) => this.enforcement[t] === mode);
        if (modeTiers.length === 0) continue;
        const name = `hl-${rule.name}-${mode.toLowerCase()}`;
        this.addPolicy(rule, params, name, mode, modeTiers, auditException);
        refs.set(rule.control.id, [...(refs.get(rule.control.id) ?? []), { name, rule: rule.name }]);
        this.policies.push({ name, rule: rule.name, kind: this.api, tiers: modeTiers, enforcement: mode });
      }
    }

    const named = new Map<string, number>();
    for (const ex of exceptions) {
      const lifted = EXCEPTABLE.get(ex.control);
      if (!lifted) continue;
      // An exception naming rules lifts only their policies (narrowest wins).
      const policies = lifted.flatMap((c) => refs.get(c.id) ?? []).filter((p) => !ex.rules || ex.rules.includes(p.rule));
      if (policies.length === 0) continue;
      if (!ex.namespaces) {
        throw new Error(`the exception for ${ex.control} must name its namespaces to become a Kyverno PolicyException.`);
      }
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
          controls: lifted,
          api: this.api,
        });
      }
    }
  }

  private addPolicy(
    rule: AdmissionRule,
    params: RuleParams,
    name: string,
    mode: KyvernoEnforcement,
    tiers: readonly Tier[],
    auditException: ControlException | undefined,
  ): void {
    // Deny is what HL-ADM-009 asks for; auditing production is that control relaxed by its exception.
    const enforced = mode === KyvernoEnforcement.ENFORCE;
    const relaxed = !enforced && tiers.includes(Tier.PRODUCTION);
    const props = {
      name,
      title: rule.title,
      category: rule.category,
      severity: rule.severity,
      description: rule.description,
      expression: rule.expression(params),
      message: rule.message(params),
      tiers,
      enforcement: mode,
      controls: enforced || relaxed ? [rule.control, ADM_ENFORCEMENT] : [rule.control],
      exceptions: relaxed && auditException ? [auditException] : [],
    };
    if (this.api === KyvernoPolicyApi.VALIDATING_POLICY) new KyvernoValidatingPolicy(this, name, props);
    else new KyvernoClusterPolicy(this, name, { ...props, ruleName: rule.name });
  }
}
