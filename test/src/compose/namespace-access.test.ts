import { findObject, profileYaml, renderYaml } from '../../helpers/synth';
import { KubernetesSchemas } from '../../helpers/k8s-schema';
import { describeWithShared } from '../../helpers/shared';

/** Files of the objects this composition emits (other areas add quotas, budgets, policies to the same profile). */
const ACCESS_FILE = /\/(serviceaccount|networkpolicy|role|rolebinding|clusterrole|clusterrolebinding)-[^/]+\.yaml$/;

const text = profileYaml({
  extra: [
    '  rbac:',
    '    bindings:',
    '      - { namespaces: [shop, api], access: read-only, subjects: [{ kind: Group, name: "oidc:sre" }] }',
    '      - { namespaces: [api], access: read-only, subjects: [{ kind: User, name: "ann@acme.example" }] }',
    '      - { namespaces: [api], access: deployer, subjects: [{ kind: ServiceAccount, name: ci, owner: ci@acme.example }] }',
    '    clusterReaders: [{ kind: Group, name: "oidc:sre" }]',
  ].join('\n'),
  namespaces: [
    '    - name: api',
    '      serviceAccounts: [{ name: ci }, { name: api-server }]',
    '      allow:',
    '        ingress: [{ name: from-shop, podSelector: { app: api }, from: [{ namespace: shop }], ports: [{ port: 8443 }] }]',
    '        egress: [{ name: to-kube, apiServer: true }, { name: to-web, to: [{ cidr: 0.0.0.0/0 }], ports: [{ port: 443 }] }]',
    '    - name: shop',
    '      tier: staging',
    '      allow:',
    '        egress: [{ name: to-api, to: [{ namespace: api, podSelector: { app: api } }], ports: [{ port: 8443 }] }]',
  ].join('\n'),
}).replace('kubernetesVersion: "1.28" }', 'kubernetesVersion: "1.28", apiServer: { cidrs: [10.96.0.1/32], port: 6443 } }');

describe('addNamespaceAccess', () => {
  const objects = renderYaml(text);

  test('emits workload ServiceAccounts, one policy per flow, and a Role and RoleBinding per access level, in stable files', () => {
    expect(objects.map((o) => o.file).filter((f) => ACCESS_FILE.test(f) && !/default|allow-dns/.test(f))).toEqual([
      'cluster/rbac/clusterrole-hardline-cluster-read-only.yaml',
      'cluster/rbac/clusterrolebinding-hardline-cluster-read-only.yaml',
      'namespaces/api/networkpolicy-allow-egress-to-kube.yaml',
      'namespaces/api/networkpolicy-allow-egress-to-web.yaml',
      'namespaces/api/networkpolicy-allow-ingress-from-shop.yaml',
      'namespaces/api/role-hardline-deployer.yaml',
      'namespaces/api/role-hardline-read-only.yaml',
      'namespaces/api/rolebinding-hardline-deployer.yaml',
      'namespaces/api/rolebinding-hardline-read-only.yaml',
      'namespaces/api/serviceaccount-api-server.yaml',
      'namespaces/api/serviceaccount-ci.yaml',
      'namespaces/shop/networkpolicy-allow-egress-to-api.yaml',
      'namespaces/shop/role-hardline-read-only.yaml',
      'namespaces/shop/rolebinding-hardline-read-only.yaml',
    ]);
    expect(findObject(objects, 'ServiceAccount', 'ci', 'api').automountServiceAccountToken).toBe(false);
  });

  test('bindings of the same level in a namespace merge into one RoleBinding listing every subject', () => {
    expect((findObject(objects, 'RoleBinding', 'hardline-read-only', 'api') as any).subjects.map((s: any) => s.name)).toEqual(['oidc:sre', 'ann@acme.example']);
    expect((findObject(objects, 'RoleBinding', 'hardline-deployer', 'api') as any).subjects).toEqual([{ kind: 'ServiceAccount', name: 'ci', namespace: 'api' }]);
  });

  test('apiServer: true opens only the declared endpoints and port; other CIDR flows except them and the metadata address', () => {
    expect((findObject(objects, 'NetworkPolicy', 'allow-egress-to-kube', 'api') as any).spec.egress).toEqual([
      { to: [{ ipBlock: { cidr: '10.96.0.1/32' } }], ports: [{ port: 6443, protocol: 'TCP' }] },
    ]);
    expect((findObject(objects, 'NetworkPolicy', 'allow-egress-to-web', 'api') as any).spec.egress[0].to[0].ipBlock).toEqual({
      cidr: '0.0.0.0/0',
      except: ['169.254.169.254/32', '10.96.0.1/32'],
    });
  });

  test('production ingress from a staging namespace carries HL-NET-002 and HL-NET-003', () => {
    const np = findObject(objects, 'NetworkPolicy', 'allow-ingress-from-shop', 'api') as any;
    expect(np.metadata.annotations['compliance.hardline.dev/controls']).toBe('HL-NET-002,HL-NET-003');
    expect(np.spec.ingress[0].from).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } }]);
  });
});

describe('addNamespaceAccess with profile exceptions', () => {
  const ex = (control: string) =>
    [`    - control: ${control}`, '      namespaces: [ops]', '      reason: "break-glass access for the incident team (SEC-7)"', '      owner: sec@acme.example', '      approvedBy: ciso@acme.example', '      ticket: SEC-7', '      expires: 2027-01-31'].join('\n');
  const objects = renderYaml(
    profileYaml({
      namespaces: '    - name: ops\n      serviceAccounts: [{ name: controller, automountToken: true }]',
      extra: [
        '  rbac:',
        '    bindings:',
        '      - { namespaces: [ops], access: read-only, grantSecretsRead: true, subjects: [{ kind: Group, name: "system:masters" }] }',
      ].join('\n'),
      exceptions: [ex('HL-RBAC-003'), ex('HL-RBAC-005'), ex('HL-SA-002')].join('\n'),
    }),
  );

  test('non-compliant when exception: secrets read, system:masters and a mounted token synthesize, each recording its exception', () => {
    const role = findObject(objects, 'Role', 'hardline-read-only-secrets-read', 'ops') as any;
    expect(role.rules).toContainEqual({ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'] });
    expect(role.metadata.annotations['compliance.hardline.dev/exceptions']).toBe('HL-RBAC-003');
    const rb = findObject(objects, 'RoleBinding', 'hardline-read-only-secrets-read', 'ops') as any;
    expect(rb.subjects).toEqual([{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:masters' }]);
    expect(rb.metadata.annotations['compliance.hardline.dev/exceptions']).toBe('HL-RBAC-005');
    const sa = findObject(objects, 'ServiceAccount', 'controller', 'ops') as any;
    expect(sa.automountServiceAccountToken).toBe(true);
    expect(sa.metadata.annotations['compliance.hardline.dev/exceptions']).toBe('HL-SA-002');
    expect(findObject(objects, 'ServiceAccount', 'default', 'ops').metadata).not.toHaveProperty(['annotations', 'compliance.hardline.dev/exceptions']);
  });
});

describeWithShared('addNamespaceAccess against the Kubernetes schemas', (shared) => {
  test.each(['v1.28.0', 'v1.36.0'])('every object validates strictly against %s', (version) => {
    const schemas = new KubernetesSchemas(shared, version);
    for (const o of renderYaml(text).filter((x) => ACCESS_FILE.test(x.file))) {
      expect({ file: o.file, errors: schemas.errors(o.manifest) }).toEqual({ file: o.file, errors: [] });
    }
  });
});
