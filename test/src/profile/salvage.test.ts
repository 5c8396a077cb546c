/**
 * All problems at once: schema problems no longer stop the semantic rules, which run on the
 * entries that passed the schema, without misfiring on what was left out.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ProfileError } from '../../../src/errors';
import { loadProfile, parseProfile } from '../../../src/profile/load-profile';
import { salvage } from '../../../src/profile/salvage';
import { ROOT, TODAY } from '../../helpers/synth';

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ProfileError) return e.problems.map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}`);
    throw e;
  }
  throw new Error('expected a ProfileError');
}

const doc = (...spec: string[]) =>
  ['apiVersion: hardline.dev/v1alpha1', 'kind: Profile', 'metadata: { name: p }', 'spec:', ...spec, ''].join('\n');
const parse = (text: string) => parseProfile(text, 'p.yaml', { today: TODAY, baseDir: ROOT });
const cluster = '  cluster: { name: c, kubernetesVersion: "1.28" }';
const ex = (over: Record<string, string>) =>
  Object.entries({ control: 'HL-POD-001', namespaces: '[legacy]', reason: '"vendor image runs as root (SEC-1)"', owner: 'me@x.example', approvedBy: 'ciso@x.example', ticket: 'SEC-1', scope: 'namespace', expires: '2027-01-31', ...over })
    .map(([k, v], i) => `${i === 0 ? '    - ' : '      '}${k}: ${v}`);

describe('schema and semantic problems are reported together', () => {
  test('a schema problem, a bad name and an expired exception in one file: three problems', () => {
    const lines = problems(() =>
      parse(doc(cluster, '  namespaces:', '    - { name: api, tier: prod }', '    - { name: Bad_Name, tier: staging }', '    - { name: legacy, podSecurity: baseline }', '  exceptions:', ...ex({ expires: '2026-01-01' }))),
    );
    expect(lines).toEqual([
      expect.stringMatching(/^7:26 spec\.namespaces\[0\]\.tier: must be one of/),
      expect.stringMatching(/^8:15 spec\.namespaces\[1\]\.name: "Bad_Name" is not a DNS-1123 label/),
      expect.stringMatching(/spec\.exceptions\[0\]\.expires: exception for HL-POD-001 expired on 2026-01-01/),
    ]);
  });

  test('a left-out exception does not make its namespace look unexcepted', () => {
    const lines = problems(() => parse(doc(cluster, '  namespaces:', '    - { name: legacy, podSecurity: baseline }', '  exceptions:', ...ex({ owner: '5' }).map((l) => l.replace("owner: 5", 'owner: [x]')))));
    expect(lines).toEqual([expect.stringMatching(/spec\.exceptions\[0\]\.owner: must be a string/)]);
  });

  test('a left-out namespace does not make an exception naming it look undeclared', () => {
    const lines = problems(() => parse(doc(cluster, '  namespaces:', '    - { name: legacy, podSecurity: baseline, tier: nope }', '  exceptions:', ...ex({}))));
    expect(lines).toEqual([expect.stringMatching(/spec\.namespaces\[0\]\.tier: must be one of/)]);
  });

  test('a cluster name of the wrong type is not also reported missing', () => {
    const lines = problems(() => parse(doc('  cluster: { name: [a], kubernetesVersion: "1.28" }', '  namespaces:', '    - { name: Bad_Name }')));
    expect(lines).toEqual([expect.stringMatching(/spec\.cluster\.name: must be a string/), expect.stringMatching(/"Bad_Name" is not a DNS-1123 label/)]);
  });

  test('problems of a base and of the leaf are reported together', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hardline-salvage-'));
    try {
      fs.writeFileSync(path.join(dir, 'base.yaml'), doc(cluster, '  namespaces:', '    - { name: shared, tier: prdo }'));
      fs.writeFileSync(path.join(dir, 'leaf.yaml'), doc('  namespaces:', '    - { name: kube-system }').replace('spec:', 'extends: [./base.yaml]\nspec:'));
      const lines = problems(() => loadProfile(path.join(dir, 'leaf.yaml'), { today: TODAY }));
      expect(lines).toEqual([expect.stringMatching(/spec\.namespaces\[0\]\.tier: must be one of/), expect.stringMatching(/"kube-system" is reserved/)]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('salvage', () => {
  const entries = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `ns-${i}`, tier: 'staging' }));

  test('leaves out exactly the entries with a problem at or below them, not those whose index shares a prefix', () => {
    const value = { metadata: { name: 'p' }, spec: { cluster: { name: 'c', kubernetesVersion: 1.3 }, namespaces: entries(12) } };
    const out = salvage(value, ['/spec/namespaces/10/tier', '/spec/namespaces/1', '/spec/cluster/kubernetesVersion']);
    const kept = (out!.doc.spec!.namespaces as ({ name: string } | undefined)[]).map((n) => n?.name ?? null);
    expect(kept).toEqual(['ns-0', null, 'ns-2', 'ns-3', 'ns-4', 'ns-5', 'ns-6', 'ns-7', 'ns-8', 'ns-9', null, 'ns-11']);
    expect(out!.loss.droppedNamespaces).toEqual(['ns-1', 'ns-10']);
    expect(out!.doc.spec!.cluster).toEqual({ name: 'c' });
  });

  test('a problem at a parent leaves out the whole part; one at the root leaves nothing out but marks it partial', () => {
    const value = { metadata: { name: 'p' }, spec: { tiers: { production: {} }, namespaces: entries(2) } };
    expect(salvage(value, ['/spec/tiers'])!.doc.spec).toEqual({ namespaces: entries(2) });
    expect(salvage(value, ['/spec/tiers'])!.loss.droppedLevelInputs).toBe(true);
    expect(salvage(value, [''])!.doc.spec).toEqual({ tiers: { production: {} }, namespaces: entries(2) });
    expect(salvage(value, [''])!.loss.partial).toBe(true);
  });

  test('thousands of bad entries are salvaged in well under a second (no scan of every problem per entry)', () => {
    const n = 20_000;
    const value = { metadata: { name: 'p' }, spec: { namespaces: entries(n) } };
    const bad = Array.from({ length: n / 2 }, (_, i) => `/spec/namespaces/${2 * i}/tier`);
    const started = Date.now();
    const out = salvage(value, bad);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(out!.loss.droppedNamespaces).toHaveLength(n / 2);
  });
});
