/**
 * PSA `procMount` (baseline) and `procMount_restricted`: the default /proc masks. Since 1.35,
 * baseline allows any procMount in a user namespace (`hostUsers: false`), while the new
 * restricted check replaces it at restricted and still requires Default there.
 */
import { ADM_PSS_BASELINE, ADM_PSS_RESTRICTED } from '../../controls/admission';
import { C_SC, everyContainer, IN_USER_NAMESPACE, unless } from '../cel';
import { ruleClaim } from '../claims';
import { addEphemeral, addInit, appSc } from '../fixtures';
import { inUserNamespace, securityContextOf } from '../pod';
import { AdmissionRule, PodTemplate, RuleFinding } from '../types';
import { BASELINE, fixed, perContainer, RESTRICTED } from './_common';

const DEFAULT_ONLY = everyContainer(`${C_SC}.?procMount.orValue('Default') == 'Default'`);

function nonDefault(pod: PodTemplate): RuleFinding[] {
  return perContainer(pod, ({ container }) => {
    const m = securityContextOf(container).procMount;
    return m !== undefined && m !== null && m !== 'Default' ? { field: 'securityContext.procMount', message: `must use the Default /proc mount, not ${m}` } : undefined;
  });
}

/** Unmasked /proc is rejected outside user namespaces (upstream `check_procMount_baseline.go`). */
export const DISALLOW_PROC_MOUNT: AdmissionRule = {
  id: 'disallow-proc-mount',
  title: 'Disallow procMount',
  category: BASELINE,
  severity: 'medium',
  description: 'An Unmasked /proc exposes host information; from Kubernetes 1.35 a Pod in a user namespace may use it.',
  control: ADM_PSS_BASELINE,
  claim: ruleClaim(ADM_PSS_BASELINE, [], ['CC6.8']),
  level: 'baseline',
  psaCheck: 'procMount',
  versions: [
    { since: 0, upstream: 'procMount_1_0', summary: 'securityContext.procMount must be unset or Default in every container.' },
    { since: 35, upstream: 'procMount1_35baseline', summary: 'Pods with hostUsers: false may set any procMount.' },
  ],
  overriddenBy: { rule: 'disallow-proc-mount-strict', since: 35 },
  scope: 'all-tiers',
  expression: ({ minor }) => unless(minor >= 35 && IN_USER_NAMESPACE, DEFAULT_ONLY),
  message: ({ minor }) =>
    minor >= 35 ? 'securityContext.procMount must be unset or Default, unless the Pod sets hostUsers: false.' : 'securityContext.procMount must be unset or Default.',
  check: (pod, { minor }) => (minor >= 35 && inUserNamespace(pod.spec) ? [] : nonDefault(pod)),
  fixtures: [
    { name: 'goodpod01-default', admit: true, apply: (p) => (appSc(p).procMount = 'Default') },
    { name: 'goodpod02-userns', admit: true, from: 35, apply: (p) => { p.spec.hostUsers = false; appSc(p).procMount = 'Unmasked'; } },
    { name: 'badpod01', admit: false, apply: (p) => (appSc(p).procMount = 'Unmasked') },
    { name: 'badpod02-init', admit: false, apply: (p) => (addInit(p).securityContext.procMount = 'Unmasked') },
    { name: 'badpod03-ephemeral', admit: false, apply: (p) => (addEphemeral(p).securityContext.procMount = 'Unmasked') },
    { name: 'badpod04-userns', admit: false, until: 34, apply: (p) => { p.spec.hostUsers = false; appSc(p).procMount = 'Unmasked'; } },
  ],
};

/** From 1.35, restricted requires the Default /proc mount even in user namespaces (upstream `check_procMount_restricted.go`). */
export const DISALLOW_PROC_MOUNT_STRICT: AdmissionRule = {
  id: 'disallow-proc-mount-strict',
  title: 'Disallow procMount (Strict)',
  category: RESTRICTED,
  severity: 'medium',
  description: 'At restricted, every container uses the Default /proc mount, in a user namespace too.',
  control: ADM_PSS_RESTRICTED,
  claim: ruleClaim(ADM_PSS_RESTRICTED, [], ['CC6.8']),
  level: 'restricted',
  psaCheck: 'procMount_restricted',
  versions: [{ since: 35, upstream: 'procMount_1_0', summary: 'securityContext.procMount must be unset or Default in every container, whatever hostUsers says.' }],
  scope: 'all-tiers',
  expression: fixed(DEFAULT_ONLY),
  message: fixed('securityContext.procMount must be unset or Default.'),
  check: (pod) => nonDefault(pod),
  fixtures: [
    { name: 'goodpod01-default', admit: true, apply: (p) => (appSc(p).procMount = 'Default') },
    { name: 'badpod01-userns', admit: false, apply: (p) => { p.spec.hostUsers = false; appSc(p).procMount = 'Unmasked'; } },
    { name: 'badpod02-init', admit: false, apply: (p) => (addInit(p).securityContext.procMount = 'Unmasked') },
  ],
};
