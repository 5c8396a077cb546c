/**
 * Acceptance table for per-object claims: written from the CIS recommendation titles in
 * ../shared/reference and the SOC 2 criteria, it says for each kind of object hardline emits which
 * recommendations and criteria that object must claim. The IDs are looked up by title in each
 * benchmark version's CSV, so the table also checks the crosswalk; any extra or missing ID fails.
 * Under the EKS, GKE and AKS benchmarks (on their provider's cluster) a row's IDs are its 1.12 IDs
 * through ../shared/reference/cis-managed-crosswalk.csv, each checked against the provider CSV.
 *
 * Admission rules (Kyverno ValidatingPolicy / ClusterPolicy) get their rows from the admission rule
 * model (issue 21): add rows to ROWS with a `match` on the rule's policy name.
 */
import * as path from 'path';
import { benchmarkInfo, CIS_KUBERNETES_VERSIONS, CIS_VERSIONS, CisKubernetesVersion, CisVersion, compareIds, isProviderBenchmark, PROVIDER_BENCHMARKS } from '../../../src/controls';
import { composeAndCollect } from '../../../src/synth/collect-objects';
import { loadProfile } from '../../../src/profile/load-profile';
import { RenderedObject } from '../../../src/synth/collect-objects';
import { describeWithShared, readCsv } from '../../helpers/shared';
import { ROOT, TODAY } from '../../helpers/synth';

type Manifest = RenderedObject['manifest'];

/** One row: the objects it covers, and what each must claim (CIS by title, SOC 2 by ID). */
interface Row {
  readonly object: string;
  readonly match: (m: Manifest) => boolean;
  readonly cis: readonly string[];
  readonly soc2: readonly string[];
  /** A control-plane file: emitted only for a self-managed control plane. */
  readonly controlPlane?: true;
}

const T = {
  namespaces: 'Create administrative boundaries between resources using namespaces',
  noDefault: 'The default namespace should not be used',
  policyMechanism: 'Ensure that the cluster has at least one active policy control mechanism in place',
  privileged: 'Minimize the admission of privileged containers',
  hostPid: 'Minimize the admission of containers wishing to share the host process ID namespace',
  hostIpc: 'Minimize the admission of containers wishing to share the host IPC namespace',
  hostNetwork: 'Minimize the admission of containers wishing to share the host network namespace',
  escalation: 'Minimize the admission of containers with allowPrivilegeEscalation',
  root: 'Minimize the admission of root containers',
  netRaw: 'Minimize the admission of containers with the NET_RAW capability',
  addedCaps: 'Minimize the admission of containers with added capabilities', // 1.10, 1.11 only
  capsAssigned: 'Minimize the admission of containers with capabilities assigned',
  hostProcess: 'Minimize the admission of Windows HostProcess containers',
  hostPath: 'Minimize the admission of HostPath volumes',
  hostPorts: 'Minimize the admission of containers which use HostPorts',
  seccomp: 'Ensure that the seccomp profile is set to docker/default in your Pod definitions',
  securityContext: 'Apply SecurityContext to your Pods and Containers',
  networkPolicies: 'Ensure that all Namespaces have NetworkPolicies defined',
  defaultSa: 'Ensure that default service accounts are not actively used',
  saTokens: 'Ensure that Service Account Tokens are only mounted where necessary',
  clusterAdmin: 'Ensure that the cluster-admin role is only used where required',
  secrets: 'Minimize access to secrets',
  wildcards: 'Minimize wildcard use in Roles and ClusterRoles',
  createPods: 'Minimize access to create pods',
  masters: 'Avoid use of system:masters group',
  bind: 'Limit use of the Bind, Impersonate and Escalate permissions in the Kubernetes cluster',
  tokenCreation: 'Minimize access to the service account token creation',
  minimalAudit: 'Ensure that a minimal audit policy is created',
  auditConcerns: 'Ensure that the audit policy covers key security concerns',
  logPath: 'Ensure that the --audit-log-path argument is set',
  logMaxAge: 'Ensure that the --audit-log-maxage argument is set to 30 or as appropriate',
  logMaxBackup: 'Ensure that the --audit-log-maxbackup argument is set to 10 or as appropriate',
  logMaxSize: 'Ensure that the --audit-log-maxsize argument is set to 100 or as appropriate',
  encryptionFlag: 'Ensure that the --encryption-provider-config argument is set as appropriate',
  encryptionProviders: 'Ensure that encryption providers are appropriately configured',
  imageProvenance: 'Configure Image Provenance using ImagePolicyWebhook admission controller',
} as const;

const enforce = (m: Manifest) => (m.metadata as { labels?: Record<string, string> }).labels?.['pod-security.kubernetes.io/enforce'];
const denies = (m: Manifest) => ((m as { spec?: { validationActions?: string[] } }).spec?.validationActions ?? []).includes('Deny');
const bindsServiceAccount = (m: Manifest) => ((m as { subjects?: { kind: string }[] }).subjects ?? []).some((s) => s.kind === 'ServiceAccount');
const BASELINE_PSA = [T.policyMechanism, T.privileged, T.hostPid, T.hostIpc, T.hostNetwork, T.hostProcess, T.hostPath, T.hostPorts];
const RESTRICTED_PSA = [T.escalation, T.root, T.netRaw, T.addedCaps, T.capsAssigned, T.seccomp, T.securityContext];
const ROLE = [T.secrets, T.wildcards, T.createPods, T.bind, T.tokenCreation];

/** The table. Every non-admission object kind hardline emits has a row (checked below). */
const ROWS: readonly Row[] = [
  {
    object: 'Namespace enforcing restricted (the PSA label enforces baseline and restricted)',
    match: (m) => m.kind === 'Namespace' && enforce(m) === 'restricted',
    cis: [T.namespaces, T.noDefault, ...BASELINE_PSA, ...RESTRICTED_PSA],
    soc2: ['CC6.1', 'CC6.8', 'CC7.2'], // CC7.2: the audit and warn labels (HL-POD-003) record violations
  },
  {
    object: 'Namespace enforcing baseline',
    match: (m) => m.kind === 'Namespace' && enforce(m) === 'baseline',
    cis: [T.namespaces, T.noDefault, ...BASELINE_PSA],
    soc2: ['CC6.1', 'CC6.8', 'CC7.2'], // CC7.2: the audit and warn labels (HL-POD-003) record violations
  },
  {
    object: 'default-deny NetworkPolicy and its DNS egress',
    match: (m) => m.kind === 'NetworkPolicy' && !m.metadata.name.startsWith('allow-'),
    cis: [T.networkPolicies],
    soc2: ['CC6.1', 'CC6.6'],
  },
  {
    object: 'declared-flow NetworkPolicy (opens a path: claims no namespace boundary)',
    match: (m) => m.kind === 'NetworkPolicy' && m.metadata.name.startsWith('allow-'),
    cis: [T.networkPolicies],
    soc2: ['CC6.1', 'CC6.6'],
  },
  {
    object: 'default ServiceAccount',
    match: (m) => m.kind === 'ServiceAccount' && m.metadata.name === 'default',
    cis: [T.defaultSa, T.saTokens],
    soc2: ['CC6.1', 'CC6.3'],
  },
  {
    object: 'workload ServiceAccount',
    match: (m) => m.kind === 'ServiceAccount' && m.metadata.name !== 'default',
    cis: [T.saTokens],
    soc2: ['CC6.3'],
  },
  // Roles also grant no write on the baseline (HL-RBAC-009, CC8.1: it changes only through the reviewed profile).
  { object: 'Role', match: (m) => m.kind === 'Role', cis: ROLE, soc2: ['CC6.1', 'CC6.3', 'CC8.1'] },
  { object: 'ClusterRole (read-only)', match: (m) => m.kind === 'ClusterRole', cis: ROLE, soc2: ['CC6.1', 'CC6.3', 'CC8.1'] },
  // A binding to a declared workload ServiceAccount also shows that no default ServiceAccount is bound (HL-RBAC-007).
  {
    object: 'RoleBinding to a ServiceAccount',
    match: (m) => m.kind === 'RoleBinding' && bindsServiceAccount(m),
    cis: [T.clusterAdmin, T.masters, T.defaultSa],
    soc2: ['CC6.1', 'CC6.2', 'CC6.3'],
  },
  { object: 'RoleBinding', match: (m) => m.kind === 'RoleBinding' && !bindsServiceAccount(m), cis: [T.clusterAdmin, T.masters], soc2: ['CC6.1', 'CC6.2', 'CC6.3'] },
  { object: 'ClusterRoleBinding', match: (m) => m.kind === 'ClusterRoleBinding', cis: [T.clusterAdmin, T.masters], soc2: ['CC6.1', 'CC6.2', 'CC6.3'] },
  { object: 'audit Policy', match: (m) => m.kind === 'Policy', cis: [T.minimalAudit, T.auditConcerns], soc2: ['CC7.2', 'CC7.3'], controlPlane: true },
  {
    object: 'kube-apiserver audit-log flags',
    match: (m) => m.kind === 'KubeApiServerFlags' && m.metadata.name === 'audit-log',
    cis: [T.logPath, T.logMaxAge, T.logMaxBackup, T.logMaxSize, T.minimalAudit],
    soc2: ['CC7.2'],
    controlPlane: true,
  },
  // The flag only loads the configuration: the encryption itself (and its SOC 2 claims) is the EncryptionConfiguration's.
  {
    object: 'kube-apiserver encryption-at-rest flag',
    match: (m) => m.kind === 'KubeApiServerFlags' && m.metadata.name === 'encryption-at-rest',
    cis: [T.encryptionFlag],
    soc2: [],
    controlPlane: true,
  },
  { object: 'EncryptionConfiguration', match: (m) => m.kind === 'EncryptionConfiguration', cis: [T.encryptionProviders], soc2: ['C1.1', 'CC6.1'], controlPlane: true },
  // A Deny policy is also an active policy control mechanism (HL-ADM-009); an Audit one only reports.
  {
    object: 'ImageValidatingPolicy that denies',
    match: (m) => m.kind === 'ImageValidatingPolicy' && denies(m),
    cis: [T.imageProvenance, T.policyMechanism],
    soc2: ['CC6.8', 'CC8.1'],
  },
  {
    object: 'ImageValidatingPolicy that audits',
    match: (m) => m.kind === 'ImageValidatingPolicy' && !denies(m),
    cis: [T.imageProvenance],
    soc2: ['CC6.8', 'CC8.1'],
  },
  { object: 'PodDisruptionBudget', match: (m) => m.kind === 'PodDisruptionBudget', cis: [], soc2: ['A1.1'] },
  { object: 'Velero Schedule', match: (m) => m.kind === 'Schedule', cis: [], soc2: ['A1.2'] },
  { object: 'ResourceQuota', match: (m) => m.kind === 'ResourceQuota', cis: [], soc2: ['A1.1', 'CC6.6'] },
  { object: 'LimitRange', match: (m) => m.kind === 'LimitRange', cis: [], soc2: ['A1.1'] },
];

/** Kinds whose rows come from the admission rule model (issue 21), not from this table yet. */
const ADMISSION_KINDS = ['ValidatingPolicy', 'ClusterPolicy', 'PolicyException'];

const PROFILES = [path.join(ROOT, 'profiles', 'default.yaml'), path.join(ROOT, 'test', 'fixtures', 'profiles', 'valid', 'report-fixture.yaml')];

const norm = (title: string) => title.toLowerCase().replace(/[^a-z0-9]/g, '');
const annotation = (m: Manifest, key: string): string[] =>
  ((m.metadata as { annotations?: Record<string, string> }).annotations?.[`compliance.hardline.dev/${key}`] ?? '').split(',').filter(Boolean);

describeWithShared('acceptance: each emitted object claims exactly the IDs its table row gives', (shared) => {
  const ref = (f: string) => path.join(shared, 'reference', f);
  const byTitle = Object.fromEntries(
    CIS_KUBERNETES_VERSIONS.map((v) => [v, new Map(readCsv(ref(`cis-${v}-controls.csv`)).map((r) => [norm(r.title), r.id]))]),
  ) as Record<CisKubernetesVersion, Map<string, string>>;
  // A provider benchmark's IDs: the row's CIS Kubernetes 1.12 recommendation, through the managed crosswalk
  // (a `none` match has no counterpart and is not claimed); each must be a recommendation of the provider CSV.
  const managed = readCsv(ref('cis-managed-crosswalk.csv'));
  const providerIds = Object.fromEntries(PROVIDER_BENCHMARKS.map((b) => [b, new Set(readCsv(ref(`cis-${b}-controls.csv`)).map((r) => r.id))]));
  const idOf = (version: CisVersion, title: string): string | undefined => {
    if (!isProviderBenchmark(version)) return byTitle[version].get(norm(title));
    const id112 = byTitle['1.12'].get(norm(title));
    const col = benchmarkInfo(version).family;
    const row = managed.find((r) => r.k8s_1_12_id === id112);
    if (!row || row[`${col}_match`] === 'none') return undefined;
    expect({ version, id: row[`${col}_id`], known: providerIds[version].has(row[`${col}_id`]) }).toEqual({ version, id: row[`${col}_id`], known: true });
    return row[`${col}_id`];
  };
  const profiles = PROFILES.map((f) => loadProfile(f, { today: TODAY }));

  test('every title in the table is a CIS 1.10 recommendation (a typo cannot silently drop an ID)', () => {
    for (const title of Object.values(T)) expect({ title, known: byTitle['1.10'].has(norm(title)) }).toEqual({ title, known: true });
  });

  test.each([...CIS_VERSIONS])('CIS %s: no extra or missing CIS or SOC 2 ID on any object', (version) => {
    const hits = new Map<string, number>();
    const info = benchmarkInfo(version);
    for (const profile of profiles) {
      const { objects } = composeAndCollect({ ...profile, cisVersion: version, cluster: { ...profile.cluster, provider: info.provider } });
      for (const { file, manifest } of objects) {
        if (ADMISSION_KINDS.includes(manifest.kind)) continue;
        const rows = ROWS.filter((r) => r.match(manifest));
        expect({ file, rows: rows.length }).toEqual({ file, rows: 1 });
        const row = rows[0];
        // An applied exception withdraws the relaxed control's IDs; the row states the unrelaxed claim.
        if (annotation(manifest, 'exceptions').length > 0) continue;
        hits.set(row.object, (hits.get(row.object) ?? 0) + 1);
        const cis = row.cis
          .filter((t) => !(version === 'gke-1.9.0' && t === T.policyMechanism && row.object.includes('Policy that denies')))
          .map((t) => idOf(version, t))
          .filter((id): id is string => id !== undefined);
        // The IDs sit under the key that names their benchmark (cis-kubernetes, cis-eks, cis-gke, cis-aks).
        for (const other of ['kubernetes', 'eks', 'gke', 'aks'].filter((f) => f !== info.family)) expect({ file, other, ids: annotation(manifest, `cis-${other}`) }).toEqual({ file, other, ids: [] });
        expect(annotation(manifest, `cis-${info.family}-version`)).toEqual([info.version]);
        expect({ file, cis: annotation(manifest, `cis-${info.family}`), soc2: annotation(manifest, 'soc2') }).toEqual({
          file,
          cis: [...new Set(cis)].sort(compareIds),
          soc2: [...row.soc2].sort(compareIds),
        });
      }
    }
    // Each row was checked against at least one object, so no row is dead; on a managed provider the
    // control-plane rows must be the ones never hit (no control-plane file is emitted there).
    const live = (r: Row) => info.provider === 'self-managed' || !r.controlPlane;
    expect(ROWS.map((r) => ({ row: r.object, checked: (hits.get(r.object) ?? 0) > 0 }))).toEqual(ROWS.map((r) => ({ row: r.object, checked: live(r) })));
  });

  // Admission rules claim per rule (the rule model, checked against CIS 1.12 by its own tests); under a
  // provider benchmark each rule's policy claims exactly its 1.12 IDs through the managed crosswalk.
  test.each([...PROVIDER_BENCHMARKS])('%s: every admission policy claims exactly its CIS 1.12 IDs mapped through cis-managed-crosswalk.csv', (version) => {
    const info = benchmarkInfo(version);
    let checked = 0;
    for (const profile of profiles) {
      const k8s = composeAndCollect({ ...profile, cisVersion: '1.12' }).objects.filter((o) => ADMISSION_KINDS.includes(o.manifest.kind));
      const onProvider = new Map(
        composeAndCollect({ ...profile, cisVersion: version, cluster: { ...profile.cluster, provider: info.provider } })
          .objects.filter((o) => ADMISSION_KINDS.includes(o.manifest.kind))
          .map((o) => [o.file, o.manifest]),
      );
      expect([...onProvider.keys()].sort()).toEqual(k8s.map((o) => o.file).sort());
      for (const { file, manifest } of k8s) {
        const m = onProvider.get(file)!;
        // GKE 4.2.1 (PSS Baseline in every namespace) is the counterpart of 5.2.1 a namespace claims, not a denying policy (HL-ADM-009).
        const expected = annotation(manifest, 'cis-kubernetes').filter((id112) => !(version === 'gke-1.9.0' && id112 === '5.2.1')).flatMap((id112) => {
          const row = managed.find((r) => r.k8s_1_12_id === id112);
          expect({ file, id112, inCrosswalk: row !== undefined }).toEqual({ file, id112, inCrosswalk: true });
          return row![`${info.family}_match`] === 'none' ? [] : [row![`${info.family}_id`]];
        });
        expect({ file, cis: annotation(m, `cis-${info.family}`), kubernetes: annotation(m, 'cis-kubernetes'), soc2: annotation(m, 'soc2') }).toEqual({
          file,
          cis: [...new Set(expected)].sort(compareIds),
          kubernetes: [],
          soc2: annotation(manifest, 'soc2'),
        });
        for (const id of annotation(m, `cis-${info.family}`)) expect({ version, id, known: providerIds[version].has(id) }).toEqual({ version, id, known: true });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });
});
