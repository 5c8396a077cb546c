/**
 * Bounded cost (issue 14): free text is length-limited, so what a synth writes grows with the
 * namespaces, not with the length of a reason times the namespaces.
 */
import { ProfileError } from '../../../src/errors';
import { renderProfile } from '../../../src/synth/synthesize-profile';
import { parseProfile } from '../../../src/profile/load-profile';
import { profileYaml, TODAY } from '../../helpers/synth';

/**
 * A profile of `n` production namespaces below restricted and one cluster-wide HL-POD-001 exception
 * whose reason is `reasonLength` characters. Production, because only there does HL-POD-001 ask for
 * restricted: a baseline staging namespace meets its tier, so the exception would except nothing.
 */
function profileOf(n: number, reasonLength: number): string {
  return profileYaml({
    extra: '  admission: { kyvernoVersion: "1.17" }',
    namespaces: Array.from({ length: n }, (_, i) => `    - { name: ns-${i}, tier: production, podSecurity: baseline }`).join('\n'),
    exceptions: `    - { control: HL-POD-001, reason: "${'r'.repeat(reasonLength)}", owner: me@acme.example, approvedBy: ciso@acme.example, ticket: SEC-14, scope: namespace, expires: 2027-06-30 }`,
  });
}

/** Total characters of every output file (manifests and reports). */
function outputSize(n: number, reasonLength: number): number {
  const { files } = renderProfile(parseProfile(profileOf(n, reasonLength), 'p.yaml', { today: TODAY }));
  return [...files.values()].reduce((sum, text) => sum + text.length, 0);
}

describe('bounded cost: output grows with namespaces, not with reason length × namespaces', () => {
  test('a reason above 1000 characters is refused before anything is composed', () => {
    expect(() => parseProfile(profileOf(3, 1001), 'p.yaml', { today: TODAY })).toThrow(ProfileError);
    expect(() => parseProfile(profileOf(3, 1001), 'p.yaml', { today: TODAY })).toThrow(/reason: must be at most 1000 characters long/);
  });

  test('at the longest reason allowed, doubling the namespaces at most doubles the output', () => {
    const [s10, s20, s40] = [10, 20, 40].map((n) => outputSize(n, 1000));
    // Linear: each step of 10, then 20 namespaces, adds about the same per namespace.
    const perNamespace = [(s20 - s10) / 10, (s40 - s20) / 20];
    expect(perNamespace[1]).toBeLessThan(perNamespace[0] * 1.1);
    expect(s40).toBeLessThan(2 * s20);
  });

  test('the reason costs a bounded number of copies per namespace (here under 3 × 1000 characters)', () => {
    const extra = (n: number) => outputSize(n, 1000) - outputSize(n, 10);
    const perNamespace = (extra(40) - extra(20)) / 20;
    expect(perNamespace).toBeGreaterThan(0);
    expect(perNamespace).toBeLessThan(3 * 990);
  });
});
