import { parseProfile } from '../../../src/profile/load-profile';
import { DNS_PRESETS } from '../../../src/profile/cluster-rules';
import { problems } from '../../helpers/profile-problems';
import { ROOT, TODAY } from '../../helpers/synth';

const parse = (text: string) => parseProfile(text, 'p.yaml', { today: TODAY, baseDir: ROOT });

/** A profile whose spec.cluster carries `clusterExtra` (a flow-style fragment) and the given namespaces. */
const doc = (clusterExtra: string, namespaces = '    - name: web') =>
  [
    'apiVersion: hardline.dev/v1alpha1',
    'kind: Profile',
    'metadata: { name: p }',
    'spec:',
    `  cluster: { name: c, kubernetesVersion: "1.30"${clusterExtra ? `, ${clusterExtra}` : ''} }`,
    '  namespaces:',
    namespaces,
    '',
  ].join('\n');

describe('spec.cluster for real clusters (issue 15)', () => {
  test('defaults: a self-managed control plane, no external namespaces, kube-dns', () => {
    const p = parse(doc(''));
    expect(p.cluster.provider).toBe('self-managed');
    expect(p.cluster.externalNamespaces).toEqual([]);
    expect(p.cluster.dns).toEqual(DNS_PRESETS['kube-dns']);
  });

  describe('externalNamespaces', () => {
    test('are sorted and de-duplicated, merged over extends, and flows may name them', () => {
      const p = parse(
        doc(
          'externalNamespaces: [monitoring, ingress-nginx, monitoring]',
          [
            '    - name: web',
            '      allow:',
            '        ingress: [{ name: from-ingress, from: [{ namespace: ingress-nginx, podSelector: { app.kubernetes.io/name: ingress-nginx } }], ports: [{ port: 8080 }] }]',
            '        egress: [{ name: to-prometheus, to: [{ namespace: monitoring }], ports: [{ port: 9090 }] }]',
          ].join('\n'),
        ),
      );
      expect(p.cluster.externalNamespaces).toEqual(['ingress-nginx', 'monitoring']);
      expect(p.namespaces.map((n) => n.name)).toEqual(['web']);
    });

    test('a typo in a flow namespace is still an error, naming both lists', () => {
      const text = doc('externalNamespaces: [monitoring]', '    - name: web\n      allow: { egress: [{ name: m, to: [{ namespace: monitorng }], ports: [{ port: 9090 }] }] }');
      expect(problems(() => parse(text))).toEqual([
        expect.stringMatching(/^p\.yaml:8:54: spec\.namespaces\[0\]\.allow\.egress\[0\]\.to\[0\]\.namespace: namespace "monitorng" is neither declared under spec\.namespaces nor listed in spec\.cluster\.externalNamespaces/),
      ]);
    });

    test('a bad name, and a namespace both managed and external, are located', () => {
      expect(problems(() => parse(doc('externalNamespaces: [Ingress_Nginx, web]')))).toEqual([
        expect.stringMatching(/^p\.yaml:5:71: spec\.cluster\.externalNamespaces\[0\]: "Ingress_Nginx" is not a DNS-1123 label/),
        expect.stringMatching(/^p\.yaml:5:86: spec\.cluster\.externalNamespaces\[1\]: namespace "web" is both declared under spec\.namespaces and external/),
      ]);
    });

    test('RBAC bindings and exceptions still name managed namespaces only', () => {
      const text = doc('externalNamespaces: [monitoring]').replace(
        '  namespaces:',
        '  rbac: { bindings: [{ namespaces: [monitoring], access: read-only, subjects: [{ kind: Group, name: g }] }] }\n  namespaces:',
      );
      expect(problems(() => parse(text))).toEqual([expect.stringMatching(/bindings\[0\]\.namespaces\[0\]: namespace "monitoring" is not declared/)]);
    });
  });

  describe('dns', () => {
    test.each([
      ['node-local-dns', ['169.254.20.10/32'], [53], 'kube-system'],
      ['openshift', [], [5353], 'openshift-dns'],
      ['kube-dns', [], [53], 'kube-system'],
    ])('the %s preset', (type, cidrs, ports, namespace) => {
      const dns = parse(doc(`dns: { type: ${type} }`)).cluster.dns;
      expect(dns).toMatchObject({ type, cidrs, ports, pods: { namespace } });
    });

    test('custom: pods, addresses and ports, sorted and de-duplicated', () => {
      const dns = parse(doc('dns: { type: custom, namespace: dns, podSelector: { app: unbound }, cidrs: [10.0.0.10/32, 10.0.0.2/32], ports: [5353, 53, 53] }')).cluster.dns;
      expect(dns).toEqual({ type: 'custom', pods: { namespace: 'dns', podSelector: { app: 'unbound' } }, cidrs: ['10.0.0.10/32', '10.0.0.2/32'], ports: [53, 5353] });
    });

    test('custom with addresses only reaches no pods', () => {
      expect(parse(doc('dns: { type: custom, cidrs: [10.0.0.2/32] }')).cluster.dns).toEqual({ type: 'custom', cidrs: ['10.0.0.2/32'], ports: [53] });
    });

    test('every DNS setting that cannot work, or opens more than DNS, is located', () => {
      expect(problems(() => parse(doc('dns: { type: openshift, ports: [53] }')))).toEqual([
        expect.stringMatching(/spec\.cluster\.dns\.ports: the openshift preset fixes where DNS runs; ports is only for type: custom/),
      ]);
      expect(problems(() => parse(doc('dns: { type: custom, namespace: dns }')))).toEqual([
        expect.stringMatching(/spec\.cluster\.dns: custom DNS pods need both namespace and podSelector; add podSelector/),
      ]);
      expect(problems(() => parse(doc('dns: { type: custom }')))).toEqual([expect.stringMatching(/names its pods .* or its addresses/)]);
      expect(problems(() => parse(doc('dns: { type: custom, namespace: Dns, podSelector: {}, cidrs: [169.254.0.0/16, nope] }')))).toEqual([
        expect.stringMatching(/spec\.cluster\.dns\.namespace: "Dns" is not a DNS-1123 label/),
        expect.stringMatching(/spec\.cluster\.dns\.podSelector: an empty podSelector opens the DNS ports to every pod/),
        expect.stringMatching(/spec\.cluster\.dns\.cidrs\[0\]: "169\.254\.0\.0\/16" contains the cloud metadata address/),
        expect.stringMatching(/spec\.cluster\.dns\.cidrs\[1\]: /),
      ]);
      expect(problems(() => parse(doc('dns: { type: coredns }')))[0]).toMatch(/spec\.cluster\.dns\.type: must be one of kube-dns, node-local-dns, openshift, custom/);
    });
  });

  describe('provider', () => {
    test.each(['self-managed', 'eks', 'gke', 'aks'])('%s is accepted', (provider) => {
      expect(parse(doc(`provider: ${provider}`)).cluster.provider).toBe(provider);
    });

    test('another value is a located schema error listing the choices', () => {
      expect(problems(() => parse(doc('provider: openshift')))[0]).toMatch(/spec\.cluster\.provider: must be one of self-managed, eks, gke, aks/);
    });
  });
});
