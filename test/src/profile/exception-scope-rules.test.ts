import { parseProfile } from '../../../src/profile/load-profile';
import { ticketIsValid, visibleText } from '../../../src/profile/exception-scope-rules';
import { profileYaml, ROOT, TODAY } from '../../helpers/synth';
import { problems } from '../../helpers/profile-problems';

const parse = (text: string) => parseProfile(text, 'p.yaml', { today: TODAY, baseDir: ROOT });

const NAMESPACES = ['    - name: billing', '      podSecurity: baseline', '    - name: sandbox', '      tier: development'].join('\n');
const ADMISSION = '  admission: { kyvernoVersion: "1.17" }';

/** One exception entry, field by field (values are YAML). */
function ex(fields: Record<string, string | undefined>): string {
  const all: Record<string, string | undefined> = {
    control: 'HL-POD-001',
    namespaces: '[billing]',
    workloads: '[{ kind: Deployment, name: billing-engine }]',
    selector: '{ matchLabels: { app: billing-engine } }',
    reason: '"vendor image runs as root (SEC-1)"',
    owner: 'finance@acme.example',
    approvedBy: 'ciso@acme.example',
    ticket: 'SEC-1',
    expires: '2027-01-31',
    ...fields,
  };
  return Object.entries(all)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v], i) => `${i === 0 ? '    - ' : '      '}${k}: ${v}`)
    .join('\n');
}

const load = (exceptions: string, extra: string | undefined = ADMISSION, namespaces = NAMESPACES) => parse(profileYaml({ namespaces, exceptions, extra }));
const SANDBOX_ONLY = ['    - name: sandbox', '      tier: development'].join('\n');

describe('exception scope and approval record in the profile', () => {
  test('a workload-scoped exception with its approval record loads, normalized with its scope', () => {
    const p = load(ex({ rules: '[require-run-as-nonroot]' }));
    expect(p.exceptions).toEqual([
      {
        control: 'HL-POD-001',
        id: expect.stringMatching(/^hl-pod-001-[0-9a-f]{8}$/),
        namespaces: ['billing'],
        workloads: [{ kind: 'Deployment', name: 'billing-engine' }],
        selector: { matchLabels: { app: 'billing-engine' } },
        rules: ['require-run-as-nonroot'],
        reason: 'vendor image runs as root (SEC-1)',
        owner: 'finance@acme.example',
        approvedBy: 'ciso@acme.example',
        ticket: 'SEC-1',
        expires: '2027-01-31',
      },
    ]);
  });

  test('a missing approval record in production is a located profile error naming the field', () => {
    expect(problems(() => load(ex({ approvedBy: undefined, ticket: undefined })))).toEqual([
      'p.yaml:13:7: spec.exceptions[0].approvedBy: must name who approved the exception (required: it applies to production namespace "billing"), e.g. approvedBy: ciso@acme.example',
      'p.yaml:13:7: spec.exceptions[0].ticket: must name the approval record (required: it applies to production namespace "billing"): a ticket ID (SEC-123) or an https URL',
    ]);
  });

  test('outside production the approval record is optional, but must be real when written', () => {
    const dev = { control: 'HL-POD-002', namespaces: '[sandbox]', workloads: undefined, selector: undefined, scope: 'namespace' };
    expect(() => load(ex({ ...dev, approvedBy: undefined, ticket: undefined }), ADMISSION, SANDBOX_ONLY)).not.toThrow();
    expect(problems(() => load(ex({ ...dev, approvedBy: '"\u200b \u200d"', ticket: '"SEC 1"' }), ADMISSION, SANDBOX_ONLY))).toEqual([
      expect.stringMatching(/approvedBy: must name who approved the exception, e\.g\./),
      expect.stringMatching(/ticket: "SEC 1" is neither a ticket ID .* nor an https URL/),
    ]);
  });

  test('the owner cannot approve its own exception', () => {
    expect(problems(() => load(ex({ approvedBy: 'Finance@acme.example' })))).toEqual([
      expect.stringMatching(/spec\.exceptions\[0\]\.approvedBy: the owner "finance@acme\.example" cannot approve its own exception/),
    ]);
  });

  test('a namespace-wide Pod Security exception in production needs scope: namespace', () => {
    const wide = { workloads: undefined, selector: undefined };
    expect(problems(() => load(ex(wide)))).toEqual([
      expect.stringMatching(/^p\.yaml:13:7: spec\.exceptions\[0\]: this HL-POD-001 exception lifts Pod Security for every workload of production namespace "billing".*scope: namespace$/),
    ]);
    expect(() => load(ex({ ...wide, scope: 'namespace' }))).not.toThrow();
    expect(problems(() => load(ex({ scope: 'namespace' })))[0]).toMatch(/scope: scope "namespace" says the exception covers every workload/);
    expect(problems(() => load(ex({ ...wide, scope: 'workloads' })))[0]).toMatch(/scope: scope "workloads" needs workloads or selector/);
  });

  test('a named controller without a selector is refused: its Pods carry generated names', () => {
    expect(problems(() => load(ex({ selector: undefined })))).toEqual([
      expect.stringMatching(/spec\.exceptions\[0\]\.selector: the Pods of Deployment "billing-engine" carry generated names/),
    ]);
    expect(() => load(ex({ workloads: '[{ kind: Pod, name: billing-once }]', selector: undefined }))).not.toThrow();
  });

  test('workload names, labels and rules are checked: no wildcards, no unknown or foreign rules', () => {
    const lines = problems(() =>
      load(
        ex({
          workloads: '[{ kind: Deployment, name: "billing-*" }, { kind: Deployment, name: "billing-*" }]',
          selector: '{ matchLabels: { "app": "billing engine" } }',
          rules: '[require-run-as-nonroot, disallow-host-path, no-such-rule]',
        }),
      ),
    );
    expect(lines).toEqual([
      expect.stringMatching(/workloads\[0\]\.name: "billing-\*" is not a Kubernetes object name .*no wildcards/),
      expect.stringMatching(/workloads\[1\]: Deployment\/billing-\* is listed twice/),
      expect.stringMatching(/workloads\[1\]\.name: "billing-\*" is not a Kubernetes object name/),
      expect.stringMatching(/selector\.matchLabels\.app: label value "billing engine" of "app" is invalid/),
      expect.stringMatching(/rules\[1\]: rule "disallow-host-path" implements HL-ADM-001, which an exception for HL-POD-001 does not lift/),
      expect.stringMatching(/rules\[2\]: unknown rule "no-such-rule" for HL-POD-001; its rules are .*require-run-as-nonroot/),
    ]);
  });

  test('only admission and Pod Security controls can be narrowed to workloads or rules', () => {
    const sa = { control: 'HL-SA-002', namespaces: '[sandbox]', rules: '[x]' };
    expect(problems(() => load(ex(sa)))).toEqual([
      expect.stringMatching(/namespaces\[0\]\.podSecurity: namespace "billing" is production but would enforce "baseline"/),
      expect.stringMatching(/workloads: HL-SA-002 is relaxed per namespace; only admission controls/),
      expect.stringMatching(/selector: HL-SA-002 is relaxed per namespace/),
      expect.stringMatching(/rules: HL-SA-002 is relaxed per namespace/),
    ]);
  });

  test('a workload-scoped Pod Security exception needs spec.admission: PSA labels cover the whole namespace', () => {
    expect(problems(() => load(ex({}), ''))).toEqual([
      expect.stringMatching(/workloads: Pod Security Admission labels apply to a whole namespace; only the admission policies \(spec\.admission\)/),
    ]);
  });

  test('narrowest wins: a namespace-wide exception for the same control would void a workload scope, so both together are refused', () => {
    const both = [ex({}), ex({ workloads: undefined, selector: undefined, scope: 'namespace' })].join('\n');
    expect(problems(() => load(both))).toEqual([
      expect.stringMatching(/^p\.yaml:13:7: spec\.exceptions\[0\]: a namespace-wide exception for HL-POD-001 \(p\.yaml line 22\) already lifts it for every workload of "billing"/),
    ]);
  });
});

describe('approval text', () => {
  test('visible text ignores zero-width and format characters', () => {
    expect(visibleText('\u200b\u200c\u200d\u2060\ufeff \t')).toBe('');
    expect(visibleText(' ciso ')).toBe('ciso');
  });

  test('tickets are IDs or http(s) URLs', () => {
    for (const ok of ['SEC-123', 'CHG0012345', '#42', 'JIRA/SEC-1', 'https://tickets.acme.example/SEC-123']) expect({ ok, valid: ticketIsValid(ok) }).toEqual({ ok, valid: true });
    for (const bad of ['SEC 123', 'javascript:alert(1)', 'ftp://x/y', 'https://', '-x', 'a'.repeat(201)]) expect({ bad, valid: ticketIsValid(bad) }).toEqual({ bad, valid: false });
  });
});
