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
