/** PSA `sysctls` (baseline): only the safe, namespaced sysctls; the safe set grows with the version. */
import { ADM_PSS_BASELINE } from '../../controls/admission';
import { celList } from '../cel';
import { ruleClaim } from '../claims';
import { podSc } from '../fixtures';
import { asList } from '../pod';
import { AdmissionRule } from '../types';
import { BASELINE } from './_common';

/** The safe sysctls by the version that made them safe (upstream `sysctlsAllowedV1Dot*`). */
const SAFE_SINCE: readonly [number, readonly string[]][] = [
  [0, ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start']],
  [27, ['net.ipv4.ip_local_reserved_ports']],
  [29, ['net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes']],
  [32, ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem']],
  [37, ['net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat']],
];

/** The safe sysctls at a Kubernetes minor version, sorted. */
export function safeSysctlsAt(minor: number): string[] {
  return SAFE_SINCE.filter(([since]) => since <= minor).flatMap(([, names]) => names).sort();
}

/** Only safe sysctls may be set (upstream `check_sysctls.go`). */
export const RESTRICT_SYSCTLS: AdmissionRule = {
  id: 'restrict-sysctls',
  title: 'Restrict sysctls',
  category: BASELINE,
  severity: 'medium',
  description: 'Only namespaced, safe sysctls may be set; the safe set is the one of the pinned Kubernetes version.',
  control: ADM_PSS_BASELINE,
  claim: ruleClaim(ADM_PSS_BASELINE, [], ['CC6.8']),
  level: 'baseline',
  psaCheck: 'sysctls',
  versions: [
    { since: 0, upstream: 'sysctlsV1Dot0', summary: `Safe: ${SAFE_SINCE[0][1].join(', ')}.` },
    { since: 27, upstream: 'sysctlsV1Dot27', summary: 'Adds net.ipv4.ip_local_reserved_ports.' },
    { since: 29, upstream: 'sysctlsV1Dot29', summary: `Adds ${SAFE_SINCE[2][1].join(', ')}.` },
    { since: 32, upstream: 'sysctlsV1Dot32', summary: 'Adds net.ipv4.tcp_rmem and net.ipv4.tcp_wmem.' },
    { since: 37, upstream: 'sysctlsV1Dot37', summary: 'Adds net.ipv4.tcp_slow_start_after_idle and net.ipv4.tcp_notsent_lowat (after the newest version hardline supports).' },
  ],
  scope: 'all-tiers',
  expression: ({ minor }) => `variables.podSpec.?securityContext.?sysctls.orValue([]).all(s, s.name in ${celList(safeSysctlsAt(minor))})`,
  message: ({ minor }) => `sysctls must be among ${safeSysctlsAt(minor).join(', ')}.`,
  check: (pod, { minor }) => {
    const safe = safeSysctlsAt(minor);
    const list = asList(pod.spec.securityContext?.sysctls);
    return list.flatMap((s, i) => (safe.includes(s.name) ? [] : [{ field: `spec.securityContext.sysctls[${i}].name`, message: `the Pod must not set sysctl "${s.name}" (not safe at 1.${minor})` }]));
  },
  fixtures: [
    { name: 'goodpod01-port-range', admit: true, apply: (p) => (podSc(p).sysctls = [{ name: 'net.ipv4.ip_local_port_range', value: '1024 65535' }]) },
    { name: 'goodpod02-keepalive', admit: true, from: 29, apply: (p) => (podSc(p).sysctls = [{ name: 'net.ipv4.tcp_keepalive_time', value: '600' }]) },
    { name: 'badpod01-keepalive', admit: false, until: 28, apply: (p) => (podSc(p).sysctls = [{ name: 'net.ipv4.tcp_keepalive_time', value: '600' }]) },
    { name: 'goodpod03-rmem', admit: true, from: 32, apply: (p) => (podSc(p).sysctls = [{ name: 'net.ipv4.tcp_rmem', value: '4096 87380 6291456' }]) },
    { name: 'badpod02-rmem', admit: false, until: 31, apply: (p) => (podSc(p).sysctls = [{ name: 'net.ipv4.tcp_wmem', value: '4096 16384 4194304' }]) },
    { name: 'badpod03-notsent', admit: false, apply: (p) => (podSc(p).sysctls = [{ name: 'net.ipv4.tcp_notsent_lowat', value: '16384' }]) },
    { name: 'badpod04-kernel', admit: false, apply: (p) => (podSc(p).sysctls = [{ name: 'kernel.msgmax', value: '65536' }]) },
  ],
};
