import { parseProfile } from '../../../src/profile/load-profile';
import { profileYaml, ROOT, TODAY } from '../../helpers/synth';
import { problems } from '../../helpers/profile-problems';

const parse = (text: string) => parseProfile(text, 'p.yaml', { today: TODAY, baseDir: ROOT });


const ex = (control: string, ns: string) =>
  [`    - control: ${control}`, `      namespaces: [${ns}]`, '      reason: "needed until the rewrite (SEC-9)"', '      owner: team@acme.example', '      approvedBy: ciso@acme.example', '      ticket: SEC-9', '      expires: 2027-01-31'].join(
    '\n',
  );

describe('profile rules for service accounts, flows and RBAC', () => {
  test('a valid profile resolves service accounts and flows sorted by name, and the API server with its default port', () => {
    const p = parse(
      profileYaml({
        extra: '  rbac:\n    clusterReaders: [{ kind: Group, name: sre }]',
        namespaces: [
          '    - name: api',
          '      serviceAccounts: [{ name: web }, { name: batch }]',
          '      allow:',
          '        egress:',
          '          - { name: z-kube, apiServer: true }',
          '          - { name: a-web, to: [{ cidr: 0.0.0.0/0 }], ports: [{ port: 443 }] }',
        ].join('\n'),
      }).replace('kubernetesVersion: "1.28" }', 'kubernetesVersion: "1.28", apiServer: { cidrs: [10.0.0.1/32] } }'),
    );
    expect(p.cluster.apiServer).toEqual({ cidrs: ['10.0.0.1/32'], port: 443 });
    expect(p.namespaces[0].serviceAccounts!.map((s) => s.name)).toEqual(['batch', 'web']);
    expect(p.namespaces[0].allow!.egress!.map((f) => f.name)).toEqual(['a-web', 'z-kube']);
    expect(p.rbac).toEqual({ bindings: [], clusterReaders: [{ kind: 'Group', name: 'sre' }] });
  });

  test('extends: bindings and cluster readers of bases are added, the API server is overridden by the leaf', () => {
    const leaf = [
      'apiVersion: hardline.dev/v1alpha1',
      'kind: Profile',
      'metadata: { name: leaf }',
      'extends: [test/fixtures/profiles/valid/access-base.yaml]',
      'spec:',
      '  cluster: { apiServer: { cidrs: [10.1.0.0/28], port: 6443 } }',
      '  rbac:',
      '    bindings: [{ namespaces: [tools], access: deployer, subjects: [{ kind: Group, name: leaf-ci, owner: ci@acme.example }] }]',
      '    clusterReaders: [{ kind: User, name: leaf-auditor }]',
      '',
    ].join('\n');
    const p = parse(leaf);
    expect(p.cluster.apiServer).toEqual({ cidrs: ['10.1.0.0/28'], port: 6443 });
    expect(p.rbac!.bindings!.map((b) => b.access)).toEqual(['read-only', 'deployer']);
    expect(p.rbac!.clusterReaders!.map((s) => s.name)).toEqual(['base-sre', 'leaf-auditor']);
  });

  describe('HL-SA-002: workload ServiceAccounts from the profile', () => {
    const ns = ['    - name: ops', '      serviceAccounts:', '        - name: operator', '          automountToken: true'].join('\n');

    test('automountToken without an exception naming the namespace is located at the field', () => {
      expect(problems(() => parse(profileYaml({ namespaces: ns })))).toEqual([
        'p.yaml:10:27: spec.namespaces[0].serviceAccounts[0].automountToken: ServiceAccount "ops/operator" would mount an API token; add an exception for HL-SA-002 naming namespace "ops" with a reason, owner and expiry',
      ]);
      expect(problems(() => parse(profileYaml({ namespaces: ns, exceptions: ex('HL-SA-002', 'other') }).replace('    - name: ops', '    - name: other\n    - name: ops'))))
        .toHaveLength(1);
    });

    test('an exception naming the namespace lets it through', () => {
      expect(() => parse(profileYaml({ namespaces: ns, exceptions: ex('HL-SA-002', 'ops') }))).not.toThrow();
    });

    test('"default", duplicates and bad names are refused', () => {
      const lines = problems(() =>
        parse(profileYaml({ namespaces: '    - name: ops\n      serviceAccounts: [{ name: default }, { name: a }, { name: a }, { name: A_b }]' })),
      );
      expect(lines).toEqual([
        expect.stringMatching(/serviceAccounts\[0\]\.name: "default" is managed by hardline \(HL-SA-001\)/),
        expect.stringMatching(/serviceAccounts\[2\]\.name: ServiceAccount "a" is declared twice/),
        expect.stringMatching(/serviceAccounts\[3\]\.name: "A_b" is not a DNS-1123 label/),
      ]);
    });
  });

  describe('HL-NET-002: declared flows', () => {
    test('every flow problem is reported at once, located', () => {
      const lines = problems(() =>
        parse(
          profileYaml({
            namespaces: [
              '    - name: web',
              '      allow:',
              '        ingress:',
              '          - { name: from-ghost, from: [{ namespace: ghost }], ports: [{ port: 80 }] }',
              '        egress:',
              '          - { name: to-metadata, to: [{ cidr: 169.254.169.254/32 }], ports: [{ port: 80 }] }',
              '          - { name: to-kube, apiServer: true }',
              '          - { name: bad-except, to: [{ cidr: 10.0.0.0/8, except: [192.168.0.0/16] }], ports: [{ port: 443 }] }',
              '          - { name: mixed, to: [{ cidr: 10.0.0.0/8, namespace: web }], ports: [{ port: 443 }] }',
              '          - { name: no-ports, to: [{ namespace: web }] }',
              '          - { name: Bad_Name, to: [{ namespace: web }], ports: [{ port: "Not_Named" }] }',
            ].join('\n'),
          }),
        ),
      );
      expect(lines).toEqual([
        'p.yaml:10:53: spec.namespaces[0].allow.ingress[0].from[0].namespace: namespace "ghost" is neither declared under spec.namespaces nor listed in spec.cluster.externalNamespaces; a flow names a namespace hardline manages, or a platform namespace (ingress-nginx, monitoring) listed as external',
        expect.stringMatching(/^p\.yaml:12:47: spec\.namespaces\[0\]\.allow\.egress\[0\]\.to\[0\]\.cidr: 169\.254\.169\.254 is the cloud metadata endpoint.*\(HL-NET-002\)/),
        expect.stringMatching(/^p\.yaml:13:41: spec\.namespaces\[0\]\.allow\.egress\[1\]\.apiServer: egress to the API server needs its endpoints: declare spec\.cluster\.apiServer\.cidrs/),
        expect.stringMatching(/^p\.yaml:14:67: spec\.namespaces\[0\]\.allow\.egress\[2\]\.to\[0\]\.except\[0\]: "192\.168\.0\.0\/16" is not strictly inside 10\.0\.0\.0\/8/),
        expect.stringMatching(/^p\.yaml:15:33: spec\.namespaces\[0\]\.allow\.egress\[3\]\.to\[0\]: a peer is either a cidr or pods/),
        expect.stringMatching(/^p\.yaml:16:13: spec\.namespaces\[0\]\.allow\.egress\[4\]: an egress flow needs to and ports/),
        expect.stringMatching(/^p\.yaml:17:21: spec\.namespaces\[0\]\.allow\.egress\[5\]\.name: policy name "Bad_Name" is not a DNS-1123 label/),
        expect.stringMatching(/^p\.yaml:17:73: spec\.namespaces\[0\]\.allow\.egress\[5\]\.ports\[0\]\.port: "Not_Named" is not a named port/),
      ]);
    });

    test('the same CIDRs in flows of several namespaces are judged, and located, in each of them', () => {
      const ns = (name: string) =>
        [
          `    - name: ${name}`,
          '      allow:',
          '        egress:',
          '          - { name: meta, to: [{ cidr: 169.254.169.254/32 }], ports: [{ port: 80 }] }',
          '          - { name: typo, to: [{ cidr: 10.0.0.1/8 }], ports: [{ port: 80 }] }',
          '          - { name: wide, to: [{ cidr: 10.0.0.0/8, except: [192.168.0.0/16] }], ports: [{ port: 80 }] }',
        ].join('\n');
      expect(problems(() => parse(profileYaml({ namespaces: [ns('a'), ns('b')].join('\n') })))).toEqual(
        [10, 16].flatMap((line, i) => [
          expect.stringMatching(new RegExp(`^p\\.yaml:${line}:40: spec\\.namespaces\\[${i}\\]\\.allow\\.egress\\[0\\]\\.to\\[0\\]\\.cidr: 169\\.254\\.169\\.254 is the cloud metadata endpoint`)),
          `p.yaml:${line + 1}:40: spec.namespaces[${i}].allow.egress[1].to[0].cidr: "10.0.0.1/8" has host bits set; write the network address`,
          `p.yaml:${line + 2}:61: spec.namespaces[${i}].allow.egress[2].to[0].except[0]: "192.168.0.0/16" is not strictly inside 10.0.0.0/8; Kubernetes rejects it`,
        ]),
      );
    });

    test('invalid pod selector labels are located at the label', () => {
      const text = profileYaml({
        namespaces: '    - name: web\n      allow:\n        egress: [{ name: k, podSelector: { "bad key!": x }, to: [{ podSelector: { app: "no spaces" } }], ports: [{ port: 80 }] }]',
      });
      expect(problems(() => parse(text))).toEqual([
        expect.stringMatching(/egress\[0\]\.podSelector\["bad key!"\]: label key "bad key!" is invalid/),
        expect.stringMatching(/egress\[0\]\.to\[0\]\.podSelector\.app: label value "no spaces" of "app" is invalid/),
      ]);
    });

    test('ingress from the API server endpoints (admission webhooks) is a plain CIDR flow', () => {
      const text = profileYaml({
        namespaces: '    - name: web\n      allow:\n        ingress: [{ name: from-kube, from: [{ cidr: 10.0.0.1/32 }], ports: [{ port: 9443 }] }]',
      }).replace('kubernetesVersion: "1.28" }', 'kubernetesVersion: "1.28", apiServer: { cidrs: [10.0.0.0/30] } }');
      expect(() => parse(text)).not.toThrow();
    });

    test('a CIDR inside the declared API server endpoints must use apiServer: true', () => {
      const text = profileYaml({
        namespaces: '    - name: web\n      allow:\n        egress: [{ name: k, to: [{ cidr: 10.0.0.1/32 }], ports: [{ port: 443 }] }]',
      }).replace('kubernetesVersion: "1.28" }', 'kubernetesVersion: "1.28", apiServer: { cidrs: [10.0.0.0/30] } }');
      expect(problems(() => parse(text))[0]).toMatch(/inside the API server endpoints \(10\.0\.0\.0\/30\); use an egress flow with apiServer: true/);
    });
  });

  describe('HL-NET-003: production accepts no ingress from development', () => {
    const ns = (extra = '') =>
      [
        '    - name: sandbox',
        '      tier: development',
        '      allow: { egress: [{ name: to-payments, to: [{ namespace: payments }], ports: [{ port: 8443 }] }] }',
        '    - name: payments',
        '      allow:',
        '        ingress: [{ name: from-sandbox, from: [{ namespace: sandbox }], ports: [{ port: 8443 }] }]',
        extra,
      ].join('\n');

    test('non-compliant without an exception: the profile fails explaining why', () => {
      expect(problems(() => parse(profileYaml({ namespaces: ns() })))).toEqual([
        expect.stringMatching(
          /^p\.yaml:12:61: spec\.namespaces\[1\]\.allow\.ingress\[0\]\.from\[0\]\.namespace: production namespace "payments" accepts no ingress from development namespace "sandbox": development runs unreviewed code.*\(HL-NET-003\)/,
        ),
      ]);
    });

    test('non-compliant when exception names the production namespace: the profile loads', () => {
      expect(() => parse(profileYaml({ namespaces: ns(), exceptions: ex('HL-NET-003', 'payments') }))).not.toThrow();
      expect(problems(() => parse(profileYaml({ namespaces: ns(), exceptions: ex('HL-NET-003', 'sandbox') })))).toHaveLength(1);
    });
  });

  describe('spec.rbac', () => {
    const namespaces = ['    - name: payments', '      serviceAccounts: [{ name: ci }]', '    - name: web'].join('\n');
    const rbac = (lines: string[]) => ['  rbac:', '    bindings:', ...lines].join('\n');

    test('undeclared namespaces and ServiceAccounts, system:masters, secrets read without exception and stray namespaces are located', () => {
      const lines = problems(() =>
        parse(
          profileYaml({
            namespaces,
            extra: rbac([
              '      - namespaces: [payments, ghost]',
              '        access: read-only',
              '        grantSecretsRead: true',
              '        subjects: [{ kind: Group, name: "system:masters" }, { kind: User, name: bob, namespace: web }]',
              '      - namespaces: [web]',
              '        access: deployer',
              '        subjects: [{ kind: ServiceAccount, name: ci }, { kind: ServiceAccount, name: default }]',
            ]),
          }),
        ),
      );
      expect(lines).toEqual([
        expect.stringMatching(/^p\.yaml:8:32: spec\.rbac\.bindings\[0\]\.namespaces\[1\]: namespace "ghost" is not declared/),
        expect.stringMatching(/^p\.yaml:10:27: spec\.rbac\.bindings\[0\]\.grantSecretsRead: reading secrets in "payments" needs an exception for HL-RBAC-003/),
        expect.stringMatching(/^p\.yaml:11:41: spec\.rbac\.bindings\[0\]\.subjects\[0\]\.name: names the system:masters group, which bypasses RBAC entirely.*HL-RBAC-005/),
        expect.stringMatching(/^p\.yaml:11:97: spec\.rbac\.bindings\[0\]\.subjects\[1\]\.namespace: only ServiceAccount subjects have a namespace/),
        // Write access in production without an owner (issue 18: access review).
        expect.stringMatching(/^p\.yaml:14:20: spec\.rbac\.bindings\[1\]\.subjects\[0\]: ServiceAccount "ci" gets deployer access in production \(web\) but names no owner/),
        expect.stringMatching(/^p\.yaml:14:50: spec\.rbac\.bindings\[1\]\.subjects\[0\]\.name: ServiceAccount "ci" is not declared under serviceAccounts of namespace "web"/),
        expect.stringMatching(/^p\.yaml:14:56: spec\.rbac\.bindings\[1\]\.subjects\[1\]: ServiceAccount "default" gets deployer access in production \(web\) but names no owner/),
        expect.stringMatching(/^p\.yaml:14:86: spec\.rbac\.bindings\[1\]\.subjects\[1\]\.name: the default ServiceAccount of "web" runs every pod that names none.*\(CIS 5\.1\.5\) \(HL-RBAC-007\)/),
      ]);
    });

    test('secrets read with an exception naming the namespace, and ServiceAccounts of other declared namespaces, load', () => {
      const p = parse(
        profileYaml({
          namespaces: `${namespaces}\n    - name: argocd\n      serviceAccounts: [{ name: argocd-server }]`,
          exceptions: ex('HL-RBAC-003', 'payments'),
          extra: rbac([
            '      - namespaces: [payments]',
            '        access: namespace-admin',
            '        grantSecretsRead: true',
            '        subjects: [{ kind: ServiceAccount, name: ci, owner: ci@acme.example }, { kind: ServiceAccount, name: argocd-server, namespace: argocd, owner: gitops@acme.example }]',
          ]),
        }),
      );
      expect(p.rbac!.bindings![0].access).toBe('namespace-admin');
    });

    test('an unknown access level is a schema error', () => {
      const text = profileYaml({ namespaces, extra: rbac(['      - { namespaces: [web], access: root, subjects: [{ kind: Group, name: g }] }']) });
      expect(problems(() => parse(text))[0]).toMatch(/spec\.rbac\.bindings\[0\]\.access: must be one of read-only, deployer, namespace-admin/);
    });
  });
});
