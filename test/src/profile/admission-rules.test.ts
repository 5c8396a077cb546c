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
      engine: 'kyverno',
      kyvernoVersion: '1.17',
      managers: [],
      allowedRegistries: [],
      requiredLabels: ['app', 'owner'],
      digestTiers: ['production'],
      enforcement: { production: 'Enforce', staging: 'Enforce', development: 'Audit' },
      imageSignatures: [],
    });
  });

  test('Audit in production without an HL-ADM-009 exception is a located error', () => {
    expect(() => parse('  admission:\n    enforcement: { production: Audit }')).toThrow(
      /inline\.yaml:7:\d+: spec\.admission\.enforcement\.production: production admission policies may only audit through an exception for HL-ADM-009/,
    );
    const ok = parse(
      '  admission:\n    enforcement: { production: Audit }',
      '    - { control: HL-ADM-009, reason: "migrating to Kyverno (SEC-77)", owner: a@b.c, approvedBy: ciso@b.c, ticket: SEC-77, expires: 2027-06-30 }',
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

describe('spec.admission.managers (HL-ADM-010)', () => {
  test('managers are resolved sorted and de-duplicated; none means an empty list (tamper protection audits)', () => {
    const argo = 'system:serviceaccount:argocd:argocd-application-controller';
    expect(parse(`  admission: { managers: ["${argo}", "flux"] }`).admission!.managers).toEqual(['flux', argo]);
    expect(parse('  admission: {}').admission!.managers).toEqual([]);
  });

  test('a manager that is not a user name is a located error naming HL-ADM-010', () => {
    const err = () => parse('  admission:\n    managers: ["system:serviceaccount:argocd"]');
    expect(err).toThrow(/inline\.yaml:\d+:\d+: spec\.admission\.managers\[0\]: manager "system:serviceaccount:argocd" is not a ServiceAccount user name.*\(HL-ADM-010\)/);
  });
});
