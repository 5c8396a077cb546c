/** PSA `privileged` (baseline): no container may run privileged. */
import { ADM_PSS_BASELINE } from '../../controls/admission';
import { everyContainer, C_SC } from '../cel';
import { ruleClaim } from '../claims';
import { addEphemeral, addInit, appSc } from '../fixtures';
import { securityContextOf } from '../pod';
import { AdmissionRule } from '../types';
import { BASELINE, fixed, perContainer } from './_common';

/** Privileged containers are rejected (upstream `check_privileged.go`). */
export const DISALLOW_PRIVILEGED: AdmissionRule = {
  id: 'disallow-privileged-containers',
  title: 'Disallow Privileged Containers',
  category: BASELINE,
  severity: 'high',
  description: 'Privileged mode disables most isolation; no container may ask for it.',
  control: ADM_PSS_BASELINE,
  claim: ruleClaim(ADM_PSS_BASELINE, ['5.2.2'], ['CC6.8']),
  level: 'baseline',
  psaCheck: 'privileged',
  versions: [{ since: 0, upstream: 'privileged_1_0', summary: 'securityContext.privileged must be unset or false in every container.' }],
  scope: 'all-tiers',
  expression: fixed(everyContainer(`${C_SC}.?privileged.orValue(false) == false`)),
  message: fixed('Privileged mode is not allowed: unset securityContext.privileged or set it to false in every container.'),
  check: (pod) =>
    perContainer(pod, ({ container }) =>
      securityContextOf(container).privileged === true ? { field: 'securityContext.privileged', message: 'must not set securityContext.privileged: true' } : undefined,
    ),
  fixtures: [
    { name: 'goodpod01-false', admit: true, apply: (p) => (appSc(p).privileged = false) },
    { name: 'badpod01', admit: false, apply: (p) => (appSc(p).privileged = true) },
    { name: 'badpod02-init', admit: false, apply: (p) => (addInit(p).securityContext.privileged = true) },
    { name: 'badpod03-ephemeral', admit: false, apply: (p) => (addEphemeral(p).securityContext.privileged = true) },
  ],
};
