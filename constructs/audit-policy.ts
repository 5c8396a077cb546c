import { ApiObject } from 'cdk8s';
import { PlainApiObject } from './_plain-api-object';
import { Construct } from 'constructs';
import {
  AUDIT_LOG_FLAGS,
  AUDIT_LOG_RETENTION,
  AUDIT_POLICY,
  AUDIT_POLICY_FILE_FLAG,
  AuditLogFlagSpec,
  cisIdIn,
  claimOf,
  ControlException,
} from '../src/controls';
import { annotateControls, exceptionFor } from './_annotate-controls';
import { AUDIT_RULES, AuditPolicyRule } from './_audit-rules';
import { ComplianceContext } from './compliance-context';

/** Properties for `AuditPolicy`. */
export interface AuditPolicyProps {
  /**
   * Days the API server keeps audit log files (`--audit-log-maxage`). Below 30 needs an exception
   * for HL-AUD-002.
   *
   * @default 90
   * @see CIS 1.2.17
   */
  readonly retentionDays?: number;
  /**
   * Rotated audit log files kept (`--audit-log-maxbackup`). Below 10 needs an exception for HL-AUD-002.
   *
   * @default 10
   * @see CIS 1.2.18
   */
  readonly maxBackups?: number;
  /**
   * Size in megabytes at which the audit log rotates (`--audit-log-maxsize`). Below 100 needs an
   * exception for HL-AUD-002.
   *
   * @default 100
   * @see CIS 1.2.19
   */
  readonly maxSizeMegabytes?: number;
  /**
   * Path of the audit log on the control-plane node (`--audit-log-path`).
   *
   * @default '/var/log/kubernetes/audit/audit.log'
   * @see CIS 1.2.16
   */
  readonly logPath?: string;
  /**
   * Path the policy file is mounted at on the control-plane node (`--audit-policy-file`).
   *
   * @default '/etc/kubernetes/audit/policy.yaml'
   * @see https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/
   */
  readonly policyPath?: string;
  /**
   * Exceptions that relax HL-AUD-002 (a retention, backup count or size below the CIS values).
   *
   * @default - none
   */
  readonly exceptions?: readonly ControlException[];
}

/** One kube-apiserver flag with its value and the CIS IDs (selected benchmark) it supports. */
export interface AuditApiServerFlag {
  /** The flag, e.g. `--audit-log-maxage`. */
  readonly flag: string;
  /** Its value. */
  readonly value: string;
  /** CIS IDs in the benchmark version in force. */
  readonly cis: readonly string[];
}

/** API version and kind of the kube-apiserver flags file `AuditPolicy` emits next to its Policy. */
export const API_SERVER_FLAGS_KIND = { apiVersion: 'hardline.dev/v1alpha1', kind: 'KubeApiServerFlags' } as const;

/**
 * The kube-apiserver audit policy (`audit.k8s.io/v1` Policy) and the kube-apiserver flags file
 * that loads it and keeps its log (`hardline.dev/v1alpha1` KubeApiServerFlags): two control-plane
 * files rather than cluster objects, applied by hand on the control-plane nodes.
 *
 * Rules, first match wins: health and version probes and event watches at None; Secrets, ConfigMaps,
 * TokenReviews and ServiceAccount tokens at Metadata; exec, attach, port-forward and proxy at Request;
 * changes to RBAC, workloads and NetworkPolicies at RequestResponse; everything else at Metadata.
 * The Policy claims HL-AUD-001 (CIS 3.2.1, 3.2.2); the flags file claims HL-AUD-002 (CIS 1.2.16–1.2.19,
 * the --audit-log-* flags) and CIS 3.2.1 of HL-AUD-001 (its --audit-policy-file flag loads the policy).
 */
export class AuditPolicy extends Construct {
  /** Audit log retention in days. */
  public readonly retentionDays: number;
  /** Rotated files kept. */
  public readonly maxBackups: number;
  /** Rotation size in megabytes. */
  public readonly maxSizeMegabytes: number;
  /** Audit log path. */
  public readonly logPath: string;
  /** Policy file path. */
  public readonly policyPath: string;
  /** The rules, in the order the API server evaluates them. */
  public readonly rules: readonly AuditPolicyRule[];
  /** The kube-apiserver flags to set with this policy, in a stable order. */
  public readonly flags: readonly AuditApiServerFlag[];
  /** The exception applied to HL-AUD-002, if any. */
  public readonly appliedException?: ControlException;
  /** The emitted Policy. */
  public readonly apiObject: ApiObject;
  /** The emitted kube-apiserver flags file. */
  public readonly flagsObject: ApiObject;

  constructor(scope: Construct, id: string, props: AuditPolicyProps = {}) {
    super(scope, id);
    this.retentionDays = props.retentionDays ?? 90;
    this.maxBackups = props.maxBackups ?? 10;
    this.maxSizeMegabytes = props.maxSizeMegabytes ?? 100;
    this.logPath = props.logPath ?? '/var/log/kubernetes/audit/audit.log';
    this.policyPath = props.policyPath ?? '/etc/kubernetes/audit/policy.yaml';
    this.rules = AUDIT_RULES;
    for (const [name, value] of [
      ['retentionDays', this.retentionDays],
      ['maxBackups', this.maxBackups],
      ['maxSizeMegabytes', this.maxSizeMegabytes],
    ] as const) {
      if (!Number.isInteger(value) || value < 1) throw new Error(`AuditPolicy ${name} ${value} must be a whole number of at least 1.`);
    }
    for (const [name, value] of [
      ['logPath', this.logPath],
      ['policyPath', this.policyPath],
    ] as const) {
      if (!value.startsWith('/')) throw new Error(`AuditPolicy ${name} "${value}" must be an absolute path.`);
    }

    const weak = [
      this.retentionDays < 30 ? `retentionDays ${this.retentionDays} is below the 30 days CIS 1.2.17 asks for` : undefined,
      this.maxBackups < 10 ? `maxBackups ${this.maxBackups} is below the 10 files CIS 1.2.18 asks for` : undefined,
      this.maxSizeMegabytes < 100 ? `maxSizeMegabytes ${this.maxSizeMegabytes} is below the 100 MB CIS 1.2.19 asks for` : undefined,
    ].filter((w): w is string => w !== undefined);
    if (weak.length > 0) {
      this.appliedException = exceptionFor(props.exceptions, AUDIT_LOG_RETENTION, this);
      if (!this.appliedException) {
        throw new Error(`audit log: ${weak.join('; ')}. Raise it, or add an exception for HL-AUD-002 with a reason, owner and expiry.`);
      }
    }

    const version = ComplianceContext.of(this).cisVersion;
    const cisOf = (spec: AuditLogFlagSpec) => [cisIdIn(spec.cis, version)].filter((x): x is string => x !== undefined);
    this.flags = [
      { flag: AUDIT_POLICY_FILE_FLAG.flag, value: this.policyPath, cis: cisOf(AUDIT_POLICY_FILE_FLAG) },
      { flag: AUDIT_LOG_FLAGS.path.flag, value: this.logPath, cis: cisOf(AUDIT_LOG_FLAGS.path) },
      { flag: AUDIT_LOG_FLAGS.maxAge.flag, value: String(this.retentionDays), cis: cisOf(AUDIT_LOG_FLAGS.maxAge) },
      { flag: AUDIT_LOG_FLAGS.maxBackup.flag, value: String(this.maxBackups), cis: cisOf(AUDIT_LOG_FLAGS.maxBackup) },
      { flag: AUDIT_LOG_FLAGS.maxSize.flag, value: String(this.maxSizeMegabytes), cis: cisOf(AUDIT_LOG_FLAGS.maxSize) },
    ];

    this.apiObject = new PlainApiObject(this, 'Resource', {
      apiVersion: 'audit.k8s.io/v1',
      kind: 'Policy',
      metadata: { name: 'audit-policy' },
      omitStages: ['RequestReceived'],
      omitManagedFields: true,
      rules: this.rules,
    });
    annotateControls(this.apiObject, [AUDIT_POLICY]);

    this.flagsObject = new PlainApiObject(this, 'Flags', {
      ...API_SERVER_FLAGS_KIND,
      metadata: { name: 'audit-log' },
      description:
        'kube-apiserver flags for the audit policy in policy-audit-policy.yaml (self-managed control planes; ' +
        'managed clusters configure audit logging in the provider, see README.md)',
      flags: this.flags.map((f) => ({ flag: f.flag, value: f.value, cis: [...f.cis] })),
      args: this.flags.map((f) => `${f.flag}=${f.value}`),
    });
    annotateControls(
      this.flagsObject,
      [AUDIT_LOG_RETENTION, claimOf(AUDIT_POLICY, { cis: [AUDIT_POLICY_FILE_FLAG.cis.ids['1.12']!], soc2: [] })],
      this.appliedException ? [this.appliedException] : [],
    );
  }
}
