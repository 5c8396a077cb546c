/**
 * Why a CIS recommendation cannot be satisfied by the manifests hardline writes, and what a user
 * does instead: one reason per benchmark subsection (named, since 5.6 and 5.7 are both "General
 * Policies" depending on the version), with overrides for specific recommendations by title.
 */

/** Why manifests do not satisfy a recommendation, and what to do instead. */
export interface GapReason {
  /** Why the manifests cannot (or, in this profile, do not) satisfy it. */
  readonly why: string;
  /** What the user must do instead. */
  readonly action: string;
}

const NODE_FILES: GapReason = {
  why: 'File permissions and ownership on a node are host settings; objects applied to the cluster cannot change files on a node.',
  action: 'Run kube-bench on every node (`kube-bench run --targets master,node`) and fix files with chmod/chown in the node image, or keep your managed provider\'s attestation.',
};

/** Reasons per subsection name (the part of `section` after its number). */
const BY_SECTION: Readonly<Record<string, GapReason>> = {
  'Control Plane Node Configuration Files': NODE_FILES,
  'API Server': {
    why: 'kube-apiserver flags are set in its static pod manifest or by the managed provider, not by objects applied to the cluster.',
    action: 'Set the flag in /etc/kubernetes/manifests/kube-apiserver.yaml (kubeadm: ClusterConfiguration apiServer.extraArgs) or the provider\'s cluster settings; verify with `kube-bench run --targets master`.',
  },
  'Controller Manager': {
    why: 'kube-controller-manager flags are set in its static pod manifest or by the managed provider, not by cluster objects.',
    action: 'Set the flag in /etc/kubernetes/manifests/kube-controller-manager.yaml (kubeadm: controllerManager.extraArgs) or the provider\'s settings; verify with kube-bench.',
  },
  Scheduler: {
    why: 'kube-scheduler flags are set in its static pod manifest or by the managed provider, not by cluster objects.',
    action: 'Set the flag in /etc/kubernetes/manifests/kube-scheduler.yaml (kubeadm: scheduler.extraArgs) or the provider\'s settings; verify with kube-bench.',
  },
  'Etcd Node Configuration': {
    why: 'etcd TLS, peer authentication and its certificate authority are flags of the etcd process on control-plane nodes.',
    action: 'Configure etcd\'s TLS flags on the control-plane nodes (kubeadm: etcd.local.extraArgs) or use a managed control plane; verify with `kube-bench run --targets etcd`.',
  },
  'Authentication and Authorization': {
    why: 'How people authenticate (client certificates, tokens, OIDC) is configured on the API server and in the identity provider, not by cluster objects.',
    action: 'Authenticate users through an OIDC identity provider or the cloud IAM integration, and stop issuing client certificates or static tokens to people.',
  },
  Logging: {
    why: 'The audit policy is a file the API server reads from its node (--audit-policy-file) with its log flags; applying objects to the cluster does not turn it on.',
    action: 'Install an audit policy on the control-plane nodes (or enable the provider\'s audit logs), set the --audit-log-* flags and ship the log to your SIEM.',
  },
  'Worker Node Configuration Files': NODE_FILES,
  Kubelet: {
    why: 'Kubelet settings live in each node\'s KubeletConfiguration file and flags, which cluster objects cannot change.',
    action: 'Set them in the node bootstrap (KubeletConfiguration in the node image, or the managed node group settings); verify with `kube-bench run --targets node`.',
  },
  'kube-proxy': {
    why: 'kube-proxy runs with flags or a configuration file on each node, set by the cluster installer.',
    action: 'Set the flag in the kube-proxy configuration (kubeadm: KubeProxyConfiguration) or the provider\'s add-on settings; verify with kube-bench.',
  },
  'RBAC and Service Accounts': {
    why: 'No Role, binding or ServiceAccount of this profile supports it (the profile declares none that would), and the grants of the rest of the cluster are not hardline\'s.',
    action: 'Review cluster RBAC on a schedule (`kubectl get clusterrolebindings,rolebindings -A -o wide`, `kubectl auth can-i --list --as=<subject>`) and remove excess grants.',
  },
  'Pod Security Standards': {
    why: 'No namespace of this profile enforces a Pod Security level that refuses what it asks, and workload specs are not hardline\'s.',
    action: 'Enforce the restricted Pod Security Standard where possible, or add an admission policy (Kyverno, Gatekeeper) for it, and review workload specs.',
  },
  'Pod Security Policies': {
    // AKS 4.2 keeps the old name for the Pod Security Standards items.
    why: 'No namespace of this profile enforces a Pod Security level that refuses what it asks, and workload specs are not hardline\'s.',
    action: 'Enforce the restricted Pod Security Standard where possible, or add an admission policy (Kyverno, Gatekeeper) for it, and review workload specs.',
  },
  'CNI Plugin': {
    why: 'No object of this profile supports it.',
    action: 'Declare NetworkPolicies for the namespaces concerned and confirm the CNI enforces them.',
  },
  'Network Policies and CNI': {
    why: 'No object of this profile supports it.',
    action: 'Declare NetworkPolicies for the namespaces concerned and confirm the CNI enforces them.',
  },
  'Secrets Management': {
    why: 'How workloads consume secrets and where secrets are stored is decided by the workloads and infrastructure outside hardline\'s manifests.',
    action: 'Review workload specs, and keep secrets in an external store with rotation and audit.',
  },
  'Extensible Admission Control': {
    why: 'Image provenance is enforced by an admission webhook or API-server plugin with a trust policy, which this profile does not install.',
    action: 'Verify image signatures at admission (Kyverno verifyImages, Sigstore policy-controller, ImagePolicyWebhook) and restrict images to trusted registries.',
  },
  'General Policies': {
    why: 'It is satisfied by workload manifests (pod security contexts, seccomp profiles) or by cluster practice, and no object of this profile supports it.',
    action: 'Review workload specs and namespace usage; enforce the restricted Pod Security Standard, which requires seccomp and a security context.',
  },
};

/** Overrides for single recommendations, matched on the title (titles are stable across versions). */
const BY_TITLE: readonly (readonly [RegExp, GapReason])[] = [
  [
    /encryption-provider-config|encryption providers are appropriately configured/i,
    {
      why: 'Encryption of Secrets at rest in etcd is configured by an EncryptionConfiguration file on the API server\'s node, not by cluster objects.',
      action: 'Give kube-apiserver --encryption-provider-config with a KMS v2 (or aescbc) provider, or turn on the managed provider\'s envelope encryption, then rewrite existing Secrets.',
    },
  ],
  [
    /--audit-log|audit-policy/i,
    {
      why: 'API-server audit logging is turned on by kube-apiserver flags on the control-plane node, not by cluster objects.',
      action: 'Set --audit-policy-file and the --audit-log-* flags in the kube-apiserver manifest (or enable the provider\'s audit logs) and ship the log to your SIEM.',
    },
  ],
  [
    // 5.1.9–5.1.12: the objects are cluster-scoped, so hardline's namespaced Roles cannot grant them
    // and its ClusterRoles are read-only; but no guard rail checks for them, so nothing is claimed,
    // and whoever else may create PVs, proxy to nodes, approve CSRs or change webhooks is outside hardline.
    /create persistent ?volume|proxy sub-resource of node|approval sub-resource of certificatesigningrequests|webhook configuration objects/i,
    {
      why:
        'hardline has no guard rail for it: its Roles are namespaced and cannot grant these cluster-scoped objects, and its ClusterRoles are ' +
        'read-only, but no check refuses such a grant, and the ClusterRoles that do grant it (the cluster\'s own, add-ons, controllers) are not hardline\'s.',
      action:
        'List who holds it (`kubectl get clusterroles -o yaml` and `kubectl auth can-i --list --as=<subject>`), keep it to the few controllers that need it, and review it on a schedule.',
    },
  ],
  [
    /^Enable audit Logs|audit logs are collected and managed/i,
    {
      why: 'A managed control plane\'s audit log is exported by a setting of the provider\'s cluster resource, not by objects applied to the cluster.',
      action:
        'Turn on the control-plane audit log export in the provider (EKS: the `audit` log type; AKS: a diagnostic setting with `kube-audit`), ' +
        'keep it for the profile retention and ship it to your SIEM.',
    },
  ],
  [
    /Cluster Access Manager API/i,
    {
      why: 'EKS access entries are managed through the EKS API, outside the cluster; hardline\'s manifests cannot create or review them.',
      action: 'Manage cluster access with EKS access entries and review them on a schedule (`aws eks list-access-entries --cluster-name <cluster>`).',
    },
  ],
  [
    /latest CNI version/i,
    {
      why: 'Which CNI plugin version the nodes run is chosen in the cluster\'s node and add-on settings, which manifests cannot change.',
      action: 'Keep the CNI add-on on the provider\'s latest supported version and check it at every cluster upgrade.',
    },
  ],
  [
    /CNI (in use|plugin) supports/i,
    {
      why: 'Whether NetworkPolicies are enforced depends on the CNI plugin installed in the cluster, which manifests cannot choose.',
      action: 'Install a CNI that enforces NetworkPolicy (Calico, Cilium, Antrea…) and check with a connectivity test that the default-deny policies block traffic.',
    },
  ],
  [
    /secrets as files/i,
    {
      why: 'Whether a pod reads a secret from a file or an environment variable is decided in the workload\'s own manifests, which hardline does not write.',
      action: 'Mount secrets as volumes in workload specs, and flag env-from-secret in review or with an admission policy.',
    },
  ],
  [
    /external secret storage/i,
    {
      why: 'An external secrets store (Vault, a cloud secret manager) is infrastructure outside the cluster that manifests cannot provide.',
      action: 'Keep secrets in an external store and sync them with the External Secrets Operator or the Secrets Store CSI driver.',
    },
  ],
];

/** The reason a recommendation is a gap, or undefined when its subsection has none (a bug). */
export function gapReason(rec: { readonly title: string; readonly section: string }): GapReason | undefined {
  const hit = BY_TITLE.find(([re]) => re.test(rec.title));
  if (hit) return hit[1];
  return BY_SECTION[rec.section.replace(/^[\d.]+\s+/, '')];
}
