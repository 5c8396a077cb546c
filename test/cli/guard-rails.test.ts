/**
 * Issue 13 acceptance through the CLI: every hostile or careless profile is refused with
 * file:line:column, the field path and the control, exit 1 and the old output untouched; the same
 * case with a valid exception (or, where no exception can make it right, its fix) synthesizes.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from '../helpers/cli';
import { readTree } from '../helpers/files';
import { TODAY } from '../helpers/synth';

interface Parts {
  readonly namespaces?: string[];
  readonly spec?: string[];
  readonly exceptions?: string[];
}

const NAMESPACES = [
  '    - name: payments',
  '      serviceAccounts: [{ name: ci }]',
  '    - name: checkout',
  '    - name: shop-staging',
  '      tier: staging',
];

function profile(parts: Parts): string {
  return [
    'apiVersion: hardline.dev/v1alpha1',
    'kind: Profile',
    'metadata: { name: guard-rails }',
    'spec:',
    '  cluster: { name: test, kubernetesVersion: "1.28" }',
    ...(parts.spec ?? []),
    '  namespaces:',
    ...(parts.namespaces ?? NAMESPACES),
    ...(parts.exceptions ? ['  exceptions:', ...parts.exceptions] : []),
    '',
  ].join('\n');
}

/** One exception entry (YAML lines) valid on TODAY, with the approval record issue 20 requires in production. */
function ex(control: string, namespaces?: string[], fields: { reason?: string; owner?: string; expires?: string } = {}): string[] {
  return [
    `    - control: ${control}`,
    ...(namespaces ? [`      namespaces: [${namespaces.join(', ')}]`] : []),
    `      reason: ${JSON.stringify(fields.reason ?? 'needed until the platform migration (SEC-13)')}`,
    `      owner: ${JSON.stringify(fields.owner ?? 'platform@acme.example')}`,
    `      expires: ${fields.expires ?? '2027-06-30'}`,
    // Issue 20: an exception that covers production carries its approval record, and a
    // namespace-wide Pod Security exception says so.
    '      approvedBy: ciso@acme.example',
    '      ticket: SEC-13',
    ...(control.startsWith('HL-POD-') && namespaces ? ['      scope: namespace'] : []),
  ];
}

const binding = (access: string, subject: string, namespaces = 'payments') => [
  '  rbac:',
  '    bindings:',
  `      - { namespaces: [${namespaces}], access: ${access}, subjects: [${subject}] }`,
];
const admission = (...lines: string[]) => ['  admission:', ...lines.map((l) => `    ${l}`)];

interface Case {
  readonly title: string;
  readonly control: string;
  /** The field path the problem is located at. */
  readonly field: string;
  readonly bad: Parts;
  /** The same case made valid: with an exception, or (where none applies) fixed. */
  readonly good: Parts;
  /** What synth of the good profile prints on stderr (exit 0). @default '' */
  readonly goodStderr?: RegExp;
}

const ZW = '\u200B'.repeat(12);
/** Deployer and namespace-admin subjects in production must name an owner (the access review asks them). */
const OWNER = 'platform@acme.example';

const CASES: Case[] = [
  ...['system:anonymous', 'system:unauthenticated', 'system:authenticated', 'system:serviceaccounts'].map((name): Case => {
    const kind = name === 'system:anonymous' ? 'User' : 'Group';
    return {
      title: `namespace-admin for ${kind} ${name}`,
      control: 'HL-RBAC-006',
      field: 'spec.rbac.bindings[0].subjects[0].name',
      bad: { spec: binding('namespace-admin', `{ kind: ${kind}, name: "${name}", owner: ${OWNER} }`) },
      good: { spec: binding('namespace-admin', `{ kind: ${kind}, name: "${name}", owner: ${OWNER} }`), exceptions: ex('HL-RBAC-006', ['payments']) },
    };
  }),
  {
    title: 'system:nodes as a deployer',
    control: 'HL-RBAC-006',
    field: 'spec.rbac.bindings[0].subjects[0].name',
    bad: { spec: binding('deployer', `{ kind: Group, name: "system:nodes", owner: ${OWNER} }`) },
    good: { spec: binding('deployer', `{ kind: Group, name: "system:nodes", owner: ${OWNER} }`), exceptions: ex('HL-RBAC-006', ['payments']) },
  },
  {
    title: 'system:authenticated as a cluster reader (anonymous users read nodes and namespaces)',
    control: 'HL-RBAC-006',
    field: 'spec.rbac.clusterReaders[0].name',
    bad: { spec: ['  rbac:', '    clusterReaders: [{ kind: Group, name: "system:authenticated" }]'] },
    good: { spec: ['  rbac:', '    clusterReaders: [{ kind: Group, name: "system:authenticated" }]'], exceptions: ex('HL-RBAC-006') },
  },
  {
    title: 'a kube-system ServiceAccount as a deployer',
    control: 'HL-RBAC-007',
    field: 'spec.rbac.bindings[0].subjects[0].namespace',
    bad: { spec: binding('deployer', `{ kind: ServiceAccount, name: coredns, namespace: kube-system, owner: ${OWNER} }`) },
    good: { spec: binding('deployer', `{ kind: ServiceAccount, name: coredns, namespace: kube-system, owner: ${OWNER} }`), exceptions: ex('HL-RBAC-007', ['payments']) },
  },
  {
    title: 'the default ServiceAccount of another namespace',
    control: 'HL-RBAC-007',
    field: 'spec.rbac.bindings[0].subjects[0].name',
    bad: { spec: binding('read-only', '{ kind: ServiceAccount, name: default, namespace: checkout }') },
    good: { spec: binding('read-only', '{ kind: ServiceAccount, name: default, namespace: checkout }'), exceptions: ex('HL-RBAC-007', ['payments']) },
  },
  {
    title: 'a ServiceAccount of an undeclared namespace (fixed by declaring it: no exception makes a dangling subject right)',
    control: 'HL-RBAC-007',
    field: 'spec.rbac.bindings[0].subjects[0].namespace',
    bad: { spec: binding('deployer', `{ kind: ServiceAccount, name: argocd-application-controller, namespace: argocd, owner: ${OWNER} }`) },
    good: {
      spec: binding('deployer', `{ kind: ServiceAccount, name: argocd-application-controller, namespace: argocd, owner: ${OWNER} }`),
      namespaces: [...NAMESPACES, '    - name: argocd', '      serviceAccounts: [{ name: argocd-application-controller }]'],
    },
  },
  ...(['audit', 'warn'] as const).map(
    (mode): Case => ({
      title: `tiers.staging.podSecurity.${mode} lowered below the tier default`,
      control: 'HL-POD-003',
      field: `spec.tiers.staging.podSecurity.${mode}`,
      bad: { spec: ['  tiers:', `    staging: { podSecurity: { ${mode}: baseline } }`] },
      good: { spec: ['  tiers:', `    staging: { podSecurity: { ${mode}: baseline } }`], exceptions: ex('HL-POD-003', ['shop-staging']) },
    }),
  ),
  {
    title: 'admission.enforcement.staging: Audit',
    control: 'HL-ADM-009',
    field: 'spec.admission.enforcement.staging',
    bad: { spec: admission('enforcement: { staging: Audit }') },
    good: { spec: admission('enforcement: { staging: Audit }'), exceptions: ex('HL-ADM-009') },
  },
  {
    title: 'requireDigest: none for production',
    control: 'HL-ADM-004',
    field: 'spec.admission.requireDigest',
    bad: { spec: admission('requireDigest: none') },
    good: { spec: admission('requireDigest: none'), exceptions: ex('HL-ADM-004', ['checkout', 'payments']) },
  },
  {
    title: 'an HL-ADM-009 exception for one namespace that would turn every production namespace to Audit',
    control: 'HL-ADM-009',
    field: 'spec.admission.enforcement.production',
    bad: { spec: admission('enforcement: { production: Audit }'), exceptions: ex('HL-ADM-009', ['payments']) },
    // Scoped as written: production stays Enforce and only payments audits.
    good: { spec: admission('enforcement: { production: Enforce }'), exceptions: ex('HL-ADM-009', ['payments']) },
  },
  {
    title: 'admission.enforcement.production: Audit with HL-ADM-009 excepted in every production namespace by name (the tier setting needs a tier-wide exception)',
    control: 'HL-ADM-009',
    field: 'spec.admission.enforcement.production',
    bad: { spec: admission('enforcement: { production: Audit }'), exceptions: ex('HL-ADM-009', ['checkout', 'payments']) },
    good: { spec: admission('enforcement: { production: Audit }'), exceptions: ex('HL-ADM-009') },
  },
  {
    title: 'an exception that expires 9999-12-31',
    control: 'HL-POD-001',
    field: 'spec.exceptions[0].expires',
    bad: { namespaces: [...NAMESPACES, '      podSecurity: restricted', '    - name: legacy', '      podSecurity: baseline'], exceptions: ex('HL-POD-001', ['legacy'], { expires: '9999-12-31' }) },
    good: { namespaces: [...NAMESPACES, '      podSecurity: restricted', '    - name: legacy', '      podSecurity: baseline'], exceptions: ex('HL-POD-001', ['legacy']) },
  },
  {
    title: 'an exception whose reason is only zero-width spaces',
    control: 'HL-POD-001',
    field: 'spec.exceptions[0].reason',
    bad: { namespaces: [...NAMESPACES, '    - name: legacy', '      podSecurity: baseline'], exceptions: ex('HL-POD-001', ['legacy'], { reason: ZW }) },
    good: { namespaces: [...NAMESPACES, '    - name: legacy', '      podSecurity: baseline'], exceptions: ex('HL-POD-001', ['legacy']) },
  },
  {
    title: 'an exception whose owner is only zero-width spaces',
    control: 'HL-POD-001',
    field: 'spec.exceptions[0].owner',
    bad: { namespaces: [...NAMESPACES, '    - name: legacy', '      podSecurity: baseline'], exceptions: ex('HL-POD-001', ['legacy'], { owner: '\u200B\u200D' }) },
    good: { namespaces: [...NAMESPACES, '    - name: legacy', '      podSecurity: baseline'], exceptions: ex('HL-POD-001', ['legacy']) },
  },
  {
    title: 'an exception beyond the profile\'s lower lifetime limit (exceptionPolicy.maxDays: 30)',
    control: 'HL-POD-001',
    field: 'spec.exceptions[0].expires',
    bad: { spec: ['  exceptionPolicy: { maxDays: 30 }'], namespaces: [...NAMESPACES, '    - name: legacy', '      podSecurity: baseline'], exceptions: ex('HL-POD-001', ['legacy']) },
    good: {
      spec: ['  exceptionPolicy: { maxDays: 30 }'],
      namespaces: [...NAMESPACES, '    - name: legacy', '      podSecurity: baseline'],
      exceptions: ex('HL-POD-001', ['legacy'], { expires: '2026-12-20' }),
    },
    // With maxDays 30 every allowed exception expires within the 30-day expiry-warning window.
    goodStderr: /^warning: profile "guard-rails": the exception for HL-POD-001 \(namespaces legacy\) expires in 27 days \(2026-12-20\); [^\n]*\n$/,
  },
  {
    title: 'a kube- prefixed namespace (fixed by renaming it: Kubernetes reserves the prefix, no exception applies)',
    control: 'HL-NS-001',
    field: 'spec.namespaces[3].name',
    bad: { namespaces: [...NAMESPACES, '    - name: kube-extras'] },
    good: { namespaces: [...NAMESPACES, '    - name: extras'] },
  },
];

describe('guard rails that hold (issue 13): refused at file:line:column with the field and control, accepted with a valid exception', () => {
  let work: string;
  let out: string;
  let before: ReturnType<typeof readTree>;
  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hardline-guard-rails-'));
    out = path.join(work, 'dist');
    fs.writeFileSync(path.join(work, 'base.yaml'), profile({}));
    const r = await cli('synth', '--profile', path.join(work, 'base.yaml'), '--out', out, '--date', TODAY);
    expect(r.stderr).toBe('');
    before = readTree(out);
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  test.each(CASES.map((c) => [c.title, c]))('%s', async (_title, c) => {
    const bad = path.join(work, 'bad.yaml');
    const text = profile(c.bad);
    fs.writeFileSync(bad, text);
    for (const command of ['validate', 'synth']) {
      const r = await cli(command, '--profile', bad, ...(command === 'synth' ? ['--out', out] : []), '--date', TODAY);
      expect({ command, code: r.code }).toEqual({ command, code: 1 });
      const line = r.stderr.split('\n').find((l) => l.includes(`: ${c.field}: `));
      expect({ stderr: r.stderr, located: line?.match(/bad\.yaml:(\d+):(\d+): /) !== null && line !== undefined }).toEqual({ stderr: r.stderr, located: true });
      expect(line).toContain(c.control);
      const [, l, col] = /bad\.yaml:(\d+):(\d+): /.exec(line!)!;
      expect(Number(l)).toBeGreaterThan(5);
      expect(text.split('\n')[Number(l) - 1].length).toBeGreaterThanOrEqual(Number(col) - 1);
      expect(r.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
    }
    expect(readTree(out)).toEqual(before);

    const good = path.join(work, 'good.yaml');
    fs.writeFileSync(good, profile(c.good));
    const ok = await cli('synth', '--profile', good, '--out', path.join(work, 'good-out'), '--date', TODAY);
    expect(ok.code).toBe(0);
    if (c.goodStderr) expect(ok.stderr).toMatch(c.goodStderr);
    else expect(ok.stderr).toBe('');
  });
});
