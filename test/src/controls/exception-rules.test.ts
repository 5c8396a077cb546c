import { AccessLevel, HardenedNamespace, HardenedServiceAccount, PodSecurityLevel, ScopedRole, ScopedRoleBinding, SubjectKind } from '../../../constructs';
import { ComplianceContext } from '../../../constructs/compliance-context';
import { dayNumber, exceptionRuleProblems, maxDaysProblem, visibleLength } from '../../../src/controls';
import { complianceChart, COMPLIANCE_DATE, exception } from '../../helpers/chart';

const TODAY = COMPLIANCE_DATE;
const valid = { control: 'HL-RBAC-005', reason: 'break-glass for the DR drill (SEC-42)', owner: 'sre@acme.example', expires: '2027-06-30' };
const fields = (e: object, maxDays?: number) =>
  exceptionRuleProblems(e as typeof valid, { today: TODAY, maxDays }).map((p) => p.field);

describe('the exception validator', () => {
  test('a known control, a real date within 365 days and visible reason and owner pass', () => {
    expect(fields(valid)).toEqual([]);
    expect(fields({ ...valid, expires: TODAY })).toEqual([]);
    expect(fields({ ...valid, expires: '2027-11-23' })).toEqual([]);
  });

  test('an unknown control is refused', () => {
    expect(fields({ ...valid, control: 'HL-RBAC-999' })).toEqual(['control']);
  });

  test.each([
    ['expired in 1999', '1999-01-01', /expired on 1999-01-01/],
    ['expired yesterday', '2026-11-22', /expired on 2026-11-22/],
    ['"never"', 'never', /not a calendar date/],
    ['not a calendar day', '2027-02-30', /not a calendar date/],
    ['9999-12-31 (beyond 365 days)', '9999-12-31', /at most 365 days/],
    ['one day beyond 365 days', '2027-11-24', /366 days after 2026-11-23; an exception lives at most 365 days/],
  ])('an expiry %s is refused', (_what, expires, message) => {
    const found = exceptionRuleProblems({ ...valid, expires }, { today: TODAY });
    expect(found.map((p) => p.field)).toEqual(['expires']);
    expect(found[0].message).toMatch(message);
  });

  test('a lower lifetime limit is honoured; an unlimited or out-of-range one is not a limit', () => {
    expect(fields({ ...valid, expires: '2027-01-31' }, 30)).toEqual(['expires']);
    expect(fields({ ...valid, expires: '2026-12-20' }, 30)).toEqual([]);
    expect(maxDaysProblem(366)).toMatch(/from 1 to 365/);
    expect(maxDaysProblem(Infinity)).toMatch(/never unlimited/);
    expect(maxDaysProblem(0)).toBeDefined();
    expect(maxDaysProblem(90)).toBeUndefined();
  });

  test.each([
    ['blank', '   '],
    ['zero-width spaces only', '\u200B'.repeat(20)],
    ['joiners, BOM and bidi marks', '\u200D\u200C\uFEFF\u200E\u2060'.repeat(4)],
    ['Hangul fillers', '\u3164'.repeat(12)],
  ])('a reason that is %s is refused, and an owner of it too', (_what, text) => {
    expect(fields({ ...valid, reason: text, owner: text })).toEqual(['reason', 'owner']);
  });

  test('a reason of nine visible characters padded with zero-width spaces is refused', () => {
    expect(fields({ ...valid, reason: 'too\u200Bshort\u200B!\u200B\u200B' })).toEqual(['reason']);
  });

  test('visible characters count code points, not UTF-16 units or invisible ones', () => {
    expect(visibleLength('a\u200Bb c')).toBe(3);
    expect(visibleLength('🔐🔐')).toBe(2);
  });

  test('dayNumber accepts real calendar days only', () => {
    expect(dayNumber('2024-02-29')).toBeDefined();
    expect(dayNumber('2025-02-29')).toBeUndefined();
    expect(dayNumber('2027-1-1')).toBeUndefined();
    expect(dayNumber('2027-06-30')! - dayNumber('2027-06-29')!).toBe(1);
  });
});

describe('constructs apply only exceptions the validator accepts', () => {
  const bad: [string, object][] = [
    ['expired in 1999', { expires: '1999-12-31' }],
    ['"never" as expiry', { expires: 'never' }],
    ['a blank reason and owner', { reason: ' ', owner: ' ' }],
    ['a zero-width reason and owner', { reason: '\u200B'.repeat(12), owner: '\u200B\u200B' }],
    ['9999-12-31 as expiry', { expires: '9999-12-31' }],
  ];

  test.each(bad)('ScopedRoleBinding to cluster-admin with an exception %s is refused', (_what, change) => {
    const chart = complianceChart();
    expect(
      () =>
        new ScopedRoleBinding(chart, 'rb', {
          role: { kind: 'ClusterRole', name: 'cluster-admin' },
          subjects: [{ kind: SubjectKind.GROUP, name: 'oidc:break-glass' }],
          exceptions: [{ ...exception('HL-RBAC-005'), ...change }],
        }),
    ).toThrow(/invalid exception for HL-RBAC-005/);
  });

  test.each(bad)('ScopedRole with */*/* and an exception %s is refused', (_what, change) => {
    const chart = complianceChart();
    expect(
      () =>
        new ScopedRole(chart, 'r', {
          name: 'everything',
          rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }],
          exceptions: ['HL-RBAC-001', 'HL-RBAC-002', 'HL-RBAC-003', 'HL-RBAC-004'].map((c) => ({ ...exception(c), ...change })),
        }),
    ).toThrow(/invalid exception for HL-RBAC-00/);
  });

  test.each(bad)('HardenedNamespace and HardenedServiceAccount refuse an exception %s', (_what, change) => {
    const chart = complianceChart();
    expect(
      () => new HardenedNamespace(chart, 'ns', { name: 'legacy', podSecurity: PodSecurityLevel.BASELINE, exceptions: [{ ...exception('HL-POD-001'), ...change }] }),
    ).toThrow(/invalid exception for HL-POD-001/);
    expect(() => new HardenedServiceAccount(chart, 'sa', { name: 'op', automountToken: true, exceptions: [{ ...exception('HL-SA-002'), ...change }] })).toThrow(
      /invalid exception for HL-SA-002/,
    );
  });

  test('the same cases with a valid exception are accepted and recorded', () => {
    const chart = complianceChart();
    const rb = new ScopedRoleBinding(chart, 'rb', {
      role: { kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: [{ kind: SubjectKind.GROUP, name: 'oidc:break-glass' }],
      exceptions: [exception('HL-RBAC-005')],
    });
    expect(rb.apiObject.toJson().metadata.annotations['compliance.hardline.dev/exceptions']).toBe('HL-RBAC-005');
    const ns = new HardenedNamespace(chart, 'ns', { name: 'legacy', podSecurity: PodSecurityLevel.BASELINE, exceptions: [exception('HL-POD-001')] });
    expect(ns.podSecurity.enforce).toBe('baseline');
    ScopedRole.forAccessLevel(chart, 'role', { level: AccessLevel.READ_ONLY, grantSecretsRead: true, exceptions: [exception('HL-RBAC-003')] });
  });

  test('the compliance date and lifetime limit come from the ComplianceContext', () => {
    const chart = complianceChart({ profile: 'p', complianceDate: '2027-07-01' });
    expect(() => new HardenedServiceAccount(chart, 'sa', { name: 'op', automountToken: true, exceptions: [exception('HL-SA-002')] })).toThrow(
      /expired on 2027-06-30/,
    );
    const short = complianceChart({ profile: 'p', maxExceptionDays: 30 });
    expect(() => new HardenedServiceAccount(short, 'sa', { name: 'op', automountToken: true, exceptions: [exception('HL-SA-002')] })).toThrow(
      /at most 30 days/,
    );
    expect(() => ComplianceContext.resolve({ maxExceptionDays: 400 })).toThrow(/from 1 to 365/);
    expect(() => ComplianceContext.resolve({ complianceDate: 'someday' })).toThrow(/not a calendar date/);
  });
});
