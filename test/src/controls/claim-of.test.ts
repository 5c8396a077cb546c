import { Testing } from 'cdk8s';
import { ANNOTATIONS, annotateControls } from '../../../constructs/_annotate-controls';
import { PlainApiObject } from '../../../constructs/_plain-api-object';
import { ADM_PSS_BASELINE, claimOf } from '../../../src/controls';

describe('claimOf: the part of a control one object implements', () => {
  test('picks the named CIS and SOC 2 entries of the control, in the order asked', () => {
    const c = claimOf(ADM_PSS_BASELINE, { cis: ['5.2.4', '5.2.3'], soc2: [] });
    expect(c.control).toBe(ADM_PSS_BASELINE);
    expect(c.cis.map((r) => r.ids['1.12'])).toEqual(['5.2.4', '5.2.3']);
    expect(c.soc2).toEqual([]);
  });

  test('an omitted list keeps all of the control', () => {
    expect(claimOf(ADM_PSS_BASELINE).cis).toEqual(ADM_PSS_BASELINE.cis);
  });

  test('refuses an ID that is not the control’s', () => {
    expect(() => claimOf(ADM_PSS_BASELINE, { cis: ['5.2.6'] })).toThrow(/HL-ADM-001 has no CIS 1.12 recommendation 5.2.6/);
    expect(() => claimOf(ADM_PSS_BASELINE, { soc2: ['A1.2'] })).toThrow(/no SOC 2 criterion A1.2/);
  });

  test('annotateControls writes only the claimed IDs', () => {
    const chart = Testing.chart();
    const obj = new PlainApiObject(chart, 'o', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
    annotateControls(obj, [claimOf(ADM_PSS_BASELINE, { cis: ['5.2.3'], soc2: ['CC6.8'] })]);
    const ann = Testing.synth(chart)[0].metadata.annotations;
    expect(ann[ANNOTATIONS.controls]).toBe('HL-ADM-001');
    expect(ann[ANNOTATIONS.cis]).toBe('5.2.3');
    expect(ann[ANNOTATIONS.soc2]).toBe('CC6.8');
  });
});
