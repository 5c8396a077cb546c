/** PSA `hostProbesAndHostLifecycle` (baseline, from 1.34): probes and lifecycle handlers may not name a host. */
import { ADM_PSS_BASELINE } from '../../controls/admission';
import { everyContainer } from '../cel';
import { ruleClaim } from '../claims';
import { addInit, app } from '../fixtures';
import { dig } from '../pod';
import { AdmissionRule } from '../types';
import { BASELINE, fixed, perContainer } from './_common';

/** Where a container may name a host: probes and lifecycle handlers, HTTP and TCP. */
const HOST_FIELDS: readonly string[][] = ['livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle.postStart', 'lifecycle.preStop'].flatMap((h) =>
  ['httpGet', 'tcpSocket'].map((a) => [...h.split('.'), a, 'host']),
);

/** Probes and lifecycle handlers target the Pod itself (upstream `check_hostProbesAndhostLifecycle.go`). */
export const DISALLOW_HOST_PROBES: AdmissionRule = {
  id: 'disallow-host-probes',
  title: 'Disallow Host in Probes and Lifecycle Handlers',
  category: BASELINE,
  severity: 'medium',
  description: 'Probes and lifecycle handlers may not set a host, which would let the kubelet reach other endpoints for the Pod.',
  control: ADM_PSS_BASELINE,
  claim: ruleClaim(ADM_PSS_BASELINE, [], ['CC6.8']),
  level: 'baseline',
  psaCheck: 'hostProbesAndHostLifecycle',
  versions: [
    { since: 34, upstream: 'hostProbesAndHostLifecycleV1Dot34', summary: 'httpGet.host and tcpSocket.host of liveness, readiness and startup probes and postStart/preStop handlers must be unset or empty.' },
  ],
  scope: 'all-tiers',
  expression: fixed(everyContainer(HOST_FIELDS.map((f) => `c.${f.map((k) => `?${k}`).join('.')}.orValue('') == ''`).join(' && '))),
  message: fixed('Probes and lifecycle handlers must not set httpGet.host or tcpSocket.host.'),
  check: (pod) =>
    perContainer(pod, ({ container }) => {
      const f = HOST_FIELDS.find((path) => (dig(container, ...path) ?? '') !== '');
      return f ? { field: f.join('.'), message: `must not set ${f.join('.')} (${dig(container, ...f)})` } : undefined;
    }),
  fixtures: [
    { name: 'goodpod01-probe', admit: true, apply: (p) => (app(p).livenessProbe = { httpGet: { path: '/healthz', port: 8080 } }) },
    { name: 'goodpod02-empty-host', admit: true, apply: (p) => (app(p).readinessProbe = { tcpSocket: { port: 8080, host: '' } }) },
    { name: 'badpod01-liveness', admit: false, apply: (p) => (app(p).livenessProbe = { httpGet: { path: '/', port: 80, host: '169.254.169.254' } }) },
    { name: 'badpod02-startup-tcp', admit: false, apply: (p) => (app(p).startupProbe = { tcpSocket: { port: 6443, host: 'kubernetes.default' } }) },
    { name: 'badpod03-prestop', admit: false, apply: (p) => (app(p).lifecycle = { preStop: { httpGet: { path: '/', port: 80, host: '10.0.0.1' } } }) },
    { name: 'badpod04-init-poststart', admit: false, apply: (p) => (addInit(p).lifecycle = { postStart: { tcpSocket: { port: 22, host: 'node' } } }) },
  ],
};
