import { CIS_KUBERNETES_VERSIONS, PROVIDER_BENCHMARKS } from '../../../src/controls';
import { assessedRecommendations, benchmarkScope } from '../../../src/report/benchmark-scope';
import { CIS_RECOMMENDATIONS } from '../../../src/report/cis-recommendations';

describe('which recommendations of a benchmark the report assesses', () => {
  test.each([...CIS_KUBERNETES_VERSIONS])('CIS Kubernetes %s: every recommendation, no scope note', (v) => {
    expect(assessedRecommendations(v)).toEqual(CIS_RECOMMENDATIONS[v]);
    expect(benchmarkScope(v)).toBeUndefined();
  });

  test.each([...PROVIDER_BENCHMARKS])('%s: Section 2 (logging) and Section 4 (Policies) only, and the note says what is left out', (b) => {
    const ids = assessedRecommendations(b).map((r) => r.id);
    expect(ids.length).toBeGreaterThan(15);
    expect(ids.every((id) => /^[24]\./.test(id))).toBe(true);
    expect(CIS_RECOMMENDATIONS[b].filter((r) => /^[24]\./.test(r.id)).map((r) => r.id)).toEqual(ids);
    expect(benchmarkScope(b)).toContain(`kube-bench run --benchmark ${b}`);
    expect(benchmarkScope(b)).toContain(`${CIS_RECOMMENDATIONS[b].length - ids.length} recommendations`);
  });

  test('EKS and AKS logging items are in scope; GKE has none', () => {
    expect(assessedRecommendations('eks-1.8.0').slice(0, 2).map((r) => r.id)).toEqual(['2.1.1', '2.1.2']);
    expect(assessedRecommendations('aks-1.8')[0]).toMatchObject({ id: '2.1.1', title: 'Enable audit Logs', type: 'Not Scored' });
    expect(assessedRecommendations('gke-1.9.0')[0].id).toBe('4.1.1');
    expect(benchmarkScope('gke-1.9.0')).not.toContain('Section 2');
  });
});
