/**
 * Per-rule claims: each admission control's CIS and SOC 2 IDs are exactly the union of what its
 * rules claim (HL-ADM-009: what the denying policies add), and every version record names upstream.
 */
import { ADMISSION_RULES } from '../../../src/admission';
import { ADM_ENFORCEMENT, ADMISSION_CONTROLS, CIS_VERSIONS } from '../../../src/controls';

const cisKey = (ids: Record<string, string | undefined>) => CIS_VERSIONS.map((v) => ids[v] ?? '-').join('/');

describe('admission rule claims', () => {
  test.each(ADMISSION_CONTROLS.filter((c) => c !== ADM_ENFORCEMENT).map((c) => [c.id, c] as const))(
    '%s: the control claims exactly the union of its rules’ claims',
    (_id, control) => {
      const rules = ADMISSION_RULES.filter((r) => r.control === control);
      expect(rules.length).toBeGreaterThan(0);
      for (const r of rules) expect(r.claim.control).toBe(control);
      const cis = new Set(rules.flatMap((r) => r.claim.cis.map((c) => cisKey(c.ids))));
      const soc2 = new Set(rules.flatMap((r) => r.claim.soc2.map((s) => s.id)));
      expect([...cis].sort()).toEqual(control.cis.map((c) => cisKey(c.ids)).sort());
      expect([...soc2].sort()).toEqual(control.soc2.map((s) => s.id).sort());
    },
  );

  test('HL-ADM-009 is CIS 5.2.1 and CC6.8 only, what a denying policy adds', () => {
    expect(ADM_ENFORCEMENT.cis.map((c) => c.ids['1.12'])).toEqual(['5.2.1']);
    expect(ADM_ENFORCEMENT.soc2.map((s) => s.id)).toEqual(['CC6.8']);
  });

  test('CC6.8 is claimed only by rules about software, never by labels, requests or Secrets in env', () => {
    for (const id of ['require-labels', 'require-pod-requests-limits', 'disallow-secrets-from-env-vars', 'restrict-default-serviceaccount']) {
      expect(ADMISSION_RULES.find((r) => r.id === id)!.claim.soc2.map((s) => s.id)).not.toContain('CC6.8');
    }
  });

  test('every Pod Security rule records the upstream check and function of each behaviour, oldest first', () => {
    for (const r of ADMISSION_RULES.filter((x) => x.level)) {
      expect({ id: r.id, psaCheck: typeof r.psaCheck }).toEqual({ id: r.id, psaCheck: 'string' });
      expect(r.versions.length).toBeGreaterThan(0);
      const since = r.versions.map((v) => v.since);
      expect(since).toEqual([...since].sort((a, b) => a - b));
      for (const v of r.versions) expect(v.upstream).toMatch(/^[A-Za-z]+(_?[0-9_]+|V1Dot[0-9]+|1_[0-9]+baseline)?$/);
    }
  });
});
