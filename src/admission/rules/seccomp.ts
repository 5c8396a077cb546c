/**
 * PSA `seccompProfile_baseline` and `seccompProfile_restricted`: baseline forbids any seccomp
 * type but RuntimeDefault and Localhost where one is set; restricted requires one on the Pod or
 * every container (Windows Pods exempt since 1.25), and replaces the baseline check at restricted.
 */
import { ADM_PSS_BASELINE, ADM_PSS_RESTRICTED } from '../../controls/admission';
import { C_SC, everyContainer, IS_WINDOWS, POD_SC, podAndContainers, unless } from '../cel';
import { ruleClaim } from '../claims';
import { addEphemeral, addInit, appSc, podSc, windows } from '../fixtures';
import { isWindowsPod, securityContextOf } from '../pod';
import { AdmissionRule, RuleFinding } from '../types';
import { BASELINE, fixed, perContainer, podAndContainerFindings, RESTRICTED } from './_common';

const VALID = ['RuntimeDefault', 'Localhost'];
const VALID_CEL = "['RuntimeDefault', 'Localhost']";
const typeOf = (sc: Record<string, any>): string | undefined => (sc.seccompProfile ? (sc.seccompProfile.type ?? 'RuntimeDefault') : undefined);

/** Seccomp Unconfined is rejected (upstream `check_seccompProfile_baseline.go`). */
export const RESTRICT_SECCOMP: AdmissionRule = {
  id: 'restrict-seccomp',
  title: 'Restrict Seccomp',
  category: BASELINE,
  severity: 'medium',
  description: 'A seccomp profile, where set, is RuntimeDefault or Localhost: never Unconfined.',
  control: ADM_PSS_BASELINE,
  claim: ruleClaim(ADM_PSS_BASELINE, [], ['CC6.8']),
  level: 'baseline',
  psaCheck: 'seccompProfile_baseline',
  versions: [
    { since: 0, upstream: 'seccompProfileBaseline_1_0', summary: 'Before 1.19: the seccomp.security.alpha.kubernetes.io annotations (older than any version hardline supports).' },
    { since: 19, upstream: 'seccompProfileBaseline_1_19', summary: 'seccompProfile.type, where set on the Pod or a container, must be RuntimeDefault or Localhost.' },
  ],
  overriddenBy: { rule: 'restrict-seccomp-strict', since: 19 },
  scope: 'all-tiers',
  expression: fixed(podAndContainers((sc) => `${sc}.?seccompProfile.?type.orValue('RuntimeDefault') in ${VALID_CEL}`)),
  message: fixed('seccompProfile.type must be RuntimeDefault or Localhost where it is set.'),
  check: (pod) =>
    podAndContainerFindings(pod, (sc) => {
      const t = typeOf(sc);
      return t !== undefined && !VALID.includes(t) ? { field: 'seccompProfile.type', message: `must not set seccompProfile type ${t}` } : undefined;
    }),
  fixtures: [
    { name: 'goodpod01-unset', admit: true, apply: (p) => delete podSc(p).seccompProfile },
    { name: 'goodpod02-localhost', admit: true, apply: (p) => (appSc(p).seccompProfile = { type: 'Localhost', localhostProfile: 'profiles/app.json' }) },
    { name: 'badpod01-pod', admit: false, apply: (p) => (podSc(p).seccompProfile = { type: 'Unconfined' }) },
    { name: 'badpod02-container', admit: false, apply: (p) => (appSc(p).seccompProfile = { type: 'Unconfined' }) },
    { name: 'badpod03-windows', admit: false, apply: (p) => { windows(p); podSc(p).seccompProfile = { type: 'Unconfined' }; } },
    { name: 'badpod04-ephemeral', admit: false, apply: (p) => (addEphemeral(p).securityContext.seccompProfile = { type: 'Unconfined' }) },
  ],
};

/** A RuntimeDefault or Localhost profile on the Pod or every container (upstream `check_seccompProfile_restricted.go`). */
export const RESTRICT_SECCOMP_STRICT: AdmissionRule = {
  id: 'restrict-seccomp-strict',
  title: 'Restrict Seccomp (Strict)',
  category: RESTRICTED,
  severity: 'medium',
  description: 'Every container runs with a RuntimeDefault or Localhost seccomp profile, set on it or on the Pod (Windows Pods are exempt).',
  control: ADM_PSS_RESTRICTED,
  claim: ruleClaim(ADM_PSS_RESTRICTED, ['5.7.2', '5.7.3'], ['CC6.8']),
  level: 'restricted',
  psaCheck: 'seccompProfile_restricted',
  versions: [
    { since: 19, upstream: 'seccompProfileRestricted_1_19', summary: 'seccompProfile.type RuntimeDefault or Localhost on the Pod or on every container; never another type.' },
    { since: 25, upstream: 'seccompProfileRestricted_1_25', summary: 'Pods with spec.os.name: windows are exempt.' },
  ],
  scope: 'all-tiers',
  expression: fixed(
    unless(
      IS_WINDOWS,
      `${POD_SC}.?seccompProfile.?type.orValue('RuntimeDefault') in ${VALID_CEL} && ` +
        everyContainer(`${C_SC}.?seccompProfile.?type.orValue(${POD_SC}.?seccompProfile.?type.orValue('')) in ${VALID_CEL}`),
    ),
  ),
  message: fixed('seccompProfile.type must be RuntimeDefault or Localhost, on the Pod or on every container.'),
  check: (pod) => {
    if (isWindowsPod(pod.spec)) return [];
    const podType = typeOf(securityContextOf(pod.spec));
    const out: RuleFinding[] = [];
    if (podType !== undefined && !VALID.includes(podType)) {
      out.push({ field: 'spec.securityContext.seccompProfile.type', message: `the Pod must not set seccompProfile type ${podType}` });
    }
    out.push(
      ...perContainer(pod, ({ container }) => {
        const t = typeOf(securityContextOf(container)) ?? podType ?? '';
        return VALID.includes(t) ? undefined : { field: 'securityContext.seccompProfile.type', message: 'must set seccompProfile.type RuntimeDefault or Localhost (on the Pod or the container)' };
      }),
    );
    return out;
  },
  fixtures: [
    { name: 'goodpod01-container-level', admit: true, apply: (p) => { delete podSc(p).seccompProfile; appSc(p).seccompProfile = { type: 'RuntimeDefault' }; } },
    { name: 'goodpod02-windows', admit: true, apply: (p) => { windows(p); delete podSc(p).seccompProfile; } },
    { name: 'badpod01-unset', admit: false, apply: (p) => delete podSc(p).seccompProfile },
    { name: 'badpod02-pod-unconfined', admit: false, apply: (p) => { podSc(p).seccompProfile = { type: 'Unconfined' }; appSc(p).seccompProfile = { type: 'RuntimeDefault' }; } },
    { name: 'badpod03-container-unconfined', admit: false, apply: (p) => (appSc(p).seccompProfile = { type: 'Unconfined' }) },
    { name: 'badpod04-init', admit: false, apply: (p) => { delete podSc(p).seccompProfile; appSc(p).seccompProfile = { type: 'RuntimeDefault' }; addInit(p); } },
  ],
};
