import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { PROFILE_SCHEMA } from '../../../src/profile/schema-problems';

describe('profile.schema.json', () => {
  // The loader compiles the schema without meta-schema validation (a startup cost); this is where it is checked.
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
