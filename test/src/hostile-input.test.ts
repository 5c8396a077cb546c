/**
 * Hostile and broken input, table-driven through the in-process CLI (`run(argv, io)`): every
 * case must fail with a clear, located message, exit 1 (usage errors 2), print no stack trace and
 * no raw control character, write nothing anywhere in its work directory and leave the previous
 * output byte-for-byte; and `validate` must fail on it with the same message as `synth`.
 */
// The real module object (not an `import *` copy), so jest.spyOn reaches the code under test.
import fs = require('fs');
import * as os from 'os';
import * as path from 'path';
import { MAX_PROFILE_BYTES } from '../../src/profile/yaml-source';
import { comparable, snapshotTree } from '../helpers/tree';
import { cli as runCli } from '../helpers/cli';

/** The CLI with an argv array. */
const cli = (argv: string[]) => runCli(...argv);

/** A case's sandbox: `root/` holds profiles, `out/` a previous hardline output. */
interface Work {
  readonly dir: string;
  readonly root: string;
  readonly out: string;
  /** Absolute path of a file under root/. */
  readonly at: (rel: string) => string;
}

interface Case {
  readonly name: string;
  /** Files to create under root/ before the run. */
  readonly files?: Record<string, string | Buffer>;
  /** Extra setup (symlinks, directories). */
  readonly setup?: (w: Work) => void;
  /** The argv; `--out` defaults to the previous output. */
  readonly argv: (w: Work) => string[];
  readonly code: 1 | 2;
  readonly stderr: RegExp;
}

/** A valid profile; `spec` lines replace the default namespaces block, `top` adds top-level lines. */
function profile(opts: { name?: string; cluster?: string; spec?: string[]; top?: string[] } = {}): string {
  return [
    'apiVersion: hardline.dev/v1alpha1',
    'kind: Profile',
    `metadata: { name: ${opts.name ?? 'hostile'} }`,
    ...(opts.top ?? []),
    'spec:',
    `  cluster: { name: ${opts.cluster ?? 'c1'}, kubernetesVersion: "1.28" }`,
    ...(opts.spec ?? ['  namespaces:', '    - name: api', '      tier: staging']),
    '',
  ].join('\n');
}

const exception = (expires: string) => [
  '  namespaces:',
  '    - name: legacy',
  '      podSecurity: baseline',
  '  exceptions:',
  '    - control: HL-POD-001',
  '      namespaces: [legacy]',
  '      reason: "vendor image runs as root (SEC-1)"',
  '      owner: me@acme.example',
  `      expires: ${expires}`,
  '      approvedBy: ciso@acme.example',
  '      ticket: SEC-1',
  '      scope: namespace',
];

const billionLaughs = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`),
  '',
].join('\n');

/** A case: namespace api with `labels` (a YAML flow mapping), refused at line 8 with `stderr` after the field path's start. */
function labelCase(name: string, labels: string, stderr: RegExp): Case[] {
  return [{
    name,
    files: { 'bad.yaml': profile({ spec: ['  namespaces:', '    - name: api', `      labels: ${labels}`] }) },
    argv: (w) => synth(w, 'bad.yaml'),
    code: 1,
    stderr: new RegExp(`bad\\.yaml:8:\\d+: spec\\.namespaces\\[0\\]\\.${stderr.source}`),
  }];
}

const synth = (w: Work, file: string, ...more: string[]) => ['synth', '--profile', w.at(file), '--out', w.out, '--date', '2026-11-23', ...more];

const CASES: Case[] = [
  // YAML itself
  { name: 'YAML syntax error (unclosed flow mapping)', files: { 'bad.yaml': 'apiVersion: x\nmetadata: { name: a\n' }, argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /bad\.yaml:\d+:\d+: YAML: / },
  { name: 'YAML syntax error (bad indentation)', files: { 'bad.yaml': profile().replace('    - name: api', '   - name: api') }, argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /bad\.yaml:\d+:\d+: YAML: / },
  { name: 'tab indentation', files: { 'bad.yaml': profile().replace('    - name: api', '\t- name: api') }, argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /bad\.yaml:\d+:\d+: YAML: / },
  { name: 'duplicate keys', files: { 'bad.yaml': profile().replace('kind: Profile', 'kind: Profile\nkind: Profile') }, argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /bad\.yaml:3:\d+: YAML: duplicated mapping key/ },
  { name: 'billion laughs (aliases bomb)', files: { 'bad.yaml': billionLaughs }, argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /bad\.yaml:\d+:\d+: YAML: aliases exceeded maxAliases/ },
  { name: 'deep nesting', files: { 'bad.yaml': `a: ${'['.repeat(5000)}${']'.repeat(5000)}\n` }, argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /bad\.yaml:1:\d+: YAML: nesting exceeded maxDepth/ },
  {
    name: 'huge sparse file (refused before it is read)',
    setup: (w) => {
      const fd = fs.openSync(w.at('huge.yaml'), 'w');
      fs.ftruncateSync(fd, 8 * 1024 * 1024 * 1024); // 8 GiB of holes: reading it would exhaust memory
      fs.closeSync(fd);
    },
    argv: (w) => synth(w, 'huge.yaml'), code: 1, stderr: /huge\.yaml:1:1: file is larger than 4 MiB/,
  },
  { name: 'huge file', files: { 'bad.yaml': profile() + `# ${'x'.repeat(MAX_PROFILE_BYTES)}\n` }, argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /bad\.yaml:1:1: file is larger than 4 MiB/ },
  { name: 'non-UTF-8 bytes', files: { 'bad.yaml': Buffer.concat([Buffer.from(profile().replace('api', 'ap')), Buffer.from([0xff, 0xfe, 0x0a])]) }, argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /bad\.yaml:\d+:\d+: file is not valid UTF-8/ },
  { name: 'an overlong UTF-8 sequence (C0 AF for "/")', files: { 'bad.yaml': Buffer.concat([Buffer.from(profile()), Buffer.from('# '), Buffer.from([0xc0, 0xaf, 0x0a])]) }, argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /bad\.yaml:9:3: file is not valid UTF-8/ },
  { name: 'a UTF-8 encoded surrogate (ED A0 80)', files: { 'bad.yaml': Buffer.concat([Buffer.from('# '), Buffer.from([0xed, 0xa0, 0x80, 0x0a]), Buffer.from(profile())]) }, argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /bad\.yaml:1:3: file is not valid UTF-8/ },
  { name: 'CR-only line endings are located at the right line', files: { 'bad.yaml': profile().replace('tier: staging', 'tier: stagign').replace(/\n/g, '\r') }, argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /bad\.yaml:8:13: spec\.namespaces\[0\]\.tier: must be one of/ },
  {
    name: 'a backup schedule defaulting to production namespaces when there are none',
    files: { 'bad.yaml': profile({ spec: ['  namespaces: [{ name: api, tier: staging }]', '  backup: { schedules: [{ name: d, schedule: "0 2 * * *", retentionDays: 7 }] }'] }) },
    argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /bad\.yaml:7:\d+: spec\.backup\.schedules\[0\]\.name: backup schedule "d" would back up no namespace/,
  },
  { name: 'NUL byte', files: { 'bad.yaml': profile().replace('name: api', 'name: a\u0000pi') }, argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /bad\.yaml:\d+:\d+: YAML: null byte/ },
  { name: 'empty file', files: { 'bad.yaml': '' }, argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /bad\.yaml:1:1: file is empty/ },
  { name: 'multi-document file', files: { 'bad.yaml': `${profile()}---\n${profile()}` }, argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /bad\.yaml:1:1: file holds several YAML documents/ },
  { name: 'a scalar instead of a mapping', files: { 'bad.yaml': 'just a string\n' }, argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /bad\.yaml:1:1: must be an object/ },
  // schema
  { name: 'wrong type: namespaces is a string', files: { 'bad.yaml': profile({ spec: ['  namespaces: api'] }) }, argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /bad\.yaml:6:15: spec\.namespaces: must be an array/ },
  { name: 'wrong type: a label value is a number', files: { 'bad.yaml': profile({ spec: ['  namespaces:', '    - name: api', '      labels: { team: 5 }'] }) }, argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /bad\.yaml:8:23: spec\.namespaces\[0\]\.labels\.team: must be a string/ },
  { name: 'unquoted Kubernetes version', files: { 'bad.yaml': profile().replace('"1.28"', '1.30') }, argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /spec\.cluster\.kubernetesVersion: must be a string such as "1\.28" \(quote it/ },
  { name: 'unknown top-level field', files: { 'bad.yaml': profile({ top: ['specs: {}'] }) }, argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /bad\.yaml:4:1: specs: unknown field "specs"/ },
  { name: 'unknown namespace field', files: { 'bad.yaml': profile({ spec: ['  namespaces:', '    - name: api', '      teir: staging'] }) }, argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /bad\.yaml:8:7: spec\.namespaces\[0\]\.teir: unknown field "teir"/ },
  // names
  { name: 'namespace name not DNS-1123', files: { 'bad.yaml': profile({ spec: ['  namespaces:', '    - name: Team_A'] }) }, argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /bad\.yaml:7:13: spec\.namespaces\[0\]\.name: "Team_A" is not a DNS-1123 label.*Did you mean "team-a"\?/ },
  { name: 'namespace name longer than 63', files: { 'bad.yaml': profile({ spec: ['  namespaces:', `    - name: ${'a'.repeat(64)}`] }) }, argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /spec\.namespaces\[0\]\.name: "a{64}" is 64 characters long/ },
  { name: 'reserved namespace', files: { 'bad.yaml': profile({ spec: ['  namespaces:', '    - name: kube-system'] }) }, argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /spec\.namespaces\[0\]\.name: "kube-system" is reserved/ },
  { name: 'profile name not DNS-1123', files: { 'bad.yaml': profile({ name: 'Bad Name' }) }, argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /bad\.yaml:3:\d+: metadata\.name: "Bad Name" is not a DNS-1123 label/ },
  { name: 'cluster name that would escape the fleet folder', files: { 'bad.yaml': profile({ cluster: '"../escape"' }) }, argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /bad\.yaml:5:\d+: spec\.cluster\.name: "\.\.\/escape" is not a usable cluster name/ },
  // exceptions
  { name: 'expired exception', files: { 'bad.yaml': profile({ spec: exception('2026-11-22') }) }, argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /bad\.yaml:14:16: spec\.exceptions\[0\]\.expires: exception for HL-POD-001 expired on 2026-11-22/ },
  { name: 'exception date 2026-02-30', files: { 'bad.yaml': profile({ spec: exception('2026-02-30') }) }, argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /bad\.yaml:14:16: spec\.exceptions\[0\]\.expires: must be a calendar date written YYYY-MM-DD/ },
  { name: 'exception date 2026-13-01', files: { 'bad.yaml': profile({ spec: exception('2026-13-01') }) }, argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /spec\.exceptions\[0\]\.expires: must be a calendar date/ },
  { name: 'exception date "tomorrow"', files: { 'bad.yaml': profile({ spec: exception('tomorrow') }) }, argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /spec\.exceptions\[0\]\.expires: must be a calendar date/ },
  { name: 'exception for an unknown control', files: { 'bad.yaml': profile({ spec: exception('2027-01-01') }).replace('HL-POD-001', 'HL-NOPE-001') }, argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /spec\.exceptions\[0\]\.control: unknown control "HL-NOPE-001"/ },
  // extends
  { name: 'missing extends file', files: { 'bad.yaml': profile({ top: ['extends: [./base.yaml]'] }) }, argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /bad\.yaml:4:11: extends\[0\]: cannot read .*base\.yaml: no such file/ },
  { name: 'extends itself', files: { 'bad.yaml': profile({ top: ['extends: [./bad.yaml]'] }) }, argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /extends\[0\]: "\.\/bad\.yaml" extends itself through bad\.yaml/ },
  {
    name: 'cyclic extends',
    files: { 'a.yaml': profile({ top: ['extends: [./b.yaml]'] }), 'b.yaml': profile({ top: ['extends: [./a.yaml]'] }) },
    argv: (w) => synth(w, 'a.yaml'), code: 1, stderr: /b\.yaml:4:11: extends\[0\]: "\.\/a\.yaml" extends itself through a\.yaml → b\.yaml/,
  },
  { name: 'extends path traversal (../../etc)', files: { 'bad.yaml': profile({ top: ['extends: [../../../../../../etc/hardline.yaml]'] }) }, argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /bad\.yaml:4:11: extends\[0\]: ".*etc\/hardline\.yaml" resolves to \/etc\/hardline\.yaml, outside the root profile's directory tree/ },
  { name: 'extends an absolute path outside', files: { 'bad.yaml': profile({ top: ['extends: [/etc/hardline.yaml]'] }) }, argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /extends\[0\]: "\/etc\/hardline\.yaml" resolves to .*outside/ },
  {
    name: 'extends through a symlink that escapes the tree',
    files: { 'bad.yaml': profile({ top: ['extends: [./link.yaml]'] }) },
    setup: (w) => {
      fs.writeFileSync(path.join(w.dir, 'outside.yaml'), profile());
      fs.symlinkSync(path.join(w.dir, 'outside.yaml'), w.at('link.yaml'));
    },
    argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /extends\[0\]: "\.\/link\.yaml" resolves to .*outside\.yaml, outside the root profile's directory tree/,
  },
  { name: 'extends a URL', files: { 'bad.yaml': profile({ top: ['extends: ["http://evil.example/p"]'] }) }, argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /extends\[0\]: "http:\/\/evil\.example\/p" is neither a shipped profile nor a \.yaml path/ },
  { name: 'extends a directory', files: { 'bad.yaml': profile({ top: ['extends: [./sub.yaml]'] }) }, setup: (w) => fs.mkdirSync(w.at('sub.yaml')), argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /bad\.yaml:4:11: extends\[0\]: .*sub\.yaml is not a file/ },
  // the profile argument
  { name: 'missing profile file', argv: (w) => synth(w, 'nope.yaml'), code: 1, stderr: /nope\.yaml:1:1: cannot read .*nope\.yaml: no such file/ },
  { name: 'a directory without profiles', setup: (w) => fs.mkdirSync(w.at('empty')), argv: (w) => synth(w, 'empty'), code: 1, stderr: /empty is a directory without \*\.yaml profiles/ },
  { name: 'a fifo instead of a file', setup: (w) => fs.symlinkSync('/dev/null', w.at('null.yaml')), argv: (w) => synth(w, 'null.yaml'), code: 1, stderr: /null\.yaml:1:1: .*null\.yaml is not a file/ },
  // --out
  { name: '--out is the filesystem root', files: { 'p.yaml': profile() }, argv: (w) => [...synth(w, 'p.yaml'), '--out', '/'], code: 1, stderr: /refusing to use \/ as the output directory: it is the filesystem root/ },
  { name: '--out is the home directory', files: { 'p.yaml': profile() }, argv: (w) => [...synth(w, 'p.yaml'), '--out', os.homedir()], code: 1, stderr: /it is the home directory/ },
  { name: '--out is an ancestor of the working directory', files: { 'p.yaml': profile() }, argv: (w) => [...synth(w, 'p.yaml'), '--out', '..'], code: 1, stderr: /refusing to use \.\. as the output directory: it is the working directory or one of its ancestors/ },
  { name: "--out is the profile's own directory", files: { 'p.yaml': profile() }, argv: (w) => [...synth(w, 'p.yaml'), '--out', w.root], code: 1, stderr: /it contains the profile .*p\.yaml, which the swap would delete/ },
  {
    name: '--out traverses (../..) into a directory hardline did not write',
    files: { 'p.yaml': profile() },
    setup: (w) => {
      fs.mkdirSync(path.join(w.dir, 'etc'));
      fs.writeFileSync(path.join(w.dir, 'etc', 'passwd'), 'root:x:0:0');
    },
    argv: (w) => [...synth(w, 'p.yaml'), '--out', path.relative(process.cwd(), path.join(w.dir, 'root', '..', 'etc'))],
    code: 1, stderr: /refusing to replace .*etc: it is not empty and was not written by hardline/,
  },
  { name: '--out is a file', files: { 'p.yaml': profile() }, setup: (w) => fs.writeFileSync(path.join(w.dir, 'file'), 'x'), argv: (w) => [...synth(w, 'p.yaml'), '--out', path.join(w.dir, 'file')], code: 1, stderr: /file exists and is not a directory/ },
  // fleets
  {
    name: 'fleet: one bad profile fails the whole run',
    files: { 'fleet/a.yaml': profile({ cluster: 'a' }), 'fleet/b.yaml': profile({ cluster: 'b' }).replace('tier: staging', 'tier: stagign') },
    argv: (w) => synth(w, 'fleet'), code: 1, stderr: /fleet\/b\.yaml:8:13: spec\.namespaces\[0\]\.tier: must be one of/,
  },
  {
    name: 'fleet: two profiles for one cluster',
    files: { 'a.yaml': profile({ cluster: 'prod' }), 'b.yaml': profile({ cluster: 'Prod' }) },
    argv: (w) => [...synth(w, 'a.yaml'), '--profile', w.at('b.yaml')], code: 1, stderr: /b\.yaml:5:\d+: spec\.cluster\.name: cluster "Prod" is already the cluster of .*a\.yaml/,
  },
  // issue 18: encryption at rest, signed images, owners
  {
    name: 'encryption: a KMS endpoint that injects YAML',
    files: { 'a.yaml': profile({ spec: ['  namespaces: [{ name: api }]', '  encryption:', '    kms: { name: k, endpoint: "unix:///s.sock\\n- identity: {}" }'] }) },
    argv: (w) => synth(w, 'a.yaml'), code: 1, stderr: /a\.yaml:8:\d+: spec\.encryption\.kms\.endpoint: /,
  },
  {
    name: 'encryption: identity only is refused with its location',
    files: { 'b.yaml': profile({ spec: ['  namespaces: [{ name: api }]', '  encryption: { readUnencrypted: true }'] }) },
    argv: (w) => synth(w, 'b.yaml'), code: 1, stderr: /b\.yaml:7:\d+: spec\.encryption: encryption declares no provider that encrypts/,
  },
  {
    name: 'signed images: a quote in an image pattern (it would break out of the CEL string)',
    files: { 'p.yaml': profile({ spec: ['  namespaces: [{ name: api }]', '  admission:', '    imageSignatures:', `      - { name: x, images: ["ghcr.io/x'/*"] }`] }) },
    argv: (w) => synth(w, 'p.yaml'), code: 1, stderr: /p\.yaml:9:\d+: spec\.admission\.imageSignatures\[0\]\.images\[0\]: /,
  },
  {
    name: 'write access in production without an owner',
    files: {
      'p.yaml': profile({
        spec: ['  namespaces: [{ name: api, serviceAccounts: [{ name: ci }] }]', '  rbac:', '    bindings:', '      - { namespaces: [api], access: deployer, subjects: [{ kind: ServiceAccount, name: ci }] }'],
      }),
    },
    argv: (w) => synth(w, 'p.yaml'), code: 1, stderr: /p\.yaml:9:\d+: spec\.rbac\.bindings\[0\]\.subjects\[0\]: ServiceAccount "ci" gets deployer access in production \(api\) but names no owner/,
  },
  // validate said ok where synth crashed (issue 14)
  {
    name: 'an API server CIDR that is the metadata address',
    files: { 'bad.yaml': profile({ spec: ['  cluster: { name: c1, kubernetesVersion: "1.28", apiServer: { cidrs: [169.254.169.254/32] } }', '  namespaces:', '    - name: api', '      allow:', '        egress: [{ name: to-api, podSelector: { app: x }, apiServer: true }]'] }).replace('  cluster: { name: c1, kubernetesVersion: "1.28" }\n', '') },
    argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /bad\.yaml:5:\d+: spec\.cluster\.apiServer\.cidrs\[0\]: "169\.254\.169\.254\/32" holds 169\.254\.169\.254, the cloud metadata endpoint/,
  },
  {
    name: 'two exceptions for the same control and namespace',
    files: { 'bad.yaml': profile({ top: [], spec: [...exception('2027-01-01'), '    - { control: HL-POD-001, namespaces: [legacy], reason: "vendor image runs as root (SEC-2)", owner: me@acme.example, expires: 2027-01-01, approvedBy: ciso@acme.example, ticket: SEC-2, scope: namespace }'] }).replace('spec:', 'spec:\n  admission: { kyvernoVersion: "1.17" }') },
    argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /bad\.yaml:19:\d+: spec\.exceptions\[1\]\.namespaces\[0\]: HL-POD-001 is already excepted for namespace "legacy" at .*bad\.yaml:11/,
  },
  {
    name: 'a namespace listed twice in one exception',
    files: { 'bad.yaml': profile({ spec: exception('2027-01-01').map((l) => l.replace('[legacy]', '[legacy, legacy]')) }).replace('spec:', 'spec:\n  admission: { kyvernoVersion: "1.17" }') },
    argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /bad\.yaml:12:\d+: spec\.exceptions\[0\]\.namespaces\[1\]: namespace "legacy" is listed twice in this exception/,
  },
  {
    name: 'a global and a scoped exception for the same control',
    files: { 'bad.yaml': profile({ spec: [...exception('2027-01-01'), '    - { control: HL-POD-001, reason: "vendor image runs as root (SEC-2)", owner: me@acme.example, expires: 2027-01-01, approvedBy: ciso@acme.example, ticket: SEC-2, scope: namespace }'] }).replace('spec:', 'spec:\n  admission: { kyvernoVersion: "1.17" }') },
    argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /bad\.yaml:19:\d+: spec\.exceptions\[1\]\.control: HL-POD-001 is already excepted at .*bad\.yaml:11; a cluster-wide exception covers every namespace/,
  },
  {
    name: 'fleet: a cluster named like the fleet index',
    files: { 'fleet/a.yaml': profile({ cluster: 'fleet.yaml' }), 'fleet/b.yaml': profile({ cluster: 'b' }) },
    argv: (w) => synth(w, 'fleet'), code: 1, stderr: /fleet\/a\.yaml:5:\d+: spec\.cluster\.name: cluster "fleet\.yaml" would name its fleet folder like the fleet index/,
  },
  // values that reach manifests: Kubernetes' own rules (issue 14)
  ...labelCase('a label value with NUL', '{ team: "a\\0b" }', /labels\.team: label value "a\\u0000b" of "team" is invalid/),
  ...labelCase('a label key with a newline', '{ "a\\nb": x }', /labels\["a\\nb"\]: label key "a\\nb" is invalid/),
  ...labelCase('a label value with < and >', '{ team: "<b>" }', /labels\.team: label value "<b>" of "team" is invalid/),
  ...labelCase('an empty label key', '{ "": x }', /labels\[""\]: label key "" is invalid/),
  ...labelCase('a label key a/b/c', '{ a/b/c: x }', /labels\["a\/b\/c"\]: label key "a\/b\/c" has an invalid prefix/),
  ...labelCase('a 300-character label value', `{ team: ${'v'.repeat(300)} }`, /labels\.team: label value "v{300}" of "team" is invalid: at most 63/),
  ...labelCase('__proto__ as a label key (kept as data, refused)', '{ __proto__: x }', /labels\.__proto__: label key "__proto__" is invalid/),
  ...labelCase('an ESC sequence in a label key (shown escaped)', '{ "t\\e[31mred": x }', /labels\["t\\u001b\[31mred"\]: label key/),
  ...labelCase('a label hardline sets itself', '{ pod-security.kubernetes.io/enforce: privileged }', /labels\["pod-security\.kubernetes\.io\/enforce"\]: label key .* is set by hardline or Kubernetes itself/),
  {
    name: '__proto__ as a matchLabels key (would select every pod)',
    files: { 'bad.yaml': profile({ spec: ['  namespaces:', '    - name: api', '      workloads: [{ name: w, selector: { matchLabels: { __proto__: x } }, replicas: 2, minAvailable: 1 }]'] }) },
    argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /bad\.yaml:8:\d+: spec\.namespaces\[0\]\.workloads\[0\]\.selector\.matchLabels\.__proto__: label key "__proto__" is invalid/,
  },
  ...['1.028', '1.27', '1.37', '1.30.1', '01.30'].map((v): Case => ({
    name: `kubernetesVersion "${v}"`,
    files: { 'bad.yaml': profile().replace('"1.28"', `"${v}"`) },
    argv: (w) => synth(w, 'bad.yaml'), code: 1,
    stderr: new RegExp(`bad\\.yaml:5:\\d+: spec\\.cluster\\.kubernetesVersion: "${v.replace(/\./g, '\\.')}" is not a supported Kubernetes minor version; hardline supports 1\\.28 to 1\\.36`),
  })),
  {
    name: 'an invalid backup storage location name',
    files: { 'bad.yaml': profile({ spec: ['  namespaces: [{ name: api, tier: staging }]', '  backup: { storageLocation: Bad_Name, schedules: [{ name: d, schedule: "0 2 * * *", retentionDays: 7 }] }'] }) },
    argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /bad\.yaml:7:\d+: spec\.backup\.storageLocation: BackupStorageLocation name "Bad_Name" is not a DNS-1123 subdomain/,
  },
  {
    name: 'two backup schedules with the same name',
    files: { 'bad.yaml': profile({ spec: ['  namespaces: [{ name: api, tier: staging }]', '  backup:', '    schedules:', '      - { name: d, schedule: "0 2 * * *", retentionDays: 7 }', '      - { name: d, schedule: "0 3 * * *", retentionDays: 9 }'] }) },
    argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /bad\.yaml:10:\d+: spec\.backup\.schedules\[1\]\.name: backup schedule "d" is declared twice \(first on line 9\)/,
  },
  // bounded cost: free text has a length limit (issue 14)
  { name: 'a 3.9 MB exception reason', files: { 'bad.yaml': profile({ spec: exception('2027-01-01').map((l) => l.replace('vendor image runs as root (SEC-1)', 'r'.repeat(3_900_000))) }) }, argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /bad\.yaml:12:\d+: spec\.exceptions\[0\]\.reason: must be at most 1000 characters long\n$/ },
  { name: 'a 300-character owner', files: { 'bad.yaml': profile({ spec: exception('2027-01-01').map((l) => l.replace('me@acme.example', `${'o'.repeat(290)}@acme.example`)) }) }, argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /bad\.yaml:13:\d+: spec\.exceptions\[0\]\.owner: must be at most 200 characters long/ },
  { name: 'a 5,000-character description', files: { 'bad.yaml': profile().replace('metadata: { name: hostile }', `metadata: { name: hostile, description: ${'d'.repeat(5000)} }`) }, argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /bad\.yaml:3:\d+: metadata\.description: must be at most 1000 characters long/ },
  { name: 'an ESC sequence in an exception owner', files: { 'bad.yaml': profile({ spec: exception('2027-01-01').map((l) => l.replace('me@acme.example', '"me\\e]0;pwned\\a@acme.example"')) }) }, argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /bad\.yaml:13:\d+: spec\.exceptions\[0\]\.owner: must not contain control characters/ },
  { name: 'a CR in an exception reason (fakes a log line)', files: { 'bad.yaml': profile({ spec: exception('2027-01-01').map((l) => l.replace('(SEC-1)', '(SEC-1)\\rok: all good')) }) }, argv: (w) => synth(w, 'bad.yaml'), code: 1, stderr: /bad\.yaml:12:\d+: spec\.exceptions\[0\]\.reason: must not contain control characters/ },
  // files (issue 14)
  { name: 'report --out onto its own profile', files: { 'p.yaml': profile() }, argv: (w) => ['report', '--profile', w.at('p.yaml'), '--out', w.at('p.yaml'), '--date', '2026-11-23'], code: 1, stderr: /refusing to write the report to .*p\.yaml: it is the profile .*p\.yaml, which hardline reads/ },
  {
    name: 'report --out onto a base the profile extends (through a symlink)',
    files: { 'p.yaml': profile({ top: ['extends: [./base.yaml]'] }), 'base.yaml': profile({ name: 'base' }) },
    setup: (w) => fs.symlinkSync(w.at('base.yaml'), w.at('link.md')),
    argv: (w) => ['report', '--profile', w.at('p.yaml'), '--out', w.at('link.md'), '--date', '2026-11-23'], code: 1, stderr: /refusing to write the report to .*link\.md: it is the profile .*base\.yaml/,
  },
  { name: 'report --date 2026-02-31 is a usage error, as in synth', files: { 'p.yaml': profile() }, argv: (w) => ['report', '--profile', w.at('p.yaml'), '--date', '2026-02-31'], code: 2, stderr: /option '--date <YYYY-MM-DD>' argument '2026-02-31' is invalid\. "2026-02-31" is not a calendar date/ },
  { name: 'validate --date 2026-02-31 is a usage error, as in synth', files: { 'p.yaml': profile() }, argv: (w) => ['validate', '--profile', w.at('p.yaml'), '--date', '2026-02-31'], code: 2, stderr: /"2026-02-31" is not a calendar date/ },
  {
    name: 'two sibling bases declaring one namespace differently',
    files: {
      'leaf.yaml': profile({ top: ['extends: [./prod.yaml, ./dev.yaml]'], spec: ['  namespaces: [{ name: api, tier: staging }]'] }),
      'prod.yaml': 'apiVersion: hardline.dev/v1alpha1\nkind: Profile\nmetadata: { name: prod }\nspec:\n  namespaces:\n    - { name: shared, tier: production }\n',
      'dev.yaml': 'apiVersion: hardline.dev/v1alpha1\nkind: Profile\nmetadata: { name: dev }\nspec:\n  namespaces:\n    - { name: shared, tier: development }\n',
    },
    argv: (w) => synth(w, 'leaf.yaml'), code: 1, stderr: /dev\.yaml:6:\d+: spec\.namespaces\[0\]\.name: namespace "shared" is also declared, differently, by .*prod\.yaml:6, and neither file extends the other/,
  },
  // usage
  { name: '--date that is not a calendar day', files: { 'p.yaml': profile() }, argv: (w) => [...synth(w, 'p.yaml'), '--date', '2026-02-30'], code: 2, stderr: /option '--date <YYYY-MM-DD>' argument '2026-02-30' is invalid\. "2026-02-30" is not a calendar date/ },
  { name: '--date "tomorrow"', files: { 'p.yaml': profile() }, argv: (w) => [...synth(w, 'p.yaml'), '--date', 'tomorrow'], code: 2, stderr: /"tomorrow" is not a calendar date/ },
  { name: 'unknown option', files: { 'p.yaml': profile() }, argv: (w) => [...synth(w, 'p.yaml'), '--force'], code: 2, stderr: /unknown option '--force'/ },
];

/** Control characters other than newline: never printed raw. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

/** The `validate` argv for a `synth` argv: the same profiles and date, no `--out`. */
function validateArgv(argv: readonly string[]): string[] {
  const out = argv.indexOf('--out');
  return ['validate', ...argv.slice(1, out), ...argv.slice(out + 2)];
}

function makeWork(): Work {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hardline-hostile-'));
  const root = path.join(dir, 'root');
  fs.mkdirSync(root);
  return { dir, root, out: path.join(dir, 'out'), at: (rel) => path.join(root, rel) };
}

/** Hidden temp dirs hardline would leave next to an output directory. */
const tempDirsIn = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.startsWith('.hardline-')) : []);

describe('hostile and broken input', () => {
  let w: Work;
  beforeEach(async () => {
    w = makeWork();
    fs.writeFileSync(w.at('previous.yaml'), profile({ name: 'previous' }));
    const first = await cli(['synth', '--profile', w.at('previous.yaml'), '--out', w.out, '--date', '2026-11-23']);
    expect(first).toMatchObject({ code: 0, stderr: '' });
  });
  afterEach(() => fs.rmSync(w.dir, { recursive: true, force: true }));

  test('the table has at least 60 cases (issue 14)', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
  });

  test.each(CASES.map((c) => [c.name, c]))('%s', async (_, c) => {
    for (const [rel, body] of Object.entries(c.files ?? {})) {
      fs.mkdirSync(path.dirname(w.at(rel)), { recursive: true });
      fs.writeFileSync(w.at(rel), body);
    }
    c.setup?.(w);
    const argv = c.argv(w);
    const outArg = argv[argv.lastIndexOf('--out') + 1];
    const outParent = path.dirname(path.resolve(outArg));
    const before = snapshotTree(w.dir);
    const tempsBefore = tempDirsIn(outParent);

    const r = await cli(argv);

    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: c.code, stderr: expect.stringMatching(c.stderr) });
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.stderr).not.toMatch(RAW_CONTROL); // no terminal or CI-log spoofing
    expect(snapshotTree(w.dir)).toEqual(before); // previous output untouched, nothing else written
    expect(tempDirsIn(outParent)).toEqual(tempsBefore);

    // validate fails on everything synth fails on (a profile problem, not a usage or --out error), with the same message.
    if (argv[0] === 'synth' && c.code === 1 && argv.filter((a) => a === '--out').length === 1) {
      const v = await cli(validateArgv(argv));
      expect({ code: v.code, stderr: v.stderr }).toEqual({ code: 1, stderr: r.stderr });
      expect(v.stdout).toBe('');
      expect(snapshotTree(w.dir)).toEqual(before);
    }
  });

  test('an unreadable profile is a located error (EACCES injected: root ignores permissions)', async () => {
    fs.writeFileSync(w.at('locked.yaml'), profile());
    const before = snapshotTree(w.dir);
    const real = fs.readFileSync;
    const spy = jest.spyOn(fs, 'readFileSync').mockImplementation(((file: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
      if (String(file).endsWith('locked.yaml')) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      return (real as (...a: unknown[]) => unknown)(file, ...rest);
    }) as typeof fs.readFileSync);
    try {
      const r = await cli(synth(w, 'locked.yaml'));
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/locked\.yaml:1:1: cannot read .*locked\.yaml: EACCES/);
    } finally {
      spy.mockRestore();
    }
    expect(snapshotTree(w.dir)).toEqual(before);
  });

  test('a write failure mid-synth keeps the previous output and leaves no temp dir', async () => {
    const before = snapshotTree(w.out);
    fs.writeFileSync(w.at('next.yaml'), profile({ spec: ['  namespaces:', '    - name: api', '    - name: web', '    - name: jobs'] }));
    const real = fs.writeFileSync;
    let calls = 0;
    const spy = jest.spyOn(fs, 'writeFileSync').mockImplementation(((...args: Parameters<typeof fs.writeFileSync>) => {
      if (++calls === 5) throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });
      return real(...args);
    }) as typeof fs.writeFileSync);
    try {
      const r = await cli(synth(w, 'next.yaml'));
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^error: writing the output failed \(EIO\); .*out was left as it was\n$/);
    } finally {
      spy.mockRestore();
    }
    expect(calls).toBe(5);
    expect(snapshotTree(w.out)).toEqual(before);
    expect(fs.readdirSync(w.dir).sort()).toEqual(['out', 'root']);
  });

  test('a failed synth removes the parent folders it created for --out', async () => {
    fs.writeFileSync(w.at('next.yaml'), profile());
    const out = path.join(w.dir, 'new', 'deeper', 'out');
    const real = fs.writeFileSync;
    let calls = 0;
    const spy = jest.spyOn(fs, 'writeFileSync').mockImplementation(((...args: Parameters<typeof fs.writeFileSync>) => {
      if (++calls === 3) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      return real(...args);
    }) as typeof fs.writeFileSync);
    try {
      const r = await cli(['synth', '--profile', w.at('next.yaml'), '--out', out, '--date', '2026-11-23']);
      expect([r.code, r.stderr]).toEqual([1, expect.stringMatching(/^error: writing the output failed \(ENOSPC\)/)]);
    } finally {
      spy.mockRestore();
    }
    expect(fs.readdirSync(w.dir).sort()).toEqual(['out', 'root']);
  });

  test('a failed synth keeps parent folders that existed before', async () => {
    fs.mkdirSync(path.join(w.dir, 'kept'));
    fs.writeFileSync(w.at('next.yaml'), profile());
    const spy = jest.spyOn(fs, 'writeFileSync').mockImplementation((() => {
      throw Object.assign(new Error('EIO'), { code: 'EIO' });
    }) as typeof fs.writeFileSync);
    try {
      expect((await cli(['synth', '--profile', w.at('next.yaml'), '--out', path.join(w.dir, 'kept', 'a', 'out'), '--date', '2026-11-23'])).code).toBe(1);
    } finally {
      spy.mockRestore();
    }
    expect(fs.readdirSync(path.join(w.dir, 'kept'))).toEqual([]);
  });

  describe('accepted input', () => {
    test.each([
      ['a UTF-8 byte order mark', (t: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t)])],
      ['CRLF line endings', (t: string) => Buffer.from(t.replace(/\n/g, '\r\n'))],
      ['unquoted dates (YAML 1.2 core: they stay strings)', (t: string) => Buffer.from(t)],
      ['CR-only line endings', (t: string) => Buffer.from(t.replace(/\n/g, '\r'))],
      ['U+FFFD written as valid UTF-8 (in a comment)', (t: string) => Buffer.from(`# \uFFFD replacement character\n${t}`)],
    ])('%s synthesizes the same bytes as the plain file', async (_, transform) => {
      const text = profile({ spec: exception('2027-01-31') });
      fs.writeFileSync(w.at('plain.yaml'), text);
      fs.writeFileSync(w.at('odd.yaml'), transform(text));
      const a = await cli(['synth', '--profile', w.at('plain.yaml'), '--out', path.join(w.dir, 'a'), '--date', '2026-11-23']);
      const b = await cli(['synth', '--profile', w.at('odd.yaml'), '--out', path.join(w.dir, 'b'), '--date', '2026-11-23']);
      expect([a.code, b.code, b.stderr]).toEqual([0, 0, '']);
      expect(comparable(snapshotTree(path.join(w.dir, 'b')))).toEqual(comparable(snapshotTree(path.join(w.dir, 'a'))));
    });

    test('user text cannot inject into the reports: CSV formulas, Markdown HTML and block markup', async () => {
      const text = profile({ spec: exception('2027-01-31') })
        .replace('metadata: { name: hostile }', 'metadata: { name: hostile, description: "# <img src=x onerror=alert(1)>" }')
        .replace('"vendor image runs as root (SEC-1)"', '"=HYPERLINK(\\"http://evil.example\\") | <b>x</b>"')
        .replace('me@acme.example', '"@evil-team"');
      fs.writeFileSync(w.at('inject.yaml'), text);
      const r = await cli(synth(w, 'inject.yaml'));
      expect([r.code, r.stderr]).toEqual([0, '']);
      const csv = fs.readFileSync(path.join(w.out, 'compliance', 'report.csv'), 'utf8');
      const md = fs.readFileSync(path.join(w.out, 'compliance', 'report.md'), 'utf8');
      // Every CSV cell starts with a quote mark (inside the RFC 4180 quotes) instead of = or @.
      expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"") | <b>x</b>"`);
      expect(csv).toContain(",'@evil-team,");
      expect(csv).not.toMatch(/(^|,)"?[=@]/m);
      expect(md).toContain('\\# &lt;img src=x onerror=alert(1)&gt;\n');
      expect(md).toContain('| =HYPERLINK("http://evil.example") \\| &lt;b&gt;x&lt;/b&gt; | @evil-team |');
      expect(md).not.toMatch(/<img|<b>/);
    });

    test('sibling bases may agree, and a profile extending both may settle a namespace they disagree on', async () => {
      const base = (name: string, tier: string) => `apiVersion: hardline.dev/v1alpha1\nkind: Profile\nmetadata: { name: ${name} }\nspec:\n  namespaces:\n    - { tier: ${tier}, name: shared }\n`;
      fs.writeFileSync(w.at('a.yaml'), base('a', 'production'));
      fs.writeFileSync(w.at('b.yaml'), base('b', 'production').replace('{ tier: production, name: shared }', '{ name: shared, tier: production }'));
      fs.writeFileSync(w.at('c.yaml'), base('c', 'development'));
      fs.writeFileSync(w.at('agree.yaml'), profile({ top: ['extends: [./a.yaml, ./b.yaml]'] }));
      fs.writeFileSync(w.at('settle.yaml'), profile({ top: ['extends: [./a.yaml, ./c.yaml]'], spec: ['  namespaces: [{ name: shared, tier: staging }]'] }));
      for (const f of ['agree.yaml', 'settle.yaml']) {
        const r = await cli(['validate', '--profile', w.at(f), '--date', '2026-11-23']);
        expect([f, r.code, r.stderr]).toEqual([f, 0, '']);
      }
    });

    test('a CRLF profile still reports problems at the right line and column', async () => {
      fs.writeFileSync(w.at('crlf.yaml'), profile().replace('tier: staging', 'tier: stagign').replace(/\n/g, '\r\n'));
      const r = await cli(synth(w, 'crlf.yaml'));
      expect(r.stderr).toMatch(/crlf\.yaml:8:13: spec\.namespaces\[0\]\.tier: must be one of/);
    });
  });
});
