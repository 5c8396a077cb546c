import {
  allowedBenchmarks,
  benchmarkInfo,
  benchmarkName,
  benchmarkProblem,
  CIS_KUBERNETES_VERSIONS,
  CIS_VERSIONS,
  cisIdIn,
  defaultBenchmark,
  isProviderBenchmark,
  NS_ADMINISTRATIVE_BOUNDARY,
  PROVIDER_BENCHMARKS,
  SA_NO_AUTOMOUNT,
} from '../../../src/controls';

describe('which CIS benchmark applies (issue 15)', () => {
  test('self-managed clusters get the CIS Kubernetes version of their Kubernetes version; managed ones their provider\'s benchmark', () => {
    expect(defaultBenchmark('self-managed', '1.28')).toBe('1.10');
    expect(defaultBenchmark('self-managed', '1.34')).toBe('2.0');
    expect(defaultBenchmark('eks', '1.31')).toBe('eks-1.8.0');
    expect(defaultBenchmark('gke', '1.28')).toBe('gke-1.9.0');
    expect(defaultBenchmark('aks', '1.34')).toBe('aks-1.8');
  });

  test('each provider allows exactly its own benchmark; self-managed exactly the CIS Kubernetes versions', () => {
    expect(allowedBenchmarks('self-managed')).toEqual(CIS_KUBERNETES_VERSIONS);
    expect(allowedBenchmarks('eks')).toEqual(['eks-1.8.0']);
    for (const provider of ['self-managed', 'eks', 'gke', 'aks'] as const) {
      for (const b of CIS_VERSIONS) {
        expect({ provider, b, ok: benchmarkProblem(provider, b) === undefined }).toEqual({ provider, b, ok: allowedBenchmarks(provider).includes(b) });
      }
    }
  });

  test('labels, annotation families and document versions', () => {
    expect(benchmarkInfo('1.10')).toEqual({ label: 'CIS Kubernetes Benchmark v1.10.0', family: 'kubernetes', version: 'v1.10.0', provider: 'self-managed' });
    expect(benchmarkInfo('eks-1.8.0')).toMatchObject({ label: 'CIS Amazon EKS Benchmark v1.8.0', family: 'eks', version: 'v1.8.0', provider: 'eks' });
    expect(benchmarkInfo('aks-1.8').version).toBe('v1.8.0');
    expect(benchmarkName('1.10')).toBe('CIS Kubernetes Benchmark v1.10');
    expect(benchmarkName('gke-1.9.0')).toBe('CIS Google Kubernetes Engine (GKE) Benchmark v1.9.0');
    expect(PROVIDER_BENCHMARKS.every(isProviderBenchmark)).toBe(true);
    expect(CIS_KUBERNETES_VERSIONS.some(isProviderBenchmark)).toBe(false);
  });

  test('provider IDs come from the 1.12 ID; a recommendation with no counterpart has none', () => {
    // 5.1.6 (token mounting): EKS 4.1.6, GKE 4.1.5, AKS 4.1.6.
    const token = SA_NO_AUTOMOUNT.cis[0];
    expect(token.ids['1.12']).toBe('5.1.6');
    expect(PROVIDER_BENCHMARKS.map((b) => cisIdIn(token, b))).toEqual(['4.1.6', '4.1.5', '4.1.6']);
    // 5.6.1 / 5.6.4: namespaces as boundaries and no default namespace.
    expect(NS_ADMINISTRATIVE_BOUNDARY.cis.map((r) => cisIdIn(r, 'aks-1.8'))).toEqual(['4.6.1', '4.6.3']);
    // 5.2.7 (root containers) has no counterpart in any managed benchmark.
    expect(PROVIDER_BENCHMARKS.map((b) => cisIdIn({ ids: { '1.10': '5.2.6', '1.11': '5.2.6', '1.12': '5.2.7' }, why: 'x' }, b))).toEqual([undefined, undefined, undefined]);
  });
});
