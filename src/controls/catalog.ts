/**
 * The control catalog: every control hardline implements, and lookups over it.
 * Add a control in its area file, then list it here.
 */
import { AUDIT_LOG_RETENTION, AUDIT_POLICY } from './audit';
import { DISRUPTION_BUDGET } from './availability';
import { ENCRYPTION_AT_REST } from './encryption';
import { IMG_SIGNED_IMAGES } from './supply-chain';
import { BACKUP_SCHEDULE } from './backup';
import { ADMISSION_CONTROLS } from './admission';
import { SA_DEFAULT_NO_TOKEN, SA_NO_AUTOMOUNT } from './identity';
import { NS_ADMINISTRATIVE_BOUNDARY, POD_SECURITY_AUDIT_WARN, POD_SECURITY_BASELINE, POD_SECURITY_RESTRICTED } from './namespaces';
import { NET_DECLARED_FLOWS, NET_TIER_ISOLATION } from './flows';
import { NET_DEFAULT_DENY } from './network';
import {
  RBAC_NO_ESCALATION_VERBS,
  RBAC_NO_EXEC_OR_TOKENS,
  RBAC_NO_PRIVILEGED_BINDINGS,
  RBAC_NO_SECRETS_READ,
  RBAC_NO_WILDCARDS,
} from './rbac';
import { RBAC_NO_BASELINE_WRITES, RBAC_NO_BROAD_SUBJECTS, RBAC_NO_BUILTIN_ROLES, RBAC_WORKLOAD_SA_SUBJECTS } from './rbac-subjects';
import { ADM_TAMPER_PROTECTION } from './tamper-protection';
import { CONTAINER_DEFAULTS, NAMESPACE_QUOTA, NO_EXTERNAL_SERVICES } from './quota';
import { CIS_2_0_BY_1_12, CIS_MANAGED_BY_1_12 } from './cis-crosswalk';
import { isProviderBenchmark } from './benchmarks';
import { CisRecommendation, CisVersion, Control, ControlClaim } from './types';

/** Every control in the catalog, sorted by ID. */
export const CONTROLS: readonly Control[] = [
  NS_ADMINISTRATIVE_BOUNDARY,
  NET_DEFAULT_DENY,
  NET_DECLARED_FLOWS,
  NET_TIER_ISOLATION,
  RBAC_NO_WILDCARDS,
  RBAC_NO_ESCALATION_VERBS,
  RBAC_NO_SECRETS_READ,
  RBAC_NO_EXEC_OR_TOKENS,
  RBAC_NO_PRIVILEGED_BINDINGS,
  RBAC_NO_BROAD_SUBJECTS,
  RBAC_WORKLOAD_SA_SUBJECTS,
  RBAC_NO_BUILTIN_ROLES,
  RBAC_NO_BASELINE_WRITES,
  POD_SECURITY_RESTRICTED,
  POD_SECURITY_BASELINE,
  POD_SECURITY_AUDIT_WARN,
  SA_DEFAULT_NO_TOKEN,
  SA_NO_AUTOMOUNT,
  AUDIT_POLICY,
  AUDIT_LOG_RETENTION,
  ENCRYPTION_AT_REST,
  DISRUPTION_BUDGET,
  BACKUP_SCHEDULE,
  NAMESPACE_QUOTA,
  CONTAINER_DEFAULTS,
  NO_EXTERNAL_SERVICES,
  IMG_SIGNED_IMAGES,
  ...ADMISSION_CONTROLS,
  ADM_TAMPER_PROTECTION,
].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

const BY_ID = new Map(CONTROLS.map((c) => [c.id, c]));

/** Returns the control with this ID, or undefined. */
export function findControl(id: string): Control | undefined {
  return BY_ID.get(id);
}

/**
 * The part of a control one object implements, picked by CIS ID (in `version`, default 1.12) and
 * SOC 2 ID; an omitted list means all of the control's. Throws when an ID is not the control's.
 */
export function claimOf(
  control: Control,
  select: { readonly cis?: readonly string[]; readonly soc2?: readonly string[] } = {},
  version: CisVersion = '1.12',
): ControlClaim {
  const pick = <T>(all: readonly T[], wanted: readonly string[] | undefined, idOf: (t: T) => string | undefined, what: string): T[] => {
    if (wanted === undefined) return [...all];
    return wanted.map((id) => {
      const found = all.find((t) => idOf(t) === id);
      if (!found) throw new Error(`${control.id} has no ${what} ${id}; a claim must be part of its control`);
      return found;
    });
  };
  return {
    control,
    cis: pick(control.cis, select.cis, (r) => cisIdIn(r, version), `CIS ${version} recommendation`),
    soc2: pick(control.soc2, select.soc2, (s) => s.id, 'SOC 2 criterion'),
  };
}

/** True when the value is a `ControlClaim` rather than a whole `Control`. */
export function isControlClaim(x: Control | ControlClaim): x is ControlClaim {
  return (x as ControlClaim).control !== undefined;
}

/**
 * A recommendation's ID in one benchmark, or undefined when it does not exist there. CIS 2.0 and the
 * managed-provider benchmarks are read from the 1.12 ID through the crosswalks in `../shared/reference`
 * (cis-kube-bench-crosswalk-1.8-to-2.0.csv and cis-managed-crosswalk.csv, generated into
 * `cis-crosswalk.ts`); a 1.12 recommendation with no provider counterpart has no ID there.
 */
export function cisIdIn(rec: CisRecommendation, version: CisVersion): string | undefined {
  if (version === '1.10' || version === '1.11' || version === '1.12') return rec.ids[version];
  const v112 = rec.ids['1.12'];
  if (v112 === undefined) return undefined;
  if (isProviderBenchmark(version)) return rec.notIn?.[version] !== undefined ? undefined : CIS_MANAGED_BY_1_12[version][v112];
  return CIS_2_0_BY_1_12[v112];
}

/** The CIS IDs a control supports in one benchmark version (recommendations absent there are left out). */
export function cisIdsFor(control: Control, version: CisVersion): string[] {
  return control.cis.map((r) => cisIdIn(r, version)).filter((id): id is string => id !== undefined);
}

/**
 * Compares IDs in natural order, number runs by value: `5.1.9` < `5.1.10`, `CC6.1` < `CC6.10`.
 * Locale-free, so the order is the same on every machine.
 */
export function compareIds(a: string, b: string): number {
  const ta = a.match(/\d+|\D+/g) ?? [];
  const tb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(ta.length, tb.length); i++) {
    const x = ta[i];
    const y = tb[i];
    if (x === y) continue;
    const nx = /^\d/.test(x);
    const ny = /^\d/.test(y);
    if (nx && ny) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return ta.length - tb.length;
}

