/**
 * What the native-engine tests compare against: the namespaces requests are made in, the rule
 * model's verdict for a rule in a namespace (the build-time check's), and every way a fixture Pod
 * reaches admission.
 */
import { AdmissionRule, CONTROLLER_KINDS, controllerOf, evaluateRule, FIXTURE_PARAMS, levelsAt } from '../../src/admission';
import { TIER_ENFORCEMENT } from '../../constructs/kyverno-policy-set';
import { KyvernoEnforcement } from '../../constructs/kyverno-validating-policy';
import { ControlException } from '../../src/controls';
import { Verdict } from './admission-eval';

/** The namespaces requests are made in: one per tier and Pod Security label set. */
export const TEST_NAMESPACES: { name: string; labels: Record<string, string> }[] = [
  ['prod-restricted', 'production', 'restricted', 'restricted', 'restricted'],
  ['prod-baseline-warn', 'production', 'baseline', undefined, 'restricted'],
  ['staging-baseline', 'staging', 'baseline', 'restricted', 'restricted'],
  ['dev-privileged', 'development', 'privileged', 'restricted', 'baseline'],
].map(([name, tier, enforce, audit, warn]) => ({
  name: name!,
  labels: {
    'kubernetes.io/metadata.name': name!,
    'hardline.dev/tier': tier!,
    'pod-security.kubernetes.io/enforce': enforce!,
    ...(audit ? { 'pod-security.kubernetes.io/audit': audit } : {}),
    ...(warn ? { 'pod-security.kubernetes.io/warn': warn } : {}),
  },
}));

/** The rule of a policy name: `hl-<rule>[-<mode>]`. */
export const ruleOfPolicy = (policy: string): string => policy.replace(/^hl-/, '').replace(/-(enforce-scoped|audit-excepted(-\d+)?|enforce|audit|warn)$/, '');

/** What the rule model says admission does with a Pod (template) for a rule in a namespace: the build-time check's verdict. */
export function modelVerdict(
  rule: AdmissionRule,
  minor: number,
  pod: any,
  labels: Record<string, string>,
  scopedLabels = false,
  params = FIXTURE_PARAMS,
): Verdict {
  if (evaluateRule(rule, { metadata: pod.metadata, spec: pod.spec }, { minor, params }).length === 0) return 'admit';
  if (rule.level) {
    const levels: string[] = levelsAt(rule, minor);
    const psa = (mode: string) => levels.includes(labels[`pod-security.kubernetes.io/${mode}`]);
    if (psa('enforce') || (scopedLabels && levels.includes(labels['hardline.dev/pod-security-enforce']))) return 'deny';
    return psa('audit') || psa('warn') ? 'audit' : 'admit';
  }
  const tier = labels['hardline.dev/tier'] as keyof typeof TIER_ENFORCEMENT;
  if (rule.scope === 'digest-tiers' && tier !== 'production') return 'admit';
  return TIER_ENFORCEMENT[tier] === KyvernoEnforcement.ENFORCE ? 'deny' : 'audit';
}

/** A ReplicationController around the Pod (the Kyverno set and the native policies match it too). */
function replicationControllerOf(pod: any, name: string): any {
  const { name: _n, namespace: _ns, ...meta } = pod.metadata;
  return { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name, namespace: pod.metadata.namespace, labels: pod.metadata.labels }, spec: { template: { metadata: meta, spec: pod.spec } } };
}

/** Every way a fixture Pod reaches admission: as a Pod, as an ephemeral-containers update, and in every controller kind. */
export function requestsOf(pod: any, name: string): { how: string; object: any; operation?: 'UPDATE'; subresource?: string }[] {
  return [
    { how: 'Pod', object: pod },
    { how: 'Pod/ephemeralcontainers', object: pod, operation: 'UPDATE', subresource: 'ephemeralcontainers' },
    { how: 'ReplicationController', object: replicationControllerOf(pod, name) },
    ...CONTROLLER_KINDS.map((k) => ({ how: k.kind, object: controllerOf(pod, k.kind, name) })),
  ];
}


const record: Pick<ControlException, 'reason' | 'owner' | 'expires'> = { reason: 'vendor image needs it until the rewrite (SEC-1)', owner: 'platform@acme.example', expires: '2027-06-30' };

/** Exceptions of every scope. */
export const SCOPED_EXCEPTIONS: ControlException[] = [
  { control: 'HL-ADM-003', namespaces: ['tools'], ...record },
  { control: 'HL-POD-001', namespaces: ['legacy'], workloads: [{ kind: 'Deployment', name: 'vendor' }, { kind: 'CronJob', name: 'nightly' }], selector: { matchLabels: { app: 'vendor' } }, ...record },
  { control: 'HL-ADM-003', namespaces: ['mirror'], selector: { matchLabels: { app: 'mirror-sync' } }, ...record },
  { control: 'HL-ADM-006', namespaces: ['tools'], workloads: [{ kind: 'Pod', name: 'debug-shell' }], rules: ['require-pod-requests-limits'], ...record },
  { control: 'HL-ADM-001', namespaces: ['legacy'], rules: ['disallow-host-path'], ...record },
];

