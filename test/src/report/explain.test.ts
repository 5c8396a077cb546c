import { CONTROLS } from '../../../src/controls';
import { explain, renderControlsJson, renderControlsTable, UnknownIdError } from '../../../src/report/explain';

describe('explain', () => {
  test('a control: title, rationale, evidence, construct, CIS IDs per version and SOC 2 criteria', () => {
    const text = explain('HL-NS-001');
    expect(text).toMatch(/^HL-NS-001: Workloads run in dedicated namespaces/);
    expect(text).toContain('evidence: kubectl get <objects> -L hardline.dev/tier');
    expect(text).toContain('(<objects>: the objects implementing it;');
    expect(text).toContain('implemented by: HardenedNamespace');
    expect(text).toContain('1.10: 5.7.1  1.11: 5.6.1  1.12: 5.6.1');
    expect(text).toMatch(/CC6\.1: Logical segmentation/);
    expect(text).toMatch(/not certified by CIS or the AICPA/);
  });

  test('an admission control also names its native-engine constructs and evidence; signed images and other controls do not', () => {
    const text = explain('HL-ADM-001');
    expect(text).toContain('implemented by: KyvernoPolicySet');
    expect(text).toContain('implemented by, engine kubernetes: NativeAdmissionPolicySet');
    expect(text).toContain('evidence, engine kubernetes: kubectl get <objects> -o yaml');
    expect(explain('HL-ADM-010')).toContain('implemented by, engine kubernetes: NativeTamperProtectionPolicy');
    expect(explain('HL-ADM-010')).not.toContain('evidence, engine kubernetes');
    expect(explain('HL-IMG-001')).not.toContain('engine kubernetes');
    expect(explain('HL-NS-001')).not.toContain('engine kubernetes');
  });

  test('IDs are case-insensitive', () => {
    expect(explain('hl-net-001')).toBe(explain('HL-NET-001'));
    expect(explain('cc6.6')).toBe(explain('CC6.6'));
  });

  test('a CIS ID without a version: every benchmark that has it, since versions renumber', () => {
    const text = explain('5.2.9');
    expect(text).toMatch(/CIS 5\.2\.9 in CIS Kubernetes Benchmark v1\.10\.0: Minimize the admission of containers with added capabilities/);
    expect(text).toMatch(/CIS 5\.2\.9 in CIS Kubernetes Benchmark v1\.12\.0: Minimize the admission of containers with capabilities assigned/);
    expect(text).toContain('HL-POD-001: Restricted requires capabilities.drop to contain ALL.');
  });

  test('a CIS ID with --cis-version: that benchmark only', () => {
    const text = explain('5.6.1', '1.12');
    expect(text).toMatch(/^CIS 5\.6\.1 in CIS Kubernetes Benchmark v1\.12\.0/);
    expect(text).not.toContain('v1.11.0');
    expect(text).toContain('HL-NS-001:');
  });

  test('a CIS recommendation no control supports is a gap with its reason', () => {
    const text = explain('1.2.1', '1.10');
    expect(text).toContain('no hardline control supports it (a gap).');
    expect(text).toMatch(/why: kube-apiserver flags are set in its static pod manifest/);
    expect(text).toMatch(/instead: .*kube-bench/);
  });

  test('the encryption-provider recommendations are supported by HL-ENC-001 (issue 18)', () => {
    for (const id of ['1.2.27', '1.2.28']) {
      const text = explain(id, '1.10');
      expect(text).toContain('supported by:');
      expect(text).toContain('HL-ENC-001:');
    }
  });

  test('a SOC 2 criterion lists the controls behind it and the process evidence it needs', () => {
    const text = explain('CC6.6');
    expect(text).toMatch(/^SOC 2 CC6\.6 \(Logical and physical access controls/);
    expect(text).toContain('HL-NET-001: Default-deny restricts connections');
    expect(text).toMatch(/process evidence an auditor also asks for: /);
    // CC1.1 (control environment: integrity and ethical values) is organisational; no control can map to it.
    expect(explain('CC1.1')).toContain('no hardline control supports this criterion.');
  });

  test('unknown IDs throw with a hint', () => {
    expect(() => explain('HL-NOPE-001')).toThrow(UnknownIdError);
    expect(() => explain('banana')).toThrow(/is not a hardline control, a CIS Kubernetes Benchmark recommendation or a SOC 2 criterion/);
    expect(() => explain('9.9.9')).toThrow(/CIS 9\.9\.9 is not a recommendation/);
    try {
      explain('5.7.1', '1.12');
      throw new Error('expected a throw');
    } catch (e) {
      expect((e as UnknownIdError).hint).toMatch(/it exists in v1\.10/);
      expect((e as UnknownIdError).exitCode).toBe(1);
    }
  });
});

describe('controls listing', () => {
  test('the table has a header and one line per control with its CIS IDs per version', () => {
    const lines = renderControlsTable().trimEnd().split('\n');
    expect(lines[0]).toMatch(/^control\s+CIS 1\.10\s+CIS 1\.11\s+CIS 1\.12\s+CIS 2\.0\s+CIS eks-1\.8\.0\s+CIS gke-1\.9\.0\s+CIS aks-1\.8\s+SOC 2\s+title$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(CONTROLS.map((c) => c.id));
    // Provider columns: 5.6.1/5.6.4 are EKS 4.5.1/4.5.2, GKE 4.6.1/4.6.4, AKS 4.6.1/4.6.3 (cis-managed-crosswalk.csv).
    expect(lines.find((l) => l.startsWith('HL-NS-001'))).toMatch(/5\.7\.1,5\.7\.4\s+5\.6\.1,5\.6\.4\s+5\.6\.1,5\.6\.4\s+5\.6\.1,5\.6\.4\s+4\.5\.1,4\.5\.2\s+4\.6\.1,4\.6\.4\s+4\.6\.1,4\.6\.3\s+CC6\.1/);
  });

  test('JSON is the catalog with the constructs that implement each control', () => {
    const parsed = JSON.parse(renderControlsJson());
    expect(parsed.map((c: { id: string }) => c.id)).toEqual(CONTROLS.map((c) => c.id));
    expect(parsed.find((c: { id: string }) => c.id === 'HL-NET-001').constructs).toEqual(['DefaultDenyNetworkPolicy']);
  });
});
