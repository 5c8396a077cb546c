/** PSA `hostPathVolumes` (baseline): no hostPath volumes. At restricted, `restrict-volume-types` replaces it. */
import { ADM_PSS_BASELINE } from '../../controls/admission';
import { ruleClaim } from '../claims';
import { asList } from '../pod';
import { AdmissionRule } from '../types';
import { BASELINE, fixed } from './_common';

/** hostPath volumes are rejected (upstream `check_hostPathVolumes.go`). */
export const DISALLOW_HOST_PATH: AdmissionRule = {
  id: 'disallow-host-path',
  title: 'Disallow hostPath',
  category: BASELINE,
  severity: 'high',
  description: 'hostPath volumes give a Pod direct access to the node file system.',
  control: ADM_PSS_BASELINE,
  claim: ruleClaim(ADM_PSS_BASELINE, ['5.2.12'], ['CC6.8']),
  level: 'baseline',
  psaCheck: 'hostPathVolumes',
  versions: [{ since: 0, upstream: 'hostPathVolumes_1_0', summary: 'spec.volumes[*].hostPath must be unset.' }],
  overriddenBy: { rule: 'restrict-volume-types', since: 0 },
  scope: 'all-tiers',
  expression: fixed('variables.podSpec.?volumes.orValue([]).all(v, !has(v.hostPath))'),
  message: fixed('hostPath volumes are not allowed.'),
  check: (pod) =>
    asList(pod.spec.volumes).flatMap((v, i) =>
      v.hostPath !== undefined && v.hostPath !== null ? [{ field: `spec.volumes[${i}].hostPath`, message: `volume "${v.name}" must not be a hostPath volume` }] : [],
    ),
  fixtures: [
    { name: 'goodpod01-emptydir', admit: true, apply: (p) => (p.spec.volumes = [{ name: 'scratch', emptyDir: {} }]) },
    { name: 'badpod01', admit: false, apply: (p) => (p.spec.volumes = [{ name: 'host', hostPath: { path: '/var/run' } }]) },
    {
      name: 'badpod02-second',
      admit: false,
      apply: (p) => (p.spec.volumes = [{ name: 'scratch', emptyDir: {} }, { name: 'host', hostPath: { path: '/etc', type: 'Directory' } }]),
    },
  ],
};
