/** hardline image rules: allowed registries (HL-ADM-003), no `:latest` or untagged images and digests where required (HL-ADM-004). */
import { ADM_ALLOWED_REGISTRIES, ADM_IMAGE_PINNING } from '../../controls/admission';
import { celList, everyContainer } from '../cel';
import { ruleClaim } from '../claims';
import { addEphemeral, addInit, app, FIXTURE_DIGEST } from '../fixtures';
import { AdmissionRule } from '../types';
import { BEST, fixed, OTHER, perContainer } from './_common';

const DIGEST = '@sha256:[a-f0-9]{64}$';
const TAG = ':[^/:@]+$';
const imageOf = (c: Record<string, any>): string => (typeof c.image === 'string' ? c.image : '');
const IMAGE = "c.?image.orValue('')";

/** Images come from an allowed registry. */
export const RESTRICT_IMAGE_REGISTRIES: AdmissionRule = {
  id: 'restrict-image-registries',
  title: 'Restrict Image Registries',
  category: BEST,
  severity: 'medium',
  description: 'Images may only come from the registries the profile allows.',
  control: ADM_ALLOWED_REGISTRIES,
  claim: ruleClaim(ADM_ALLOWED_REGISTRIES, [], ['CC6.8']),
  versions: [],
  scope: 'all-tiers',
  enabled: (p) => p.allowedRegistries.length > 0,
  expression: ({ params }) => everyContainer(`${celList(params.allowedRegistries.map((r) => `${r}/`))}.exists(r, ${IMAGE}.startsWith(r))`),
  message: ({ params }) => `Images must come from ${params.allowedRegistries.join(', ')}.`,
  check: (pod, { params }) =>
    perContainer(pod, ({ container }) =>
      params.allowedRegistries.some((r) => imageOf(container).startsWith(`${r}/`))
        ? undefined
        : { field: 'image', message: `image "${imageOf(container)}" is not from an allowed registry (${params.allowedRegistries.join(', ')})` },
    ),
  fixtures: [
    { name: 'goodpod01-second-registry', admit: true, apply: (p) => (app(p).image = `registry.acme.example/team/app@${FIXTURE_DIGEST}`) },
    { name: 'badpod01', admit: false, apply: (p) => (app(p).image = `docker.io/library/nginx@${FIXTURE_DIGEST}`) },
    { name: 'badpod02-prefix', admit: false, apply: (p) => (app(p).image = `ghcr.io/acme-evil/app@${FIXTURE_DIGEST}`) },
    { name: 'badpod03-init', admit: false, apply: (p) => (addInit(p).image = 'busybox:1.36') },
    { name: 'badpod04-ephemeral', admit: false, apply: (p) => (addEphemeral(p).image = 'docker.io/nicolaka/netshoot:v0.13') },
  ],
};

/** Images name a tag other than latest, or a digest. */
export const DISALLOW_LATEST_TAG: AdmissionRule = {
  id: 'disallow-latest-tag',
  title: 'Disallow Latest Tag',
  category: BEST,
  severity: 'medium',
  description: 'Images must name a tag other than latest, or a digest.',
  control: ADM_IMAGE_PINNING,
  claim: ruleClaim(ADM_IMAGE_PINNING, [], ['CC6.8', 'CC8.1']),
  versions: [],
  scope: 'all-tiers',
  expression: fixed(everyContainer(`${IMAGE}.matches('${DIGEST}') || (${IMAGE}.matches('${TAG}') && !${IMAGE}.endsWith(':latest'))`)),
  message: fixed('Images need an explicit tag other than latest, or a digest.'),
  check: (pod) =>
    perContainer(pod, ({ container }) => {
      const image = imageOf(container);
      if (new RegExp(DIGEST).test(image) || (new RegExp(TAG).test(image) && !image.endsWith(':latest'))) return undefined;
      return { field: 'image', message: `image "${image}" ${image.endsWith(':latest') ? 'uses the :latest tag' : 'has no tag (it means :latest)'}; pin a version tag or a digest` };
    }),
  fixtures: [
    { name: 'goodpod01-tag', admit: true, apply: (p) => (app(p).image = 'ghcr.io/acme/app:1.4.2') },
    { name: 'goodpod02-port-tag', admit: true, apply: (p) => (app(p).image = 'registry.acme.example:5000/app:2') },
    { name: 'badpod01-latest', admit: false, apply: (p) => (app(p).image = 'ghcr.io/acme/app:latest') },
    { name: 'badpod02-untagged', admit: false, apply: (p) => (app(p).image = 'registry.acme.example:5000/app') },
    { name: 'badpod03-init', admit: false, apply: (p) => (addInit(p).image = 'ghcr.io/acme/setup') },
  ],
};

/** Images are pinned by sha256 digest (in the digest tiers). */
export const REQUIRE_IMAGE_DIGEST: AdmissionRule = {
  id: 'require-image-digest',
  title: 'Require Images Referenced by Digest',
  category: OTHER,
  severity: 'medium',
  description: 'Images must be pinned by sha256 digest.',
  control: ADM_IMAGE_PINNING,
  claim: ruleClaim(ADM_IMAGE_PINNING, [], ['CC6.8', 'CC8.1']),
  versions: [],
  scope: 'digest-tiers',
  expression: fixed(everyContainer(`${IMAGE}.matches('${DIGEST}')`)),
  message: fixed('Images must be referenced by digest (image@sha256:...).'),
  check: (pod) =>
    perContainer(pod, ({ container }) =>
      new RegExp(DIGEST).test(imageOf(container)) ? undefined : { field: 'image', message: `image "${imageOf(container)}" must be pinned by digest (image@sha256:...)` },
    ),
  fixtures: [
    { name: 'goodpod01-tag-and-digest', admit: true, apply: (p) => (app(p).image = `ghcr.io/acme/app:1.4.2@${FIXTURE_DIGEST}`) },
    { name: 'badpod01-tag', admit: false, apply: (p) => (app(p).image = 'ghcr.io/acme/app:1.4.2') },
    { name: 'badpod02-short-digest', admit: false, apply: (p) => (app(p).image = 'ghcr.io/acme/app@sha256:abc') },
    { name: 'badpod03-ephemeral', admit: false, apply: (p) => (addEphemeral(p).image = 'ghcr.io/acme/debug:1') },
  ],
};
