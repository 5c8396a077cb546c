/**
 * The rules of hardline's namespaced access levels. Every verb and resource is listed; nothing
 * reads secrets, creates pods, execs, attaches, mints tokens or touches RBAC or NetworkPolicies
 * beyond reading them.
 * @internal
 */
import { ScopedRoleRule } from './_rbac-guard-rails';

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'update', 'patch', 'delete'];

/** Kinds a team reads in its namespace (no secrets). @internal */
const READABLE: readonly ScopedRoleRule[] = [
  {
    apiGroups: [''],
    resources: [
      'configmaps',
      'endpoints',
      'events',
      'limitranges',
      'persistentvolumeclaims',
      'pods',
      'pods/log',
      'replicationcontrollers',
      'resourcequotas',
      'serviceaccounts',
      'services',
    ],
    verbs: READ,
  },
  { apiGroups: ['apps'], resources: ['daemonsets', 'deployments', 'replicasets', 'statefulsets'], verbs: READ },
  { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: READ },
  { apiGroups: ['batch'], resources: ['cronjobs', 'jobs'], verbs: READ },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: READ },
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'networkpolicies'], verbs: READ },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: READ },
];

/** Workload kinds a deployer (CI, GitOps) creates, updates, patches and prunes. @internal */
const DEPLOYABLE: readonly ScopedRoleRule[] = [
  { apiGroups: [''], resources: ['configmaps', 'services'], verbs: WRITE },
  { apiGroups: ['apps'], resources: ['daemonsets', 'deployments', 'statefulsets'], verbs: WRITE },
  { apiGroups: ['apps'], resources: ['deployments/scale', 'statefulsets/scale'], verbs: ['get', 'update', 'patch'] },
  { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: WRITE },
  { apiGroups: ['batch'], resources: ['cronjobs', 'jobs'], verbs: WRITE },
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses'], verbs: WRITE },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: WRITE },
];

/** What a namespace admin adds to a deployer: operating pods and storage, reading RBAC. @internal */
const ADMINISTRABLE: readonly ScopedRoleRule[] = [
  { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: WRITE },
  { apiGroups: [''], resources: ['pods'], verbs: ['delete'] },
  { apiGroups: [''], resources: ['pods/eviction'], verbs: ['create'] },
  { apiGroups: ['apps'], resources: ['replicasets'], verbs: ['delete'] },
  { apiGroups: ['rbac.authorization.k8s.io'], resources: ['rolebindings', 'roles'], verbs: READ },
];

/** Reading secrets, only through an exception to HL-RBAC-003. @internal */
export const SECRETS_READ_RULE: ScopedRoleRule = { apiGroups: [''], resources: ['secrets'], verbs: READ };

/** The access levels' rules (without secrets). @internal */
export const ACCESS_LEVEL_RULES: { readonly [level: string]: readonly ScopedRoleRule[] } = {
  'read-only': READABLE,
  deployer: [...READABLE, ...DEPLOYABLE],
  'namespace-admin': [...READABLE, ...DEPLOYABLE, ...ADMINISTRABLE],
};

/** Cluster-scoped kinds a cluster reader may get, list and watch. @internal */
export const CLUSTER_READABLE: readonly ScopedRoleRule[] = [
  { apiGroups: [''], resources: ['namespaces', 'nodes', 'persistentvolumes'], verbs: READ },
  { apiGroups: ['networking.k8s.io'], resources: ['ingressclasses'], verbs: READ },
  { apiGroups: ['scheduling.k8s.io'], resources: ['priorityclasses'], verbs: READ },
  { apiGroups: ['storage.k8s.io'], resources: ['storageclasses'], verbs: READ },
];

/** Resources ScopedRole accepts in a ClusterRole: cluster-scoped kinds only (read-only). @internal */
export const CLUSTER_SCOPED_RESOURCES: readonly string[] = [
  'apiservices',
  'csidrivers',
  'csinodes',
  'customresourcedefinitions',
  'ingressclasses',
  'namespaces',
  'nodes',
  'persistentvolumes',
  'priorityclasses',
  'runtimeclasses',
  'storageclasses',
  'volumeattachments',
];
