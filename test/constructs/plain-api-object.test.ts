import * as path from 'path';
import { ApiObject, App, Chart, IResolver, JsonPatch, Lazy, ResolutionContext, Testing } from 'cdk8s';
import { PlainApiObject } from '../../constructs/_plain-api-object';
import { composeProfile } from '../../src/compose/compose-profile';
import { loadProfile, parseProfile } from '../../src/profile/load-profile';
import { ResolvedProfile } from '../../src/profile/types';
const { generateProfile } = require('../../bench/generate-profile') as { generateProfile: (n: number, expires?: string) => string };
import { ROOT, TODAY } from '../helpers/synth';

/**
 * What cdk8s's own `ApiObject.toJson()` renders for the object, as text (key order included);
 * for a cluster-scoped object, without the namespace a namespaced chart gives it.
 */
const generic = (obj: ApiObject) => {
  const json = ApiObject.prototype.toJson.call(obj);
  if ((obj as PlainApiObject).clusterScoped && json.metadata) delete json.metadata.namespace;
  return JSON.stringify(json);
};
const fast = (obj: ApiObject) => JSON.stringify(obj.toJson());

/** The label every hardline object carries. */
const MANAGED = { 'app.kubernetes.io/managed-by': 'hardline' };
/** The GitOps annotations of a custom resource (example.dev/v1 Thing). */
const CRD_SYNC = { 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true', 'argocd.argoproj.io/sync-wave': '1' };

function chart(app: App = Testing.app()): Chart {
  return new Chart(app, 'test', { namespace: 'team-a', disableResourceNameHashes: true });
}

function object(scope: Chart, spec: unknown, metadata: Record<string, unknown> = { name: 'thing' }): PlainApiObject {
  return new PlainApiObject(scope, 'thing', { apiVersion: 'example.dev/v1', kind: 'Thing', metadata, spec });
}

describe('PlainApiObject renders exactly what ApiObject.toJson() renders', () => {
  const profiles: [string, () => ResolvedProfile][] = [
    ...['profiles/default.yaml', ...['report-fixture', 'ops-leaf', 'team-leaf'].map((f) => `test/fixtures/profiles/valid/${f}.yaml`)].map(
      (f): [string, () => ResolvedProfile] => [f, () => loadProfile(path.join(ROOT, f), { today: TODAY })],
    ),
    ['the benchmark profile of 30 namespaces', () => parseProfile(generateProfile(30, '2027-06-30'), 'bench.yaml', { today: TODAY, baseDir: ROOT })],
  ];

  test.each(profiles)('every object of %s', (_name, profile) => {
    const composed = composeProfile(profile());
    const objects = composed.app.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
    expect(objects.length).toBeGreaterThan(5);
    for (const obj of objects) {
      expect(obj).toBeInstanceOf(PlainApiObject);
      expect(fast(obj)).toBe(generic(obj));
    }
  });

  test('keys are sorted at every depth, after apiVersion, kind and metadata; empty spec members are kept', () => {
    const obj = object(chart(), { z: 1, a: { y: [{ b: 1, a: 2 }], x: {} }, m: [] });
    expect(fast(obj)).toBe(generic(obj));
    expect(Object.keys(obj.toJson())).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(Object.keys(obj.toJson().spec)).toEqual(['a', 'm', 'z']);
    expect(obj.toJson().spec.a.x).toEqual({});
  });

  test('metadata drops empty maps and lists, keeps what is added after construction', () => {
    const obj = object(chart(), { a: 1 }, { name: 'thing', annotations: {}, finalizers: [], labels: { b: '1', a: '2' } });
    obj.metadata.addAnnotation('z.example.dev/note', 'x');
    obj.metadata.addLabel('c', '3');
    obj.metadata.add('generateName', 'thing-');
    expect(fast(obj)).toBe(generic(obj));
    expect(obj.toJson().metadata).toEqual({
      annotations: { ...CRD_SYNC, 'z.example.dev/note': 'x' },
      generateName: 'thing-',
      labels: { a: '2', b: '1', c: '3', ...MANAGED },
      name: 'thing',
      namespace: 'team-a',
    });
  });

  test('metadata with finalizers, owner references or no namespace renders as cdk8s renders it', () => {
    const withExtras = object(chart(), { a: 1 });
    withExtras.metadata.addFinalizers('example.dev/cleanup');
    withExtras.metadata.addOwnerReference({ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: '1234' });
    expect(fast(withExtras)).toBe(generic(withExtras));
    expect(withExtras.toJson().metadata.finalizers).toEqual(['example.dev/cleanup']);
    const clusterScoped = new PlainApiObject(new Chart(Testing.app(), 'cluster'), 'thing', { apiVersion: 'v1', kind: 'Thing', metadata: { name: 'c' } });
    expect(fast(clusterScoped)).toBe(generic(clusterScoped));
    expect(clusterScoped.toJson().metadata).toEqual({ name: 'c', labels: MANAGED });
  });

  test('a label key named constructor renders as written (cdk8s itself would drop the other keys of the map)', () => {
    const labels = { constructor: 'x', value: '1', 'pod-security.kubernetes.io/enforce': 'restricted' };
    const obj = object(new Chart(Testing.app(), 'cluster'), { a: 1 }, { name: 'thing', labels });
    expect(obj.toJson().metadata.labels).toEqual({ ...labels, ...MANAGED });
    expect(ApiObject.prototype.toJson.call(obj).metadata.labels).toEqual({ value: '1' });
  });

  test('a cluster-scoped object has no namespace in a namespaced chart, whichever path renders it', () => {
    const plain = new PlainApiObject(chart(), 'plain', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } }, { clusterScoped: true });
    expect(plain.toJson().metadata).toEqual({ name: 'a', labels: MANAGED });
    expect(fast(plain)).toBe(generic(plain));
    const patched = new PlainApiObject(chart(), 'patched', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'b' } }, { clusterScoped: true });
    patched.addJsonPatch(JsonPatch.add('/metadata/labels', { x: 'y' }));
    expect(patched.toJson().metadata).toEqual({ name: 'b', labels: { x: 'y' } });
    const lazy = new PlainApiObject(chart(), 'lazy', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'c' }, spec: Lazy.any({ produce: () => ({}) }) }, { clusterScoped: true });
    expect(lazy.toJson().metadata).toEqual({ name: 'c', labels: MANAGED });
    expect(object(chart(), { a: 1 }).toJson().metadata.namespace).toBe('team-a');
  });

  describe('GitOps-safe output (issue 15)', () => {
    test('every object carries app.kubernetes.io/managed-by: hardline, whatever labels it was given', () => {
      const given = object(chart(), {}, { name: 'a', labels: { team: 'x', 'app.kubernetes.io/managed-by': 'someone-else' } });
      expect(given.toJson().metadata.labels).toEqual({ team: 'x', ...MANAGED });
      const core = new PlainApiObject(chart(), 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' } });
      expect(core.toJson().metadata.labels).toEqual(MANAGED);
    });

    test.each([
      ['kyverno.io/v1', true],
      ['policies.kyverno.io/v1', true],
      ['velero.io/v1', true],
      ['v1', false],
      ['networking.k8s.io/v1', false],
      ['rbac.authorization.k8s.io/v1', false],
      ['policy/v1', false],
      ['apps/v1', false],
    ])('objects of %s: sync wave 1 and SkipDryRunOnMissingResource only for custom resources (%s)', (apiVersion, custom) => {
      const obj = new PlainApiObject(chart(), 'o', { apiVersion, kind: 'Thing', metadata: { name: 'o' } });
      const annotations = obj.toJson().metadata.annotations ?? {};
      if (custom) expect(annotations).toEqual(CRD_SYNC);
      else expect(annotations).toEqual({});
    });
  });

  test('null and undefined members are dropped', () => {
    const obj = object(chart(), { a: null, b: undefined, c: 'kept' });
    expect(fast(obj)).toBe(generic(obj));
    expect(obj.toJson().spec).toEqual({ c: 'kept' });
  });

  describe('values only the resolver walk can render take the generic path', () => {
    test('a Lazy is produced', () => {
      const obj = object(chart(), { replicas: Lazy.any({ produce: () => 3 }) });
      expect(obj.toJson().spec).toEqual({ replicas: 3 });
    });

    test('an object with resolve() is resolved', () => {
      const obj = object(chart(), { token: { resolve: () => 'resolved' } });
      expect(obj.toJson().spec).toEqual({ token: 'resolved' });
    });

    test('a null inside a list stays where cdk8s puts it', () => {
      const obj = object(chart(), { list: ['a', null, 'b'] });
      expect(fast(obj)).toBe(generic(obj));
    });

    test('a class instance is refused as cdk8s refuses it', () => {
      const obj = object(chart(), { when: new Date(0) });
      expect(() => obj.toJson()).toThrow(/non-simple object of type 'Date'/);
    });

    test('JSON patches are applied', () => {
      const obj = object(chart(), { a: 1 });
      obj.addJsonPatch(JsonPatch.add('/spec/b', 2), JsonPatch.remove('/metadata/namespace'));
      expect(obj.toJson().spec).toEqual({ a: 1, b: 2 });
      expect(obj.toJson().metadata.namespace).toBeUndefined();
    });

    test("the app's own resolvers see every value", () => {
      class Upper implements IResolver {
        resolve(context: ResolutionContext): void {
          if (typeof context.value === 'string' && context.value.startsWith('up:')) context.replaceValue(context.value.slice(3).toUpperCase());
        }
      }
      const obj = object(chart(new App({ resolvers: [new Upper()] })), { a: 'up:shout' });
      expect(obj.toJson().spec).toEqual({ a: 'SHOUT' });
    });

    test('CDK8S_DISABLE_SORT keeps the given key order', () => {
      const obj = object(chart(), { z: 1, a: 2 });
      process.env.CDK8S_DISABLE_SORT = '1';
      try {
        expect(Object.keys(obj.toJson().spec)).toEqual(['z', 'a']);
      } finally {
        delete process.env.CDK8S_DISABLE_SORT;
      }
    });
  });
});
