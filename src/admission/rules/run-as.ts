/**
 * PSA `runAsNonRoot` and `runAsUser` (restricted): containers run as non-root and never as UID 0;
 * since 1.35 both are relaxed for Pods in a user namespace (`hostUsers: false`).
 */
import { ADM_PSS_RESTRICTED } from '../../controls/admission';
import { C_SC, everyContainer, IN_USER_NAMESPACE, POD_SC, unless } from '../cel';
import { ruleClaim } from '../claims';
import { addEphemeral, addInit, appSc, podSc } from '../fixtures';
import { inUserNamespace, securityContextOf } from '../pod';
import { AdmissionRule, RuleFinding } from '../types';
import { fixed, perContainer, podAndContainerFindings, RESTRICTED } from './_common';

const USERNS = { since: 35, summary: 'Pods with hostUsers: false (a user namespace) are exempt.' };

/** runAsNonRoot: true on the Pod or every container, never false (upstream `check_runAsNonRoot.go`). */
export const REQUIRE_RUN_AS_NON_ROOT: AdmissionRule = {
  id: 'require-run-as-nonroot',
  title: 'Require runAsNonRoot',
  category: RESTRICTED,
  severity: 'medium',
  description: 'Containers must run as non-root, set at the Pod or the container level (from 1.35, unless the Pod is in a user namespace).',
  control: ADM_PSS_RESTRICTED,
  claim: ruleClaim(ADM_PSS_RESTRICTED, ['5.2.7', '5.7.3'], ['CC6.8']),
  level: 'restricted',
  psaCheck: 'runAsNonRoot',
  versions: [
    { since: 0, upstream: 'runAsNonRoot1_0', summary: 'runAsNonRoot true on the Pod (containers may leave it unset) or on every container; never false.' },
    { ...USERNS, upstream: 'runAsNonRoot1_35' },
  ],
  scope: 'all-tiers',
  expression: ({ minor }) =>
    unless(
      minor >= 35 && IN_USER_NAMESPACE,
      `${POD_SC}.?runAsNonRoot.orValue(true) == true && ` +
        everyContainer(`${C_SC}.?runAsNonRoot.orValue(${POD_SC}.?runAsNonRoot.orValue(false)) == true`),
    ),
  message: fixed('runAsNonRoot must be true in the Pod securityContext or in every container, and never false.'),
  check: (pod, { minor }) => {
    if (minor >= 35 && inUserNamespace(pod.spec)) return [];
    const podValue = securityContextOf(pod.spec).runAsNonRoot;
    const out: RuleFinding[] = podValue === false ? [{ field: 'spec.securityContext.runAsNonRoot', message: 'the Pod must not set runAsNonRoot: false' }] : [];
    out.push(
      ...perContainer(pod, ({ container }) =>
        (securityContextOf(container).runAsNonRoot ?? podValue ?? false) === true
          ? undefined
          : { field: 'securityContext.runAsNonRoot', message: 'must run as non-root (runAsNonRoot: true on the Pod or the container)' },
      ),
    );
    return out;
  },
  fixtures: [
    { name: 'goodpod01-container-level', admit: true, apply: (p) => { delete podSc(p).runAsNonRoot; appSc(p).runAsNonRoot = true; } },
    { name: 'goodpod02-userns', admit: true, from: 35, apply: (p) => { p.spec.hostUsers = false; delete podSc(p).runAsNonRoot; } },
    { name: 'badpod01-userns', admit: false, until: 34, apply: (p) => { p.spec.hostUsers = false; delete podSc(p).runAsNonRoot; } },
    { name: 'badpod02-unset', admit: false, apply: (p) => delete podSc(p).runAsNonRoot },
    { name: 'badpod03-pod-false', admit: false, apply: (p) => { podSc(p).runAsNonRoot = false; appSc(p).runAsNonRoot = true; } },
    { name: 'badpod04-container-false', admit: false, apply: (p) => (appSc(p).runAsNonRoot = false) },
    { name: 'badpod05-init', admit: false, apply: (p) => (addInit(p).securityContext.runAsNonRoot = false) },
    { name: 'badpod06-ephemeral', admit: false, apply: (p) => { delete podSc(p).runAsNonRoot; appSc(p).runAsNonRoot = true; addEphemeral(p); } },
  ],
};

/** runAsUser is never 0 (upstream `check_runAsUser.go`). */
export const REQUIRE_RUN_AS_NON_ROOT_USER: AdmissionRule = {
  id: 'require-run-as-non-root-user',
  title: 'Require Run As Non-Root User',
  category: RESTRICTED,
  severity: 'medium',
  description: 'runAsUser may not be 0 at the Pod or container level (from 1.35, unless the Pod is in a user namespace).',
  control: ADM_PSS_RESTRICTED,
  claim: ruleClaim(ADM_PSS_RESTRICTED, ['5.2.7'], ['CC6.8']),
  level: 'restricted',
  psaCheck: 'runAsUser',
  versions: [
    { since: 23, upstream: 'runAsUser1_23', summary: 'runAsUser must not be 0 on the Pod or any container.' },
    { ...USERNS, upstream: 'runAsUser1_35' },
  ],
  scope: 'all-tiers',
  expression: ({ minor }) =>
    unless(minor >= 35 && IN_USER_NAMESPACE, `${POD_SC}.?runAsUser.orValue(1) != 0 && ${everyContainer(`${C_SC}.?runAsUser.orValue(1) != 0`)}`),
  message: fixed('runAsUser must not be 0.'),
  check: (pod, { minor }) =>
    minor >= 35 && inUserNamespace(pod.spec)
      ? []
      : podAndContainerFindings(pod, (sc) => (sc.runAsUser === 0 ? { field: 'runAsUser', message: 'must not run as user 0 (root)' } : undefined)),
  fixtures: [
    { name: 'goodpod01-uid', admit: true, apply: (p) => { podSc(p).runAsUser = 1000; appSc(p).runAsUser = 1001; } },
    { name: 'goodpod02-userns', admit: true, from: 35, apply: (p) => { p.spec.hostUsers = false; appSc(p).runAsUser = 0; } },
    { name: 'badpod01-userns', admit: false, until: 34, apply: (p) => { p.spec.hostUsers = false; appSc(p).runAsUser = 0; } },
    { name: 'badpod02-pod', admit: false, apply: (p) => (podSc(p).runAsUser = 0) },
    { name: 'badpod03-container', admit: false, apply: (p) => (appSc(p).runAsUser = 0) },
    { name: 'badpod04-init', admit: false, apply: (p) => (addInit(p).securityContext.runAsUser = 0) },
  ],
};
