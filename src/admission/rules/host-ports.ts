/** PSA `hostPorts` (baseline): no container port binds a host port. */
import { ADM_PSS_BASELINE } from '../../controls/admission';
import { everyContainer } from '../cel';
import { ruleClaim } from '../claims';
import { addInit, app } from '../fixtures';
import { asList } from '../pod';
import { AdmissionRule } from '../types';
import { BASELINE, fixed, perContainer } from './_common';

/** Host ports are rejected (upstream `check_hostPorts.go`). */
export const DISALLOW_HOST_PORTS: AdmissionRule = {
  id: 'disallow-host-ports',
  title: 'Disallow hostPorts',
  category: BASELINE,
  severity: 'medium',
  description: 'Host ports bind the node network and bypass NetworkPolicies.',
  control: ADM_PSS_BASELINE,
  claim: ruleClaim(ADM_PSS_BASELINE, ['5.2.13'], ['CC6.8']),
  level: 'baseline',
  psaCheck: 'hostPorts',
  versions: [{ since: 0, upstream: 'hostPorts_1_0', summary: 'ports[*].hostPort must be unset or 0 in every container.' }],
  scope: 'all-tiers',
  expression: fixed(everyContainer('c.?ports.orValue([]).all(p, p.?hostPort.orValue(0) == 0)')),
  message: fixed('hostPort must be unset or 0 in every container port.'),
  check: (pod) =>
    perContainer(pod, ({ container }) => {
      const i = asList(container.ports).findIndex((p) => (p.hostPort ?? 0) !== 0);
      return i < 0 ? undefined : { field: `ports[${i}].hostPort`, message: `must not use hostPort ${container.ports[i].hostPort}` };
    }),
  fixtures: [
    { name: 'goodpod01-zero', admit: true, apply: (p) => (app(p).ports = [{ containerPort: 8080, hostPort: 0 }]) },
    { name: 'badpod01', admit: false, apply: (p) => (app(p).ports = [{ containerPort: 8080, hostPort: 8080 }]) },
    { name: 'badpod02-init', admit: false, apply: (p) => (addInit(p).ports = [{ containerPort: 53, hostPort: 53, protocol: 'UDP' }]) },
  ],
};
