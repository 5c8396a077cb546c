/** PSA `appArmorProfile` (baseline): AppArmor may not be switched off, by field or annotation. */
import { ADM_PSS_BASELINE } from '../../controls/admission';
import { podAndContainers } from '../cel';
import { ruleClaim } from '../claims';
import { addInit, appSc, podSc } from '../fixtures';
import { AdmissionRule, RuleFinding } from '../types';
import { BASELINE, fixed, podAndContainerFindings } from './_common';

const PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const TYPES = "['RuntimeDefault', 'Localhost']";
const allowedAnnotation = (v: unknown) => v === '' || v === 'runtime/default' || (typeof v === 'string' && v.startsWith('localhost/'));

/** AppArmor Unconfined is rejected (upstream `check_appArmorProfile.go`). */
export const RESTRICT_APPARMOR: AdmissionRule = {
  id: 'restrict-apparmor-profiles',
  title: 'Restrict AppArmor',
  category: BASELINE,
  severity: 'medium',
  description: 'AppArmor may not be switched off: profile types RuntimeDefault or Localhost, annotations runtime/default or localhost/*.',
  control: ADM_PSS_BASELINE,
  claim: ruleClaim(ADM_PSS_BASELINE, [], ['CC6.8']),
  level: 'baseline',
  psaCheck: 'appArmorProfile',
  versions: [
    {
      since: 0,
      upstream: 'appArmorProfile_1_0',
      summary: 'appArmorProfile.type RuntimeDefault or Localhost on the Pod and containers; container.apparmor.security.beta.kubernetes.io/* annotations empty, runtime/default or localhost/*.',
    },
  ],
  scope: 'all-tiers',
  expression: fixed(
    `${podAndContainers((sc) => `${sc}.?appArmorProfile.?type.orValue('RuntimeDefault') in ${TYPES}`)} && ` +
      `variables.podTemplate.?metadata.?annotations.orValue({}).all(k, !k.startsWith('${PREFIX}') || ` +
      "variables.podTemplate.metadata.annotations[k] in ['', 'runtime/default'] || variables.podTemplate.metadata.annotations[k].startsWith('localhost/'))",
  ),
  message: fixed('AppArmor profiles must be RuntimeDefault or Localhost (annotations: runtime/default or localhost/*).'),
  check: (pod) => {
    const out = podAndContainerFindings(pod, (sc) =>
      sc.appArmorProfile && !['RuntimeDefault', 'Localhost'].includes(sc.appArmorProfile.type ?? 'RuntimeDefault')
        ? { field: 'appArmorProfile.type', message: `must not set AppArmor profile type ${sc.appArmorProfile.type}` }
        : undefined,
    );
    const annotations = pod.metadata?.annotations ?? {};
    for (const key of Object.keys(annotations).sort()) {
      if (key.startsWith(PREFIX) && !allowedAnnotation(annotations[key])) {
        out.push({ field: `metadata.annotations['${key}']`, message: `annotation ${key} must be runtime/default or localhost/*, not "${annotations[key]}"` } as RuleFinding);
      }
    }
    return out;
  },
  fixtures: [
    { name: 'goodpod01-localhost', admit: true, apply: (p) => (podSc(p).appArmorProfile = { type: 'Localhost', localhostProfile: 'k8s-app' }) },
    { name: 'goodpod02-annotation', admit: true, apply: (p) => (p.metadata.annotations = { [`${PREFIX}app`]: 'runtime/default', [`${PREFIX}x`]: '' }) },
    { name: 'badpod01-pod', admit: false, apply: (p) => (podSc(p).appArmorProfile = { type: 'Unconfined' }) },
    { name: 'badpod02-container', admit: false, apply: (p) => (appSc(p).appArmorProfile = { type: 'Unconfined' }) },
    { name: 'badpod03-init', admit: false, apply: (p) => (addInit(p).securityContext.appArmorProfile = { type: 'Unconfined' }) },
    { name: 'badpod04-annotation', admit: false, apply: (p) => (p.metadata.annotations = { [`${PREFIX}app`]: 'unconfined' }) },
  ],
};
