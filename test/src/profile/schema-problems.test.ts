import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import * as yaml from 'js-yaml';
import generatedValidator from '../../../src/profile/profile-validator.generated';
import { PROFILE_SCHEMA } from '../../../src/profile/schema-problems';

describe('profile.schema.json', () => {
  // The loader runs code generated from the schema at build time; this is where the schema itself is checked.
  test('is a valid draft-07 JSON Schema that compiles in strict mode', () => {
    const ajv = new Ajv({ strict: true, allErrors: true });
    addFormats(ajv, ['date']);
    expect({ valid: ajv.validateSchema(PROFILE_SCHEMA), errors: ajv.errors ?? null }).toEqual({ valid: true, errors: null });
    expect(() => ajv.compile(PROFILE_SCHEMA)).not.toThrow();
  });

  test('the meta-schema check catches a broken schema (so the test above can fail)', () => {
    const ajv = new Ajv({ strict: true });
    expect(ajv.validateSchema({ type: 'objekt' })).toBe(false);
  });
});

describe('the generated validator (src/profile/profile-validator.generated.ts)', () => {
  // The options the loader's messages rely on: every error (allErrors), with its schema (verbose).
  const runtime = (() => {
    const ajv = new Ajv({ allErrors: true, strict: true, verbose: true });
    addFormats(ajv, ['date']);
    return ajv.compile(PROFILE_SCHEMA);
  })();
  const generated = generatedValidator as unknown as ValidateFunction;
  const fixtures = path.join(__dirname, '..', '..', 'fixtures', 'profiles');
  const documents: [string, unknown][] = [
    ...['valid', 'invalid'].flatMap((dir) =>
      (fs.readdirSync(path.join(fixtures, dir), { recursive: true }) as string[])
        .filter((f) => f.endsWith('.yaml'))
        .sort()
        .map((f): [string, unknown] => [`${dir}/${f}`, yaml.load(fs.readFileSync(path.join(fixtures, dir, f), 'utf8'))]),
    ),
    ...fs.readdirSync(path.join(__dirname, '..', '..', '..', 'profiles')).sort().map((f): [string, unknown] => [`profiles/${f}`, yaml.load(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'profiles', f), 'utf8'))]),
    ['not a mapping', ['a']],
    ['wrong types everywhere', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 1, x: 2 }, extends: [''], spec: { cluster: { name: '', kubernetesVersion: 1.3 }, namespaces: [{ tier: 'prod' }, 'x'], exceptions: [{ control: 'NET', expires: '2026-02-30', reason: 3 }], nope: {} } }],
  ];

  test('covers invalid documents (so the comparison below compares errors)', () => {
    expect(documents.filter(([, doc]) => !runtime(doc)).length).toBeGreaterThanOrEqual(3);
  });

  test.each(documents)('%s: same verdict and same errors as ajv compiling profile.schema.json at run time', (_, doc) => {
    const valid = generated(doc);
    expect({ valid, errors: generated.errors ?? null }).toEqual({ valid: runtime(doc), errors: runtime.errors ?? null });
  });
});
