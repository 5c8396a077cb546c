/**
 * The operations part of a profile (issue 4): audit log retention, PodDisruptionBudgets of critical
 * workloads, Velero backup schedules and namespace quotas. Merges them over the extends chain,
 * applies defaults and reports every located problem.
 */
import { cronProblem } from '../../constructs/_cron';
import { disruptionBudgetProblems } from '../../constructs/_disruption-rules';
import { dns1123LabelProblem, dns1123SubdomainProblem } from '../../constructs/_names';
import { parseQuantity, quantityProblem } from '../../constructs/_quantities';
import { ProfileProblem } from '../errors';
import { exceptionIndex, LocatedException, LocatedNamespace, Origin, problemAt } from './namespace-rules';
import { BackupScheduleSpec, ProfileDocument, QuotaSpec, ResolvedOperations, ResolvedQuota, TierName } from './types';
import { YamlSource } from './yaml-source';

/** Default audit log retention in days; CIS 1.2.17 asks for at least 30. */
export const DEFAULT_AUDIT_RETENTION_DAYS = 90;

/** Built-in quota and container defaults per tier, used where neither tier nor namespace sets a key. */
export const TIER_QUOTA_DEFAULTS: { readonly [T in TierName]: ResolvedQuota } = {
  production: quota('8', '16Gi', '16', '32Gi', 100),
  staging: quota('4', '8Gi', '8', '16Gi', 50),
  development: quota('2', '4Gi', '4', '8Gi', 30),
};

function quota(requestsCpu: string, requestsMemory: string, limitsCpu: string, limitsMemory: string, pods: number): ResolvedQuota {
  return {
    'requests.cpu': requestsCpu,
    'requests.memory': requestsMemory,
    'limits.cpu': limitsCpu,
    'limits.memory': limitsMemory,
    pods,
    'services.loadbalancers': 0,
    'services.nodeports': 0,
    defaultRequest: { cpu: '100m', memory: '128Mi' },
    defaultLimit: { cpu: '500m', memory: '512Mi' },
  };
}

/** One file of the extends chain, base first. */
export interface ChainFile {
  readonly source: YamlSource;
  readonly doc: ProfileDocument;
}

type Flat = Map<string, { value: string | number; origin: Origin }>;

const QUANTITY_KEYS = ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'] as const;
const COUNT_KEYS = ['pods', 'services.loadbalancers', 'services.nodeports'] as const;

/** Flattens a quota block into `key` / `defaultRequest/cpu` entries with their origins. */
function flatten(q: QuotaSpec | undefined, source: YamlSource, pointer: string, into: Flat): void {
  if (!q) return;
  for (const k of [...QUANTITY_KEYS, ...COUNT_KEYS]) {
    const v = q[k];
    if (v !== undefined) into.set(k, { value: v, origin: { source, pointer: `${pointer}/${k}` } });
  }
  for (const group of ['defaultRequest', 'defaultLimit'] as const) {
    for (const r of ['cpu', 'memory'] as const) {
      const v = q[group]?.[r];
      if (v !== undefined) into.set(`${group}/${r}`, { value: v, origin: { source, pointer: `${pointer}/${group}/${r}` } });
    }
  }
}

/** Resolves the operations settings and returns them with every problem found. */
export function resolveOperations(
  chain: readonly ChainFile[],
  namespaces: readonly LocatedNamespace[],
  exceptions: readonly LocatedException[],
): { operations: ResolvedOperations; problems: ProfileProblem[] } {
  const problems: ProfileProblem[] = [];
  const covers = exceptionIndex(exceptions);
  // Without a namespace (or with an empty name), any exception for the control counts.
  const excepted = (control: string, ns?: string) => covers(control, ns || undefined);

  // Audit: the last file that sets retentionDays wins.
  let retention: { value: number; origin: Origin } | undefined;
  const tierQuota: Record<TierName, Flat> = { production: new Map(), staging: new Map(), development: new Map() };
  let backupNamespace: { value: string; origin: Origin } | undefined;
  let storageLocation: { value: string; origin: Origin } | undefined;
  let backupDeclared: Origin | undefined;
  const schedules = new Map<string, { spec: BackupScheduleSpec; origin: Origin }>();
  for (const { source, doc } of chain) {
    const spec = doc.spec ?? {};
    if (spec.audit?.retentionDays !== undefined) {
      retention = { value: spec.audit.retentionDays, origin: { source, pointer: '/spec/audit/retentionDays' } };
    }
    for (const tier of Object.keys(spec.tiers ?? {}).sort() as TierName[]) {
      flatten(spec.tiers?.[tier]?.quota, source, `/spec/tiers/${tier}/quota`, tierQuota[tier]);
    }
    if (spec.backup) {
      backupDeclared = { source, pointer: '/spec/backup' };
      if (spec.backup.namespace !== undefined) backupNamespace = { value: spec.backup.namespace, origin: { source, pointer: '/spec/backup/namespace' } };
      if (spec.backup.storageLocation !== undefined) {
        storageLocation = { value: spec.backup.storageLocation, origin: { source, pointer: '/spec/backup/storageLocation' } };
      }
      // A later file replaces a base's schedule of the same name; one file declaring a name twice is a mistake.
      const seenHere = new Map<string, number>();
      (spec.backup.schedules ?? []).forEach((s, i) => {
        const origin = { source, pointer: `/spec/backup/schedules/${i}` };
        const first = seenHere.get(s.name);
        if (first !== undefined) {
          const line = source.locate(`/spec/backup/schedules/${first}/name`).line;
          problems.push(problemAt(origin, '/name', `backup schedule "${s.name}" is declared twice (first on line ${line})`));
          return;
        }
        seenHere.set(s.name, i);
        schedules.set(s.name, { spec: s, origin });
      });
    }
  }

  const retentionDays = retention?.value ?? DEFAULT_AUDIT_RETENTION_DAYS;
  if (retention && retentionDays < 30 && !excepted('HL-AUD-002')) {
    problems.push(
      problemAt(
        retention.origin,
        '',
        `audit logs kept ${retentionDays} days; CIS 1.2.17 asks for at least 30 (HL-AUD-002). Raise it, or add an exception ` +
          'for HL-AUD-002 with a reason, owner and expiry',
      ),
    );
  }

  // Workloads and quotas, per namespace.
  const workloads: Record<string, ResolvedOperations['workloads'][string]> = {};
  const quotas: Record<string, ResolvedQuota> = {};
  for (const { spec: ns, origin } of namespaces) {
    const seen = new Set<string>();
    (ns.workloads ?? []).forEach((w, i) => {
      const at = { source: origin.source, pointer: `${origin.pointer}/workloads/${i}` };
      const nameProblem = dns1123LabelProblem(w.name);
      if (nameProblem) problems.push(problemAt(at, '/name', nameProblem));
      if (seen.has(w.name)) problems.push(problemAt(at, '/name', `workload "${w.name}" is declared twice in namespace "${ns.name}"`));
      seen.add(w.name);
      for (const p of disruptionBudgetProblems(w)) {
        problems.push(problemAt(at, p.field ? `/${p.field}` : '', `PodDisruptionBudget of "${ns.name}/${w.name}": ${p.message} (HL-AVL-001)`));
      }
    });
    workloads[ns.name] = [...(ns.workloads ?? [])]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((w) => ({
        name: w.name,
        matchLabels: { ...w.selector.matchLabels },
        replicas: w.replicas,
        ...(w.minAvailable !== undefined ? { minAvailable: w.minAvailable } : {}),
        ...(w.maxUnavailable !== undefined ? { maxUnavailable: w.maxUnavailable } : {}),
      }));

    const tier = ns.tier ?? 'production';
    const flat: Flat = new Map(tierQuota[tier]);
    flatten(ns.quota, origin.source, `${origin.pointer}/quota`, flat);
    const base = TIER_QUOTA_DEFAULTS[tier];
    const get = (key: string, fallback: string | number) => flat.get(key)?.value ?? fallback;
    for (const [key, entry] of flat) {
      if (typeof entry.value === 'string' || !COUNT_KEYS.includes(key as (typeof COUNT_KEYS)[number])) {
        const p = quantityProblem(key.replace('/', ' '), entry.value);
        if (p) problems.push(problemAt(entry.origin, '', p));
      }
    }
    for (const key of ['services.loadbalancers', 'services.nodeports']) {
      const entry = flat.get(key);
      if (entry && Number(entry.value) > 0 && !excepted('HL-QTA-003', ns.name)) {
        problems.push(
          problemAt(
            entry.origin,
            '',
            `namespace "${ns.name}" would allow ${entry.value} ${key}, exposing workloads outside the cluster; ` +
              'add an exception for HL-QTA-003 naming this namespace with a reason, owner and expiry',
          ),
        );
      }
    }
    for (const r of ['cpu', 'memory'] as const) {
      const req = flat.get(`defaultRequest/${r}`);
      const lim = flat.get(`defaultLimit/${r}`);
      const reqValue = parseQuantity(req?.value ?? base.defaultRequest[r]);
      const limValue = parseQuantity(lim?.value ?? base.defaultLimit[r]);
      if (reqValue !== undefined && limValue !== undefined && limValue < reqValue) {
        problems.push(
          problemAt((lim ?? req)!.origin, '', `namespace "${ns.name}": default limit ${r} is below the default request ${r}`),
        );
      }
    }
    quotas[ns.name] = {
      'requests.cpu': String(get('requests.cpu', base['requests.cpu'])),
      'requests.memory': String(get('requests.memory', base['requests.memory'])),
      'limits.cpu': String(get('limits.cpu', base['limits.cpu'])),
      'limits.memory': String(get('limits.memory', base['limits.memory'])),
      pods: Number(get('pods', base.pods)),
      'services.loadbalancers': Number(get('services.loadbalancers', 0)),
      'services.nodeports': Number(get('services.nodeports', 0)),
      defaultRequest: { cpu: String(get('defaultRequest/cpu', base.defaultRequest.cpu)), memory: String(get('defaultRequest/memory', base.defaultRequest.memory)) },
      defaultLimit: { cpu: String(get('defaultLimit/cpu', base.defaultLimit.cpu)), memory: String(get('defaultLimit/memory', base.defaultLimit.memory)) },
    };
  }

  // Backups.
  let backup: ResolvedOperations['backup'];
  if (backupDeclared) {
    const declared = new Set(namespaces.map((n) => n.spec.name));
    const production = namespaces.filter((n) => (n.spec.tier ?? 'production') === 'production').map((n) => n.spec.name).sort();
    const namespace = backupNamespace?.value ?? 'velero';
    if (backupNamespace) {
      const p = dns1123LabelProblem(namespace);
      if (p) problems.push(problemAt(backupNamespace.origin, '', p));
    }
    const resolved = [...schedules.values()]
      .sort((a, b) => (a.spec.name < b.spec.name ? -1 : a.spec.name > b.spec.name ? 1 : 0))
      .map(({ spec: s, origin }) => {
        const nameProblem = dns1123LabelProblem(s.name);
        if (nameProblem) problems.push(problemAt(origin, '/name', nameProblem));
        const cron = cronProblem(s.schedule);
        if (cron) problems.push(problemAt(origin, '/schedule', cron));
        if (s.snapshotVolumes && s.defaultVolumesToFsBackup) {
          problems.push(problemAt(origin, '/defaultVolumesToFsBackup', 'snapshotVolumes and defaultVolumesToFsBackup are both true; choose snapshots or file-system backup'));
        }
        (s.includedNamespaces ?? []).forEach((n, i) => {
          if (!declared.has(n)) problems.push(problemAt(origin, `/includedNamespaces/${i}`, `namespace "${n}" is not declared under spec.namespaces`));
        });
        if (!s.includedNamespaces && production.length === 0) {
          problems.push(
            problemAt(origin, '/name', `backup schedule "${s.name}" would back up no namespace: it defaults to the production namespaces and the profile has none; list them in includedNamespaces`),
          );
        }
        return {
          name: s.name,
          schedule: s.schedule,
          retentionDays: s.retentionDays,
          includedNamespaces: [...new Set(s.includedNamespaces ?? production)].sort(),
          ...(s.snapshotVolumes !== undefined ? { snapshotVolumes: s.snapshotVolumes } : {}),
          ...(s.defaultVolumesToFsBackup !== undefined ? { defaultVolumesToFsBackup: s.defaultVolumesToFsBackup } : {}),
        };
      });
    const covered = new Set(resolved.flatMap((s) => s.includedNamespaces));
    const uncovered = production.filter((n) => !covered.has(n));
    const origins = new Map(namespaces.map((x) => [x.spec.name, x.origin]));
    for (const n of uncovered.filter((x) => !excepted('HL-BAK-001', x))) {
      const at = origins.get(n)!;
      problems.push(
        problemAt(
          at,
          '/name',
          `production namespace "${n}" is not backed up by any schedule under spec.backup.schedules (HL-BAK-001); add it to a ` +
            "schedule's includedNamespaces, or add an exception for HL-BAK-001 naming it with a reason, owner and expiry",
        ),
      );
    }
    if (storageLocation) {
      const p = dns1123SubdomainProblem(storageLocation.value);
      if (p) problems.push(problemAt(storageLocation.origin, '', `BackupStorageLocation name ${p}`));
    }
    backup = { namespace, storageLocation: storageLocation?.value ?? 'default', schedules: resolved, uncovered };
  }

  return { operations: { audit: { retentionDays }, ...(backup ? { backup } : {}), workloads, quotas }, problems };
}
