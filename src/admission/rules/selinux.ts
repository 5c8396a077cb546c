/** PSA `seLinuxOptions` (baseline): no custom SELinux user or role, and only the container types. */
import { ADM_PSS_BASELINE } from '../../controls/admission';
import { celList, podAndContainers } from '../cel';
import { ruleClaim } from '../claims';
import { addInit, appSc, podSc } from '../fixtures';
import { AdmissionRule } from '../types';
import { BASELINE, podAndContainerFindings } from './_common';

/** SELinux types allowed before 1.31 (upstream `selinuxAllowedTypes1_0`). */
const TYPES_1_0: readonly string[] = ['', 'container_t', 'container_init_t', 'container_kvm_t'];
/** SELinux types allowed from 1.31 (upstream `selinuxAllowedTypes1_31`). */
const TYPES_1_31: readonly string[] = [...TYPES_1_0, 'container_engine_t'];

/** The SELinux types allowed at a version. */
export const seLinuxTypesAt = (minor: number): readonly string[] => (minor >= 31 ? TYPES_1_31 : TYPES_1_0);

/** Custom SELinux options are rejected (upstream `check_seLinuxOptions.go`). */
export const DISALLOW_SELINUX: AdmissionRule = {
  id: 'disallow-selinux',
  title: 'Disallow SELinux',
  category: BASELINE,
  severity: 'medium',
  description: 'Custom SELinux users, roles or types can lift the container confinement.',
  control: ADM_PSS_BASELINE,
  claim: ruleClaim(ADM_PSS_BASELINE, [], ['CC6.8']),
  level: 'baseline',
  psaCheck: 'seLinuxOptions',
  versions: [
    { since: 0, upstream: 'seLinuxOptions1_0', summary: 'seLinuxOptions.user and role unset; type unset, container_t, container_init_t or container_kvm_t.' },
    { since: 31, upstream: 'seLinuxOptions1_31', summary: 'container_engine_t is allowed too.' },
  ],
  scope: 'all-tiers',
  expression: ({ minor }) =>
    podAndContainers(
      (sc) =>
        `${sc}.?seLinuxOptions.?type.orValue('') in ${celList(seLinuxTypesAt(minor))} && ` +
        `${sc}.?seLinuxOptions.?user.orValue('') == '' && ${sc}.?seLinuxOptions.?role.orValue('') == ''`,
    ),
  message: ({ minor }) => `seLinuxOptions.user and role must be unset and type one of ${seLinuxTypesAt(minor).filter((t) => t).join(', ')}.`,
  check: (pod, { minor }) =>
    podAndContainerFindings(pod, (sc) => {
      const se = sc.seLinuxOptions;
      if (!se) return undefined;
      if (!seLinuxTypesAt(minor).includes(se.type ?? '')) return { field: 'seLinuxOptions.type', message: `must not set SELinux type "${se.type}"` };
      if ((se.user ?? '') !== '') return { field: 'seLinuxOptions.user', message: 'must not set a custom SELinux user' };
      if ((se.role ?? '') !== '') return { field: 'seLinuxOptions.role', message: 'must not set a custom SELinux role' };
      return undefined;
    }),
  fixtures: [
    { name: 'goodpod01-container-t', admit: true, apply: (p) => (podSc(p).seLinuxOptions = { type: 'container_t', level: 's0:c123,c456' }) },
    { name: 'goodpod02-engine', admit: true, from: 31, apply: (p) => (appSc(p).seLinuxOptions = { type: 'container_engine_t' }) },
    { name: 'badpod01-engine', admit: false, until: 30, apply: (p) => (appSc(p).seLinuxOptions = { type: 'container_engine_t' }) },
    { name: 'badpod02-type', admit: false, apply: (p) => (podSc(p).seLinuxOptions = { type: 'spc_t' }) },
    { name: 'badpod03-user', admit: false, apply: (p) => (appSc(p).seLinuxOptions = { user: 'system_u' }) },
    { name: 'badpod04-init-role', admit: false, apply: (p) => (addInit(p).securityContext.seLinuxOptions = { role: 'system_r' }) },
  ],
};
