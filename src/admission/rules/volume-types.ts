/**
 * PSA `restrictedVolumes` (restricted): only ephemeral, projected, claim-backed and image volume
 * sources; replaces `disallow-host-path` at restricted. A volume without a source is the
 * `emptyDir` the API server defaults it to.
 */
import { ADM_PSS_RESTRICTED } from '../../controls/admission';
import { ruleClaim } from '../claims';
import { asList, VOLUME_SOURCES } from '../pod';
import { AdmissionRule, Json } from '../types';
import { fixed, RESTRICTED } from './_common';

/** Volume sources restricted allows (upstream `restrictedVolumes_1_0`; `image` since commit "Allow ImageVolume for Restricted PSA profiles"). */
export const RESTRICTED_VOLUME_SOURCES: readonly string[] = [
  'configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret',
];
const FORBIDDEN = VOLUME_SOURCES.filter((s) => !RESTRICTED_VOLUME_SOURCES.includes(s));
const present = (v: Json, s: string) => v[s] !== undefined && v[s] !== null;

/** Only restricted volume types (upstream `check_restrictedVolumes.go`). */
export const RESTRICT_VOLUME_TYPES: AdmissionRule = {
  id: 'restrict-volume-types',
  title: 'Restrict Volume Types',
  category: RESTRICTED,
  severity: 'medium',
  description: `Only ${RESTRICTED_VOLUME_SOURCES.join(', ')} volumes may be used.`,
  control: ADM_PSS_RESTRICTED,
  claim: ruleClaim(ADM_PSS_RESTRICTED, ['5.2.12'], ['CC6.8']),
  level: 'restricted',
  psaCheck: 'restrictedVolumes',
  versions: [
    { since: 0, upstream: 'restrictedVolumes_1_0', summary: `Volume sources ${RESTRICTED_VOLUME_SOURCES.join(', ')} only (image volumes allowed at every version).` },
  ],
  scope: 'all-tiers',
  expression: fixed(
    'variables.podSpec.?volumes.orValue([]).all(v, ' +
      `${RESTRICTED_VOLUME_SOURCES.map((t) => `has(v.${t})`).join(' || ')} || !(${FORBIDDEN.map((t) => `has(v.${t})`).join(' || ')}))`,
  ),
  message: fixed(`Volumes must be of type ${RESTRICTED_VOLUME_SOURCES.join(', ')}.`),
  check: (pod) =>
    asList(pod.spec.volumes).flatMap((v, i) => {
      if (RESTRICTED_VOLUME_SOURCES.some((s) => present(v, s))) return [];
      const bad = FORBIDDEN.find((s) => present(v, s));
      return bad ? [{ field: `spec.volumes[${i}].${bad}`, message: `volume "${v.name}" must not be of type ${bad}` }] : [];
    }),
  fixtures: [
    { name: 'goodpod01-projected', admit: true, apply: (p) => (p.spec.volumes = [{ name: 'token', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } }]) },
    { name: 'goodpod02-image', admit: true, apply: (p) => (p.spec.volumes = [{ name: 'model', image: { reference: 'registry.acme.example/model:1', pullPolicy: 'IfNotPresent' } }]) },
    { name: 'goodpod03-no-source', admit: true, apply: (p) => (p.spec.volumes = [{ name: 'scratch' }]) },
    { name: 'badpod01-nfs', admit: false, apply: (p) => (p.spec.volumes = [{ name: 'nfs', nfs: { server: 'nfs.example', path: '/export' } }]) },
    { name: 'badpod02-hostpath', admit: false, apply: (p) => (p.spec.volumes = [{ name: 'scratch', emptyDir: {} }, { name: 'host', hostPath: { path: '/' } }]) },
    { name: 'badpod03-gitrepo', admit: false, apply: (p) => (p.spec.volumes = [{ name: 'src', gitRepo: { repository: 'https://example.com/x.git' } }]) },
  ],
};
