import { Testing } from 'cdk8s';
import { ContainerLimitRange, ContainerLimitRangeProps } from '../../constructs';
import { complianceChart } from '../helpers/chart';
import { KubernetesSchemas } from '../helpers/k8s-schema';
import { describeWithShared } from '../helpers/shared';
import { findObject, profileYaml, renderYaml } from '../helpers/synth';

function synth(props: ContainerLimitRangeProps = {}) {
  const chart = complianceChart();
  new ContainerLimitRange(chart, 'limits', props);
  return Testing.synth(chart)[0];
}

describe('ContainerLimitRange', () => {
  describe('HL-QTA-002: containers get default CPU and memory requests and limits', () => {
    test('compliant: a LimitRange with container default requests and limits', () => {
      const lr = synth();
      expect(lr.kind).toBe('LimitRange');
      expect(lr.metadata).toMatchObject({ name: 'container-defaults', namespace: 'team-a' });
      expect(lr.spec.limits).toEqual([
        { type: 'Container', defaultRequest: { cpu: '100m', memory: '128Mi' }, default: { cpu: '500m', memory: '512Mi' } },
      ]);
      expect(lr.metadata.annotations['compliance.hardline.dev/controls']).toBe('HL-QTA-002');
      expect(lr.metadata.annotations['compliance.hardline.dev/soc2']).toBe('A1.1');
    });

    test('compliant: values are configurable, numbers included', () => {
      const lr = synth({ defaultRequestCpu: '250m', defaultLimitCpu: 1, defaultRequestMemory: '1Gi', defaultLimitMemory: '1Gi' });
      expect(lr.spec.limits[0]).toMatchObject({ defaultRequest: { cpu: '250m', memory: '1Gi' }, default: { cpu: '1', memory: '1Gi' } });
    });

    test('non-compliant: a default limit below the default request, or a bad quantity, throws', () => {
      expect(() => synth({ defaultRequestMemory: '1Gi', defaultLimitMemory: '512Mi' })).toThrow(/default limit memory 512Mi is below the default request 1Gi/);
      expect(() => synth({ defaultLimitCpu: 'lots' })).toThrow(/not a Kubernetes quantity/);
    });

    test('non-compliant when exception: an HL-QTA-002 exception in a profile does not remove or weaken the defaults', () => {
      const text = profileYaml({
        namespaces: '    - name: api',
        exceptions: '    - { control: HL-QTA-002, reason: "wants no defaults at all (OPS-1)", owner: ops@acme.example, approvedBy: ciso@acme.example, ticket: OPS-1, expires: 2027-06-30 }',
      });
      const lr = findObject(renderYaml(text), 'LimitRange', 'container-defaults', 'api') as any;
      expect(lr.metadata.annotations['compliance.hardline.dev/exceptions']).toBeUndefined();
      expect(lr.spec.limits[0]).toEqual(synth().spec.limits[0]);
    });
  });
});

describeWithShared('ContainerLimitRange against the Kubernetes schemas', (shared) => {
  test.each(['v1.28.0', 'v1.36.0'])('validates strictly against Kubernetes %s', (version) => {
    expect(new KubernetesSchemas(shared, version).errors(synth())).toEqual([]);
  });
});
