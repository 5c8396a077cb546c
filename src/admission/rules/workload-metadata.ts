/**
 * hardline workload rules: required labels (HL-ADM-005), requests and limits (HL-ADM-006), no
 * Secrets in environment variables (HL-ADM-007), no default ServiceAccount (HL-ADM-008).
 */
import { ADM_NO_DEFAULT_SA, ADM_NO_SECRET_ENV, ADM_REQUIRED_LABELS, ADM_RESOURCES } from '../../controls/admission';
import { celList, everyContainer } from '../cel';
import { ruleClaim } from '../claims';
import { addEphemeral, addInit, app } from '../fixtures';
import { asList, containersOf } from '../pod';
import { AdmissionRule, Json, RuleFinding } from '../types';
import { BEST, fixed, OTHER, perContainer } from './_common';

/** The Pod (template) carries every required label with a value. */
export const REQUIRE_LABELS: AdmissionRule = {
  id: 'require-labels',
  title: 'Require Labels',
  category: BEST,
  severity: 'medium',
  description: 'Pods and Pod templates carry the labels the profile requires.',
  control: ADM_REQUIRED_LABELS,
  claim: ruleClaim(ADM_REQUIRED_LABELS, [], ['CC6.1']),
  versions: [],
  scope: 'all-tiers',
  enabled: (p) => p.requiredLabels.length > 0,
  expression: ({ params }) =>
    `${celList(params.requiredLabels)}.all(l, l in variables.podTemplate.?metadata.?labels.orValue({}) && variables.podTemplate.metadata.labels[l] != '')`,
  message: ({ params }) => `The labels ${params.requiredLabels.join(', ')} are required (on the Pod template for controllers).`,
  offending: ({ params }) =>
    `'the Pod (template) lacks metadata.labels ' + ${celList(params.requiredLabels)}.filter(l, !(l in variables.podTemplate.?metadata.?labels.orValue({})) || variables.podTemplate.metadata.labels[l] == '').join(', ')`,
  check: (pod, { params }) => {
    const labels: Json = pod.metadata?.labels ?? {};
    const missing = params.requiredLabels.filter((l) => labels[l] === undefined || labels[l] === '');
    return missing.length ? [{ field: 'metadata.labels', message: `the Pod must carry the labels ${missing.join(', ')}` }] : [];
  },
  fixtures: [
    { name: 'goodpod01-extra', admit: true, apply: (p) => (p.metadata.labels.tier = 'web') },
    { name: 'badpod01-none', admit: false, apply: (p) => (p.metadata.labels = {}) },
    { name: 'badpod02-empty-value', admit: false, apply: (p) => (p.metadata.labels.owner = '') },
  ],
};

const REQUIRED_RESOURCES = [['requests', 'cpu'], ['requests', 'memory'], ['limits', 'memory']] as const;

/** Containers and init containers declare CPU and memory requests and a memory limit (ephemeral containers cannot). */
export const REQUIRE_REQUESTS_LIMITS: AdmissionRule = {
  id: 'require-pod-requests-limits',
  title: 'Require Limits and Requests',
  category: BEST,
  severity: 'medium',
  description: 'Containers declare CPU and memory requests and a memory limit (ephemeral containers cannot).',
  control: ADM_RESOURCES,
  claim: ruleClaim(ADM_RESOURCES, [], ['A1.1']),
  versions: [],
  scope: 'all-tiers',
  expression: fixed(
    '(variables.podSpec.?initContainers.orValue([]) + variables.podSpec.containers).all(c, ' +
      REQUIRED_RESOURCES.map(([k, r]) => `'${r}' in c.?resources.?${k}.orValue({})`).join(' && ') +
      ')',
  ),
  message: fixed('Every container and init container needs CPU and memory requests and a memory limit.'),
  check: (pod) =>
    containersOf(pod.spec)
      .filter((c) => c.list !== 'ephemeralContainers')
      .flatMap((c): RuleFinding[] => {
        const missing = REQUIRED_RESOURCES.filter(([k, r]) => c.container.resources?.[k]?.[r] === undefined);
        return missing.length
          ? [{ field: `${c.path}.resources`, message: `${c.label} must set ${missing.map(([k, r]) => `resources.${k}.${r}`).join(', ')}` }]
          : [];
      }),
  fixtures: [
    { name: 'goodpod01-ephemeral', admit: true, apply: (p) => addEphemeral(p) },
    { name: 'badpod01-no-limit', admit: false, apply: (p) => delete app(p).resources.limits },
    { name: 'badpod02-no-cpu', admit: false, apply: (p) => delete app(p).resources.requests.cpu },
    { name: 'badpod03-init', admit: false, apply: (p) => delete addInit(p).resources },
  ],
};

/** No secretKeyRef in env or secretRef in envFrom. */
export const DISALLOW_SECRET_ENV: AdmissionRule = {
  id: 'disallow-secrets-from-env-vars',
  title: 'Disallow Secrets from Env Vars',
  category: OTHER,
  severity: 'medium',
  description: 'Secrets are mounted as files, never read into environment variables (CIS 5.4.1).',
  control: ADM_NO_SECRET_ENV,
  claim: ruleClaim(ADM_NO_SECRET_ENV, ['5.4.1'], ['CC6.1']),
  versions: [],
  scope: 'all-tiers',
  expression: fixed(everyContainer('c.?env.orValue([]).all(e, !has(e.valueFrom) || !has(e.valueFrom.secretKeyRef)) && c.?envFrom.orValue([]).all(e, !has(e.secretRef))')),
  message: fixed('Secrets may not be used in env (secretKeyRef) or envFrom (secretRef); mount them as files.'),
  check: (pod) =>
    perContainer(pod, ({ container }) => {
      const env = asList(container.env).findIndex((e) => e.valueFrom?.secretKeyRef !== undefined);
      if (env >= 0) return { field: `env[${env}].valueFrom.secretKeyRef`, message: `must not read Secret into env var ${container.env[env].name}; mount it as a file` };
      const from = asList(container.envFrom).findIndex((e) => e.secretRef !== undefined);
      return from >= 0 ? { field: `envFrom[${from}].secretRef`, message: 'must not load a Secret with envFrom; mount it as a file' } : undefined;
    }),
  fixtures: [
    { name: 'goodpod01-configmap', admit: true, apply: (p) => (app(p).env = [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'mode' } } }, { name: 'X', value: '1' }]) },
    { name: 'badpod01', admit: false, apply: (p) => (app(p).env = [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }]) },
    { name: 'badpod02-envfrom', admit: false, apply: (p) => (app(p).envFrom = [{ secretRef: { name: 'db' } }]) },
    { name: 'badpod03-init', admit: false, apply: (p) => (addInit(p).envFrom = [{ secretRef: { name: 'db' } }]) },
  ],
};

const SA_NAME = "(variables.podSpec.?serviceAccountName.orValue('') != '' ? variables.podSpec.serviceAccountName : variables.podSpec.?serviceAccount.orValue(''))";

/** Pods name their own ServiceAccount. */
export const RESTRICT_DEFAULT_SA: AdmissionRule = {
  id: 'restrict-default-serviceaccount',
  title: 'Restrict Default ServiceAccount',
  category: OTHER,
  severity: 'medium',
  description: 'Pods name their own ServiceAccount instead of default (CIS 5.1.5).',
  control: ADM_NO_DEFAULT_SA,
  claim: ruleClaim(ADM_NO_DEFAULT_SA, ['5.1.5'], ['CC6.3']),
  versions: [],
  scope: 'all-tiers',
  expression: fixed(`!(${SA_NAME} in ['', 'default'])`),
  message: fixed('serviceAccountName must name a ServiceAccount other than default.'),
  offending: fixed(`'spec.serviceAccountName is "' + ${SA_NAME} + '"'`),
  check: (pod) => {
    const name = pod.spec.serviceAccountName || pod.spec.serviceAccount || 'default';
    return name === 'default'
      ? [{ field: 'spec.serviceAccountName', message: 'the Pod runs as the namespace\'s "default" ServiceAccount; set serviceAccountName to a ServiceAccount of its own' }]
      : [];
  },
  fixtures: [
    { name: 'goodpod01-deprecated-field', admit: true, apply: (p) => { delete p.spec.serviceAccountName; p.spec.serviceAccount = 'app'; } },
    { name: 'badpod01-unset', admit: false, apply: (p) => delete p.spec.serviceAccountName },
    { name: 'badpod02-default', admit: false, apply: (p) => (p.spec.serviceAccountName = 'default') },
    { name: 'badpod03-empty', admit: false, apply: (p) => (p.spec.serviceAccountName = '') },
  ],
};
