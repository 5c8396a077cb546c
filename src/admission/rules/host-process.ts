/** PSA `windowsHostProcess` (baseline): no Windows HostProcess Pod or container. */
import { ADM_PSS_BASELINE } from '../../controls/admission';
import { podAndContainers } from '../cel';
import { ruleClaim } from '../claims';
import { addInit, appSc, podSc, windows } from '../fixtures';
import { AdmissionRule } from '../types';
import { BASELINE, fixed, podAndContainerFindings } from './_common';

/** HostProcess is rejected (upstream `check_windowsHostProcess.go`). */
export const DISALLOW_HOST_PROCESS: AdmissionRule = {
  id: 'disallow-host-process',
  title: 'Disallow hostProcess',
  category: BASELINE,
  severity: 'high',
  description: 'Windows HostProcess containers run with host access.',
  control: ADM_PSS_BASELINE,
  claim: ruleClaim(ADM_PSS_BASELINE, ['5.2.11'], ['CC6.8']),
  level: 'baseline',
  psaCheck: 'windowsHostProcess',
  versions: [{ since: 0, upstream: 'windowsHostProcess_1_0', summary: 'windowsOptions.hostProcess must be unset or false on the Pod and every container.' }],
  scope: 'all-tiers',
  expression: fixed(podAndContainers((sc) => `${sc}.?windowsOptions.?hostProcess.orValue(false) == false`)),
  message: fixed('windowsOptions.hostProcess must be unset or false.'),
  check: (pod) =>
    podAndContainerFindings(pod, (sc) =>
      sc.windowsOptions?.hostProcess === true ? { field: 'windowsOptions.hostProcess', message: 'must not run as a Windows HostProcess' } : undefined,
    ),
  fixtures: [
    { name: 'goodpod01-windows', admit: true, apply: (p) => { windows(p); appSc(p).windowsOptions = { hostProcess: false, runAsUserName: 'ContainerUser' }; } },
    { name: 'badpod01-pod', admit: false, apply: (p) => { windows(p); podSc(p).windowsOptions = { hostProcess: true }; } },
    { name: 'badpod02-container', admit: false, apply: (p) => (appSc(p).windowsOptions = { hostProcess: true }) },
    { name: 'badpod03-init', admit: false, apply: (p) => (addInit(p).securityContext.windowsOptions = { hostProcess: true }) },
  ],
};
