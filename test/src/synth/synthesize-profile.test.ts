/**
 * Bounded cost (issue 14): free text is length-limited, so what a synth writes grows with the
 * namespaces, not with the length of a reason times the namespaces.
 */
import { ProfileError } from '../../../src/errors';
import { renderProfile } from '../../../src/synth/synthesize-profile';
import { parseProfile } from '../../../src/profile/load-profile';
import { profileYaml, TODAY } from '../../helpers/synth';
import { SHORT_REASON_CHARS } from '../../../src/controls';

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

/**
 * `n` production namespaces and two cluster-wide exceptions with the same `reasonLength`-character
 * reason: HL-POD-001 (excepted on each Namespace) and HL-ADM-008 (a PolicyException per namespace).
 */
function referencedProfileOf(n: number, reasonLength: number): string {
  const reason = 'r'.repeat(reasonLength);
  return profileYaml({
    extra: '  admission: { kyvernoVersion: "1.17" }',
    namespaces: Array.from({ length: n }, (_, i) => `    - { name: ns-${i}, tier: production, podSecurity: baseline }`).join('\n'),
    exceptions: [
      `    - { control: HL-POD-001, reason: "${reason}", owner: me@acme.example, approvedBy: ciso@acme.example, ticket: SEC-14, scope: namespace, expires: 2027-06-30 }`,
      `    - { control: HL-ADM-008, reason: "${reason}", owner: me@acme.example, approvedBy: ciso@acme.example, ticket: SEC-14, expires: 2027-06-30 }`,
    ].join('\n'),
  });
}

function rendered(n: number, reasonLength: number) {
  return renderProfile(parseProfile(referencedProfileOf(n, reasonLength), 'p.yaml', { today: TODAY }));
}

const totalSize = (r: ReturnType<typeof rendered>) => [...r.files.values()].reduce((sum, text) => sum + text.length, 0);

describe('long reasons are referenced by exception id, never repeated per object (issue 14 item 3)', () => {
  const sizes = new Map<string, number>();
  const size = (n: number, len: number) => {
    const key = `${n}/${len}`;
    if (!sizes.has(key)) sizes.set(key, totalSize(rendered(n, len)));
    return sizes.get(key)!;
  };

  test('1,000 vs 300 characters (both over the 200 written on objects): the bytes differ by O(reason), the same at 150 and 300 namespaces', () => {
    const at = (n: number) => size(n, 1000) - size(n, 300);
    expect(at(300)).toBeGreaterThan(0);
    expect(at(300)).toBe(at(150)); // not a byte more per namespace
    // The full reason is in the report a bounded number of times (json, md, html, exceptions.csv), for two exceptions.
    expect(at(300)).toBeLessThan(2 * 10 * 700);
  });

  test('1,000 vs 10 characters at 300 namespaces: each object carries at most the 200-character prefix and a pointer, never the reason', () => {
    const perNamespace = (size(300, 1000) - size(300, 10) - (size(150, 1000) - size(150, 10))) / 150;
    expect(perNamespace).toBeGreaterThan(0);
    // Per namespace: the PolicyException's reason annotation and the report.csv rows (Namespace, PolicyException).
    expect(perNamespace).toBeLessThan(4 * (SHORT_REASON_CHARS + 80));
    expect(perNamespace).toBeLessThan(990);
  });

  test('every PolicyException names its exception by id and cuts the reason; annotations stay far under 256 KiB; the report has the reason whole, once per exception', () => {
    const r = rendered(300, 1000);
    const report = JSON.parse(r.files.get('compliance/report.json')!);
    const ids = new Map(report.exceptions.map((e: any) => [e.control, e.id]));
    expect(report.exceptions.every((e: any) => e.reason.length === 1000)).toBe(true);
    const policyExceptions = r.objects.filter((o) => o.manifest.kind === 'PolicyException').map((o) => o.manifest as any);
    expect(policyExceptions).toHaveLength(300);
    for (const p of policyExceptions) {
      const a = p.metadata.annotations;
      expect(a['compliance.hardline.dev/exception-id']).toBe(ids.get('HL-ADM-008'));
      expect(a['compliance.hardline.dev/exception-reason']).toBe(`${'r'.repeat(SHORT_REASON_CHARS)}… (full reason: exception ${ids.get('HL-ADM-008')} in compliance/report.json)`);
    }
    let largest = 0;
    for (const o of r.objects) {
      const a = ((o.manifest.metadata as any).annotations ?? {}) as Record<string, string>;
      largest = Math.max(largest, Object.entries(a).reduce((sum, [k, v]) => sum + Buffer.byteLength(k) + Buffer.byteLength(v), 0));
      if (a['compliance.hardline.dev/exceptions']) expect(a['compliance.hardline.dev/exception-ids']).toMatch(/^hl-[a-z]+-\d{3}-[0-9a-f]{8}(,hl-[a-z]+-\d{3}-[0-9a-f]{8})*$/);
    }
    expect(largest).toBeLessThan(4096);
    expect(largest).toBeLessThan(256 * 1024);
    const csv = r.files.get('compliance/exceptions.csv')!.split('\r\n');
    expect(csv[0]).toBe('exception_id,control_id,namespaces,scope,reason,owner,approved_by,ticket,expires,objects');
    expect(csv.filter((l) => l.includes('r'.repeat(1000)))).toHaveLength(2);
    expect(r.files.get('compliance/report.csv')!.includes('r'.repeat(SHORT_REASON_CHARS + 1))).toBe(false);
  });
});
