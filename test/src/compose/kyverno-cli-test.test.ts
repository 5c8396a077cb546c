import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import * as yaml from 'js-yaml';
import { namespaceModes, testNamespaces } from '../../../src/compose/kyverno-cli-test';
import { parseProfile } from '../../../src/profile/load-profile';
import { renderProfile } from '../../../src/synth/synthesize-profile';
import { strictify } from '../../helpers/crd-schema';
import { describeWithShared } from '../../helpers/shared';
import { ROOT, TODAY } from '../../helpers/synth';

const file = path.join(ROOT, 'profiles', 'default.yaml');
const render = () => renderProfile(parseProfile(fs.readFileSync(file, 'utf8'), file, { today: TODAY, baseDir: path.dirname(file) }));

describe('test namespaces', () => {
  const tiers = {
    production: { enforce: 'restricted', audit: 'restricted', warn: 'restricted' },
    staging: { enforce: 'baseline', audit: 'restricted', warn: 'restricted' },
    development: { enforce: 'baseline', audit: 'baseline', warn: 'restricted' },
  } as const;

  test('audit and warn are never weaker than enforce, as HardenedNamespace writes them', () => {
    expect(namespaceModes(tiers, 'development', 'restricted')).toEqual({ enforce: 'restricted', audit: 'restricted', warn: 'restricted' });
    expect(namespaceModes(tiers, 'staging', 'privileged')).toEqual({ enforce: 'privileged', audit: 'restricted', warn: 'restricted' });
  });

  test('one per tier, one per other label set of a profile namespace, no duplicates', () => {
    const ns = testNamespaces({ tiers, exceptions: [], admission: undefined, namespaces: [{ name: 'a', tier: 'production', podSecurity: 'baseline', labels: {} }, { name: 'b', tier: 'staging', labels: {} }] });
    expect(ns.map((n) => n.name).slice(0, 4)).toEqual(['hardline-test-production', 'hardline-test-staging', 'hardline-test-development', 'hardline-test-production-baseline-restricted']);
    expect(new Set(ns.map((n) => JSON.stringify(n.labels))).size).toBe(ns.length);
    expect(new Set(ns.map((n) => n.prefix)).size).toBe(ns.length);
  });

  test('the files are deterministic', () => {
    const a = render().files;
    const b = render().files;
    const tests = [...a.keys()].filter((f) => f.startsWith('cluster/kyverno/tests/'));
    expect(tests.length).toBeGreaterThan(3);
    for (const f of tests) expect(a.get(f)).toBe(b.get(f));
  });
});

describeWithShared('the shipped Test and Value files validate strictly against the Kyverno CLI schemas', (shared) => {
  const { files } = render();
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  const schema = (name: string) => {
    const crd = yaml.load(fs.readFileSync(path.join(shared, 'schemas', 'kyverno', 'v1.19.0', name), 'utf8')) as any;
    return ajv.compile(strictify(crd.spec.versions.find((v: any) => v.name === 'v1alpha1').schema.openAPIV3Schema) as object);
  };
  const testFiles = [...files.keys()].filter((f) => f.endsWith('/kyverno-test.yaml')).map((f) => f.replace('cluster/kyverno/tests/', ''));
  test.each([...testFiles.map((f) => [f, 'cli.kyverno.io_tests.yaml']), ['values.yaml', 'cli.kyverno.io_values.yaml']])('%s', (out, name) => {
    const validate = schema(name);
    const doc = yaml.load(files.get(`cluster/kyverno/tests/${out}`)!);
    validate(doc);
    expect(validate.errors ?? []).toEqual([]);
  });

  test('the tamper protection Tests are there and declare UPDATE and DELETE', () => {
    const tamper = testFiles.filter((f) => f.startsWith('tamper-protection/'));
    expect(tamper.length).toBeGreaterThan(1);
    for (const f of tamper) {
      const doc = yaml.load(files.get(`cluster/kyverno/tests/${f}`)!) as any;
      expect(new Set(doc.results.map((r: any) => r.operation))).toEqual(new Set(['UPDATE', 'DELETE']));
    }
  });

  test('strictness bites: an unknown field is rejected', () => {
    const validate = schema('cli.kyverno.io_values.yaml');
    expect(validate({ ...(yaml.load(files.get('cluster/kyverno/tests/values.yaml')!) as object), bogus: 1 })).toBe(false);
  });
});
