import * as path from 'path';
import { CIS_KUBERNETES_VERSIONS, CIS_VERSIONS, cisIdIn, cisIdsFor, cisVersionForKubernetes, compareIds, CONTROLS, findControl } from '../../../src/controls';
import { describeWithShared, readCsv } from '../../helpers/shared';

describe('control catalog', () => {
  test('IDs are unique, stable-looking and sorted', () => {
    const ids = CONTROLS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^HL-[A-Z]+-\d{3}$/);
    expect([...ids].sort()).toEqual(ids);
  });

  test('every control says why, how to check it, and what it maps to', () => {
    for (const c of CONTROLS) {
      expect(c.title.length).toBeGreaterThan(10);
      expect(c.rationale.length).toBeGreaterThan(40);
      expect(c.evidence).toMatch(/^kubectl |^cat |^grep |^velero |^kyverno /);
      expect(c.soc2.length).toBeGreaterThan(0);
      for (const m of [...c.soc2, ...c.cis]) expect(m.why.length).toBeGreaterThan(10);
    }
  });

  test('findControl finds catalog entries and nothing else', () => {
    expect(findControl('HL-NET-001')?.title).toMatch(/denies all ingress/);
    expect(findControl('HL-NOPE-001')).toBeUndefined();
  });

  test('CIS version follows the Kubernetes minor version as kube-bench maps it', () => {
    expect(cisVersionForKubernetes('1.28')).toBe('1.10');
    expect(cisVersionForKubernetes('1.29')).toBe('1.11');
    expect(cisVersionForKubernetes('1.31')).toBe('1.11');
    expect(cisVersionForKubernetes('1.32')).toBe('1.12');
    expect(cisVersionForKubernetes('1.33')).toBe('1.12');
    expect(cisVersionForKubernetes('1.34')).toBe('2.0');
    expect(cisVersionForKubernetes('1.36')).toBe('2.0');
  });

  test('IDs sort naturally', () => {
    expect(['5.1.10', '5.1.9', '5.2.1', 'CC6.10', 'CC6.2', 'A1.2'].sort(compareIds)).toEqual([
      '5.1.9',
      '5.1.10',
      '5.2.1',
      'A1.2',
      'CC6.2',
      'CC6.10',
    ]);
  });

  test('general policies renumber from 5.7.x (CIS 1.10) to 5.6.x (CIS 1.11 and 1.12)', () => {
    const ns = findControl('HL-NS-001')!;
    expect(cisIdsFor(ns, '1.10')).toEqual(['5.7.1', '5.7.4']);
    expect(cisIdsFor(ns, '1.11')).toEqual(['5.6.1', '5.6.4']);
    expect(cisIdsFor(ns, '1.12')).toEqual(['5.6.1', '5.6.4']);
  });
});

describeWithShared('control catalog against ../shared/reference', (shared) => {
  const ref = (f: string) => path.join(shared, 'reference', f);
  const cis = Object.fromEntries(
    CIS_VERSIONS.map((v) => [v, new Map(readCsv(ref(`cis-${v}-controls.csv`)).map((r) => [r.id, r.title]))]),
  );
  const soc2 = new Set(readCsv(ref('soc2-tsc-2017-ids.csv')).map((r) => r.id));
  const crosswalk = readCsv(ref('cis-kube-bench-crosswalk-1.8-to-2.0.csv'));

  // CIS_VERSIONS includes the managed-provider benchmarks: their IDs must exist in cis-<provider>-controls.csv.
  test.each(CONTROLS.map((c) => [c.id, c]))('%s: every CIS ID exists in its benchmark version', (_id, c) => {
    for (const v of CIS_VERSIONS) {
      for (const id of cisIdsFor(c, v)) expect({ v, id, known: cis[v].has(id) }).toEqual({ v, id, known: true });
    }
  });

  test.each(CONTROLS.map((c) => [c.id, c]))('%s: per-version IDs name the same recommendation (crosswalk)', (_id, c) => {
    for (const r of c.cis) {
      const row = crosswalk.find((x) => CIS_KUBERNETES_VERSIONS.every((v) => (x[`cis-${v}_id`] || undefined) === cisIdIn(r, v)));
      expect({ ids: r.ids, inCrosswalk: row !== undefined }).toEqual({ ids: r.ids, inCrosswalk: true });
    }
  });

  test('a provider exclusion (notIn) says why and names a benchmark where the crosswalk has a counterpart', () => {
    const managed = readCsv(ref('cis-managed-crosswalk.csv'));
    const excluded = CONTROLS.flatMap((c) => c.cis.flatMap((r) => Object.entries(r.notIn ?? {}).map(([b, why]) => ({ control: c.id, id: r.ids['1.12'], b, why }))));
    expect(excluded.map((e) => `${e.control} ${e.id} ${e.b}`)).toEqual(['HL-ADM-009 5.2.1 gke-1.9.0']);
    for (const e of excluded) {
      expect(e.why!.length).toBeGreaterThan(30);
      const row = managed.find((r) => r.k8s_1_12_id === e.id)!;
      expect(row[`${e.b.split('-')[0]}_match`]).not.toBe('none');
    }
    // The namespace's PSA label still claims GKE 4.2.1; the denying policy does not.
    expect(cisIdsFor(findControl('HL-POD-002')!, 'gke-1.9.0')).toContain('4.2.1');
    expect(cisIdsFor(findControl('HL-ADM-009')!, 'gke-1.9.0')).toEqual([]);
  });

  test.each(CONTROLS.map((c) => [c.id, c]))('%s: every SOC 2 ID is a 2017 TSC criterion', (_id, c) => {
    for (const s of c.soc2) expect({ id: s.id, known: soc2.has(s.id) }).toEqual({ id: s.id, known: true });
  });

  test('5.2.4 is host IPC in every version, as the reference says', () => {
    for (const v of CIS_KUBERNETES_VERSIONS) expect(cis[v].get('5.2.4')).toMatch(/host IPC/);
  });
});
