/**
 * Controls implemented by the API-server audit policy and the kube-apiserver audit-log flags.
 */
import { CisRecommendation, Control } from './types';

/** One kube-apiserver audit-log flag and the CIS recommendation it supports. */
export interface AuditLogFlagSpec {
  /** The flag, e.g. `--audit-log-maxage`. */
  readonly flag: string;
  /** The CIS recommendation the flag supports, with its ID per benchmark version. */
  readonly cis: CisRecommendation;
}

/**
 * The kube-apiserver audit-log flags and their CIS 1.2.x recommendations (renumbered in CIS 1.9;
 * the same IDs in 1.10, 1.11 and 1.12, per the kube-bench crosswalk).
 */
export const AUDIT_LOG_FLAGS = {
  path: {
    flag: '--audit-log-path',
    cis: { ids: { '1.10': '1.2.16', '1.11': '1.2.16', '1.12': '1.2.16' }, why: 'The API server writes audit events to a log file.' },
  },
  maxAge: {
    flag: '--audit-log-maxage',
    cis: {
      ids: { '1.10': '1.2.17', '1.11': '1.2.17', '1.12': '1.2.17' },
      why: 'Audit logs are kept for the profile retention, at least the 30 days CIS asks for.',
    },
  },
  maxBackup: {
    flag: '--audit-log-maxbackup',
    cis: { ids: { '1.10': '1.2.18', '1.11': '1.2.18', '1.12': '1.2.18' }, why: 'At least 10 rotated audit log files are kept.' },
  },
  maxSize: {
    flag: '--audit-log-maxsize',
    cis: { ids: { '1.10': '1.2.19', '1.11': '1.2.19', '1.12': '1.2.19' }, why: 'Audit log files rotate at 100 MB.' },
  },
} as const satisfies Record<string, AuditLogFlagSpec>;

/** `--audit-policy-file` and the CIS recommendation that a minimal audit policy exists. */
export const AUDIT_POLICY_FILE_FLAG: AuditLogFlagSpec = {
  flag: '--audit-policy-file',
  cis: {
    ids: { '1.10': '3.2.1', '1.11': '3.2.1', '1.12': '3.2.1' },
    why: 'hardline emits a minimal audit policy for --audit-policy-file.',
  },
};

/** The API server records who did what, without writing secret values into the log. */
export const AUDIT_POLICY: Control = {
  id: 'HL-AUD-001',
  title: 'The API server audit policy records every request, secrets at Metadata only, exec and changes in full',
  rationale:
    'Audit logs are the record of who did what in the cluster. The policy logs every request at least at ' +
    'Metadata, exec/attach/port-forward/proxy with the request and RBAC, workload and NetworkPolicy changes ' +
    'with request and response, drops health-check noise, and never logs Secret, ConfigMap or token bodies, ' +
    'which would copy credentials into the log.',
  evidence: 'kubectl get pods -n kube-system -l component=kube-apiserver -o \'jsonpath={range .items[*]}{.metadata.name}{": "}{.spec.containers[0].command}{"\\n"}{end}\'',
  cis: [
    AUDIT_POLICY_FILE_FLAG.cis,
    {
      ids: { '1.10': '3.2.2', '1.11': '3.2.2', '1.12': '3.2.2' },
      why: 'The policy covers secrets access, exec and port-forward, and RBAC and workload changes.',
    },
  ],
  soc2: [
    {
      id: 'CC7.2',
      why: 'API activity is logged so that anomalies and attacks on the cluster can be detected.',
    },
    {
      id: 'CC7.3',
      why: 'The log keeps the detail (actor, verb, object, changes) needed to evaluate a security event.',
    },
  ],
};

/**
 * The API server keeps its audit log long enough and rotates it. Implemented by the kube-apiserver
 * flags file (`KubeApiServerFlags`), never by the audit Policy: 1.2.16–1.2.19 are API-server flags.
 */
export const AUDIT_LOG_RETENTION: Control = {
  id: 'HL-AUD-002',
  title: 'The API server writes its audit log to a file kept for the profile retention (at least 30 days) and rotated',
  rationale:
    'An audit trail only helps if it still exists when an incident is investigated: the log path, age, ' +
    'backup count and size flags keep at least 30 days (90 by default) of rotated audit logs on the control plane.',
  evidence: 'kubectl get pods -n kube-system -l component=kube-apiserver -o \'jsonpath={range .items[*]}{.metadata.name}{": "}{.spec.containers[0].command}{"\\n"}{end}\'',
  cis: Object.values(AUDIT_LOG_FLAGS).map((f) => f.cis),
  // Not CC7.3 (evaluating security events): the flags keep the log; evaluating events is the reviewers' process.
  soc2: [
    {
      id: 'CC7.2',
      why: 'Audit events are written to a file and retained, so monitoring can look back over the retention period.',
    },
  ],
};
