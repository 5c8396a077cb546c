/**
 * The admission rule model: every Pod Security Admission check and hardline rule as one
 * versioned unit (see `types.ts`), the lookups over them and the pure evaluator. Kyverno
 * policies, the build-time check and `hardline check` are all derived from `ADMISSION_RULES`.
 */
import { RESTRICT_APPARMOR } from './rules/apparmor';
import { DISALLOW_CAPABILITIES, DISALLOW_CAPABILITIES_STRICT } from './rules/capabilities';
import { DISALLOW_HOST_NAMESPACES } from './rules/host-namespaces';
import { DISALLOW_HOST_PATH } from './rules/host-path';
import { DISALLOW_HOST_PORTS } from './rules/host-ports';
import { DISALLOW_HOST_PROBES } from './rules/host-probes';
import { DISALLOW_HOST_PROCESS } from './rules/host-process';
import { DISALLOW_LATEST_TAG, REQUIRE_IMAGE_DIGEST, RESTRICT_IMAGE_REGISTRIES } from './rules/images';
import { DISALLOW_PRIVILEGE_ESCALATION } from './rules/privilege-escalation';
import { DISALLOW_PRIVILEGED } from './rules/privileged';
import { DISALLOW_PROC_MOUNT, DISALLOW_PROC_MOUNT_STRICT } from './rules/proc-mount';
import { REQUIRE_RUN_AS_NON_ROOT, REQUIRE_RUN_AS_NON_ROOT_USER } from './rules/run-as';
import { RESTRICT_SECCOMP, RESTRICT_SECCOMP_STRICT } from './rules/seccomp';
import { DISALLOW_SELINUX } from './rules/selinux';
import { RESTRICT_SYSCTLS } from './rules/sysctls';
import { RESTRICT_VOLUME_TYPES } from './rules/volume-types';
import { DISALLOW_SECRET_ENV, REQUIRE_LABELS, REQUIRE_REQUESTS_LIMITS, RESTRICT_DEFAULT_SA } from './rules/workload-metadata';
import { AdmissionRule, PsaLevel, RuleParams } from './types';
import { existsAt, levelsAt } from './versions';

export * from './types';
export * from './versions';
export * from './cel';
export * from './pod';
export * from './evaluate';
export * from './fixtures';
export * from './message-expression';
export { safeSysctlsAt } from './rules/sysctls';
export { seLinuxTypesAt } from './rules/selinux';
export { BASELINE_CAPABILITIES } from './rules/capabilities';
export { RESTRICTED_VOLUME_SOURCES } from './rules/volume-types';

/** Every admission rule in a stable order: baseline PSA checks, restricted PSA checks, hardline rules. */
export const ADMISSION_RULES: readonly AdmissionRule[] = [
  DISALLOW_PRIVILEGED,
  DISALLOW_HOST_NAMESPACES,
  DISALLOW_HOST_PATH,
  DISALLOW_HOST_PORTS,
  DISALLOW_HOST_PROCESS,
  DISALLOW_CAPABILITIES,
  DISALLOW_PROC_MOUNT,
  DISALLOW_SELINUX,
  RESTRICT_APPARMOR,
  RESTRICT_SECCOMP,
  RESTRICT_SYSCTLS,
  DISALLOW_HOST_PROBES,
  DISALLOW_PRIVILEGE_ESCALATION,
  REQUIRE_RUN_AS_NON_ROOT,
  REQUIRE_RUN_AS_NON_ROOT_USER,
  DISALLOW_CAPABILITIES_STRICT,
  RESTRICT_SECCOMP_STRICT,
  RESTRICT_VOLUME_TYPES,
  DISALLOW_PROC_MOUNT_STRICT,
  RESTRICT_IMAGE_REGISTRIES,
  DISALLOW_LATEST_TAG,
  REQUIRE_IMAGE_DIGEST,
  REQUIRE_LABELS,
  REQUIRE_REQUESTS_LIMITS,
  DISALLOW_SECRET_ENV,
  RESTRICT_DEFAULT_SA,
];

const BY_ID = new Map(ADMISSION_RULES.map((r) => [r.id, r]));

/** The rule with this id, or undefined. */
export function findRule(id: string): AdmissionRule | undefined {
  return BY_ID.get(id);
}

/** The rules that exist at a Kubernetes minor version and are enabled for these profile inputs, in model order. */
export function rulesAt(minor: number, params: RuleParams): AdmissionRule[] {
  return ADMISSION_RULES.filter((r) => existsAt(r, minor) && (!r.enabled || r.enabled(params)));
}

/**
 * The Pod Security checks a namespace at `level` runs at a version, as PSA composes them:
 * baseline runs the baseline checks; restricted runs the restricted checks and the baseline checks
 * no restricted check replaces.
 */
export function podSecurityRulesFor(level: PsaLevel | 'privileged', minor: number): AdmissionRule[] {
  if (level === 'privileged') return [];
  return ADMISSION_RULES.filter((r) => r.level !== undefined && existsAt(r, minor) && levelsAt(r, minor).includes(level));
}
