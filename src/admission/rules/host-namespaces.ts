/** PSA `hostNamespaces` (baseline): no host network, PID or IPC namespace. */
import { ADM_PSS_BASELINE } from '../../controls/admission';
import { ruleClaim } from '../claims';
import { AdmissionRule, RuleFinding } from '../types';
import { BASELINE, fixed } from './_common';

const FIELDS = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

/** Host namespaces are rejected (upstream `check_hostNamespaces.go`). */
export const DISALLOW_HOST_NAMESPACES: AdmissionRule = {
  id: 'disallow-host-namespaces',
  title: 'Disallow Host Namespaces',
  category: BASELINE,
  severity: 'high',
  description: 'Sharing the host network, PID or IPC namespace exposes the node to the Pod.',
  control: ADM_PSS_BASELINE,
  claim: ruleClaim(ADM_PSS_BASELINE, ['5.2.3', '5.2.4', '5.2.5'], ['CC6.8']),
  level: 'baseline',
  psaCheck: 'hostNamespaces',
  versions: [{ since: 0, upstream: 'hostNamespaces_1_0', summary: 'spec.hostNetwork, hostPID and hostIPC must be unset or false.' }],
  scope: 'all-tiers',
  expression: fixed(FIELDS.map((f) => `variables.podSpec.?${f}.orValue(false) == false`).join(' && ')),
  message: fixed('hostNetwork, hostPID and hostIPC must be unset or false.'),
  offending: fixed(`'the Pod sets ' + (${FIELDS.map((f) => `(variables.podSpec.?${f}.orValue(false) == true ? ['${f}: true'] : [])`).join(' + ')}).join(', ')`),
  check: (pod) =>
    FIELDS.filter((f) => pod.spec[f] === true).map((f): RuleFinding => ({ field: `spec.${f}`, message: `the Pod must not set ${f}: true` })),
  fixtures: [
    { name: 'goodpod01-false', admit: true, apply: (p) => Object.assign(p.spec, { hostNetwork: false, hostPID: false, hostIPC: false }) },
    { name: 'badpod01-network', admit: false, apply: (p) => (p.spec.hostNetwork = true) },
    { name: 'badpod02-pid', admit: false, apply: (p) => (p.spec.hostPID = true) },
    { name: 'badpod03-ipc', admit: false, apply: (p) => (p.spec.hostIPC = true) },
  ],
};
