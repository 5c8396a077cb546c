/**
 * A Kyverno CLI test for the native engine (`NativeAdmissionPolicySet`: ValidatingAdmissionPolicies
 * and their bindings), in the form `kyverno test` accepts for them (`isValidatingAdmissionPolicy:
 * true`). The CLI applies each binding's `matchResources` (namespaceSelector) to the namespace labels
 * of the values file and runs the policy's matchConditions and validations; so each binding gets a
 * namespace it selects, with a compliant Pod and one of each Pod controller kind that its policy
 * passes and the same kinds from a fixture its rule rejects, which it fails.
 *
 * What the CLI cannot check, and this test therefore does not declare: which binding (Deny, Audit
 * or Warn) decided (results name policies, not bindings, and every failed validation is `fail`);
 * that a binding does not apply (a resource no binding selects is reported as passing whatever the
 * declared result, so the namespaces a profile exception excludes are not in it); UPDATE requests
 * (the CLI evaluates native policies as CREATE only). `kubectl apply --dry-run=server` against a
 * cluster checks those.
 */
import { Yaml } from 'cdk8s';
import { NAMESPACE_NAME_LABEL } from '../../constructs/validating-admission-policy-binding';
import { NativeAdmissionPolicySet, NativeBindingSummary } from '../../constructs/native-admission-policy-set';
import { compliantPod, Json, RuleParams } from '../admission';
import { GENERATED_MARKER } from '../synth/render-files';
import { asKind, brokenPod, kindAbbreviation, policyMatches, resourceName, TESTED_KINDS, TestNamespace } from './kyverno-cli-test-resources';

/** Whether a native binding selects a test namespace (its tier and Pod Security selector, the namespaces it names, minus excepted namespaces). */
export function bindingSelects(binding: NativeBindingSummary, ns: TestNamespace): boolean {
  const named = !binding.namespaces || binding.namespaces.includes(ns.name);
  return policyMatches({ tiers: binding.tiers, podSecurity: binding.podSecurity }, ns.labels) && named && !binding.exceptedNamespaces.includes(ns.name);
}

/**
 * The files of the native engine's Kyverno CLI test, keyed by output path under `folder/tests/`;
 * the policies and bindings are expected at `folder/validatingadmissionpolicy[binding]-<name>.yaml`.
 */
export function nativeCliTestFiles(
  folder: string,
  profileName: string,
  set: NativeAdmissionPolicySet,
  params: RuleParams,
  namespaces: readonly TestNamespace[],
): Map<string, string> {
  const header = `${GENERATED_MARKER} from profile "${profileName}". Run: kyverno test ${folder}/tests\n`;
  const minor = set.kubernetesMinor;
  const resources: Json[] = [];
  const results: Json[] = [];
  const covered = new Set<string>();
  const tested = new Set<string>();
  const result = (rule: string, kind: string, name: string, outcome: 'pass' | 'fail') => ({
    isValidatingAdmissionPolicy: true,
    kind,
    policy: `hl-${rule}`,
    resources: [name],
    result: outcome,
  });
  for (const ns of namespaces) {
    const here = set.bindings.filter((b) => !covered.has(b.name) && bindingSelects(b, ns));
    if (here.length === 0) continue;
    const good = compliantPod(params, `${ns.prefix}-good`);
    good.metadata.namespace = ns.name;
    const goods = TESTED_KINDS.map((k) => asKind(good, k, resourceName(ns.prefix, 'good', kindAbbreviation(k))));
    resources.push(...goods);
    for (const rule of [...new Set(here.map((b) => b.rule))]) {
      const pod = brokenPod(rule, minor, params, `${ns.prefix}-bad`, ns.name);
      const bads = TESTED_KINDS.map((k) => asKind(pod, k, resourceName(ns.prefix, 'bad', kindAbbreviation(k), rule)));
      resources.push(...bads);
      tested.add(rule);
      TESTED_KINDS.forEach((k, i) => results.push(result(rule, k, goods[i].metadata.name, 'pass'), result(rule, k, bads[i].metadata.name, 'fail')));
    }
    for (const b of here) covered.add(b.name);
  }
  const bindings = set.bindings.filter((b) => tested.has(b.rule)).map((b) => b.name);
  const test = {
    apiVersion: 'cli.kyverno.io/v1alpha1',
    kind: 'Test',
    metadata: { name: `${profileName}-native-admission` },
    policies: [...[...tested].map((r) => `../validatingadmissionpolicy-hl-${r}.yaml`), ...bindings.map((n) => `../validatingadmissionpolicybinding-${n}.yaml`)],
    resources: ['resources.yaml'],
    variables: 'values.yaml',
    results,
  };
  const values = {
    apiVersion: 'cli.kyverno.io/v1alpha1',
    kind: 'Value',
    metadata: { name: 'values' },
    // The API server sets kubernetes.io/metadata.name on every namespace; the CLI only knows the labels given here.
    namespaceSelector: namespaces.map((ns) => ({ name: ns.name, labels: { ...ns.labels, [NAMESPACE_NAME_LABEL]: ns.name } })),
  };
  return new Map([
    [`${folder}/tests/kyverno-test.yaml`, header + Yaml.stringify(test)],
    [`${folder}/tests/resources.yaml`, header + Yaml.stringify(...resources)],
    [`${folder}/tests/values.yaml`, header + Yaml.stringify(values)],
  ]);
}
