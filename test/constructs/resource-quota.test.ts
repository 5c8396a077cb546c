import { Testing } from 'cdk8s';
import { NamespaceResourceQuota, NamespaceResourceQuotaProps } from '../../constructs';
import { complianceChart, exception } from '../helpers/chart';
import { KubernetesSchemas } from '../helpers/k8s-schema';
import { describeWithShared } from '../helpers/shared';

function synth(props: NamespaceResourceQuotaProps = {}) {
  const chart = complianceChart();
  new NamespaceResourceQuota(chart, 'quota', props);
  return Testing.synth(chart)[0];
}

describe('NamespaceResourceQuota', () => {
  describe('HL-QTA-001: every namespace has a ResourceQuota on CPU, memory and pods', () => {
    test('compliant: defaults cap requests, limits and pods', () => {
      const q = synth();
      expect(q.kind).toBe('ResourceQuota');
      expect(q.metadata).toMatchObject({ name: 'compute', namespace: 'team-a' });
      expect(q.spec.hard).toEqual({
        'requests.cpu': '4',
        'requests.memory': '8Gi',
        'limits.cpu': '8',
        'limits.memory': '16Gi',
        pods: '50',
        'services.loadbalancers': '0',
        'services.nodeports': '0',
      });
      expect(q.metadata.annotations['compliance.hardline.dev/controls']).toBe('HL-QTA-001,HL-QTA-003');
      expect(q.metadata.annotations['compliance.hardline.dev/soc2']).toBe('A1.1,CC6.6');
      expect(q.metadata.annotations['compliance.hardline.dev/cis-kubernetes']).toBeUndefined();
    });

    test('compliant: values are taken as given', () => {
      const q = synth({ requestsCpu: '500m', requestsMemory: '1Gi', limitsCpu: 2, limitsMemory: '2Gi', pods: 10 });
      expect(q.spec.hard).toMatchObject({ 'requests.cpu': '500m', 'limits.cpu': '2', pods: '10' });
    });

    test('non-compliant: a value that is not a quantity, or a negative count, throws', () => {
      expect(() => synth({ requestsMemory: '8 gigs' })).toThrow(/requests.memory "8 gigs" is not a Kubernetes quantity/);
      expect(() => synth({ pods: -1 })).toThrow(/pods -1 must be a whole number/);
    });
  });

  describe('HL-QTA-003: no LoadBalancer or NodePort Services unless excepted', () => {
    test('compliant: services.loadbalancers and services.nodeports are 0', () => {
      expect(synth().spec.hard).toMatchObject({ 'services.loadbalancers': '0', 'services.nodeports': '0' });
    });

    test('non-compliant without an exception: allowing a load balancer or node port throws naming HL-QTA-003', () => {
      expect(() => synth({ loadBalancers: 1 })).toThrow(/services.loadbalancers 1 would expose.*HL-QTA-003/);
      expect(() => synth({ nodePorts: 2 })).toThrow(/services.nodeports 2/);
    });

    test('non-compliant when exception: 2 load balancers are allowed, recorded, and CC6.6 is not claimed', () => {
      const q = synth({ loadBalancers: 2, exceptions: [exception('HL-QTA-003')] });
      expect(q.spec.hard['services.loadbalancers']).toBe('2');
      const a = q.metadata.annotations;
      expect(a['compliance.hardline.dev/exceptions']).toBe('HL-QTA-003');
      expect(a['compliance.hardline.dev/soc2']).toBe('A1.1');
    });
  });
});

describeWithShared('NamespaceResourceQuota against the Kubernetes schemas', (shared) => {
  test.each(['v1.28.0', 'v1.36.0'])('validates strictly against Kubernetes %s', (version) => {
    expect(new KubernetesSchemas(shared, version).errors(synth({ limitsCpu: 2 }))).toEqual([]);
  });
});
