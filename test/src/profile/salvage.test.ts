/**
 * All problems at once: schema problems no longer stop the semantic rules, which run on the
 * entries that passed the schema, without misfiring on what was left out.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ProfileError } from '../../../src/errors';
import { loadProfile, parseProfile } from '../../../src/profile/load-profile';
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
  Object.entries({ control: 'HL-POD-001', namespaces: '[legacy]', reason: '"vendor image runs as root (SEC-1)"', owner: 'me@x.example', expires: '2027-01-31', ...over })
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
