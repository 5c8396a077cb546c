/**
 * The provider's own evidence for a control a managed control plane provides: the cloud CLI command
 * that shows the setting (hardline emits no control-plane file there, so there is no object to `kubectl
 * get`): the control-plane logging controls on every provider, and encryption at rest on EKS and GKE; the
 * cluster name is filled in.
 */
import { AUDIT_LOG_RETENTION, AUDIT_POLICY, Control, ControlPlaneProvider, ENCRYPTION_AT_REST } from '../controls';

/** Commands that show a managed cluster's control-plane (audit) log export, per provider. */
const LOGGING: { readonly [P in Exclude<ControlPlaneProvider, 'self-managed'>]: (cluster: string) => string } = {
  // EKS DescribeCluster returns `logging.clusterLogging[]`: the enabled control-plane log types (`audit` among them).
  eks: (cluster) => `aws eks describe-cluster --name ${cluster} --query cluster.logging`,
  // GKE Cluster.loggingConfig.componentConfig.enableComponents (add --location when gcloud has no default location).
  gke: (cluster) => `gcloud container clusters describe ${cluster} --format="value(loggingConfig)"`,
  // AKS sends control-plane logs (kube-audit) through Azure Monitor diagnostic settings on the cluster resource.
  aks: (cluster) => `az monitor diagnostic-settings list --resource "$(az aks list --query "[?name=='${cluster}'].id" -o tsv)"`,
};

/**
 * Commands that show how a managed cluster encrypts Secrets in etcd, where the provider exposes it as one
 * cluster setting. AKS has none here: its legacy (`securityProfile.azureKeyVaultKms`) and newer KMS data
 * encryption settings differ by cluster version, and neither was verified, so no command is claimed.
 */
const ENCRYPTION: { readonly [P in Exclude<ControlPlaneProvider, 'self-managed'>]?: (cluster: string) => string } = {
  // EKS DescribeCluster returns `encryptionConfig[]`: `resources: [secrets]` and the KMS key (envelope encryption).
  eks: (cluster) => `aws eks describe-cluster --name ${cluster} --query cluster.encryptionConfig`,
  // GKE Cluster.databaseEncryption: `state` (ENCRYPTED / DECRYPTED) and the Cloud KMS `keyName` (application-layer secrets encryption).
  gke: (cluster) => `gcloud container clusters describe ${cluster} --format="value(databaseEncryption)"`,
};

/** Controls whose managed-provider equivalent is the control-plane log export. */
const LOGGING_CONTROLS: ReadonlySet<string> = new Set([AUDIT_POLICY.id, AUDIT_LOG_RETENTION.id]);

/**
 * The provider commands that show a platform-provided control is in place on cluster `cluster`, or
 * none when the provider has no single setting for it (self-managed clusters have none either).
 */
export function platformEvidence(control: Control, provider: ControlPlaneProvider, cluster: string): string[] {
  if (provider === 'self-managed') return [];
  const name = SAFE_NAME.test(cluster) ? cluster : '<cluster>';
  if (LOGGING_CONTROLS.has(control.id)) return [LOGGING[provider](name)];
  const encryption = ENCRYPTION[provider];
  return control.id === ENCRYPTION_AT_REST.id && encryption ? [encryption(name)] : [];
}

/**
 * A name pasted into a shell command as it is: EKS, GKE and AKS cluster names are letters, digits,
 * `-` and `_`, so anything else (a profile's free-form name) is left as a `<cluster>` placeholder,
 * never interpolated into the shell.
 */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;
