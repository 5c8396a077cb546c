import { parseProfile } from '../../../src/profile/load-profile';
import { ROOT, TODAY, profileYaml } from '../../helpers/synth';
import { compliantPod, rulesAt } from '../../../src/admission';
import { checkWorkloads } from '../../../src/check/check-workloads';
import { brokenPod } from '../../../src/compose/kyverno-cli-test';
import { renderProfile } from '../../../src/synth/synthesize-profile';
import { namespaceLabels, verdictOf } from '../../helpers/kyverno-verdict';

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

  test('Audit in production with an HL-ADM-009 exception naming namespaces is refused: it audits only those, the tier needs one without namespaces', () => {
    expect(() =>
      parse(
        '  admission:\n    enforcement: { production: Audit }',
        '    - { control: HL-ADM-009, namespaces: [payments], reason: "migrating to Kyverno (SEC-77)", owner: a@b.c, approvedBy: ciso@b.c, ticket: SEC-77, expires: 2027-06-30 }',
      ),
    ).toThrow(/inline\.yaml:7:\d+: spec\.admission\.enforcement\.production: .*HL-ADM-009 without namespaces.*keep production Enforce and name them/);
  });

  test('Audit in staging needs a tier-wide HL-ADM-009 exception once staging has namespaces', () => {
    const staging = (exceptions?: string) =>
      parseProfile(
        profileYaml({ namespaces: `${NS}\n    - { name: shop-staging, tier: staging }`, extra: '  admission:\n    enforcement: { staging: Audit }', exceptions }),
        'inline.yaml',
        { today: TODAY, baseDir: ROOT },
      );
    expect(() => staging()).toThrow(/spec\.admission\.enforcement\.staging: staging admission policies may only audit through an exception for HL-ADM-009 without namespaces/);
    expect(() => staging('    - { control: HL-ADM-009, namespaces: [shop-staging], reason: "migrating to Kyverno (SEC-77)", owner: a@b.c, expires: 2027-06-30 }')).toThrow(/HL-ADM-009 without namespaces/);
    expect(staging('    - { control: HL-ADM-009, reason: "migrating to Kyverno (SEC-77)", owner: a@b.c, approvedBy: ciso@b.c, ticket: SEC-77, expires: 2027-06-30 }').admission!.enforcement.staging).toBe('Audit');
    // Without staging namespaces nothing audits, so nothing needs an exception.
    expect(parse('  admission:\n    enforcement: { staging: Audit }').admission!.enforcement.staging).toBe('Audit');
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

describe('HL-ADM-009 excepted per namespace: the exception is scoped exactly as written', () => {
  const NAMESPACES = ['    - { name: payments }', '    - { name: checkout }', '    - { name: shop-staging, tier: staging }'].join('\n');
  const EXCEPTION =
    '    - { control: HL-ADM-009, namespaces: [payments], reason: "ledger images move to the registry (SEC-91)", owner: pay@acme.example, approvedBy: ciso@acme.example, ticket: SEC-91, expires: 2027-06-30 }';
  const text = profileYaml({ namespaces: NAMESPACES, extra: '  admission: { allowedRegistries: [ghcr.io/acme], requiredLabels: [app] }', exceptions: EXCEPTION });
  const profile = parseProfile(text, 'inline.yaml', { today: TODAY, baseDir: ROOT });
  const { objects, files } = renderProfile(profile);
  const manifests = objects.map((o) => o.manifest as any);
  const labelsOf = (name: string) => namespaceLabels(manifests.find((m) => m.kind === 'Namespace' && m.metadata.name === name));
  const params = { allowedRegistries: ['ghcr.io/acme'], requiredLabels: ['app'] };
  const hardlineRules = rulesAt(28, params).filter((r) => !r.level);

  test('accepted with the tier still Enforce', () => {
    expect(profile.admission!.enforcement.production).toBe('Enforce');
  });

  test.each(hardlineRules.map((r) => [r.id]))('CEL engine, %s: audited in payments, still denied in checkout and shop-staging', (rule) => {
    const pod = brokenPod(rule, 28, params, `bad-${rule}`.slice(0, 63), 'x');
    const audited = verdictOf(manifests, labelsOf('payments'), pod);
    expect({ verdict: audited.verdict, has: audited.failed.includes(`hl-${rule}-audit-excepted`) }).toEqual({ verdict: 'audit', has: true });
    expect(verdictOf(manifests, labelsOf('checkout'), pod).verdict).toBe('deny');
    if (rule !== 'require-image-digest') expect(verdictOf(manifests, labelsOf('shop-staging'), pod).verdict).toBe('deny');
    for (const ns of ['payments', 'checkout', 'shop-staging']) expect(verdictOf(manifests, labelsOf(ns), compliantPod(params, 'good')).verdict).toBe('admit');
  });

  test('the build-time check reports the hardline rules in checkout, not in payments (where they only audit)', () => {
    const pod = brokenPod('restrict-default-serviceaccount', 28, params, 'bad', 'x');
    const at = (namespace: string) => checkWorkloads([{ ...pod, metadata: { ...pod.metadata, namespace } }], profile).map((v) => v.rule.id);
    expect(at('checkout')).toContain('restrict-default-serviceaccount');
    expect(at('payments')).not.toContain('restrict-default-serviceaccount');
  });

  test('the report: HL-ADM-009 implemented, excepted only in namespace payments, on the audit policies that carry the exception', () => {
    const report = JSON.parse(files.get('compliance/report.json')!);
    const control = report.controls.find((c: any) => c.id === 'HL-ADM-009');
    expect(control.status).toBe('implemented');
    expect(control.statusReason).toMatch(/excepted on \d+ objects, only in namespace payments\./);
    const excepted = control.objects.filter((o: any) => o.excepted).map((o: any) => o.name);
    expect(excepted.length).toBe(hardlineRules.length);
    expect(excepted.every((n: string) => n.endsWith('-audit-excepted'))).toBe(true);
    expect(control.exceptions.map((e: any) => e.namespaces)).toEqual([['payments']]);
  });
});
