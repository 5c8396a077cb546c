import { problems } from '../../helpers/profile-problems';
import { profileYaml, renderYaml } from '../../helpers/synth';
import { parseProfile } from '../../../src/profile/load-profile';
import { ROOT, TODAY } from '../../helpers/synth';

const NS = '    - { name: payments }\n    - { name: web, tier: staging }\n    - { name: lab, tier: development }';
const KEY = '"-----BEGIN PUBLIC KEY-----\\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE6QsNef3SKYhJVYSVj+ZfbPwJd0pv\\n-----END PUBLIC KEY-----\\n"';
const SIGS = [
  '  admission:',
  '    imageSignatures:',
  '      - name: acme',
  '        images: ["registry.acme.example/*"]',
  `        publicKeys: [${KEY}]`,
  '        keyless:',
  '          - { issuer: "https://token.actions.githubusercontent.com", subject: "https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main" }',
].join('\n');

describe('spec.admission.imageSignatures composition', () => {
  test('each rule becomes an ImageValidatingPolicy per enforcement mode, matching tiers like the other admission policies', () => {
    const objs = renderYaml(profileYaml({ namespaces: NS, extra: SIGS }));
    const ivpols = objs.filter((o) => o.manifest.kind === 'ImageValidatingPolicy').map((o) => o.manifest as any);
    expect(ivpols.map((p) => [p.metadata.name, p.spec.validationActions, p.spec.matchConstraints.namespaceSelector.matchExpressions[0].values])).toEqual([
      ['hl-signed-acme-audit', ['Audit', 'Warn'], ['development']],
      ['hl-signed-acme-enforce', ['Deny'], ['production', 'staging']],
    ]);
    expect(objs.find((o) => o.manifest.kind === 'ImageValidatingPolicy')!.file).toBe('cluster/kyverno/imagevalidatingpolicy-hl-signed-acme-audit.yaml');
    const enforce = ivpols.find((p) => p.metadata.name === 'hl-signed-acme-enforce');
    expect(enforce.metadata.annotations['compliance.hardline.dev/controls']).toBe('HL-ADM-009,HL-IMG-001');
    expect(ivpols.find((p) => p.metadata.name === 'hl-signed-acme-audit').metadata.annotations['compliance.hardline.dev/controls']).toBe('HL-IMG-001');
  });

  test('non-compliant when excepted: an HL-IMG-001 exception becomes a PolicyException naming the ImageValidatingPolicies', () => {
    const objs = renderYaml(
      profileYaml({
        namespaces: NS,
        extra: SIGS,
        exceptions: '    - { control: HL-IMG-001, namespaces: [lab], reason: "vendor images are not signed yet (SEC-42)", owner: lab@acme.example, expires: 2027-06-30 }',
      }),
    );
    const ex = objs.filter((o) => o.manifest.kind === 'PolicyException').map((o) => o.manifest as any);
    expect(ex).toHaveLength(1);
    expect(ex[0].metadata.namespace).toBe('lab');
    expect(ex[0].spec.policyRefs).toEqual([
      { kind: 'ImageValidatingPolicy', name: 'hl-signed-acme-audit' },
      { kind: 'ImageValidatingPolicy', name: 'hl-signed-acme-enforce' },
    ]);
    expect(ex[0].metadata.annotations['compliance.hardline.dev/exceptions']).toBe('HL-IMG-001');
  });

  test('HL-ADM-009 excepted in payments: the denying policy leaves payments out, an Audit policy selects only it and carries the exception', () => {
    const objs = renderYaml(
      profileYaml({
        namespaces: NS,
        extra: SIGS,
        exceptions:
          '    - { control: HL-ADM-009, namespaces: [payments], reason: "signing pipeline not rolled out (SEC-43)", owner: pay@acme.example, approvedBy: ciso@acme.example, ticket: SEC-43, expires: 2027-06-30 }',
      }),
    );
    const ivpols = new Map(objs.filter((o) => o.manifest.kind === 'ImageValidatingPolicy').map((o) => [o.manifest.metadata.name, o.manifest as any]));
    expect([...ivpols.keys()].sort()).toEqual(['hl-signed-acme-audit', 'hl-signed-acme-audit-excepted', 'hl-signed-acme-enforce']);
    const name = { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['payments'] };
    expect(ivpols.get('hl-signed-acme-enforce').spec.matchConstraints.namespaceSelector.matchExpressions).toContainEqual(name);
    const excepted = ivpols.get('hl-signed-acme-audit-excepted');
    expect(excepted.spec.validationActions).toEqual(['Audit', 'Warn']);
    expect(excepted.spec.matchConstraints.namespaceSelector.matchExpressions).toEqual([
      { key: 'hardline.dev/tier', operator: 'In', values: ['production', 'staging'] },
      { ...name, operator: 'In' },
    ]);
    expect(excepted.metadata.annotations['compliance.hardline.dev/exceptions']).toBe('HL-ADM-009');
  });

  test('a rule with no key and no identity, a bad key, a bad name and Kyverno below 1.17 are located errors', () => {
    const parse = (extra: string) => parseProfile(profileYaml({ namespaces: NS, extra }), 'inline.yaml', { today: TODAY, baseDir: ROOT });
    const lines = problems(() =>
      parse(
        [
          '  admission:',
          '    kyvernoVersion: "1.15"',
          '    imageSignatures:',
          '      - { name: Bad_Name, images: ["ghcr.io/x/*"], publicKeys: [nope] }',
          '      - { name: nobody, images: ["ghcr.io/y/*"] }',
        ].join('\n'),
      ),
    );
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/inline\.yaml:\d+:\d+: spec\.admission\.kyvernoVersion: imageSignatures needs Kyverno 1\.17/),
        expect.stringMatching(/spec\.admission\.imageSignatures\[0\]\.name: /),
        expect.stringMatching(/spec\.admission\.imageSignatures\[0\]\.publicKeys\[0\]: not a PEM public key/),
        expect.stringMatching(/spec\.admission\.imageSignatures\[1\]: image signature rule "nobody" has neither publicKeys nor keyless/),
      ]),
    );
    expect(
      problems(() =>
        parse('  admission:\n    imageSignatures:\n      - { name: a, images: ["x/*"], keyless: [{ issuer: "https://i", subject: s }] }\n      - { name: a, images: ["y/*"], keyless: [{ issuer: "https://i", subject: s }] }'),
      ).join(),
    ).toMatch(/spec\.admission\.imageSignatures\[1\]\.name: image signature rule "a" is declared twice/);
    expect(problems(() => parse('  admission:\n    imageSignatures:\n      - { name: a, images: ["UPPER/*"], publicKeys: [x] }')).join()).toMatch(
      /spec\.admission\.imageSignatures\[0\]\.images\[0\]/,
    );
  });
});
