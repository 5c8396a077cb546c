/**
 * Which recommendations of the benchmark in force the report assesses. A CIS Kubernetes Benchmark is
 * assessed whole. Of a managed-provider benchmark, hardline can only speak to Section 2 (control-plane
 * logging, which the provider runs) and Section 4 (Policies, the counterpart of CIS Kubernetes Section
 * 5, which cluster objects satisfy); Sections 3 (worker nodes) and 5 (managed services) are node and
 * cloud-account settings no manifest reaches.
 */
import { benchmarkInfo, CisVersion, isProviderBenchmark } from '../controls';
import { CIS_RECOMMENDATIONS, CisRecommendationInfo } from './cis-recommendations';

/** Top-level sections of a managed-provider benchmark the report assesses. */
const PROVIDER_SECTIONS: readonly string[] = ['2', '4'];

/** The recommendations the report lists for a benchmark, in benchmark order. */
export function assessedRecommendations(b: CisVersion): readonly CisRecommendationInfo[] {
  const all = CIS_RECOMMENDATIONS[b];
  return isProviderBenchmark(b) ? all.filter((r) => PROVIDER_SECTIONS.includes(r.id.split('.')[0])) : all;
}

/** What the report leaves out of a managed-provider benchmark and where to assess it; undefined for CIS Kubernetes. */
export function benchmarkScope(b: CisVersion): string | undefined {
  if (!isProviderBenchmark(b)) return undefined;
  const info = benchmarkInfo(b);
  const left = CIS_RECOMMENDATIONS[b].length - assessedRecommendations(b).length;
  const logging = CIS_RECOMMENDATIONS[b].some((r) => r.id.startsWith('2.')) ? 'Section 2 (control-plane logging, run by the provider) and ' : '';
  return (
    `The report assesses ${logging}Section 4 (Policies) of the ${info.label}: what cluster objects can satisfy. ` +
    `Its other ${left} recommendations (Section 3 worker nodes, Section 5 managed services) are node and cloud-account settings ` +
    `no manifest reaches; assess them with \`kube-bench run --benchmark ${b}\` on the nodes and the provider's own tools.`
  );
}
