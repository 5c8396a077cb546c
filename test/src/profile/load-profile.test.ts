// The real module object (not an `import *` copy), so jest.spyOn reaches the loader.
import fs = require('fs');
import * as os from 'os';
import * as path from 'path';
import { exceptionsForNamespace, loadProfile, MAX_PROFILE_FILES, parseProfile } from '../../../src/profile/load-profile';
import { profileYaml, ROOT, TODAY } from '../../helpers/synth';
import { problems } from '../../helpers/profile-problems';

const fixture = (kind: string, name: string) => path.join(ROOT, 'test', 'fixtures', 'profiles', kind, name);
const parse = (text: string, today = TODAY) => parseProfile(text, 'p.yaml', { today, baseDir: ROOT });


describe('loadProfile', () => {
  test('the shipped default profile loads: sorted namespaces, tiers from soc2, CIS 1.10 for Kubernetes 1.28', () => {
    const p = loadProfile(path.join(ROOT, 'profiles', 'default.yaml'), { today: TODAY });
    expect(p.name).toBe('acme-prod');
    expect(p.cisVersion).toBe('1.10');
    expect(p.namespaces.map((n) => n.name)).toEqual([...p.namespaces.map((n) => n.name)].sort());
    expect(p.namespaces.length).toBeGreaterThanOrEqual(4);
    expect(new Set(p.namespaces.map((n) => n.tier))).toEqual(new Set(['production', 'staging', 'development']));
    expect(p.sources.map((s) => path.basename(s))).toEqual(['cis-level1.yaml', 'soc2.yaml', 'default.yaml']);
  });

  test('extends merges bases first: the leaf overrides cluster and namespace entries by name', () => {
    const p = loadProfile(fixture('valid', 'team-leaf.yaml'), { today: TODAY });
    expect(p.cluster).toEqual({
      name: 'leaf-cluster',
      kubernetesVersion: '1.32',
      provider: 'self-managed',
      externalNamespaces: [],
      dns: { type: 'kube-dns', pods: { namespace: 'kube-system', podSelector: { 'k8s-app': 'kube-dns' } }, cidrs: [], ports: [53] },
    });
    expect(p.cisVersion).toBe('1.12');
    expect(p.namespaces).toEqual([
      { name: 'api', tier: 'production', labels: {} },
      { name: 'shared-tools', tier: 'staging', labels: {} },
    ]);
    expect(p.tiers.development.audit).toBe('restricted'); // from soc2
  });

  test('extends may reach a base above the profile when both are under the working directory', () => {
    const p = loadProfile(fixture('valid', 'teams/payments.yaml'), { today: TODAY });
    expect(p.namespaces.map((n) => n.name)).toEqual(['payments', 'shared-tools']);
    expect(p.cluster.name).toBe('base-cluster');
  });

  test('spec.cisBenchmark overrides the version picked from Kubernetes', () => {
    const p = parse(profileYaml({ namespaces: '    - name: api', extra: '  cisBenchmark: "1.12"' }));
    expect(p.cisVersion).toBe('1.12');
  });

  describe('the benchmark that applies to the provider (issue 15)', () => {
    const managed = (provider: string, extra?: string) =>
      profileYaml({ namespaces: '    - name: api', ...(extra ? { extra } : {}) }).replace('kubernetesVersion: "1.28" }', `kubernetesVersion: "1.28", provider: ${provider} }`);

    test.each([
      ['eks', 'eks-1.8.0'],
      ['gke', 'gke-1.9.0'],
      ['aks', 'aks-1.8'],
    ])('provider %s defaults to %s, and may name it explicitly', (provider, benchmark) => {
      expect(parse(managed(provider)).cisVersion).toBe(benchmark);
      expect(parse(managed(provider, `  cisBenchmark: "${benchmark}"`)).cisVersion).toBe(benchmark);
    });

    test('self-managed 1.34+ keeps CIS 2.0', () => {
      expect(parse(profileYaml({ namespaces: '    - name: api', kubernetesVersion: '1.34' })).cisVersion).toBe('2.0');
    });

    test('a CIS Kubernetes version on a managed provider is a located error naming what is allowed', () => {
      expect(problems(() => parse(managed('eks', '  cisBenchmark: "1.12"')))).toEqual([
        'p.yaml:6:17: spec.cisBenchmark: "1.12" (CIS Kubernetes Benchmark v1.12.0) applies to self-managed control planes; provider eks allows "eks-1.8.0"',
      ]);
    });

    test('another provider\'s benchmark is a located error', () => {
      expect(problems(() => parse(managed('aks', '  cisBenchmark: "gke-1.9.0"')))).toEqual([
        'p.yaml:6:17: spec.cisBenchmark: "gke-1.9.0" (CIS Google Kubernetes Engine (GKE) Benchmark v1.9.0) applies only to provider gke; provider aks allows "aks-1.8"',
      ]);
    });

    test('a provider benchmark on a self-managed cluster is a located error listing the CIS Kubernetes versions', () => {
      expect(problems(() => parse(profileYaml({ namespaces: '    - name: api', extra: '  cisBenchmark: "eks-1.8.0"' })))).toEqual([
        'p.yaml:6:17: spec.cisBenchmark: "eks-1.8.0" (CIS Amazon EKS Benchmark v1.8.0) applies only to provider eks; a self-managed cluster allows "1.10", "1.11", "1.12", "2.0"',
      ]);
    });

    test('an unknown benchmark is refused by the schema', () => {
      expect(problems(() => parse(managed('eks', '  cisBenchmark: "eks-1.5.0"')))[0]).toMatch(/^p\.yaml:6:17: spec\.cisBenchmark: must be one of 1\.10, 1\.11, 1\.12, 2\.0, eks-1\.8\.0, gke-1\.9\.0, aks-1\.8/);
    });
  });

  test('every schema problem is reported at once with file:line:column and field path', () => {
    const lines = problems(() => loadProfile(fixture('invalid', 'many-problems.yaml'), { today: TODAY }));
    const file = path.relative(process.cwd(), fixture('invalid', 'many-problems.yaml'));
    expect(lines).toEqual([
      `${file}:5:42: spec.cluster.kubernetesVersion: must be a string such as "1.28" (quote it: unquoted 1.30 reads as 1.3)`,
      `${file}:8:13: spec.namespaces[0].tier: must be one of production, staging, development`,
      `${file}:10:7: spec.namespaces[1].podsecurity: unknown field "podsecurity"; expected one of name, tier, podSecurity, labels, serviceAccounts, allow, quota, workloads`,
      `${file}:13:15: spec.exceptions[0].reason: must be at least 10 characters long`,
      `${file}:14:14: spec.exceptions[0].owner: must not be empty`,
      `${file}:15:16: spec.exceptions[0].expires: must be a calendar date written YYYY-MM-DD`,
    ]);
  });

  test('YAML syntax errors and duplicate keys name their position', () => {
    expect(problems(() => parse('apiVersion: hardline.dev/v1alpha1\nkind: Profile\nkind: Profile\n'))).toEqual([
      expect.stringMatching(/^p\.yaml:3:1: YAML: duplicated mapping key/),
    ]);
    expect(problems(() => parse('a: [1\n'))[0]).toMatch(/^p\.yaml:\d+:\d+: YAML: /);
  });

  test('an aliases bomb is refused before it expands', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i++) lines.push(`b${i}: &b${i} [${Array(9).fill(i === 0 ? '*a' : `*b${i - 1}`).join(',')}]`);
    expect(problems(() => parse(lines.join('\n')))[0]).toMatch(/aliases exceeded/);
  });

  test('names that are not DNS-1123 labels, reserved namespaces and duplicates are errors', () => {
    const text = profileYaml({
      namespaces: ['    - name: Team_A', '    - name: kube-system', '    - name: api', '    - name: api', `    - name: ${'a'.repeat(64)}`].join('\n'),
    });
    const lines = problems(() => parse(text));
    expect(lines).toEqual([
      expect.stringMatching(/^p\.yaml:7:13: spec\.namespaces\[0\]\.name: "Team_A" is not a DNS-1123 label.*Did you mean "team-a"\?/),
      expect.stringMatching(/^p\.yaml:8:13: spec\.namespaces\[1\]\.name: "kube-system" is reserved/),
      'p.yaml:10:13: spec.namespaces[3].name: namespace "api" is declared twice (first on line 9)',
      expect.stringMatching(/^p\.yaml:11:13: spec\.namespaces\[4\]\.name: .* at most 63/),
    ]);
  });

  test('default namespace is refused', () => {
    expect(problems(() => parse(profileYaml({ namespaces: '    - name: default' })))[0]).toMatch(/"default" is reserved/);
  });

  test('unsupported Kubernetes versions and missing cluster fields are errors', () => {
    const old = profileYaml({ namespaces: '    - name: api', kubernetesVersion: '1.27' });
    expect(problems(() => parse(old))[0]).toMatch(/"1\.27" is not a supported Kubernetes minor version/);
    const noCluster = 'apiVersion: hardline.dev/v1alpha1\nkind: Profile\nmetadata: { name: x }\nspec:\n  namespaces: [{ name: api }]\n';
    expect(problems(() => parse(noCluster))).toEqual([
      expect.stringMatching(/missing required field "cluster.name"/),
      expect.stringMatching(/missing required field "cluster.kubernetesVersion"/),
    ]);
  });

  test('extends: unknown names, missing files and cycles are located at the extends entry', () => {
    expect(problems(() => parse(profileYaml({ namespaces: '    - name: api' }).replace('spec:', 'extends: [nope]\nspec:')))[0]).toMatch(
      /^p\.yaml:4:11: extends\[0\]: cannot read .*nope\.yaml: no such file/,
    );
    expect(problems(() => parse(profileYaml({ namespaces: '    - name: api' }).replace('spec:', 'extends: [http://x]\nspec:')))[0]).toMatch(
      /neither a shipped profile nor a \.yaml path/,
    );
    expect(problems(() => loadProfile(fixture('invalid', 'cycle-a.yaml'), { today: TODAY }))[0]).toMatch(
      /extends\[0\]: "\.\/cycle-a\.yaml" extends itself through cycle-a\.yaml → cycle-b\.yaml/,
    );
  });

  describe('exceptions', () => {
    const ns = ['    - name: legacy', '      podSecurity: baseline'].join('\n');
    const ex = (over: Record<string, string> = {}) =>
      Object.entries({
        control: 'HL-POD-001',
        scope: 'namespace',
        reason: '"vendor image runs as root (SEC-1)"',
        owner: 'me@acme.example',
        approvedBy: 'ciso@acme.example',
        ticket: 'SEC-1',
        expires: '2027-01-31',
        ...over,
      })
        .map(([k, v], i) => `${i === 0 ? '    - ' : '      '}${k}: ${v}`)
        .join('\n');

    test('an unexpired exception relaxes production to baseline and is listed', () => {
      const p = parse(profileYaml({ namespaces: ns, exceptions: ex() }));
      expect(p.exceptions).toEqual([
        {
          control: 'HL-POD-001',
          id: expect.stringMatching(/^hl-pod-001-[0-9a-f]{8}$/),
          scope: 'namespace',
          reason: 'vendor image runs as root (SEC-1)',
          owner: 'me@acme.example',
          approvedBy: 'ciso@acme.example',
          ticket: 'SEC-1',
          expires: '2027-01-31',
        },
      ]);
      expect(exceptionsForNamespace(p, 'legacy')).toHaveLength(1);
    });

    test('production below restricted without an exception is an error located at podSecurity', () => {
      expect(problems(() => parse(profileYaml({ namespaces: ns })))).toEqual([
        expect.stringMatching(/^p\.yaml:8:20: spec\.namespaces\[0\]\.podSecurity: namespace "legacy" is production but would enforce "baseline".*HL-POD-001/),
      ]);
    });

    test('privileged needs an exception to HL-POD-002 even in development', () => {
      const dev = ['    - name: infra', '      tier: development', '      podSecurity: privileged'].join('\n');
      expect(problems(() => parse(profileYaml({ namespaces: dev })))[0]).toMatch(/HL-POD-002/);
      expect(() => parse(profileYaml({ namespaces: dev, exceptions: ex({ control: 'HL-POD-002' }) }))).not.toThrow();
    });

    test('an exception expiring today is valid; one that expired yesterday fails the load', () => {
      expect(() => parse(profileYaml({ namespaces: ns, exceptions: ex({ expires: '2026-11-23' }) }), '2026-11-23')).not.toThrow();
      expect(problems(() => parse(profileYaml({ namespaces: ns, exceptions: ex({ expires: '2026-11-22' }) }), '2026-11-23'))).toEqual([
        expect.stringMatching(/spec\.exceptions\[0\]\.expires: exception for HL-POD-001 expired on 2026-11-22 \(owner: me@acme\.example\)/),
      ]);
    });

    test('unknown controls and undeclared namespaces are errors, not no-ops', () => {
      const lines = problems(() =>
        parse(profileYaml({ namespaces: '    - name: api', exceptions: ex({ control: 'HL-NOPE-001', namespaces: '[ghost]' }) })),
      );
      expect(lines).toEqual([
        expect.stringMatching(/spec\.exceptions\[0\]\.control: unknown control "HL-NOPE-001"/),
        expect.stringMatching(/spec\.exceptions\[0\]\.namespaces\[0\]: namespace "ghost" is not declared/),
      ]);
    });

    test('a blank reason or owner is an error even when long enough', () => {
      const lines = problems(() => parse(profileYaml({ namespaces: ns, exceptions: ex({ reason: '"            "', owner: '" "' }) })));
      expect(lines.join('\n')).toMatch(/owner: the owner of the exception for HL-POD-001 must name a team/);
      expect(lines.join('\n')).toMatch(/reason: the reason of the exception for HL-POD-001 must explain/);
    });
  });

  test('key order does not change the resolved profile', () => {
    const a = parse(profileYaml({ namespaces: ['    - name: b', '      tier: staging', '    - name: a'].join('\n') }));
    const b = parse(profileYaml({ namespaces: ['    - tier: staging', '      name: b', '    - name: a'].join('\n') }));
    // Only the digest of the (differently written) source differs.
    const withoutDigests = (p: typeof a) => JSON.stringify({ ...p, sourceDigests: p.sourceDigests.map((s) => s.file) });
    expect(withoutDigests(b)).toBe(withoutDigests(a));
    expect(b.sourceDigests[0].sha256).not.toBe(a.sourceDigests[0].sha256);
  });
});

describe('extends: each real path loaded once, a cap on files (issue 14)', () => {
  /** Writes levels of `width` bases, each file extending every file of the next level; returns the root file. */
  function lattice(dir: string, levels: number, width: number): string {
    const base = (name: string, ext: string[], spec: string) =>
      ['apiVersion: hardline.dev/v1alpha1', 'kind: Profile', `metadata: { name: ${name} }`, ...(ext.length ? [`extends: [${ext.join(', ')}]`] : []), `spec: ${spec}`, ''].join('\n');
    const file = (l: number, i: number) => `l${l}-${i}.yaml`;
    for (let l = levels; l >= 1; l--) {
      for (let i = 0; i < width; i++) {
        const next = l < levels ? Array.from({ length: width }, (_, j) => `./${file(l + 1, j)}`) : [];
        fs.writeFileSync(path.join(dir, file(l, i)), base(`l${l}-${i}`, next, `{ namespaces: [{ name: ns-${l}-${i}, tier: staging }] }`));
      }
    }
    const root = path.join(dir, 'root.yaml');
    fs.writeFileSync(root, base('root', Array.from({ length: width }, (_, j) => `./${file(1, j)}`), '{ cluster: { name: c, kubernetesVersion: "1.30" } }'));
    return root;
  }

  test('a lattice of 42 bases, each extending all six of the next level, loads in well under a second (6^7 paths, 43 files)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hardline-lattice-'));
    try {
      const root = lattice(dir, 7, 6);
      const read = jest.spyOn(fs, 'readFileSync');
      const started = Date.now();
      const p = loadProfile(root, { today: TODAY });
      const elapsed = Date.now() - started;
      const reads = read.mock.calls.filter(([f]) => String(f).startsWith(dir)).length;
      read.mockRestore();
      expect(p.sources).toHaveLength(43);
      expect(p.namespaces).toHaveLength(42);
      expect(reads).toBe(43); // each file read once
      expect(elapsed).toBeLessThan(3000);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test(`more than MAX_PROFILE_FILES (${MAX_PROFILE_FILES}) files is a located error`, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hardline-lattice-'));
    try {
      const root = lattice(dir, 7, 10);
      expect(() => loadProfile(root, { today: TODAY })).toThrow(new RegExp(`(root|l\\d-\\d)\\.yaml:4:\\d+: extends\\[\\d\\]: the extends chain loads more than ${MAX_PROFILE_FILES} files`));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a base reached under two names (a symbolic link) is loaded and merged once', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hardline-lattice-'));
    try {
      fs.writeFileSync(path.join(dir, 'base.yaml'), 'apiVersion: hardline.dev/v1alpha1\nkind: Profile\nmetadata: { name: base }\nspec: { namespaces: [{ name: api, tier: staging }] }\n');
      fs.symlinkSync(path.join(dir, 'base.yaml'), path.join(dir, 'alias.yaml'));
      fs.writeFileSync(path.join(dir, 'root.yaml'), 'apiVersion: hardline.dev/v1alpha1\nkind: Profile\nmetadata: { name: root }\nextends: [./base.yaml, ./alias.yaml]\nspec: { cluster: { name: c, kubernetesVersion: "1.30" } }\n');
      expect(loadProfile(path.join(dir, 'root.yaml'), { today: TODAY }).sources.map((s) => path.basename(s))).toEqual(['base.yaml', 'root.yaml']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
