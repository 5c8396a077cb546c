import * as path from 'path';
import { CIS_MANAGED_BY_1_12 } from '../../../src/controls/cis-crosswalk';
import { CIS_VERSIONS, PROVIDER_BENCHMARKS, ProviderBenchmark } from '../../../src/controls';
import { CIS_RECOMMENDATIONS } from '../../../src/report/cis-recommendations';
import { SOC2_CRITERIA } from '../../../src/report/soc2-criteria';
import { describeWithShared, readCsv } from '../../helpers/shared';

describeWithShared('shipped reference data matches ../shared/reference (regenerate with scripts/generate-reference-data.js)', (shared) => {
  test.each(CIS_VERSIONS)('CIS %s recommendations: same IDs, titles, sections and types as the kube-bench CSV', (v) => {
    const rows = readCsv(path.join(shared, 'reference', `cis-${v}-controls.csv`));
    expect(CIS_RECOMMENDATIONS[v]).toEqual(rows.map((r) => ({ id: r.id, title: r.title, section: r.section, type: r.type })));
  });

  test('SOC 2 criteria: same IDs and areas as the 2017 TSC list', () => {
    const rows = readCsv(path.join(shared, 'reference', 'soc2-tsc-2017-ids.csv'));
    expect(SOC2_CRITERIA).toEqual(rows.map((r) => ({ id: r.id, area: r.area })));
  });
});

describeWithShared('the managed-provider crosswalk matches ../shared/reference/cis-managed-crosswalk.csv', (shared) => {
  const ref = (f: string) => path.join(shared, 'reference', f);
  const rows = readCsv(ref('cis-managed-crosswalk.csv'));
  const column: Record<ProviderBenchmark, string> = { 'eks-1.8.0': 'eks', 'gke-1.9.0': 'gke', 'aks-1.8': 'aks' };

  test.each([...PROVIDER_BENCHMARKS])('%s: the generated map is exactly the CSV rows with a counterpart', (b) => {
    const col = column[b];
    const expected = Object.fromEntries(rows.filter((r) => r[`${col}_match`] !== 'none').map((r) => [r.k8s_1_12_id, r[`${col}_id`]]));
    expect(CIS_MANAGED_BY_1_12[b]).toEqual(expected);
    // A row marked `none` has no ID, and a row with an ID is never `none` (the CSV agrees with itself).
    for (const r of rows) expect({ id: r.k8s_1_12_id, none: r[`${col}_match`] === 'none' }).toEqual({ id: r.k8s_1_12_id, none: r[`${col}_id`] === '' });
  });

  test.each([...PROVIDER_BENCHMARKS])('%s: every mapped ID exists in the provider CSV and every 1.12 ID in CIS 1.12', (b) => {
    const provider = new Set(readCsv(ref(`cis-${b}-controls.csv`)).map((r) => r.id));
    const k8s = new Set(readCsv(ref('cis-1.12-controls.csv')).map((r) => r.id));
    for (const [id112, id] of Object.entries(CIS_MANAGED_BY_1_12[b])) {
      expect({ id112, id, known: provider.has(id), known112: k8s.has(id112) }).toEqual({ id112, id, known: true, known112: true });
    }
    // No provider ID is claimed for two 1.12 recommendations.
    const ids = Object.values(CIS_MANAGED_BY_1_12[b]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
