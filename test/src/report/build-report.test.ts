import { CIS_VERSIONS, cisIdsFor, CisVersion, Control, CONTROLS } from '../../../src/controls';
import { assessedRecommendations } from '../../../src/report/benchmark-scope';
import { daysBetween } from '../../../src/report/build-report';
import { gapReason } from '../../../src/report/cis-gaps';
import { CIS_RECOMMENDATIONS } from '../../../src/report/cis-recommendations';
import { ControlObserver, evaluateControls } from '../../../src/report/evaluate-controls';
import { CONTROL_STATUSES, ObjectEntry } from '../../../src/report/model';
import { SOC2_CRITERIA } from '../../../src/report/soc2-criteria';
import { processEvidence } from '../../../src/report/soc2-process-evidence';
import { renderProfile } from '../../../src/synth/synthesize-profile';
import { defaultReport, exceptionYaml, fixtureProfile, fixtureReport, reportOf } from '../../helpers/report';
import { defaultProfile, profileYaml, TODAY } from '../../helpers/synth';

const oneNamespace = (tier = 'production', podSecurity?: string) =>
  `    - name: team-a\n      tier: ${tier}${podSecurity ? `\n      podSecurity: ${podSecurity}` : ''}`;

describe('buildReport on profiles/default.yaml (whatever it holds)', () => {
  const report = defaultReport();
  const rendered = renderProfile(defaultProfile(TODAY)).objects;

  test('every control of the catalog has a status; every object is under a control; every gap has a reason', () => {
    expect(report.controls.map((c) => c.id)).toEqual(CONTROLS.map((c) => c.id));
    for (const c of report.controls) expect(CONTROL_STATUSES).toContain(c.status);
    expect(report.objects.map((o) => o.file)).toEqual(rendered.map((o) => o.file).sort());
    for (const o of report.objects) {
      expect({ file: o.file, under: report.controls.some((c) => c.objects.some((x) => x.file === o.file)) }).toEqual({ file: o.file, under: true });
    }
    for (const g of report.cis.filter((c) => c.status === 'gap')) {
      expect({ id: g.id, reason: (g.gap?.why.length ?? 0) > 20 }).toEqual({ id: g.id, reason: true });
    }
  });
});

describe('buildReport on the report fixture profile', () => {
  const report = fixtureReport();
  const rendered = renderProfile(fixtureProfile()).objects;

  test('every control of the catalog appears once, sorted by ID, with a status and a reason', () => {
    expect(report.controls.map((c) => c.id)).toEqual(CONTROLS.map((c) => c.id));
    for (const c of report.controls) {
      expect(CONTROL_STATUSES).toContain(c.status);
      expect(c.statusReason.length).toBeGreaterThan(10);
    }
    const { total } = report.summary.controls;
    expect(total).toBe(CONTROLS.length);
    expect(CONTROL_STATUSES.reduce((n, s) => n + report.summary.controls[s], 0)).toBe(total);
  });

  test('every rendered object is listed, sorted by file, and appears under at least one control', () => {
    expect(report.objects.map((o) => o.file)).toEqual(rendered.map((o) => o.file).sort());
    for (const o of report.objects) {
      const under = report.controls.filter((c) => c.objects.some((x) => x.file === o.file)).map((c) => c.id);
      expect({ file: o.file, under: under.length > 0 }).toEqual({ file: o.file, under: true });
      expect(under).toEqual(o.controls);
    }
  });

  test('a control is implemented when an object carries it unexcepted, with the excepted objects marked', () => {
    const pod = report.controls.find((c) => c.id === 'HL-POD-001')!;
    expect(pod.status).toBe('implemented');
    expect(pod.objects.filter((o) => o.excepted).map((o) => o.file)).toEqual(['namespaces/legacy-billing/namespace-legacy-billing.yaml']);
    expect(pod.exceptions.map((e) => e.owner)).toEqual(['finance-platform@acme.example']);
    expect(pod.statusReason).toMatch(/excepted on 1 object/);
  });

  test('a control governing nothing in the profile is not-applicable and says why', () => {
    const sa = report.controls.find((c) => c.id === 'HL-SA-002')!;
    expect(sa).toMatchObject({ status: 'not-applicable', objects: [] });
    expect(sa.statusReason).toMatch(/No object of this profile is governed by it \(it is implemented by HardenedServiceAccount\)/);
  });

  test('control CIS IDs are those of the selected benchmark', () => {
    expect(report.cisBenchmark).toEqual({ version: '1.10', label: 'CIS Kubernetes Benchmark v1.10.0' });
    for (const c of report.controls) {
      expect(c.cis.map((x) => x.id)).toEqual(cisIdsFor(CONTROLS.find((k) => k.id === c.id)!, '1.10'));
    }
  });

  test('lists every Section 1-5 recommendation of the benchmark; supported ones name controls and objects', () => {
    expect(report.cis.map((c) => c.id)).toEqual(CIS_RECOMMENDATIONS['1.10'].map((r) => r.id));
    const netpol = report.cis.find((c) => c.id === '5.3.2')!;
    expect(netpol).toMatchObject({ status: 'supported', controls: ['HL-NET-001'] });
    expect(netpol.files).toHaveLength(10);
    for (const f of netpol.files) expect(report.objects.map((o) => o.file)).toContain(f);
    expect(report.cis.find((c) => c.id === '1.2.1')).toMatchObject({ status: 'gap', controls: [], files: [] });
  });

  test('every gap has a reason and an action', () => {
    const gaps = report.cis.filter((c) => c.status === 'gap');
    expect(gaps.length).toBe(report.summary.cis.gaps);
    for (const g of gaps) {
      expect({ id: g.id, why: g.gap?.why.length, action: g.gap?.action.length }).toEqual({ id: g.id, why: expect.any(Number), action: expect.any(Number) });
      expect(g.gap!.why.length).toBeGreaterThan(20);
      expect(g.gap!.action.length).toBeGreaterThan(20);
    }
    expect(report.cis.find((c) => c.id === '1.2.27')!.gap!.why).toMatch(/EncryptionConfiguration/);
    expect(report.cis.find((c) => c.id === '5.3.1')!.gap!.why).toMatch(/CNI/);
    expect(report.cis.find((c) => c.id === '4.2.1')!.gap!.why).toMatch(/KubeletConfiguration/);
    expect(report.cis.find((c) => c.id === '5.4.2')!.gap!.why).toMatch(/external secrets store/);
  });

  test('SOC 2: every criterion the catalog touches, with its controls, objects and the process evidence it needs', () => {
    const touched = [...new Set(CONTROLS.flatMap((c) => c.soc2.map((s) => s.id)))].sort();
    expect(report.soc2.map((s) => s.id).sort()).toEqual(touched);
    const cc66 = report.soc2.find((s) => s.id === 'CC6.6')!;
    expect(cc66.controls).toContainEqual({ id: 'HL-NET-001', status: 'implemented' });
    for (const c of cc66.controls) expect(CONTROLS.find((k) => k.id === c.id)!.soc2.map((s) => s.id)).toContain('CC6.6');
    // 5 namespaces: default-deny and allow-dns (HL-NET-001) and the quota refusing load balancers (HL-QTA-003)
    expect(cc66.files).toHaveLength(15);
    for (const s of report.soc2) expect(s.processEvidence.length).toBeGreaterThan(20);
    expect(report.soc2.find((s) => s.id === 'CC6.3')!.processEvidence).toMatch(/access reviews/i);
  });

  test('the copy without a date carries expiry dates only; with a date it counts days left', () => {
    expect(report.asOf).toBeUndefined();
    expect(report.exceptions).toEqual([
      {
        control: 'HL-POD-001',
        id: expect.stringMatching(/^hl-pod-001-[0-9a-f]{8}$/),
        namespaces: ['legacy-billing'],
        scope: 'namespace',
        scopeDescription: 'namespace-wide',
        reason: 'Vendor billing image runs as root until the 2027 rewrite (SEC-123)',
        owner: 'finance-platform@acme.example',
        approvedBy: 'ciso@acme.example',
        ticket: 'SEC-123',
        expires: '2027-06-30',
        // Every restricted admission rule (HL-POD-001 lifts HL-ADM-002), whether or not spec.admission emits it.
        lifts: [
          'disallow-capabilities-strict',
          'disallow-privilege-escalation',
          'disallow-proc-mount-strict',
          'require-run-as-non-root-user',
          'require-run-as-nonroot',
          'restrict-seccomp-strict',
          'restrict-volume-types',
        ],
        objects: [{ kind: 'Namespace', name: 'legacy-billing', file: 'namespaces/legacy-billing/namespace-legacy-billing.yaml' }],
      },
    ]);
    const dated = fixtureReport({ asOf: '2027-06-10' });
    expect(dated.exceptions[0]).toMatchObject({ daysLeft: 20, expiringSoon: true });
    expect(dated.summary.exceptionsExpiringSoon).toBe(1);
  });

  test('is deterministic', () => {
    expect(JSON.stringify(fixtureReport())).toBe(JSON.stringify(report));
  });

  test('carries the disclaimer: supports, not certified by CIS or the AICPA', () => {
    expect(report.disclaimer).toMatch(/supports/);
    expect(report.disclaimer).toMatch(/not certified by CIS or the AICPA/);
  });
});

describe('control statuses', () => {
  test('excepted when every object carrying the control is excepted; its CIS IDs become gaps that name it', () => {
    const r = reportOf(profileYaml({ namespaces: oneNamespace('production', 'baseline'), exceptions: exceptionYaml('HL-POD-001', '2027-06-30') }));
    const pod = r.controls.find((c) => c.id === 'HL-POD-001')!;
    expect(pod.status).toBe('excepted');
    expect(pod.objects).toEqual([{ kind: 'Namespace', name: 'team-a', file: 'namespaces/team-a/namespace-team-a.yaml', excepted: true }]);
    const gap = r.cis.find((c) => c.id === '5.2.6')!;
    expect(gap.status).toBe('gap');
    expect(gap.gap!.why).toMatch(/HL-POD-001 \(excepted\)[^.]* would support it, but no object of this profile does\./);
  });

  test('excepted when an exception names a control that governs no object', () => {
    const r = reportOf(profileYaml({ namespaces: oneNamespace(), exceptions: exceptionYaml('HL-SA-002', '2027-06-30') }));
    const sa = r.controls.find((c) => c.id === 'HL-SA-002')!;
    expect(sa).toMatchObject({ status: 'excepted', objects: [] });
    expect(sa.statusReason).toMatch(/excepts it and emits no object/);
    expect(sa.exceptions).toHaveLength(1);
  });

  test('the report follows the selected benchmark: Kubernetes 1.32 reports CIS 1.12 IDs', () => {
    const r = reportOf(profileYaml({ namespaces: oneNamespace(), kubernetesVersion: '1.32' }));
    expect(r.cisBenchmark.version).toBe('1.12');
    expect(r.cis.map((c) => c.id)).toEqual(CIS_RECOMMENDATIONS['1.12'].map((x) => x.id));
    expect(r.cis.find((c) => c.id === '5.6.1')).toMatchObject({ status: 'supported', controls: ['HL-NS-001'] });
    expect(r.cis.find((c) => c.id === '5.7.1')).toBeUndefined();
  });

  test('emitted-apply-by-hand: the audit Policy and flags file are control-plane files that nothing in the kustomization applies', () => {
    const r = reportOf(profileYaml({ namespaces: oneNamespace() }));
    for (const id of ['HL-AUD-001', 'HL-AUD-002']) {
      const c = r.controls.find((x) => x.id === id)!;
      expect(c.status).toBe('emitted-apply-by-hand');
      expect(c.statusReason).toMatch(/control-plane\/README\.md/);
    }
    expect(r.cis.find((c) => c.id === '1.2.16')).toMatchObject({ status: 'emitted-apply-by-hand', controls: ['HL-AUD-002'], files: ['control-plane/kubeapiserverflags-audit-log.yaml'] });
    expect(r.objects.map((o) => o.kind)).toContain('KubeApiServerFlags');
    expect(r.summary.controls['emitted-apply-by-hand']).toBe(2);
  });

  test('provided-by-platform: on a managed control plane (spec.cluster.provider: eks) the audit controls are the provider\'s', () => {
    const text = profileYaml({ namespaces: oneNamespace() }).replace('kubernetesVersion: "1.28" }', 'kubernetesVersion: "1.28", provider: eks }');
    const r = reportOf(text);
    expect(r.profile.cluster.provider).toBe('eks');
    expect(r.controls.find((x) => x.id === 'HL-AUD-002')).toMatchObject({ status: 'provided-by-platform' });
    expect(r.controls.find((x) => x.id === 'HL-AUD-002')!.statusReason).toMatch(/EKS control plane is managed/);
    // The report is over the EKS benchmark: 2.1.1 "Enable audit Logs" is the provider's, shown by the provider's own command.
    expect(r.cisBenchmark).toMatchObject({ version: 'eks-1.8.0', label: 'CIS Amazon EKS Benchmark v1.8.0' });
    expect(r.cis.find((c) => c.id === '2.1.1')).toMatchObject({ status: 'provided-by-platform', controls: ['HL-AUD-001'], title: 'Enable audit Logs' });
    expect(r.controls.find((x) => x.id === 'HL-AUD-001')).toMatchObject({
      evidence: 'aws eks describe-cluster --name test --query cluster.logging',
      evidenceCommands: ['aws eks describe-cluster --name test --query cluster.logging'],
    });
    // Encryption at rest is shown by the EKS encryptionConfig setting.
    expect(r.controls.find((x) => x.id === 'HL-ENC-001')).toMatchObject({
      evidence: 'aws eks describe-cluster --name test --query cluster.encryptionConfig',
      evidenceCommands: ['aws eks describe-cluster --name test --query cluster.encryptionConfig'],
    });
    // Encryption at rest is the provider's too: no EncryptionConfiguration is emitted for a managed control plane.
    expect(r.controls.find((x) => x.id === 'HL-ENC-001')).toMatchObject({ status: 'provided-by-platform', objects: [] });
    expect(r.objects.map((o) => o.kind)).not.toContain('EncryptionConfiguration');
  });

  test.each([
    ['gke', 'gke-1.9.0', 'CIS Google Kubernetes Engine (GKE) Benchmark v1.9.0', 'gcloud container clusters describe test --format="value(loggingConfig)"'],
    ['aks', 'aks-1.8', 'CIS Azure Kubernetes Service (AKS) Benchmark v1.8.0', `az monitor diagnostic-settings list --resource "$(az aks list --query "[?name=='test'].id" -o tsv)"`],
  ])('provider %s: its benchmark, its evidence command for the audit log, only Sections 2 and 4 assessed', (provider, version, label, command) => {
    const r = reportOf(profileYaml({ namespaces: oneNamespace() }).replace('kubernetesVersion: "1.28" }', `kubernetesVersion: "1.28", provider: ${provider} }`));
    expect(r.cisBenchmark).toMatchObject({ version, label });
    expect(r.cisBenchmark.scope).toMatch(/Section 4 \(Policies\)/);
    expect(r.disclaimer).toMatch(new RegExp(`^hardline supports the ${label.replace(/[()]/g, '\\$&')} recommendations and SOC 2`));
    expect(r.controls.find((x) => x.id === 'HL-AUD-001')).toMatchObject({ status: 'provided-by-platform', evidenceCommands: [command] });
    expect(r.cis.map((c) => c.id.split('.')[0]).every((s) => s === '2' || s === '4')).toBe(true);
    expect(r.cis.map((c) => c.id)).toEqual(assessedRecommendations(version as CisVersion).map((x) => x.id));
    // Every recommendation in scope is supported, the platform's, or a gap with a reason: none is left unexplained.
    for (const c of r.cis) if (c.status === 'gap') expect(c.gap!.why.length).toBeGreaterThan(20);
  });

  test('a cluster name that is not a cloud cluster name (EKS allows no dot) is left as a placeholder in the command', () => {
    const text = profileYaml({ namespaces: oneNamespace() }).replace('kubernetesVersion: "1.28" }', 'kubernetesVersion: "1.28", provider: eks }');
    const hostile = text.replace('cluster: { name: test,', 'cluster: { name: "prod.eu-west-1",');
    expect(hostile).not.toBe(text);
    const r = reportOf(hostile);
    expect(r.controls.find((x) => x.id === 'HL-AUD-001')!.evidenceCommands).toEqual(['aws eks describe-cluster --name <cluster> --query cluster.logging']);
  });

  test('gap: production namespaces without spec.backup are an A1.2 gap for HL-BAK-001, not "not applicable"', () => {
    const r = reportOf(profileYaml({ namespaces: oneNamespace() }));
    const bak = r.controls.find((x) => x.id === 'HL-BAK-001')!;
    expect(bak).toMatchObject({ status: 'gap', objects: [] });
    expect(bak.statusReason).toMatch(/Production namespace team-a has no backup schedule \(SOC 2 A1\.2\)/);
    expect(r.soc2.find((s) => s.id === 'A1.2')!.controls).toContainEqual({ id: 'HL-BAK-001', status: 'gap' });
  });

  test('excepted, not gap, when an exception names every uncovered production namespace; not-applicable with no production namespace', () => {
    const excepted = reportOf(profileYaml({ namespaces: oneNamespace(), exceptions: exceptionYaml('HL-BAK-001', '2027-06-30', ['team-a']) }));
    expect(excepted.controls.find((x) => x.id === 'HL-BAK-001')!.status).toBe('excepted');
    const staging = reportOf(profileYaml({ namespaces: oneNamespace('staging') }));
    expect(staging.controls.find((x) => x.id === 'HL-BAK-001')!.status).toBe('not-applicable');
  });

  test('the observer gets one event per control, in catalog order', () => {
    const events: string[] = [];
    const observer: ControlObserver = {
      onImplemented: (c, objects) => events.push(`implemented ${c.id} ${objects.length}`),
      onEmitted: (c, objects) => events.push(`emitted ${c.id} ${objects.length}`),
      onProvidedByPlatform: (c, objects) => events.push(`platform ${c.id} ${objects.length}`),
      onExcepted: (c, objects, exceptions) => events.push(`excepted ${c.id} ${objects.length} ${exceptions.length}`),
      onGap: (c) => events.push(`gap ${c.id}`),
      onNotApplicable: (c) => events.push(`n/a ${c.id}`),
    };
    const control = (id: string): Control => ({ id, title: id, rationale: 'r', evidence: 'e', cis: [], soc2: [] });
    const obj = (file: string, controls: string[], excepted: string[] = [], kustomize = true): ObjectEntry => ({
      kind: 'ConfigMap', name: file, file, apiVersion: 'v1', kustomize, controls, excepted, cis: [], soc2: [],
    });
    const objects = [obj('a.yaml', ['HL-A-001', 'HL-B-001'], ['HL-B-001']), obj('b.yaml', ['HL-A-001']), obj('c.yaml', ['HL-F-001'], [], false)];
    const ex = { control: 'HL-C-001', reason: 'needed for the vendor', owner: 'o', expires: '2027-06-30' };
    const all = ['HL-A-001', 'HL-B-001', 'HL-C-001', 'HL-D-001', 'HL-E-001', 'HL-F-001'].map(control);
    const gapOf = (c: Control) => (c.id === 'HL-E-001' ? 'in scope, nothing implements it' : undefined);
    evaluateControls(all, objects, [ex], () => [], observer, { gapOf });
    expect(events).toEqual(['implemented HL-A-001 2', 'excepted HL-B-001 1 0', 'excepted HL-C-001 0 1', 'n/a HL-D-001', 'gap HL-E-001', 'emitted HL-F-001 1']);
    events.length = 0;
    evaluateControls(all.slice(5), objects, [], () => [], observer, { managedBy: 'eks', gapOf });
    expect(events).toEqual(['platform HL-F-001 1']);
  });
});

describe('exception days left', () => {
  test.each([
    ['2026-12-23', 30, true],
    ['2026-12-24', 31, false],
    ['2026-11-23', 0, true],
  ])('expiring %s counted from 2026-11-23: %i days, flagged %s', (expires, days, soon) => {
    const r = reportOf(profileYaml({ namespaces: oneNamespace('production', 'baseline'), exceptions: exceptionYaml('HL-POD-001', expires, ['team-a']) }), {
      asOf: '2026-11-23',
    });
    expect(r.exceptions[0]).toMatchObject({ daysLeft: days, expiringSoon: soon });
  });

  test('daysBetween counts calendar days in UTC across a leap day', () => {
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
  });
});

describe('reference data shipped in the package', () => {
  // Of a managed-provider benchmark the report lists only what manifests can reach (Sections 2 and 4).
  test.each(CIS_VERSIONS)('every CIS %s recommendation the report assesses has a gap reason for its subsection', (v) => {
    for (const rec of assessedRecommendations(v)) {
      expect({ id: rec.id, section: rec.section, reason: gapReason(rec) !== undefined }).toEqual({ id: rec.id, section: rec.section, reason: true });
    }
  });

  test('a recommendation of an unknown subsection gets no invented reason', () => {
    expect(gapReason({ title: 'x', section: '9.9 Something new' })).toBeUndefined();
  });

  test('every SOC 2 criterion has process evidence to ask for', () => {
    for (const s of SOC2_CRITERIA) expect({ id: s.id, ok: processEvidence(s.id).length > 20 }).toEqual({ id: s.id, ok: true });
  });

  test('every SOC 2 ID of the catalog is a known criterion', () => {
    const known = new Set(SOC2_CRITERIA.map((s) => s.id));
    for (const c of CONTROLS) for (const s of c.soc2) expect(known.has(s.id)).toBe(true);
  });
});

describe('the report lists each exception with scope, approver, ticket, reason, owner and expiry', () => {
  const text = profileYaml({
    extra: '  admission: { kyvernoVersion: "1.17" }',
    namespaces: ['    - name: legacy', '      podSecurity: baseline'].join('\n'),
    exceptions: [
      '    - control: HL-POD-001',
      '      namespaces: [legacy]',
      '      workloads: [{ kind: Deployment, name: vendor }]',
      '      selector: { matchLabels: { app: vendor } }',
      '      rules: [require-run-as-nonroot]',
      '      reason: "vendor image runs as root (SEC-1)"',
      '      owner: finance@acme.example',
      '      approvedBy: ciso@acme.example',
      '      ticket: https://tickets.acme.example/SEC-1',
      '      expires: 2027-01-31',
    ].join('\n'),
  });
  const report = reportOf(text);

  test('JSON: the workload scope, the rules it lifts and the approval record, next to reason, owner and expiry', () => {
    expect(report.exceptions).toEqual([
      {
        control: 'HL-POD-001',
        id: expect.stringMatching(/^hl-pod-001-[0-9a-f]{8}$/),
        namespaces: ['legacy'],
        scope: 'workloads',
        scopeDescription: 'Deployment/vendor (and the Pod, ReplicaSet objects they create), labelled app=vendor; rules require-run-as-nonroot',
        workloads: [{ kind: 'Deployment', name: 'vendor' }],
        selector: { matchLabels: { app: 'vendor' } },
        rules: ['require-run-as-nonroot'],
        reason: 'vendor image runs as root (SEC-1)',
        owner: 'finance@acme.example',
        approvedBy: 'ciso@acme.example',
        ticket: 'https://tickets.acme.example/SEC-1',
        expires: '2027-01-31',
        lifts: ['require-run-as-nonroot'],
        objects: [
          { kind: 'PolicyException', namespace: 'legacy', name: 'hl-pod-001-legacy', file: 'cluster/kyverno/policyexception-hl-pod-001-legacy.yaml' },
          { kind: 'Namespace', name: 'legacy', file: 'namespaces/legacy/namespace-legacy.yaml' },
        ],
      },
    ]);
  });
});
