import { Testing } from 'cdk8s';
import { FlowDirection, FlowProtocol, NetworkFlowPolicy, NetworkFlowPolicyProps, Tier } from '../../constructs';
import { complianceChart, exception } from '../helpers/chart';
import { KubernetesSchemas } from '../helpers/k8s-schema';
import { describeWithShared } from '../helpers/shared';

const EXCEPTIONS = 'compliance.hardline.dev/exceptions';
const synthFlow = (props: Partial<NetworkFlowPolicyProps>) => {
  const chart = complianceChart();
  new NetworkFlowPolicy(chart, 'flow', {
    name: 'allow-flow',
    direction: FlowDirection.EGRESS,
    peers: [{ namespace: 'payments' }],
    ports: [{ port: 8443 }],
    ...props,
  });
  return Testing.synth(chart)[0];
};

describe('NetworkFlowPolicy', () => {
  describe('HL-NET-002: only declared flows are opened, never the metadata address', () => {
    test('compliant: ingress from pods of another namespace on one port selects by kubernetes.io/metadata.name', () => {
      const np = synthFlow({
        name: 'allow-ingress-from-checkout',
        namespace: 'payments',
        direction: FlowDirection.INGRESS,
        podSelector: { app: 'payments-api' },
        peers: [{ namespace: 'checkout', podSelector: { app: 'checkout' }, namespaceTier: Tier.PRODUCTION }],
        ports: [{ port: 8443, protocol: FlowProtocol.TCP }],
      });
      expect(np.metadata).toMatchObject({ name: 'allow-ingress-from-checkout', namespace: 'payments' });
      expect(np.spec).toEqual({
        podSelector: { matchLabels: { app: 'payments-api' } },
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [
              {
                namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'checkout' } },
                podSelector: { matchLabels: { app: 'checkout' } },
              },
            ],
            ports: [{ port: 8443, protocol: 'TCP' }],
          },
        ],
      });
      const a = np.metadata.annotations;
      expect(a['compliance.hardline.dev/controls']).toBe('HL-NET-002,HL-NET-003');
      // The flow opens a path into production: it claims no namespace boundary (CIS 5.7.1), only 5.3.2 of HL-NET-002.
      expect(a['compliance.hardline.dev/cis-kubernetes']).toBe('5.3.2');
      expect(a['compliance.hardline.dev/soc2']).toBe('CC6.1,CC6.6');
    });

    test('compliant: egress to a CIDR always excludes 169.254.169.254/32, after the declared excepts', () => {
      const np = synthFlow({ peers: [{ cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] }], ports: [{ port: 443 }, { port: 53, protocol: FlowProtocol.UDP }] });
      expect(np.spec.policyTypes).toEqual(['Egress']);
      expect(np.spec.podSelector).toEqual({});
      expect(np.spec.egress).toEqual([
        {
          to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '169.254.169.254/32'] } }],
          ports: [
            { port: 443, protocol: 'TCP' },
            { port: 53, protocol: 'UDP' },
          ],
        },
      ]);
      expect(np.metadata.annotations['compliance.hardline.dev/controls']).toBe('HL-NET-002');
    });

    test('a link-local block gets the metadata except; a block that does not contain it gets none; a covering except is kept alone', () => {
      expect(synthFlow({ peers: [{ cidr: '169.254.0.0/16' }] }).spec.egress[0].to[0].ipBlock.except).toEqual(['169.254.169.254/32']);
      expect(synthFlow({ peers: [{ cidr: '203.0.113.0/24' }] }).spec.egress[0].to[0].ipBlock).toEqual({ cidr: '203.0.113.0/24' });
      expect(synthFlow({ peers: [{ cidr: '169.254.0.0/16', except: ['169.254.169.0/24'] }] }).spec.egress[0].to[0].ipBlock.except).toEqual([
        '169.254.169.0/24',
      ]);
    });

    test('the metadata address itself is refused, naming HL-NET-002', () => {
      expect(() => synthFlow({ peers: [{ cidr: '169.254.169.254/32' }] })).toThrow(/cloud metadata address.*no flow may open it \(HL-NET-002\)/);
    });

    test('protected CIDRs (the API server) are excluded from wider blocks and refused inside them', () => {
      const np = synthFlow({ peers: [{ cidr: '10.0.0.0/8' }], protectedCidrs: ['10.0.0.1/32'] });
      expect(np.spec.egress[0].to[0].ipBlock.except).toEqual(['10.0.0.1/32']);
      expect(() => synthFlow({ peers: [{ cidr: '10.0.0.1/32' }], protectedCidrs: ['10.0.0.0/30'] })).toThrow(
        /inside the protected range 10\.0\.0\.0\/30 \(the API server\); open it with an apiServer flow/,
      );
    });

    test('a same-namespace peer selects pods only; named ports are allowed', () => {
      const np = synthFlow({ peers: [{ podSelector: { app: 'worker' } }], ports: [{ port: 'metrics' }] });
      expect(np.spec.egress[0]).toEqual({ to: [{ podSelector: { matchLabels: { app: 'worker' } } }], ports: [{ port: 'metrics', protocol: 'TCP' }] });
    });

    test.each([
      [{ peers: [] }, /has no peers/],
      [{ ports: [] }, /has no ports/],
      [{ peers: [{}] }, /names no namespace, podSelector or cidr/],
      [{ peers: [{ cidr: '10.0.0.0/8', namespace: 'x' }] }, /mixes cidr with namespace/],
      [{ peers: [{ cidr: '10.0.0.1/8' }] }, /host bits set/],
      [{ peers: [{ cidr: '10.0.0.0/8', except: ['192.168.0.0/16'] }] }, /not strictly inside 10\.0\.0\.0\/8/],
      [{ peers: [{ cidr: 'ten/8' }] }, /not a CIDR/],
      [{ ports: [{ port: 70000 }] }, /not a port number/],
      [{ ports: [{ port: 'Not_A_Port' }] }, /not a named port/],
      [{ name: 'Allow Flow' }, /Did you mean "allow-flow"/],
      [{ podSelector: { 'app name': 'x' } }, /podSelector: label key "app name" is invalid/],
      [{ peers: [{ podSelector: { app: 'a b' } }] }, /peers\[0\]\.podSelector: label value "a b"/],
    ] as [Partial<NetworkFlowPolicyProps>, RegExp][])('invalid flows are refused: %j', (props, message) => {
      expect(() => synthFlow(props)).toThrow(message);
    });

    test('IPv6 blocks are accepted and checked like IPv4', () => {
      expect(synthFlow({ peers: [{ cidr: '2001:db8::/32', except: ['2001:db8:1::/48'] }] }).spec.egress[0].to[0].ipBlock).toEqual({
        cidr: '2001:db8::/32',
        except: ['2001:db8:1::/48'],
      });
      expect(() => synthFlow({ peers: [{ cidr: '2001:db8::1/32' }] })).toThrow(/host bits set/);
    });
  });

  describe('HL-NET-003: production accepts no ingress from development', () => {
    const fromDev = { name: 'allow-ingress-from-sandbox', namespace: 'payments', direction: FlowDirection.INGRESS, peers: [{ namespace: 'sandbox', namespaceTier: Tier.DEVELOPMENT }] };

    test('compliant: staging may accept development ingress, and production may send egress to development', () => {
      expect(synthFlow({ ...fromDev, tier: Tier.STAGING }).metadata.annotations['compliance.hardline.dev/controls']).toBe('HL-NET-002');
      expect(synthFlow({ ...fromDev, direction: FlowDirection.EGRESS }).metadata.annotations[EXCEPTIONS]).toBeUndefined();
    });

    test('non-compliant without an exception: production ingress from development throws explaining why, naming HL-NET-003', () => {
      expect(() => synthFlow(fromDev)).toThrow(
        /production namespace "payments" would accept ingress from development namespace "sandbox"; development runs unreviewed code.*\(HL-NET-003\)/,
      );
    });

    test('non-compliant when exception: the flow synthesizes with HL-NET-003 recorded', () => {
      const np = synthFlow({ ...fromDev, exceptions: [exception('HL-NET-003', ['payments'])] });
      expect(np.spec.ingress[0].from[0].namespaceSelector.matchLabels['kubernetes.io/metadata.name']).toBe('sandbox');
      expect(np.metadata.annotations[EXCEPTIONS]).toBe('HL-NET-003');
      expect(np.metadata.annotations['compliance.hardline.dev/cis-kubernetes']).toBe('5.3.2');
    });
  });
});

describeWithShared('NetworkFlowPolicy against the Kubernetes schemas', (shared) => {
  test.each(['v1.28.0', 'v1.36.0'])('ingress, egress, CIDR and named-port policies validate strictly against %s', (version) => {
    const schemas = new KubernetesSchemas(shared, version);
    const objects = [
      synthFlow({ direction: FlowDirection.INGRESS, podSelector: { app: 'a' }, peers: [{ namespace: 'b', podSelector: { app: 'b' } }] }),
      synthFlow({ peers: [{ cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] }], ports: [{ port: 443 }, { port: 'dns', protocol: FlowProtocol.SCTP }] }),
    ];
    for (const obj of objects) expect(schemas.errors(obj)).toEqual([]);
  });
});
