import { IConstruct } from 'constructs';
import { CisVersion, cisVersionForKubernetes } from '../src/controls';

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
   * CIS Kubernetes Benchmark version whose IDs are written to annotations.
   *
   * @default - chosen from kubernetesVersion (1.28 → 1.10, 1.29–1.31 → 1.11, 1.32+ → 1.12)
   */
  readonly cisVersion?: CisVersion;
  /**
   * Who runs the control plane: the cluster's owner, or EKS, GKE or AKS (whose control plane,
   * audit log and API-server flags are the provider's).
   *
   * @default 'self-managed'
   */
  readonly provider?: 'self-managed' | 'eks' | 'gke' | 'aks';
}

/** Settings with every default resolved. */
export interface ResolvedComplianceSettings {
  /** Profile name. */
  readonly profile: string;
  /** Kubernetes minor version, e.g. `1.28`. */
  readonly kubernetesVersion: string;
  /** CIS benchmark version. */
  readonly cisVersion: CisVersion;
  /** Who runs the control plane. */
  readonly provider: 'self-managed' | 'eks' | 'gke' | 'aks';
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

  /** Resolves defaults: profile `custom`, Kubernetes 1.28, CIS chosen from the Kubernetes version, self-managed. */
  public static resolve(settings: ComplianceSettings): ResolvedComplianceSettings {
    const kubernetesVersion = settings.kubernetesVersion ?? '1.28';
    if (!/^1\.\d+$/.test(kubernetesVersion)) {
      throw new Error(`kubernetesVersion "${kubernetesVersion}" is not a minor version such as "1.28".`);
    }
    return {
      profile: settings.profile ?? 'custom',
      kubernetesVersion,
      cisVersion: settings.cisVersion ?? cisVersionForKubernetes(kubernetesVersion),
      provider: settings.provider ?? 'self-managed',
    };
  }

  private constructor() {}
}
