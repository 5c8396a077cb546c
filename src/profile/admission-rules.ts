/**
 * `spec.admission` across an extends chain: merge (the extending profile overrides field by field,
 * enforcement per tier; `engine` like any scalar: the last file that sets it wins), defaults, and the
 * located checks (supported Kyverno version, the native engine only on Kubernetes 1.30+, a tier that
 * audits only through a tier-wide exception to HL-ADM-009; one naming namespaces audits only those).
 */
import { managerProblem } from '../../constructs/kyverno-tamper-protection-policy';
import { ProfileProblem } from '../errors';
import { exceptionIndex, LocatedException, LocatedNamespace, Origin, problemAt } from './namespace-rules';
import { imageSignatureProblems } from './image-signature-rules';
import { nativeEngineProblems } from './native-engine-rules';
import { AdmissionEngineName, AdmissionSpec, EnforcementName, ImageSignatureSpec, ResolvedAdmission, TierName } from './types';
import { YamlSource } from './yaml-source';

/** Oldest Kyverno minor whose ClusterPolicy has rule-level `validate.failureAction`. */
const MIN_KYVERNO_MINOR = 13;

/** Accumulates `spec.admission` of each file of a chain, base first. */
export class AdmissionMerger {
  private present = false;
  private engine?: { value: AdmissionEngineName; origin: Origin };
  private version?: { value: string; origin: Origin };
  private registries?: readonly string[];
  private labels?: readonly string[];
  private digest?: { value: NonNullable<AdmissionSpec['requireDigest']>; origin: Origin };
  private managers?: { value: readonly string[]; origin: Origin };
  private readonly enforcement: Partial<Record<TierName, { value: EnforcementName; origin: Origin }>> = {};
  private readonly signatures = new Map<string, { spec: ImageSignatureSpec; origin: Origin }>();
  private readonly duplicates: ProfileProblem[] = [];

  /** Adds one file's `spec.admission` (if any). */
  add(source: YamlSource, spec: AdmissionSpec | undefined): void {
    if (!spec) return;
    this.present = true;
    const at = (pointer: string): Origin => ({ source, pointer: `/spec/admission${pointer}` });
    if (spec.engine !== undefined) this.engine = { value: spec.engine, origin: at('/engine') };
    if (spec.kyvernoVersion !== undefined) this.version = { value: spec.kyvernoVersion, origin: at('/kyvernoVersion') };
    if (spec.allowedRegistries !== undefined) this.registries = spec.allowedRegistries;
    if (spec.requiredLabels !== undefined) this.labels = spec.requiredLabels;
    if (spec.requireDigest !== undefined) this.digest = { value: spec.requireDigest, origin: at('/requireDigest') };
    if (spec.managers !== undefined) this.managers = { value: spec.managers, origin: at('/managers') };
    for (const tier of Object.keys(spec.enforcement ?? {}).sort() as TierName[]) {
      this.enforcement[tier] = { value: spec.enforcement![tier]!, origin: at(`/enforcement/${tier}`) };
    }
    const seen = new Set<string>();
    (spec.imageSignatures ?? []).forEach((sig, i) => {
      if (!sig) return;
      if (seen.has(sig.name)) this.duplicates.push(problemAt(at(`/imageSignatures/${i}`), '/name', `image signature rule "${sig.name}" is declared twice`));
      seen.add(sig.name);
      this.signatures.set(sig.name, { spec: sig, origin: at(`/imageSignatures/${i}`) });
    });
  }

  /**
   * Problems of the merged section, judged on the fully merged profile: a tier that audits instead
   * of denying (production, or staging with namespaces) needs an HL-ADM-009 exception without
   * namespaces, since the whole tier audits (an HL-ADM-009 exception naming namespaces audits exactly
   * those, the tier still denying); production images not pinned by digest need an HL-ADM-004
   * exception naming every production namespace.
   */
  problems(exceptions: readonly LocatedException[], namespaces: readonly LocatedNamespace[] = [], kubernetesVersion?: string): ProfileProblem[] {
    const out: ProfileProblem[] = [];
    if (this.engine?.value === 'kubernetes') out.push(...nativeEngineProblems(this.engine.origin, kubernetesVersion));
    const excepted = exceptionIndex(exceptions);
    const inTier = (tier: TierName) => namespaces.filter((n) => (n.spec.tier ?? 'production') === tier).map((n) => n.spec.name);
    const uncovered = (control: string, tier: TierName) => inTier(tier).filter((ns) => !excepted(control, ns));
    if (this.version && Number(this.version.value.split('.')[1]) < MIN_KYVERNO_MINOR) {
      out.push(
        problemAt(this.version.origin, '', `Kyverno "${this.version.value}" is not supported; hardline emits ClusterPolicy CEL rules for 1.13–1.16 and ValidatingPolicy for 1.17+`),
      );
    }
    this.managers?.value.forEach((m, i) => {
      const why = managerProblem(m);
      if (why) out.push(problemAt(this.managers!.origin, `/${i}`, `${why} (HL-ADM-010)`));
    });
    for (const tier of ['production', 'staging'] as const) {
      const set = this.enforcement[tier];
      if (!set || set.value === 'Enforce') continue;
      const tierWide = exceptions.some((e) => e.exception.control === 'HL-ADM-009' && e.exception.namespaces === undefined);
      if (!tierWide && (tier === 'production' || inTier(tier).length > 0)) {
        out.push(
          problemAt(
            set.origin,
            '',
            `${tier} admission policies may only audit through an exception for HL-ADM-009 without namespaces (it covers the whole tier) ` +
              `with a reason, owner and expiry; to audit only some namespaces keep ${tier} Enforce and name them in the HL-ADM-009 exception`,
          ),
        );
      }
    }
    if (this.digest?.value === 'none') {
      const open = uncovered('HL-ADM-004', 'production');
      if (open.length > 0) {
        out.push(
          problemAt(
            this.digest.origin,
            '',
            `requireDigest: none stops pinning production images by digest (HL-ADM-004) in ${open.join(', ')}; ` +
              'keep "production" or "all", or add an exception for HL-ADM-004 covering those namespaces with a reason, owner and expiry',
          ),
        );
      }
    }
    const version = Number((this.version?.value ?? '1.17').split('.')[1]);
    out.push(...this.duplicates, ...imageSignatureProblems([...this.signatures.values()], version, this.version?.origin));
    return out;
  }

  /** The merged section with defaults, or undefined when no file declares one. */
  resolve(): ResolvedAdmission | undefined {
    if (!this.present) return undefined;
    const digest = this.digest?.value ?? 'production';
    const tier = (t: TierName, d: EnforcementName) => this.enforcement[t]?.value ?? d;
    return {
      engine: this.engine?.value ?? 'kyverno',
      kyvernoVersion: this.version?.value ?? '1.17',
      allowedRegistries: [...new Set(this.registries ?? [])].sort(),
      requiredLabels: [...new Set(this.labels ?? [])].sort(),
      digestTiers: digest === 'all' ? ['production', 'staging', 'development'] : digest === 'production' ? ['production'] : [],
      enforcement: { production: tier('production', 'Enforce'), staging: tier('staging', 'Enforce'), development: tier('development', 'Audit') },
      managers: [...new Set(this.managers?.value ?? [])].sort(),
      imageSignatures: [...this.signatures.values()]
        .map((s) => s.spec)
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        .map((s) => ({
          name: s.name,
          images: [...new Set(s.images)].sort(),
          ...(s.publicKeys?.length ? { publicKeys: [...s.publicKeys] } : {}),
          ...(s.keyless?.length ? { keyless: s.keyless.map((k) => ({ issuer: k.issuer, subject: k.subject })) } : {}),
        })),
    };
  }
}
