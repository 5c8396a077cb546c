/**
 * The native engine's Kyverno CLI test (ValidatingAdmissionPolicies and their bindings): every
 * declared result is recomputed with cel-js from the synthesized policies and bindings and the values
 * file's namespace labels, every binding selects a namespace where its policy has a pass and a fail
 * on Pod and every controller kind, and the files validate strictly against the Kyverno CLI schemas.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import * as yaml from 'js-yaml';
import { Testing } from 'cdk8s';
import { Tier } from '../../../constructs/hardened-namespace';
import { KyvernoEnforcement } from '../../../constructs/kyverno-validating-policy';
import { NativeAdmissionPolicySet } from '../../../constructs/native-admission-policy-set';
import { TESTED_KINDS, testNamespaces } from '../../../src/compose/kyverno-cli-test';
import { nativeCliTestFiles } from '../../../src/compose/native-cli-test';
import { admits, evaluateCel } from '../../helpers/cel';
import { complianceChart, exception } from '../../helpers/chart';
import { strictify } from '../../helpers/crd-schema';
import { selects } from '../../helpers/kyverno-policies';
import { describeWithShared } from '../../helpers/shared';
import { defaultProfile, TODAY } from '../../helpers/synth';

/** The default profile's admission as native policies (Kubernetes 1.33), plus a registry exception for legacy-billing. */
function build() {
  const profile = defaultProfile(TODAY);
  const admission = profile.admission!;
  const declared = profile.namespaces.map((n) => n.name);
  const exceptions = [...profile.exceptions, { ...exception('HL-ADM-003', ['legacy-billing']), approvedBy: 'ciso@acme.example', ticket: 'SEC-9' }];
  const chart = complianceChart({ profile: profile.name, kubernetesVersion: '1.33' });
  const set = new NativeAdmissionPolicySet(chart, 'native', {
    allowedRegistries: admission.allowedRegistries,
    requiredLabels: admission.requiredLabels,
    digestTiers: admission.digestTiers as Tier[],
    enforcement: admission.enforcement as { [T in Tier]: KyvernoEnforcement },
    exceptions: exceptions.map((e) => ({ ...e, namespaces: e.namespaces ?? declared })),
  });
  const files = nativeCliTestFiles('cluster/native', profile.name, set, admission, testNamespaces({ ...profile, exceptions }));
  return { files, manifests: Testing.synth(chart) as any[] };
}

const { files, manifests } = build();
const cliTest = yaml.load(files.get('cluster/native/tests/kyverno-test.yaml')!) as any;
const resources = yaml.loadAll(files.get('cluster/native/tests/resources.yaml')!) as any[];
const values = yaml.load(files.get('cluster/native/tests/values.yaml')!) as any;
const nsLabels = new Map<string, Record<string, string>>(values.namespaceSelector.map((n: any) => [n.name, n.labels]));
const policies = manifests.filter((m) => m.kind === 'ValidatingAdmissionPolicy');
const bindings = manifests.filter((m) => m.kind === 'ValidatingAdmissionPolicyBinding');
const selectedBy = (binding: any, ns: string) => selects(binding.spec.matchResources.namespaceSelector.matchExpressions, nsLabels.get(ns) ?? {});
const resolve = (name: string) => {
  const hits = resources.filter((o) => o.metadata.name === name);
  expect({ name, hits: hits.length }).toEqual({ name, hits: 1 });
  return hits[0];
};

describe('native engine: the Kyverno CLI test agrees with the CEL engine', () => {
  test('it lists every synthesized policy and binding, as files next to the tests folder', () => {
    const listed = cliTest.policies.map((p: string) => p.replace(/^\.\.\//, ''));
    const expected = [...policies, ...bindings].map((m) => `${m.kind.toLowerCase()}-${m.metadata.name}.yaml`);
    expect([...listed].sort()).toEqual([...expected].sort());
  });

  test('every declared result is what the policy decides in a namespace one of its bindings selects', () => {
    const wrong: object[] = [];
    for (const res of cliTest.results) {
      expect(res.isValidatingAdmissionPolicy).toBe(true);
      const vap = policies.find((p) => p.metadata.name === res.policy);
      expect({ policy: res.policy, found: vap !== undefined }).toEqual({ policy: res.policy, found: true });
      for (const name of res.resources) {
        const o = resolve(name);
        expect(o.kind).toBe(res.kind);
        // A resource no binding selects is reported as passing whatever is declared, so none may be declared.
        const selecting = bindings.filter((b) => b.spec.policyName === res.policy && selectedBy(b, o.metadata.namespace));
        expect({ policy: res.policy, name, selected: selecting.length > 0 }).toEqual({ policy: res.policy, name, selected: true });
        const request = { namespace: o.metadata.namespace, operation: 'CREATE' };
        const matched = (vap.spec.matchConditions ?? []).every((c: any) => evaluateCel(c.expression, { object: o, oldObject: null, request }) === true);
        const decided = !matched ? 'skip' : admits(vap.spec.variables, vap.spec.validations[0].expression, o) ? 'pass' : 'fail';
        if (decided !== res.result) wrong.push({ policy: res.policy, name, declared: res.result, decided });
      }
    }
    expect(wrong).toEqual([]);
  });

  test('every binding selects a namespace where its policy has a pass and a fail on Pod and every controller kind', () => {
    const missing: string[] = [];
    for (const b of bindings) {
      for (const kind of TESTED_KINDS) {
        for (const outcome of ['pass', 'fail']) {
          const hit = cliTest.results.some(
            (r: any) => r.policy === b.spec.policyName && r.kind === kind && r.result === outcome && selectedBy(b, resolve(r.resources[0]).metadata.namespace),
          );
          if (!hit) missing.push(`${b.metadata.name} ${kind} ${outcome}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  test('a namespace a profile exception excludes has no declared result for the excepted rule', () => {
    const excluded = bindings.filter((b) => b.spec.matchResources.namespaceSelector.matchExpressions.some((e: any) => e.operator === 'NotIn' && e.values.includes('legacy-billing')));
    expect(excluded.map((b) => b.spec.policyName)).toEqual(expect.arrayContaining(['hl-restrict-image-registries']));
    for (const b of excluded) {
      const there = cliTest.results.filter((r: any) => r.policy === b.spec.policyName && resolve(r.resources[0]).metadata.namespace === 'legacy-billing');
      expect(there).toEqual([]);
    }
  });

  test('the values file labels every namespace with kubernetes.io/metadata.name, as the API server does', () => {
    for (const n of values.namespaceSelector) expect(n.labels['kubernetes.io/metadata.name']).toBe(n.name);
  });
});

describeWithShared('native engine: the Test and Value files validate strictly against the Kyverno CLI schemas', (shared) => {
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  test.each([
    ['kyverno-test.yaml', 'cli.kyverno.io_tests.yaml'],
    ['values.yaml', 'cli.kyverno.io_values.yaml'],
  ])('%s', (out, name) => {
    const crd = yaml.load(fs.readFileSync(path.join(shared, 'schemas', 'kyverno', 'v1.19.0', name), 'utf8')) as any;
    const validate = ajv.compile(strictify(crd.spec.versions.find((v: any) => v.name === 'v1alpha1').schema.openAPIV3Schema) as object);
    validate(yaml.load(files.get(`cluster/native/tests/${out}`)!));
    expect(validate.errors ?? []).toEqual([]);
  });
});
