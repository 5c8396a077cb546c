/**
 * The Kyverno CLI test shipped next to the policies (`kyverno test cluster/kyverno/tests`), built
 * from the rule model's own fixtures: in a production-like namespace (enforce restricted) and a
 * staging-like one (enforce baseline, audit and warn restricted), a compliant Pod and Deployment
 * every matching policy passes and, per policy, a Pod and a Deployment from a fixture its rule rejects.
 * hardline's semantics tests evaluate the same resources with a CEL engine.
 */
import { Yaml } from 'cdk8s';
import { PSA_LABEL_PREFIX, podSecurityExpressions } from '../../constructs/_kyverno-pod-match';
import { TIER_LABEL } from '../../constructs/hardened-namespace';
import { KyvernoPolicySet, KyvernoPolicySummary } from '../../constructs/kyverno-policy-set';
import { compliantPod, controllerOf, findRule, Json, RuleParams } from '../admission';
import { ResolvedAdmission } from '../profile/types';
import { GENERATED_MARKER } from '../synth/render-files';

/** The namespaces of the test, with the labels the values file gives them. */
export const TEST_NAMESPACES: readonly { readonly name: string; readonly prefix: string; readonly labels: { readonly [k: string]: string } }[] = [
  { name: 'hardline-test', prefix: 'bad', labels: psaLabels('production', 'restricted', 'restricted') },
  { name: 'hardline-test-baseline', prefix: 'badb', labels: psaLabels('staging', 'baseline', 'restricted') },
];

function psaLabels(tier: string, enforce: string, auditWarn: string): { [k: string]: string } {
  return { [TIER_LABEL]: tier, [`${PSA_LABEL_PREFIX}enforce`]: enforce, [`${PSA_LABEL_PREFIX}audit`]: auditWarn, [`${PSA_LABEL_PREFIX}warn`]: auditWarn };
}

/** Whether a policy's namespace selector matches namespace labels (the selector `KyvernoPolicySet` emits). */
export function policyMatches(policy: KyvernoPolicySummary, labels: { readonly [k: string]: string }): boolean {
  const expressions = [{ key: TIER_LABEL, operator: 'In', values: [...policy.tiers] }, ...podSecurityExpressions(policy.podSecurity)];
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
  for (const ns of TEST_NAMESPACES) {
    const tested = policySet.policies.filter((p) => !policies.includes(p.name) && policyMatches(p, ns.labels));
    if (tested.length === 0) continue;
    const good = compliantPod(admission, ns.prefix === 'bad' ? 'goodpod01' : 'goodpod02');
    good.metadata.namespace = ns.name;
    const goodDeployment = controllerOf(good, 'Deployment', good.metadata.name.replace('pod', 'deployment'));
    resources.push(good, goodDeployment);
    const bad = new Map<string, { pod: Json; deployment: Json }>();
    for (const p of tested) {
      if (!bad.has(p.rule)) {
        const pod = brokenPod(p.rule, minor, admission, `${ns.prefix}-${p.rule}`.slice(0, 63), ns.name);
        const deployment = controllerOf(pod, 'Deployment', `${ns.prefix}deploy-${p.rule}`.slice(0, 63));
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
    namespaceSelector: TEST_NAMESPACES.map((ns) => ({ name: ns.name, labels: ns.labels })),
  };
  return new Map([
    [`${folder}/tests/kyverno-test.yaml`, header + Yaml.stringify(test)],
    [`${folder}/tests/resources.yaml`, header + Yaml.stringify(...resources)],
    [`${folder}/tests/values.yaml`, header + Yaml.stringify(values)],
  ]);
}
