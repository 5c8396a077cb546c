/**
 * Composes the operations controls of a profile: per-namespace PodDisruptionBudgets, ResourceQuota
 * and LimitRange; the Velero schedules (`backup/`); and the API-server audit policy with its flags
 * and notes, and the encryption configuration when the profile declares one (`control-plane/`, written
 * but not listed in kustomization.yaml).
 */
import { Chart, Yaml } from 'cdk8s';
import { Construct } from 'constructs';
import { AuditPolicy } from '../../constructs/audit-policy';
import { EncryptionConfiguration, LocalKeyProvider } from '../../constructs/encryption-configuration';
import { ContainerLimitRange } from '../../constructs/limit-range';
import { HardenedPodDisruptionBudget } from '../../constructs/pod-disruption-budget';
import { NamespaceResourceQuota } from '../../constructs/resource-quota';
import { VeleroBackupSchedule } from '../../constructs/velero-backup-schedule';
import { ComplianceContext } from '../../constructs/compliance-context';
import { exceptionsForNamespace } from '../profile/load-profile';
import { ResolvedNamespace, ResolvedProfile } from '../profile/types';
import { GENERATED_MARKER } from '../synth/render-files';
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

  const controlPlane = new Chart(app, 'control-plane', { disableResourceNameHashes: true });
  const policy = new AuditPolicy(controlPlane, 'AuditPolicy', {
    retentionDays: ops.audit.retentionDays,
    exceptions: profile.exceptions.filter((e) => e.control === 'HL-AUD-002'),
  });
  const encryption = profile.encryption && encryptionConfiguration(controlPlane, profile);
  charts.push({ folder: 'control-plane', chart: controlPlane, kustomize: false });
  const header = `${GENERATED_MARKER} from profile "${profile.name}". Edit the profile, not this file.\n`;
  const settings = ComplianceContext.of(controlPlane);
  const allFlags = [...policy.flags, ...(encryption ? [encryption.flag] : [])];
  const flags = {
    description:
      'kube-apiserver flags for the audit policy in policy-audit-policy.yaml' +
      (encryption ? ' and the encryption configuration in encryptionconfiguration-encryption-config.yaml' : '') +
      ' (self-managed control planes; managed clusters configure these in the provider, see README.md)',
    cisBenchmark: `v${settings.cisVersion}.0`,
    controls: ['HL-AUD-001', 'HL-AUD-002', ...(encryption ? ['HL-ENC-001'] : [])],
    ...(policy.appliedException ? { exceptions: [policy.appliedException.control] } : {}),
    flags: allFlags.map((f) => ({ flag: f.flag, value: f.value, cis: [...f.cis] })),
    args: allFlags.map((f) => `${f.flag}=${f.value}`),
  };
  extraFiles.set('control-plane/kube-apiserver-audit-flags.yaml', header + Yaml.stringify(flags));
  extraFiles.set('control-plane/README.md', controlPlaneReadme(policy, settings.cisVersion, encryption));

  if (ops.backup) {
    const backup = ops.backup;
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
    charts.push({ folder: 'backup', chart });
  }
  return { charts, extraFiles };
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
