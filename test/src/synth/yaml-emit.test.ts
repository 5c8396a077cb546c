import { Yaml } from 'cdk8s';
import { stringifyManifest } from '../../../src/synth/yaml-emit';
import { defaultProfile, renderYaml, profileYaml } from '../../helpers/synth';
import { renderProfile } from '../../../src/synth/synthesize-profile';
import { prng } from '../../helpers/prng';

/** Strings that YAML 1.1 reads as something else, or that need quoting or a block scalar. */
const TRICKY = [
  '', ' ', 'a', 'yes', 'No', 'ON', 'off', 'y', 'n', 'true', 'False', 'null', 'Null', '~', '-', '--', '---', '--- x', '...', '.', '.inf',
  '.NaN', '0', '53', '-1', '+1', '0x1F', '0o17', '017', '0b101', '1_000', '1e3', '1.5', '1.28', '5.3.2', '190:20:30', '2026-02-30',
  '2026-11-23T10:00:00Z', 'v1.28', 'a: b', 'a:b', 'a:', ':a', 'a #b', 'a#b', '#a', '- a', '-a', '? a', '?a', '@a', '`a', '!a', '&a', '*a',
  '%a', '|', '>', "'", '"', "it's", 'say "hi"', '{a}', '[a]', 'a,b', 'CC6.1,CC6.6', 'a b', ' a', 'a ', 'a\tb', 'line\nbreak', 'trail\n',
  '\n', 'é', 'ünïcødé', '😀', '\u0000', '\u0007', '\u00a0', '\ufeff', '<<', '=', 'a/b', 'compliance.hardline.dev/controls', 'x'.repeat(2000),
  'k'.repeat(1100), 'a\r\nb', '\\', 'a\\b', 'Yes please', 'on-call', '0.0.0.0/0', '10.0.0.0/8', 'kube-system', 'app.kubernetes.io/name',
];


function randomValue(rand: () => number, depth: number): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const r = rand();
  if (depth > 0 && r < 0.25) {
    const obj: Record<string, unknown> = {};
    const n = Math.floor(rand() * 4);
    for (let i = 0; i < n; i++) obj[pick(TRICKY)] = randomValue(rand, depth - 1);
    return obj;
  }
  if (depth > 0 && r < 0.45) return Array.from({ length: Math.floor(rand() * 4) }, () => randomValue(rand, depth - 1));
  if (r < 0.8) return pick(TRICKY);
  return pick([0, 1, -7, 53, 65535, 1.5, -0, 1e21, NaN, Infinity, true, false, null, undefined]);
}

describe('stringifyManifest', () => {
  test('writes the same bytes as Yaml.stringify for every object of the default profile', () => {
    const { objects } = renderProfile(defaultProfile('2026-11-23'));
    expect(objects.length).toBeGreaterThan(10);
    for (const { manifest } of objects) expect(stringifyManifest(manifest)).toBe(Yaml.stringify(manifest));
  });

  test('writes the same bytes for profile-controlled strings that need quoting (valid label values that read as other YAML types)', () => {
    const objects = renderYaml(
      profileYaml({
        namespaces: [
          '    - name: odd-labels',
          '      labels: { a: "yes", b: "1.28", c: "true", d: "", e: "0o17", f: "2026-01-01", g: "1e3", h: "NO", i: "null" }',
        ].join('\n'),
      }),
    );
    const ns = objects.find((o) => o.manifest.kind === 'Namespace')!.manifest;
    expect(stringifyManifest(ns)).toBe(Yaml.stringify(ns));
    expect(stringifyManifest(ns)).toMatch(/a: "yes"|a: 'yes'/);
  });

  test.each(TRICKY.map((s) => [JSON.stringify(s).slice(0, 40), s]))('string %s as key, value and item', (_, s) => {
    for (const doc of [{ [s]: s }, { a: [s, { [s]: [s] }] }, [s], [[s]], { a: { b: s } }, [{ a: s, b: [] }, {}]]) {
      expect(stringifyManifest(doc)).toBe(Yaml.stringify(doc));
    }
  });

  test('writes the same bytes as Yaml.stringify on 3,000 random documents', () => {
    const rand = prng(20261123);
    for (let i = 0; i < 3000; i++) {
      const doc = randomValue(rand, 5);
      expect({ i, out: stringifyManifest(doc) }).toEqual({ i, out: Yaml.stringify(doc) });
    }
  });

  test('takes the fast path (no whole-document fallback) for manifest-like documents with quoted values', () => {
    const rand = prng(7);
    const keys = ['apiVersion', 'kind', 'metadata', 'name', 'labels', 'app.kubernetes.io/name', 'spec', 'ports', 'port', 'a b'];
    const values = TRICKY.filter((s) => !s.includes('\n') && !s.includes('\r'));
    const make = (depth: number): unknown => {
      const r = rand();
      if (depth > 0 && r < 0.3) return Object.fromEntries(keys.filter(() => rand() < 0.3).map((k) => [k, make(depth - 1)]));
      if (depth > 0 && r < 0.5) return Array.from({ length: Math.floor(rand() * 3) }, () => make(depth - 1));
      return r < 0.9 ? values[Math.floor(rand() * values.length)] : [0, 53, true, null][Math.floor(rand() * 4)];
    };
    for (let i = 0; i < 500; i++) {
      const doc = { kind: 'X', metadata: make(4), spec: make(4) };
      const spy = jest.spyOn(Yaml, 'stringify');
      const fast = stringifyManifest(doc);
      const fellBack = spy.mock.calls.some((args) => args[0] === doc);
      spy.mockRestore();
      expect({ i, fellBack }).toEqual({ i, fellBack: false });
      expect(fast).toBe(Yaml.stringify(doc));
    }
  });

  test('lower-case names and paths are written as yaml writes them, YAML 1.1 words included', () => {
    const rand = prng(42);
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789-./';
    const labels = ['y', 'yes', 'n', 'no', 'true', 'false', 'on', 'off', 'null', 'nan', 'inf', 'e', 'x1', 'a-', 'b--c', 'o', 'ok', 'y.', 'no/',
      'e1', 'e.5', 'x..', 'a//b', 'namespaces/a/namespace-a.yaml', 'a.b.c', 'nan.'];
    for (let i = 0; i < 3000; i++) {
      labels.push('abcdefghijklmnopqrstuvwxyz'[Math.floor(rand() * 26)] + Array.from({ length: Math.floor(rand() * 6) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join(''));
    }
    for (const s of labels) expect(stringifyManifest({ [s]: s, l: [s] })).toBe(Yaml.stringify({ [s]: s, l: [s] }));
  });

  test('empty collections and top-level shapes', () => {
    for (const doc of [{}, [], { a: {} }, { a: [] }, [[]], [{}], { a: [[1, 2], [3]] }, { a: null }, Object.create(null)]) {
      expect(stringifyManifest(doc)).toBe(Yaml.stringify(doc));
    }
  });
});
