/**
 * The Kyverno CLI test shipped next to the policies (`kyverno test cluster/kyverno/tests`), built
 * from the rule model's own fixtures: one test namespace per tier (labelled with the tier and Pod
 * Security labels a namespace of that tier gets) plus one per other label set a profile namespace
 * has (e.g. a production namespace enforcing baseline); in each, a compliant Pod and Deployment every
 * matching policy passes and, per policy, a Pod and a Deployment from a fixture its rule rejects.
 * hardline's semantics tests evaluate the same resources with a CEL engine.
 */
import { Yaml } from 'cdk8s';
import { namespaceNameExpressions, PSA_LABEL_PREFIX, podSecurityExpressions } from '../../constructs/_kyverno-pod-match';
import { TIER_LABEL } from '../../constructs/hardened-namespace';
import { KyvernoPolicySet, KyvernoPolicySummary } from '../../constructs/kyverno-policy-set';
import { compliantPod, controllerOf, findRule, Json, RuleParams } from '../admission';
import { PodSecurityLevelName, ResolvedAdmission, ResolvedProfile, TierName, TierPodSecurity } from '../profile/types';
import { GENERATED_MARKER } from '../synth/render-files';
import { SCOPED_ENFORCE_LABEL } from '../controls';
import { scopedEnforceLevel } from '../profile/pod-security-levels';

/** One namespace of the test, with the labels the values file gives it. */
export interface TestNamespace {
  /** Namespace name. */
  readonly name: string;
  /** Short prefix of the names of its resources. */
  readonly prefix: string;
  /** Tier and Pod Security labels. */
  readonly labels: { readonly [k: string]: string };
}

const TIERS: readonly TierName[] = ['production', 'staging', 'development'];
const STRENGTH: { readonly [L in PodSecurityLevelName]: number } = { privileged: 0, baseline: 1, restricted: 2 };

/**
 * The Pod Security modes of a namespace of `tier` (enforcing `podSecurity` when set), as
 * `HardenedNamespace` writes them: audit and warn are never weaker than enforce.
 */
export function namespaceModes(tiers: ResolvedProfile['tiers'], tier: TierName, podSecurity?: PodSecurityLevelName): TierPodSecurity {
  const modes = tiers[tier];
  const enforce = podSecurity ?? modes.enforce;
  const strongest = (l: PodSecurityLevelName) => (STRENGTH[enforce] >= STRENGTH[l] ? enforce : l);
  return { enforce, audit: strongest(modes.audit), warn: strongest(modes.warn) };
}

/**
 * The test namespaces of a profile: one per tier with the tier's default labels, then one per other
 * label set a profile namespace has, in profile order, then (when no profile namespace has it) a
 * development namespace enforcing privileged, and one enforcing privileged and auditing and warning
 * baseline: the label sets the baseline-level audit and warn policies select (a real namespace gets
 * them with an HL-POD-002 exception and tier settings).
 */
export function testNamespaces(profile: Pick<ResolvedProfile, 'tiers' | 'namespaces' | 'exceptions' | 'admission'>): TestNamespace[] {
  const out: TestNamespace[] = [];
  const add = (tier: TierName, podSecurity?: PodSecurityLevelName, modes?: TierPodSecurity, scoped?: PodSecurityLevelName) => {
    const m = modes ?? namespaceModes(profile.tiers, tier, podSecurity);
    const labels: Record<string, string> = { [TIER_LABEL]: tier, [`${PSA_LABEL_PREFIX}enforce`]: m.enforce, [`${PSA_LABEL_PREFIX}audit`]: m.audit, [`${PSA_LABEL_PREFIX}warn`]: m.warn };
    // A workload-scoped Pod Security exception (issue 20): the admission policies enforce this level there.
    if (scoped) labels[SCOPED_ENFORCE_LABEL] = scoped;
    if (out.some((n) => JSON.stringify(n.labels) === JSON.stringify(labels))) return;
    const first = !out.some((n) => n.labels[TIER_LABEL] === tier);
    out.push({ name: (first ? `hardline-test-${tier}` : `hardline-test-${tier}-${m.enforce}-${m.audit}`) + (scoped ? `-scoped-${scoped}` : ''), prefix: `t${out.length}`, labels });
  };
  for (const tier of TIERS) add(tier);
  for (const ns of profile.namespaces) add(ns.tier, ns.podSecurity, undefined, scopedEnforceLevel(profile, ns));
  // The scoped Deny policies of baseline checks that restricted overrides match only a namespace whose
  // scoped level is exactly baseline (PSA privileged there, an HL-POD-002 exception narrowed to workloads).
  const scopedTier = profile.namespaces.find((ns) => scopedEnforceLevel(profile, ns) !== undefined)?.tier;
  if (scopedTier) add(scopedTier, undefined, { enforce: 'privileged', audit: 'baseline', warn: 'baseline' }, 'baseline');
  add('development', 'privileged');
  // Baseline checks that restricted overrides (capabilities, seccomp, hostPath) audit and warn only
  // where the audit/warn level is exactly baseline and enforce is privileged.
  add('development', undefined, { enforce: 'privileged', audit: 'baseline', warn: 'baseline' });
  return out;
}

/** Whether a policy's namespace selector matches namespace labels (the selector `KyvernoPolicySet` emits). */
export function policyMatches(policy: KyvernoPolicySummary, labels: { readonly [k: string]: string }): boolean {
  const expressions = [
    { key: TIER_LABEL, operator: 'In', values: [...policy.tiers] },
    ...podSecurityExpressions(policy.podSecurity),
    ...namespaceNameExpressions(policy.name, policy.namespaces),
  ];
  return expressions.every((e) => (e.operator === 'In' ? e.values.includes(labels[e.key]) : !e.values.includes(labels[e.key])));
}

/** The first fixture of a policy's rule that the rule rejects at this version, as a Pod in `namespace`. */
export function brokenPod(rule: string, minor: number, params: RuleParams, name: string, namespace: string): Json {
  const r = findRule(rule);
  const fixture = r?.fixtures.find((f) => !f.admit && (f.from ?? 0) <= minor && minor <= (f.until ?? Infinity));
  if (!fixture) throw new Error(`rule "${rule}" has no rejected fixture at 1.${minor}`);
  const pod = compliantPod(params, name);
  pod.metadata.namespace = namespace;
  fixture.apply(pod);
  return pod;
}

/** The files of the shipped Kyverno CLI test, keyed by output path. */
export function kyvernoCliTestFiles(
  folder: string,
  profileName: string,
  policySet: KyvernoPolicySet,
  admission: ResolvedAdmission,
  namespaces: readonly TestNamespace[],
): Map<string, string> {
  const header = `${GENERATED_MARKER} from profile "${profileName}". Run: kyverno test ${folder}/tests\n`;
  const minor = policySet.kubernetesMinor;
  const validating = policySet.api === 'ValidatingPolicy';
  const resources: Json[] = [];
  const results: Json[] = [];
  const policies: string[] = [];
  const result = (p: KyvernoPolicySummary, kind: string, name: string, outcome: 'pass' | 'fail') => ({
    ...(validating ? { isValidatingPolicy: true } : {}),
    kind,
    policy: p.name,
    ...(validating ? {} : { rule: p.rule }),
    resources: [name],
    result: outcome,
  });
  for (const ns of namespaces) {
    const tested = policySet.policies.filter((p) => !policies.includes(p.name) && policyMatches(p, ns.labels));
    if (tested.length === 0) continue;
    const good = compliantPod(admission, `${ns.prefix}-good-pod`);
    good.metadata.namespace = ns.name;
    const goodDeployment = controllerOf(good, 'Deployment', `${ns.prefix}-good-deployment`);
    resources.push(good, goodDeployment);
    const bad = new Map<string, { pod: Json; deployment: Json }>();
    for (const p of tested) {
      if (!bad.has(p.rule)) {
        const pod = brokenPod(p.rule, minor, admission, `${ns.prefix}-bad-${p.rule}`.slice(0, 63), ns.name);
        const deployment = controllerOf(pod, 'Deployment', `${ns.prefix}-baddeploy-${p.rule}`.slice(0, 63));
        bad.set(p.rule, { pod, deployment });
        resources.push(pod, deployment);
      }
      const b = bad.get(p.rule)!;
      policies.push(p.name);
      results.push(
        result(p, 'Pod', good.metadata.name, 'pass'),
        result(p, 'Deployment', goodDeployment.metadata.name, 'pass'),
        result(p, 'Pod', b.pod.metadata.name, 'fail'),
        result(p, 'Deployment', b.deployment.metadata.name, 'fail'),
      );
    }
  }
  const byName = new Map(policySet.policies.map((p) => [p.name, p]));
  const test = {
    apiVersion: 'cli.kyverno.io/v1alpha1',
    kind: 'Test',
    metadata: { name: `${profileName}-admission` },
    policies: policies.map((n) => `../${byName.get(n)!.kind.toLowerCase()}-${n}.yaml`),
    resources: ['resources.yaml'],
    variables: 'values.yaml',
    results,
  };
  const values = {
    apiVersion: 'cli.kyverno.io/v1alpha1',
    kind: 'Value',
    metadata: { name: 'values' },
    namespaceSelector: namespaces.map((ns) => ({ name: ns.name, labels: ns.labels })),
  };
  return new Map([
    [`${folder}/tests/kyverno-test.yaml`, header + Yaml.stringify(test)],
    [`${folder}/tests/resources.yaml`, header + Yaml.stringify(...resources)],
    [`${folder}/tests/values.yaml`, header + Yaml.stringify(values)],
  ]);
}
