/**
 * PSA `capabilities_baseline` and `capabilities_restricted`: baseline allows adding only the
 * default capability set; restricted requires dropping ALL and adding at most NET_BIND_SERVICE,
 * and replaces the baseline check at restricted (upstream `OverrideCheckIDs`).
 */
import { ADM_PSS_BASELINE, ADM_PSS_RESTRICTED } from '../../controls/admission';
import { C_SC, celList, everyContainer, IS_WINDOWS, unless } from '../cel';
import { ruleClaim } from '../claims';
import { addEphemeral, addInit, appSc, windows } from '../fixtures';
import { isWindowsPod, securityContextOf } from '../pod';
import { AdmissionRule } from '../types';
import { BASELINE, fixed, perContainer, RESTRICTED } from './_common';

/** Capabilities a baseline container may add (upstream `capabilities_allowed_1_0`). */
export const BASELINE_CAPABILITIES: readonly string[] = [
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE',
  'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
];

const added = (sc: Record<string, any>): string[] => (Array.isArray(sc.capabilities?.add) ? sc.capabilities.add : []);
const dropped = (sc: Record<string, any>): string[] => (Array.isArray(sc.capabilities?.drop) ? sc.capabilities.drop : []);

/** Only default capabilities may be added (upstream `check_capabilities_baseline.go`). */
export const DISALLOW_CAPABILITIES: AdmissionRule = {
  id: 'disallow-capabilities',
  title: 'Disallow Capabilities',
  category: BASELINE,
  severity: 'medium',
  description: 'Only the capabilities of the baseline standard may be added.',
  control: ADM_PSS_BASELINE,
  claim: ruleClaim(ADM_PSS_BASELINE, ['5.2.9'], ['CC6.8']),
  level: 'baseline',
  psaCheck: 'capabilities_baseline',
  versions: [{ since: 0, upstream: 'capabilitiesBaseline_1_0', summary: `capabilities.add must be among ${BASELINE_CAPABILITIES.join(', ')}.` }],
  overriddenBy: { rule: 'disallow-capabilities-strict', since: 22 },
  scope: 'all-tiers',
  expression: fixed(everyContainer(`${C_SC}.?capabilities.?add.orValue([]).all(a, a in ${celList(BASELINE_CAPABILITIES)})`)),
  message: fixed(`Added capabilities must be among ${BASELINE_CAPABILITIES.join(', ')}.`),
  check: (pod) =>
    perContainer(pod, ({ container }) => {
      const bad = added(securityContextOf(container)).filter((c) => !BASELINE_CAPABILITIES.includes(c));
      return bad.length ? { field: 'securityContext.capabilities.add', message: `must not add capabilities ${bad.join(', ')}` } : undefined;
    }),
  fixtures: [
    { name: 'goodpod01-default-set', admit: true, apply: (p) => (appSc(p).capabilities.add = ['CHOWN', 'NET_BIND_SERVICE']) },
    { name: 'badpod04-windows', admit: false, apply: (p) => { windows(p); appSc(p).capabilities.add = ['SYS_ADMIN']; } },
    { name: 'badpod01', admit: false, apply: (p) => (appSc(p).capabilities.add = ['SYS_ADMIN']) },
    { name: 'badpod02-init', admit: false, apply: (p) => (addInit(p).securityContext.capabilities.add = ['NET_RAW']) },
    { name: 'badpod03-ephemeral', admit: false, apply: (p) => (addEphemeral(p).securityContext.capabilities.add = ['SYS_PTRACE']) },
  ],
};

/** Drop ALL, add only NET_BIND_SERVICE; Windows Pods exempt since 1.25 (upstream `check_capabilities_restricted.go`). */
export const DISALLOW_CAPABILITIES_STRICT: AdmissionRule = {
  id: 'disallow-capabilities-strict',
  title: 'Disallow Capabilities (Strict)',
  category: RESTRICTED,
  severity: 'medium',
  description: 'Containers drop ALL capabilities and may add back only NET_BIND_SERVICE (Windows Pods are exempt).',
  control: ADM_PSS_RESTRICTED,
  claim: ruleClaim(ADM_PSS_RESTRICTED, ['5.2.8', '5.2.9', '5.2.10', '5.7.3'], ['CC6.8']),
  level: 'restricted',
  psaCheck: 'capabilities_restricted',
  versions: [
    { since: 22, upstream: 'capabilitiesRestricted_1_22', summary: 'capabilities.drop must include ALL and capabilities.add may hold only NET_BIND_SERVICE.' },
    { since: 25, upstream: 'capabilitiesRestricted_1_25', summary: 'Pods with spec.os.name: windows are exempt.' },
  ],
  scope: 'all-tiers',
  expression: fixed(
    unless(
      IS_WINDOWS,
      everyContainer(`'ALL' in ${C_SC}.?capabilities.?drop.orValue([]) && ${C_SC}.?capabilities.?add.orValue([]).all(a, a == 'NET_BIND_SERVICE')`),
    ),
  ),
  message: fixed('Every container must drop ALL capabilities and may add only NET_BIND_SERVICE.'),
  check: (pod) =>
    isWindowsPod(pod.spec)
      ? []
      : perContainer(pod, ({ container }) => {
          const sc = securityContextOf(container);
          if (!dropped(sc).includes('ALL')) return { field: 'securityContext.capabilities.drop', message: 'must drop ALL capabilities (capabilities.drop: [ALL])' };
          const bad = added(sc).filter((c) => c !== 'NET_BIND_SERVICE');
          return bad.length ? { field: 'securityContext.capabilities.add', message: `may add only NET_BIND_SERVICE, not ${bad.join(', ')}` } : undefined;
        }),
  fixtures: [
    { name: 'goodpod01-net-bind', admit: true, apply: (p) => (appSc(p).capabilities.add = ['NET_BIND_SERVICE']) },
    { name: 'goodpod02-windows', admit: true, apply: (p) => { windows(p); delete appSc(p).capabilities; } },
    { name: 'goodpod03-windows-add', admit: true, apply: (p) => { windows(p); appSc(p).capabilities.add = ['SYS_ADMIN']; } },
    { name: 'badpod01-no-drop', admit: false, apply: (p) => delete appSc(p).capabilities },
    { name: 'badpod02-add', admit: false, apply: (p) => (appSc(p).capabilities.add = ['CHOWN']) },
    { name: 'badpod03-init', admit: false, apply: (p) => (addInit(p).securityContext.capabilities.drop = ['NET_RAW']) },
    { name: 'badpod04-ephemeral', admit: false, apply: (p) => delete addEphemeral(p).securityContext },
  ],
};
