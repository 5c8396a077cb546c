import { Testing } from 'cdk8s';
import { HardenedPodDisruptionBudget, HardenedPodDisruptionBudgetProps } from '../../constructs';
import { complianceChart } from '../helpers/chart';
import { KubernetesSchemas } from '../helpers/k8s-schema';
import { describeWithShared } from '../helpers/shared';

const base: HardenedPodDisruptionBudgetProps = { name: 'api', matchLabels: { app: 'api' }, replicas: 3, maxUnavailable: 1 };

function synth(props: Partial<HardenedPodDisruptionBudgetProps> = {}) {
  const chart = complianceChart();
  new HardenedPodDisruptionBudget(chart, 'pdb', { ...base, ...props } as HardenedPodDisruptionBudgetProps);
  return Testing.synth(chart)[0];
}

describe('HardenedPodDisruptionBudget', () => {
  describe('HL-AVL-001: critical workloads have a PodDisruptionBudget that still lets nodes drain', () => {
    test('compliant: policy/v1 budget with the selector, maxUnavailable and unhealthyPodEvictionPolicy AlwaysAllow', () => {
      const pdb = synth();
      expect(pdb.apiVersion).toBe('policy/v1');
      expect(pdb.metadata).toMatchObject({ name: 'api', namespace: 'team-a' });
      expect(pdb.spec).toEqual({ selector: { matchLabels: { app: 'api' } }, maxUnavailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow' });
      expect(pdb.metadata.annotations['compliance.hardline.dev/controls']).toBe('HL-AVL-001');
      expect(pdb.metadata.annotations['compliance.hardline.dev/soc2']).toBe('A1.1');
      expect(pdb.metadata.annotations['compliance.hardline.dev/cis-kubernetes']).toBeUndefined();
    });

    test('compliant: minAvailable below replicas and percentages are accepted as written', () => {
      expect(synth({ maxUnavailable: undefined, minAvailable: 2 }).spec.minAvailable).toBe(2);
      expect(synth({ maxUnavailable: '25%' }).spec.maxUnavailable).toBe('25%');
      expect(synth({ maxUnavailable: undefined, minAvailable: '50%' }).spec.minAvailable).toBe('50%');
    });

    test('percentages round up as Kubernetes rounds them: maxUnavailable 10% of 3 allows 1 eviction, minAvailable 99% of 3 keeps all 3', () => {
      expect(synth({ maxUnavailable: '10%' }).spec.maxUnavailable).toBe('10%');
      expect(() => synth({ maxUnavailable: undefined, minAvailable: '99%' })).toThrow(/minAvailable "99%" is not below replicas 3/);
    });

    test.each([
      [{ maxUnavailable: 0 }, /maxUnavailable 0 lets no pod be evicted.*blocks `kubectl drain`/],
      [{ maxUnavailable: '0%' }, /maxUnavailable "0%" lets no pod be evicted/],
      [{ maxUnavailable: undefined, minAvailable: 3 }, /minAvailable 3 is not below replicas 3.*blocks `kubectl drain`/],
      [{ maxUnavailable: undefined, minAvailable: '100%' }, /minAvailable "100%" is not below replicas 3/],
      [{ minAvailable: 1 }, /exactly one of minAvailable or maxUnavailable \(both are set\)/],
      [{ maxUnavailable: undefined }, /exactly one of minAvailable or maxUnavailable \(neither is set\)/],
      [{ replicas: 1 }, /at least 2 replicas/],
      [{ maxUnavailable: undefined, minAvailable: 0 }, /minAvailable 0 lets all 3 replicas be evicted at once, so the budget protects nothing/],
      [{ maxUnavailable: 3 }, /maxUnavailable 3 lets all 3 replicas be evicted at once/],
      [{ maxUnavailable: '100%' }, /maxUnavailable "100%" lets all 3 replicas be evicted/],
      [{ maxUnavailable: 'half' }, /must be a whole number or a percentage/],
      [{ matchLabels: {} }, /matchLabels is empty/],
    ])('non-compliant: %j throws', (props, message) => {
      expect(() => synth(props as Partial<HardenedPodDisruptionBudgetProps>)).toThrow(message);
    });

    test('non-compliant when exception: there is no exception to a budget that blocks drains; the construct has no way to take one', () => {
      // HardenedPodDisruptionBudgetProps has no exceptions field: even one passed in is ignored.
      expect(() => synth({ maxUnavailable: 0, ...({ exceptions: [{ control: 'HL-AVL-001' }] } as object) })).toThrow(/lets no pod be evicted/);
    });
  });
});

describeWithShared('HardenedPodDisruptionBudget against the Kubernetes schemas', (shared) => {
  test.each(['v1.28.0', 'v1.36.0'])('validates strictly against Kubernetes %s', (version) => {
    const schemas = new KubernetesSchemas(shared, version);
    expect(schemas.errors(synth())).toEqual([]);
    expect(schemas.errors(synth({ maxUnavailable: undefined, minAvailable: '50%' }))).toEqual([]);
  });
});
