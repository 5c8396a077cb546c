import { IConstruct } from 'constructs';
import { benchmarkProblem, CIS_VERSIONS, CisVersion, ControlPlaneProvider, dayNumber, defaultBenchmark, MAX_EXCEPTION_DAYS, maxDaysProblem } from '../src/controls';

/** What every hardline construct needs to know about the cluster and profile it builds for. */
export interface ComplianceSettings {
  /**
   * Name of the compliance profile, written to `compliance.hardline.dev/profile`.
   *
   * @default 'custom'
   */
  readonly profile?: string;
  /**
   * Kubernetes minor version of the target cluster, e.g. `1.28`; pins Pod Security Admission versions.
   *
   * @default '1.28'
   */
  readonly kubernetesVersion?: string;
  /**
   * The CIS benchmark whose IDs are written to annotations: a CIS Kubernetes Benchmark version
   * (`1.10`, `1.11`, `1.12`, `2.0`) on a self-managed control plane, or the provider's benchmark on a
   * managed one (`eks-1.8.0`, `gke-1.9.0`, `aks-1.8`). Any other combination is refused.
   *
   * @default - the provider's benchmark; self-managed: chosen from kubernetesVersion (1.28 → 1.10, 1.29–1.31 → 1.11, 1.32–1.33 → 1.12, 1.34+ → 2.0)
   */
  readonly cisVersion?: CisVersion;
  /**
   * The date exceptions are checked against, `YYYY-MM-DD`: an exception expiring before it, or more
   * than `maxExceptionDays` after it, is refused.
   *
   * @default - today (UTC)
   */
  readonly complianceDate?: string;
  /**
   * The longest an exception may live, in days after `complianceDate` (1 to 365).
   *
   * @default 365
   */
  readonly maxExceptionDays?: number;
  /**
   * Who runs the control plane: the cluster's owner, or EKS, GKE or AKS (whose control plane,
   * audit log and API-server flags are the provider's).
   *
   * @default 'self-managed'
   */
  readonly provider?: ControlPlaneProvider;
}

/** Settings with every default resolved. */
export interface ResolvedComplianceSettings {
  /** Profile name. */
  readonly profile: string;
  /** Kubernetes minor version, e.g. `1.28`. */
  readonly kubernetesVersion: string;
  /** The CIS benchmark in force (a CIS Kubernetes version, or the provider's benchmark). */
  readonly cisVersion: CisVersion;
  /** The date exceptions are checked against, `YYYY-MM-DD`. */
  readonly complianceDate: string;
  /** The longest exception lifetime in days. */
  readonly maxExceptionDays: number;
  /** Who runs the control plane. */
  readonly provider: ControlPlaneProvider;
}

const CONTEXT_KEY = 'compliance.hardline.dev/settings';

/**
 * Carries `ComplianceSettings` down the construct tree, so every hardline construct below a
 * scope annotates against the same profile and benchmark. Set it on the App (or a Chart)
 * before adding children.
 */
export class ComplianceContext {
  /** Stores settings on a scope; call before the scope has children. */
  public static set(scope: IConstruct, settings: ComplianceSettings): void {
    scope.node.setContext(CONTEXT_KEY, ComplianceContext.resolve(settings));
  }

  /** The settings in force at a scope (the nearest ancestor's, or the defaults). */
  public static of(scope: IConstruct): ResolvedComplianceSettings {
    const found = scope.node.tryGetContext(CONTEXT_KEY) as ResolvedComplianceSettings | undefined;
    return found ?? ComplianceContext.resolve({});
  }

  /**
   * Resolves defaults (profile `custom`, Kubernetes 1.28, self-managed, the benchmark of the provider or
   * Kubernetes version, today, 365 days) and refuses a benchmark that does not apply to the provider.
   */
  public static resolve(settings: ComplianceSettings): ResolvedComplianceSettings {
    const kubernetesVersion = settings.kubernetesVersion ?? '1.28';
    if (!/^1\.\d+$/.test(kubernetesVersion)) {
      throw new Error(`kubernetesVersion "${kubernetesVersion}" is not a minor version such as "1.28".`);
    }
    const complianceDate = settings.complianceDate ?? new Date().toISOString().slice(0, 10);
    if (dayNumber(complianceDate) === undefined) {
      throw new Error(`complianceDate "${complianceDate}" is not a calendar date written YYYY-MM-DD.`);
    }
    const maxExceptionDays = settings.maxExceptionDays ?? MAX_EXCEPTION_DAYS;
    const daysProblem = maxDaysProblem(maxExceptionDays);
    if (daysProblem) throw new Error(`maxExceptionDays ${daysProblem}.`);
    const provider = settings.provider ?? 'self-managed';
    if (!['self-managed', 'eks', 'gke', 'aks'].includes(provider)) {
      throw new Error(`provider "${provider}" must be one of self-managed, eks, gke, aks.`);
    }
    const cisVersion = settings.cisVersion ?? defaultBenchmark(provider, kubernetesVersion);
    if (!(CIS_VERSIONS as readonly string[]).includes(cisVersion)) {
      throw new Error(`cisVersion "${cisVersion}" must be one of ${CIS_VERSIONS.join(', ')}.`);
    }
    const problem = benchmarkProblem(provider, cisVersion);
    if (problem) throw new Error(`cisVersion ${problem}.`);
    return { profile: settings.profile ?? 'custom', kubernetesVersion, cisVersion, complianceDate, maxExceptionDays, provider };
  }

  private constructor() {}
}
