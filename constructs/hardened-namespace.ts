import { ApiObject } from 'cdk8s';
import { PlainApiObject, kubeManifest } from './_plain-api-object';
import type { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  ControlException,
  NS_ADMINISTRATIVE_BOUNDARY,
  POD_SECURITY_AUDIT_WARN,
  POD_SECURITY_BASELINE,
  POD_SECURITY_RESTRICTED,
} from '../src/controls';
import { annotateControls, exceptionFor } from './_annotate-controls';
import { NAMESPACE_GITOPS_ANNOTATIONS } from './_gitops';
import { dns1123LabelProblem, RESERVED_NAMESPACES } from './_names';
import { ComplianceContext } from './compliance-context';

/** Pod Security Standard levels, from most to least permissive. */
export enum PodSecurityLevel {
  /** Unrestricted: only through an exception to HL-POD-002. */
  PRIVILEGED = 'privileged',
  /** Prevents known privilege escalations. */
  BASELINE = 'baseline',
  /** Current pod hardening best practice. */
  RESTRICTED = 'restricted',
}

/** How critical a namespace's workloads are; decides the secure defaults. */
export enum Tier {
  /** Customer-facing: enforce restricted. */
  PRODUCTION = 'production',
  /** Pre-production: enforce baseline, audit and warn restricted. */
  STAGING = 'staging',
  /** Developer playground: enforce baseline, warn restricted. */
  DEVELOPMENT = 'development',
}

/** The three Pod Security Admission modes of a namespace. */
export interface PodSecurityModes {
  /** Level whose violations are rejected. */
  readonly enforce: PodSecurityLevel;
  /** Level whose violations are written to the audit log. */
  readonly audit: PodSecurityLevel;
  /** Level whose violations return a warning to the client. */
  readonly warn: PodSecurityLevel;
}

/** Default Pod Security Admission modes per tier. */
export const TIER_POD_SECURITY: { readonly [T in Tier]: PodSecurityModes } = {
  [Tier.PRODUCTION]: {
    enforce: PodSecurityLevel.RESTRICTED,
    audit: PodSecurityLevel.RESTRICTED,
    warn: PodSecurityLevel.RESTRICTED,
  },
  [Tier.STAGING]: {
    enforce: PodSecurityLevel.BASELINE,
    audit: PodSecurityLevel.RESTRICTED,
    warn: PodSecurityLevel.RESTRICTED,
  },
  [Tier.DEVELOPMENT]: {
    enforce: PodSecurityLevel.BASELINE,
    audit: PodSecurityLevel.BASELINE,
    warn: PodSecurityLevel.RESTRICTED,
  },
};

/** Label that records a namespace's tier, for selectors and reviewers. */
export const TIER_LABEL = 'hardline.dev/tier';

const STRENGTH: { readonly [L in PodSecurityLevel]: number } = {
  [PodSecurityLevel.PRIVILEGED]: 0,
  [PodSecurityLevel.BASELINE]: 1,
  [PodSecurityLevel.RESTRICTED]: 2,
};

/** Properties for `HardenedNamespace`. */
export interface HardenedNamespaceProps {
  /**
   * Name of the namespace: a DNS-1123 label, not `default` and not `kube-` prefixed (reserved by Kubernetes).
   */
  readonly name: string;
  /**
   * Tier of the namespace; decides the Pod Security Admission defaults.
   *
   * @default Tier.PRODUCTION
   */
  readonly tier?: Tier;
  /**
   * Pod Security Standard level to enforce. Below restricted in production needs an exception to
   * HL-POD-001; privileged anywhere needs an exception to HL-POD-002.
   *
   * @default - the tier's enforce level (production: restricted; staging, development: baseline)
   * @see https://kubernetes.io/docs/concepts/security/pod-security-admission/
   * @see CIS 5.2.1
   */
  readonly podSecurity?: PodSecurityLevel;
  /**
   * Pod Security Admission modes per tier, when a profile sets its own tier policy. An audit or warn
   * level below `TIER_POD_SECURITY` needs an exception to HL-POD-003.
   *
   * @default TIER_POD_SECURITY
   */
  readonly tierPodSecurity?: { readonly [T in Tier]?: PodSecurityModes };
  /**
   * Extra labels on the Namespace.
   *
   * @default - none
   */
  readonly labels?: { readonly [key: string]: string };
  /**
   * Exceptions that relax controls of this namespace (HL-POD-001, HL-POD-002, HL-POD-003).
   *
   * @default - none
   */
  readonly exceptions?: readonly ControlException[];
}

/**
 * A Namespace labelled for Pod Security Admission (`enforce`, `audit`, `warn` and their `-version`
 * labels pinned to the cluster's minor version) and its tier. It is annotated so that Argo CD and
 * Flux never prune or delete it (removing it from the profile must not delete its workloads) and
 * Argo CD syncs it first (wave -1).
 *
 * Emits one `v1` Namespace. Implements HL-NS-001, HL-POD-003 (audit and warn at least the tier's
 * defaults), HL-POD-002 and, where restricted is enforced, HL-POD-001.
 */
export class HardenedNamespace extends Construct {
  /** The namespace name. */
  public readonly name: string;
  /** The namespace tier. */
  public readonly tier: Tier;
  /** The Pod Security Admission modes written as labels. */
  public readonly podSecurity: PodSecurityModes;
  /** The emitted Namespace. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: HardenedNamespaceProps) {
    super(scope, id);
    const problem = dns1123LabelProblem(props.name);
    if (problem) throw new Error(`namespace name ${problem}`);
    if (RESERVED_NAMESPACES.includes(props.name) || props.name.startsWith('kube-')) {
      throw new Error(
        `namespace "${props.name}" is reserved by Kubernetes (default and the kube- prefix); hardline manages only your own namespaces (CIS 5.7.4 / 5.6.4).`,
      );
    }
    this.name = props.name;
    this.tier = props.tier ?? Tier.PRODUCTION;
    const tierModes = props.tierPodSecurity?.[this.tier] ?? TIER_POD_SECURITY[this.tier];
    const enforce = props.podSecurity ?? tierModes.enforce;
    const strongest = (a: PodSecurityLevel, b: PodSecurityLevel) => (STRENGTH[a] >= STRENGTH[b] ? a : b);
    this.podSecurity = {
      enforce,
      audit: strongest(enforce, tierModes.audit),
      warn: strongest(enforce, tierModes.warn),
    };

    const applied: ControlException[] = [];
    const restrictedRequired = this.tier === Tier.PRODUCTION;
    if (restrictedRequired && enforce !== PodSecurityLevel.RESTRICTED) {
      const ex = exceptionFor(props.exceptions, POD_SECURITY_RESTRICTED, this);
      if (!ex) {
        throw new Error(
          `namespace "${this.name}": production namespaces must enforce restricted Pod Security (HL-POD-001), ` +
            `but "${enforce}" was asked for. Add an exception for HL-POD-001 with a reason, owner and expiry.`,
        );
      }
      applied.push(ex);
    }
    if (enforce === PodSecurityLevel.PRIVILEGED) {
      const ex = exceptionFor(props.exceptions, POD_SECURITY_BASELINE, this);
      if (!ex) {
        throw new Error(
          `namespace "${this.name}": enforcing "privileged" turns Pod Security off (HL-POD-002). ` +
            'Add an exception for HL-POD-002 with a reason, owner and expiry.',
        );
      }
      applied.push(ex);
    }

    // audit and warn never fall below the tier's secure default (HL-POD-003) without an exception.
    const lowered = (['audit', 'warn'] as const).filter((m) => STRENGTH[this.podSecurity[m]] < STRENGTH[TIER_POD_SECURITY[this.tier][m]]);
    if (lowered.length > 0) {
      const ex = exceptionFor(props.exceptions, POD_SECURITY_AUDIT_WARN, this);
      if (!ex) {
        throw new Error(
          `namespace "${this.name}": ${lowered.map((m) => `${m} "${this.podSecurity[m]}"`).join(' and ')} is below the ${this.tier} tier's ` +
            `${lowered.map((m) => `${m} "${TIER_POD_SECURITY[this.tier][m]}"`).join(' and ')} (HL-POD-003). Add an exception for HL-POD-003 with a reason, owner and expiry.`,
        );
      }
      applied.push(ex);
    }

    const version = `v${ComplianceContext.of(this).kubernetesVersion}`;
    const labels: { [key: string]: string } = { ...(props.labels ?? {}), [TIER_LABEL]: this.tier };
    for (const mode of ['enforce', 'audit', 'warn'] as const) {
      labels[`pod-security.kubernetes.io/${mode}`] = this.podSecurity[mode];
      labels[`pod-security.kubernetes.io/${mode}-version`] = version;
    }

    this.apiObject = new PlainApiObject(this, 'Resource', kubeManifest<k8s.KubeNamespaceProps>('v1', 'Namespace', { metadata: { name: this.name, labels } }), {
      clusterScoped: true,
    });
    const controls = [NS_ADMINISTRATIVE_BOUNDARY, POD_SECURITY_AUDIT_WARN];
    if (enforce !== PodSecurityLevel.PRIVILEGED) controls.push(POD_SECURITY_BASELINE);
    if (enforce === PodSecurityLevel.RESTRICTED) controls.push(POD_SECURITY_RESTRICTED);
    annotateControls(this.apiObject, controls, applied);
    for (const [key, value] of NAMESPACE_GITOPS_ANNOTATIONS) this.apiObject.metadata.addAnnotation(key, value);
  }
}
