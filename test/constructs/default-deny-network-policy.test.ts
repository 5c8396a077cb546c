import { Testing } from 'cdk8s';
import { DefaultDenyNetworkPolicy } from '../../constructs';
import { complianceChart } from '../helpers/chart';

describe('DefaultDenyNetworkPolicy', () => {
  describe('HL-NET-001: every namespace denies all traffic by default', () => {
    test('compliant: default-deny selects every pod and denies both directions', () => {
      // GIVEN
      const chart = complianceChart();
      // WHEN
      new DefaultDenyNetworkPolicy(chart, 'deny');
      // THEN
      const [deny, dns] = Testing.synth(chart);
      expect(deny.metadata).toMatchObject({ name: 'default-deny', namespace: 'team-a' });
      expect(deny.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
      expect(deny.metadata.annotations['compliance.hardline.dev/controls']).toBe('HL-NET-001');
      expect(deny.metadata.annotations['compliance.hardline.dev/cis-kubernetes']).toBe('5.3.2');
      expect(deny.metadata.annotations['compliance.hardline.dev/soc2']).toBe('CC6.1,CC6.6');
      expect(dns.metadata.name).toBe('allow-dns');
    });

    test('compliant: allow-dns opens only port 53 (UDP and TCP) to the kube-dns pods', () => {
      const chart = complianceChart();
      new DefaultDenyNetworkPolicy(chart, 'deny', { namespace: 'payments' });
      const dns = Testing.synth(chart).find((o) => o.metadata.name === 'allow-dns');
      expect(dns.metadata.namespace).toBe('payments');
      expect(dns.spec.policyTypes).toEqual(['Egress']);
      expect(dns.spec.ingress).toBeUndefined();
      expect(dns.spec.egress).toEqual([
        {
          to: [
            {
              namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
              podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
            },
          ],
          ports: [
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 53 },
          ],
        },
      ]);
    });

    test('allowDns: false emits only the deny-all policy', () => {
      const chart = complianceChart();
      new DefaultDenyNetworkPolicy(chart, 'deny', { allowDns: false });
      expect(Testing.synth(chart).map((o) => o.metadata.name)).toEqual(['default-deny']);
    });

    describe('DNS variants (issue 15)', () => {
      const dnsOf = (props: ConstructorParameters<typeof DefaultDenyNetworkPolicy>[2]) => {
        const chart = complianceChart();
        new DefaultDenyNetworkPolicy(chart, 'deny', props);
        return Testing.synth(chart).find((o) => o.metadata.name === 'allow-dns');
      };

      test('NodeLocal DNSCache: the link-local address is opened next to the kube-dns pods, nothing else', () => {
        const dns = dnsOf({ dnsCidrs: ['169.254.20.10/32'] });
        expect(dns.spec.egress).toHaveLength(1);
        expect(dns.spec.egress[0].to).toEqual([
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
            podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
          },
          { ipBlock: { cidr: '169.254.20.10/32' } },
        ]);
      });

      test('OpenShift: the DNS pods in openshift-dns on 5353, UDP and TCP, and not 53', () => {
        const dns = dnsOf({ dnsNamespace: 'openshift-dns', dnsPodLabels: { 'dns.operator.openshift.io/daemonset-dns': 'default' }, dnsPorts: [5353] });
        expect(dns.spec.egress[0].ports).toEqual([
          { protocol: 'UDP', port: 5353 },
          { protocol: 'TCP', port: 5353 },
        ]);
        expect(dns.spec.egress[0].to[0].namespaceSelector.matchLabels['kubernetes.io/metadata.name']).toBe('openshift-dns');
      });

      test('a resolver that is only an address opens no pods', () => {
        const dns = dnsOf({ dnsPods: false, dnsCidrs: ['10.0.0.2/32'] });
        expect(dns.spec.egress[0].to).toEqual([{ ipBlock: { cidr: '10.0.0.2/32' } }]);
      });

      test.each([
        [{ dnsCidrs: ['169.254.0.0/16'] }, /contains the cloud metadata address/],
        [{ dnsCidrs: ['10.0.0.1/8'] }, /dnsCidrs: .*host bits/],
        [{ dnsPodLabels: {} }, /dnsPodLabels is empty/],
        [{ dnsPorts: [] }, /dnsPorts is empty/],
        [{ dnsPorts: [70000] }, /70000 is not a port number/],
        [{ dnsNamespace: 'Kube_System' }, /dnsNamespace .*not a DNS-1123 label/],
        [{ dnsPods: false }, /names neither pods .* nor addresses/],
      ])('refuses %j', (props, message) => {
        expect(() => dnsOf(props)).toThrow(message);
      });
    });

    test('a custom DNS location is honoured', () => {
      const chart = complianceChart();
      new DefaultDenyNetworkPolicy(chart, 'deny', { dnsNamespace: 'dns', dnsPodLabels: { app: 'coredns' } });
      const dns = Testing.synth(chart)[1];
      expect(dns.spec.egress[0].to[0]).toEqual({
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'dns' } },
        podSelector: { matchLabels: { app: 'coredns' } },
      });
    });
  });
});
