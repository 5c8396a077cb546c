/**
 * The rules of hardline's audit policy, in evaluation order (the API server uses the FIRST rule
 * that matches a request, so a narrow rule must come before any broader one).
 * @internal
 */

/** Resources of one API group, as in `audit.k8s.io/v1` GroupResources. @internal */
export interface AuditGroupResources {
  /** API group; `''` is the core group. */
  readonly group: string;
  /** Resources (`pods`, `pods/exec`, `*`); empty means every resource of the group. */
  readonly resources?: readonly string[];
}

/** One `audit.k8s.io/v1` PolicyRule (the fields hardline uses). @internal */
export interface AuditPolicyRule {
  /** Audit level: None, Metadata, Request or RequestResponse. */
  readonly level: 'None' | 'Metadata' | 'Request' | 'RequestResponse';
  /** User names; absent means every user. */
  readonly users?: readonly string[];
  /** Verbs; absent means every verb. */
  readonly verbs?: readonly string[];
  /** Resources; absent means every resource. */
  readonly resources?: readonly AuditGroupResources[];
  /** Non-resource URL paths (`/healthz*`); absent means every URL. */
  readonly nonResourceURLs?: readonly string[];
}

const CHANGES = ['create', 'update', 'patch', 'delete', 'deletecollection'];

/** @internal */
export const AUDIT_RULES: readonly AuditPolicyRule[] = [
  // 1. Read-only noise: probes, version, and watches of events and of kube-proxy's endpoints.
  { level: 'None', nonResourceURLs: ['/healthz*', '/livez*', '/readyz*', '/version', '/version/*'] },
  {
    level: 'None',
    verbs: ['watch'],
    resources: [
      { group: '', resources: ['events'] },
      { group: 'events.k8s.io', resources: ['events'] },
    ],
  },
  {
    level: 'None',
    users: ['system:kube-proxy'],
    verbs: ['watch'],
    resources: [
      { group: '', resources: ['endpoints', 'services'] },
      { group: 'discovery.k8s.io', resources: ['endpointslices'] },
    ],
  },
  // 2. Credentials: metadata only, never bodies (they would copy secret values into the log).
  {
    level: 'Metadata',
    resources: [
      { group: '', resources: ['secrets', 'configmaps', 'serviceaccounts/token'] },
      { group: 'authentication.k8s.io', resources: ['tokenreviews'] },
    ],
  },
  // 3. Interactive access into workloads and through proxies.
  {
    level: 'Request',
    resources: [{ group: '', resources: ['pods/exec', 'pods/attach', 'pods/portforward', 'pods/proxy', 'services/proxy', 'nodes/proxy'] }],
  },
  // 4. Changes to RBAC, workloads and NetworkPolicies, with what was asked and what resulted.
  {
    level: 'RequestResponse',
    verbs: CHANGES,
    resources: [
      { group: 'rbac.authorization.k8s.io', resources: ['clusterrolebindings', 'clusterroles', 'rolebindings', 'roles'] },
      { group: '', resources: ['pods', 'pods/ephemeralcontainers', 'replicationcontrollers'] },
      { group: 'apps', resources: ['daemonsets', 'deployments', 'replicasets', 'statefulsets'] },
      { group: 'batch', resources: ['cronjobs', 'jobs'] },
      { group: 'networking.k8s.io', resources: ['networkpolicies'] },
    ],
  },
  // 5. Everything else: who did what to which object, without bodies.
  { level: 'Metadata' },
];
