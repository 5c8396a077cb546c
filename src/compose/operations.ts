/**
 * Composes the operations controls of a profile: per-namespace PodDisruptionBudgets, ResourceQuota
 * and LimitRange; the Velero schedules (`backup/`); and the API-server audit policy with its flags
 * and notes, and the encryption configuration when the profile declares one (`control-plane/`, written
 * but not listed in kustomization.yaml; not at all for a managed control plane).
 */
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { AuditPolicy } from '../../constructs/audit-policy';
import { EncryptionConfiguration, LocalKeyProvider } from '../../constructs/encryption-configuration';
import { ContainerLimitRange } from '../../constructs/limit-range';
import { HardenedPodDisruptionBudget } from '../../constructs/pod-disruption-budget';
import { NamespaceResourceQuota } from '../../constructs/resource-quota';
import { VeleroBackupSchedule } from '../../constructs/velero-backup-schedule';
import { ComplianceContext } from '../../constructs/compliance-context';
import { exceptionsForNamespace } from '../profile/load-profile';
import { ResolvedNamespace, ResolvedOperations, ResolvedProfile } from '../profile/types';
import { ComposedChart } from './compose-profile';
import { controlPlaneReadme } from './control-plane-readme';

/** Adds a namespace's budgets, quota and container defaults to its chart. */
export function addNamespaceOperations(chart: Chart, profile: ResolvedProfile, ns: ResolvedNamespace): void {
  const ops = profile.operations;
  if (!ops) return;
  for (const w of ops.workloads[ns.name] ?? []) {
    new HardenedPodDisruptionBudget(chart, `Pdb-${w.name}`, { namespace: ns.name, ...w });
  }
  const q = ops.quotas[ns.name];
  if (!q) return;
  new NamespaceResourceQuota(chart, 'ResourceQuota', {
    namespace: ns.name,
    requestsCpu: q['requests.cpu'],
    requestsMemory: q['requests.memory'],
    limitsCpu: q['limits.cpu'],
    limitsMemory: q['limits.memory'],
    pods: q.pods,
    loadBalancers: q['services.loadbalancers'],
    nodePorts: q['services.nodeports'],
    exceptions: exceptionsForNamespace(profile, ns.name),
  });
  new ContainerLimitRange(chart, 'LimitRange', {
    namespace: ns.name,
    defaultRequestCpu: q.defaultRequest.cpu,
    defaultRequestMemory: q.defaultRequest.memory,
    defaultLimitCpu: q.defaultLimit.cpu,
    defaultLimitMemory: q.defaultLimit.memory,
  });
}

/** Charts and extra files of the cluster-wide operations controls. */
export function composeOperations(app: Construct, profile: ResolvedProfile): { charts: ComposedChart[]; extraFiles: Map<string, string> } {
  const ops = profile.operations;
  const charts: ComposedChart[] = [];
  const extraFiles = new Map<string, string>();
  if (!ops) return { charts, extraFiles };
  // A managed control plane (EKS, GKE, AKS) takes no policy file or API-server flags: nothing is
  // emitted as if it were to be applied; the report says the platform provides these controls.
  if (profile.cluster.provider === 'self-managed') addControlPlane(app, profile, ops, charts, extraFiles);
  if (ops.backup) charts.push(backupChart(app, profile, ops.backup));
  return { charts, extraFiles };
}

/** The audit policy chart (`control-plane/`) and its flags and notes, for a self-managed control plane. */
function addControlPlane(
  app: Construct,
  profile: ResolvedProfile,
  ops: ResolvedOperations,
  charts: ComposedChart[],
  extraFiles: Map<string, string>,
): void {
  const controlPlane = new Chart(app, 'control-plane', { disableResourceNameHashes: true });
  const policy = new AuditPolicy(controlPlane, 'AuditPolicy', {
    retentionDays: ops.audit.retentionDays,
    exceptions: profile.exceptions.filter((e) => e.control === 'HL-AUD-002'),
  });
  const encryption = profile.encryption && encryptionConfiguration(controlPlane, profile);
  charts.push({ folder: 'control-plane', chart: controlPlane, kustomize: false });
  const settings = ComplianceContext.of(controlPlane);
  extraFiles.set('control-plane/README.md', controlPlaneReadme(policy, settings.cisVersion, encryption));
}

/** The Velero schedules chart (`backup/`). */
function backupChart(app: Construct, profile: ResolvedProfile, backup: NonNullable<ResolvedOperations['backup']>): ComposedChart {
  const chart = new Chart(app, 'backup', { disableResourceNameHashes: true });
  const uncoveredExceptions = profile.exceptions.filter(
    (e) => e.control === 'HL-BAK-001' && backup.uncovered.some((n) => !e.namespaces || e.namespaces.includes(n)),
  );
  for (const s of backup.schedules) {
    new VeleroBackupSchedule(chart, `Schedule-${s.name}`, {
      ...s,
      namespace: backup.namespace,
      storageLocation: backup.storageLocation,
      exceptions: uncoveredExceptions,
    });
  }
  return { folder: 'backup', chart };
}

/** The EncryptionConfiguration of the profile's `spec.encryption`. */
function encryptionConfiguration(scope: Construct, profile: ResolvedProfile): EncryptionConfiguration {
  const e = profile.encryption!;
  return new EncryptionConfiguration(scope, 'EncryptionConfiguration', {
    ...(e.kms ? { kms: { ...e.kms } } : {}),
    ...(e.localKey ? { localKey: { ...e.localKey, provider: e.localKey.provider as LocalKeyProvider } } : {}),
    configMaps: e.configMaps,
    readUnencrypted: e.readUnencrypted,
    configPath: e.configPath,
  });
}
