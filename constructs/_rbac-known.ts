/**
 * The verbs and built-in resources RBAC rules may name, by API group, as Kubernetes serves them
 * (1.28 and later). Names are case-sensitive: the authorizer compares them exactly, so `Impersonate`
 * or `Pods` grant nothing today and become a grant when someone "fixes" the case later.
 * @internal
 */

/** Verbs the API server authorizes (resource requests). @internal */
export const KNOWN_VERBS: readonly string[] = [
  'approve',
  'bind',
  'create',
  'delete',
  'deletecollection',
  'escalate',
  'get',
  'impersonate',
  'list',
  'patch',
  'sign',
  'update',
  'use',
  'watch',
];

/** Resources (and subresources) of the built-in API groups. @internal */
export const BUILT_IN_RESOURCES: { readonly [group: string]: readonly string[] } = {
  '': [
    'bindings', 'componentstatuses', 'configmaps', 'endpoints', 'events', 'groups', 'limitranges', 'namespaces',
    'namespaces/finalize', 'namespaces/status', 'nodes', 'nodes/proxy', 'nodes/status', 'persistentvolumeclaims',
    'persistentvolumeclaims/status', 'persistentvolumes', 'persistentvolumes/status', 'pods', 'pods/attach', 'pods/binding',
    'pods/ephemeralcontainers', 'pods/eviction', 'pods/exec', 'pods/log', 'pods/portforward', 'pods/proxy', 'pods/resize',
    'pods/status', 'podtemplates', 'replicationcontrollers', 'replicationcontrollers/scale', 'replicationcontrollers/status',
    'resourcequotas', 'resourcequotas/status', 'secrets', 'serviceaccounts', 'serviceaccounts/token', 'services',
    'services/proxy', 'services/status', 'users',
  ],
  'admissionregistration.k8s.io': [
    'mutatingwebhookconfigurations', 'validatingadmissionpolicies', 'validatingadmissionpolicies/status',
    'validatingadmissionpolicybindings', 'validatingwebhookconfigurations',
  ],
  'apiextensions.k8s.io': ['customresourcedefinitions', 'customresourcedefinitions/status'],
  'apiregistration.k8s.io': ['apiservices', 'apiservices/status'],
  apps: [
    'controllerrevisions', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status',
    'replicasets', 'replicasets/scale', 'replicasets/status', 'statefulsets', 'statefulsets/scale', 'statefulsets/status',
  ],
  'authentication.k8s.io': ['selfsubjectreviews', 'tokenreviews', 'uids', 'userextras'],
  'authorization.k8s.io': ['localsubjectaccessreviews', 'selfsubjectaccessreviews', 'selfsubjectrulesreviews', 'subjectaccessreviews'],
  autoscaling: ['horizontalpodautoscalers', 'horizontalpodautoscalers/status'],
  batch: ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status'],
  'certificates.k8s.io': ['certificatesigningrequests', 'certificatesigningrequests/approval', 'certificatesigningrequests/status', 'signers'],
  'coordination.k8s.io': ['leases'],
  'discovery.k8s.io': ['endpointslices'],
  'events.k8s.io': ['events'],
  'flowcontrol.apiserver.k8s.io': ['flowschemas', 'flowschemas/status', 'prioritylevelconfigurations', 'prioritylevelconfigurations/status'],
  'networking.k8s.io': ['ingressclasses', 'ingresses', 'ingresses/status', 'ipaddresses', 'networkpolicies', 'servicecidrs'],
  'node.k8s.io': ['runtimeclasses'],
  policy: ['poddisruptionbudgets', 'poddisruptionbudgets/status'],
  'rbac.authorization.k8s.io': ['clusterrolebindings', 'clusterroles', 'rolebindings', 'roles'],
  'scheduling.k8s.io': ['priorityclasses'],
  'storage.k8s.io': ['csidrivers', 'csinodes', 'csistoragecapacities', 'storageclasses', 'volumeattachments', 'volumeattachments/status'],
};

/** Groups of custom or aggregated resources: DNS subdomains (`gateway.networking.k8s.io`, `kyverno.io`). */
const CUSTOM_GROUP = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/;
const CUSTOM_RESOURCE = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(\/[a-z0-9]+)?$/;

/** Whether a group is one of the built-in groups, whose resources are known. */
function isBuiltInGroup(group: string): boolean {
  return Object.prototype.hasOwnProperty.call(BUILT_IN_RESOURCES, group);
}

/**
 * Why a rule's verbs, API groups or resources are not ones Kubernetes knows (exactly, case included),
 * one message per value; wildcard entries are left to the wildcard guard rail.
 * @internal
 */
export function unknownRuleValues(rule: {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
}, at: string): string[] {
  const out: string[] = [];
  for (const v of rule.verbs) {
    if (v.includes('*') || KNOWN_VERBS.includes(v)) continue;
    const lower = v.toLowerCase();
    out.push(`${at}.verbs names "${v}", which is not a Kubernetes verb` + (KNOWN_VERBS.includes(lower) ? `; verbs are case-sensitive: write "${lower}"` : ''));
  }
  const groups = rule.apiGroups.filter((g) => !g.includes('*'));
  for (const g of groups) {
    if (!isBuiltInGroup(g) && !CUSTOM_GROUP.test(g)) {
      out.push(`${at}.apiGroups names "${g}", which is neither a built-in API group nor a custom resource group (a lower-case DNS subdomain)`);
    }
  }
  if (rule.apiGroups.some((g) => g.includes('*'))) return out;
  for (const r of rule.resources) {
    if (r.includes('*')) continue;
    const known = groups.some((g) =>
      isBuiltInGroup(g) ? (BUILT_IN_RESOURCES[g] ?? []).includes(r) || (g === 'authentication.k8s.io' && r.startsWith('userextras/')) : CUSTOM_RESOURCE.test(r),
    );
    if (!known) {
      const home = Object.keys(BUILT_IN_RESOURCES).filter((g) => BUILT_IN_RESOURCES[g].includes(r) || BUILT_IN_RESOURCES[g].includes(r.toLowerCase()));
      const hint = home.length > 0 ? `; it is ${BUILT_IN_RESOURCES[home[0]].includes(r) ? '' : `"${r.toLowerCase()}" `}in API group "${home[0]}"` : '';
      out.push(`${at}.resources names "${r}", which is not a resource of API group${groups.length > 1 ? 's' : ''} ${groups.map((g) => `"${g}"`).join(', ')}${hint}`);
    }
  }
  return out;
}
