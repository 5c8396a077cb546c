import * as path from 'path';
import { CIS_VERSIONS } from '../../../src/controls';
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
