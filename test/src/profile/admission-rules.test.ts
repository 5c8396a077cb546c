import { parseProfile } from '../../../src/profile/load-profile';
import { ROOT, TODAY, profileYaml } from '../../helpers/synth';

const NS = '    - { name: payments, tier: production }';
const parse = (extra: string, exceptions?: string) =>
  parseProfile(profileYaml({ namespaces: NS, extra, exceptions }), 'inline.yaml', { today: TODAY, baseDir: ROOT });

describe('spec.admission', () => {
  test('absent → no admission policies', () => {
    expect(parse('').admission).toBeUndefined();
  });

  test('defaults: Kyverno 1.17, digest in production, deny in production and staging, audit in development', () => {
    expect(parse('  admission: { requiredLabels: [owner, app, app] }').admission).toEqual({
      kyvernoVersion: '1.17',
      allowedRegistries: [],
      requiredLabels: ['app', 'owner'],
      digestTiers: ['production'],
      enforcement: { production: 'Enforce', staging: 'Enforce', development: 'Audit' },
    });
  });

  test('Audit in production without an HL-ADM-009 exception is a located error', () => {
    expect(() => parse('  admission:\n    enforcement: { production: Audit }')).toThrow(
      /inline\.yaml:7:\d+: spec\.admission\.enforcement\.production: production admission policies may only audit through an exception for HL-ADM-009/,
    );
    const ok = parse(
      '  admission:\n    enforcement: { production: Audit }',
      '    - { control: HL-ADM-009, reason: "migrating to Kyverno (SEC-77)", owner: a@b.c, approvedBy: ciso@b.c, ticket: SEC-77, expires: 2099-01-01 }',
    );
    expect(ok.admission?.enforcement.production).toBe('Audit');
  });

  test('an unsupported Kyverno version, a bad registry and a bad enforcement are all reported', () => {
    let message = '';
    try {
      parse('  admission:\n    kyvernoVersion: "1.12"\n    allowedRegistries: ["GHCR.io/x"]');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/spec\.admission\.allowedRegistries\[0\]/);
    expect(() => parse('  admission:\n    kyvernoVersion: "1.12"')).toThrow(/inline\.yaml:7:\d+: spec\.admission\.kyvernoVersion: Kyverno "1.12" is not supported/);
    expect(() => parse('  admission:\n    enforcement: { staging: Warn }')).toThrow(/spec\.admission\.enforcement\.staging/);
  });
});
