/** PSA `allowPrivilegeEscalation` (restricted): every container sets allowPrivilegeEscalation: false; Windows Pods exempt since 1.25. */
import { ADM_PSS_RESTRICTED } from '../../controls/admission';
import { C_SC, everyContainer, IS_WINDOWS, unless } from '../cel';
import { ruleClaim } from '../claims';
import { addEphemeral, addInit, appSc, windows } from '../fixtures';
import { isWindowsPod, securityContextOf } from '../pod';
import { AdmissionRule } from '../types';
import { fixed, perContainer, RESTRICTED } from './_common';

/** Privilege escalation must be off (upstream `check_allowPrivilegeEscalation.go`). */
export const DISALLOW_PRIVILEGE_ESCALATION: AdmissionRule = {
  id: 'disallow-privilege-escalation',
  title: 'Disallow Privilege Escalation',
  category: RESTRICTED,
  severity: 'medium',
  description: 'Containers must set allowPrivilegeEscalation to false (Windows Pods are exempt).',
  control: ADM_PSS_RESTRICTED,
  claim: ruleClaim(ADM_PSS_RESTRICTED, ['5.2.6', '5.7.3'], ['CC6.8']),
  level: 'restricted',
  psaCheck: 'allowPrivilegeEscalation',
  versions: [
    { since: 8, upstream: 'allowPrivilegeEscalation_1_8', summary: 'securityContext.allowPrivilegeEscalation must be false in every container.' },
    { since: 25, upstream: 'allowPrivilegeEscalation_1_25', summary: 'Pods with spec.os.name: windows are exempt.' },
  ],
  scope: 'all-tiers',
  expression: fixed(unless(IS_WINDOWS, everyContainer(`${C_SC}.?allowPrivilegeEscalation.orValue(true) == false`))),
  message: fixed('Every container must set securityContext.allowPrivilegeEscalation: false.'),
  check: (pod) =>
    isWindowsPod(pod.spec)
      ? []
      : perContainer(pod, ({ container }) =>
          securityContextOf(container).allowPrivilegeEscalation === false
            ? undefined
            : { field: 'securityContext.allowPrivilegeEscalation', message: 'must set securityContext.allowPrivilegeEscalation: false' },
        ),
  fixtures: [
    { name: 'goodpod01-windows', admit: true, apply: (p) => { windows(p); delete appSc(p).allowPrivilegeEscalation; } },
    { name: 'badpod01-unset', admit: false, apply: (p) => delete appSc(p).allowPrivilegeEscalation },
    { name: 'badpod02-true', admit: false, apply: (p) => (appSc(p).allowPrivilegeEscalation = true) },
    { name: 'badpod03-init', admit: false, apply: (p) => (addInit(p).securityContext.allowPrivilegeEscalation = true) },
    { name: 'badpod04-ephemeral', admit: false, apply: (p) => delete addEphemeral(p).securityContext.allowPrivilegeEscalation },
  ],
};
