import { Chart, Testing } from 'cdk8s';
import { ComplianceContext, HardenedServiceAccount } from '../../constructs';

describe('ComplianceContext', () => {
  test('defaults: profile custom, Kubernetes 1.28, CIS 1.10, today, 365 days, a self-managed control plane', () => {
    expect(ComplianceContext.of(Testing.app())).toEqual({
      profile: 'custom',
      kubernetesVersion: '1.28',
      cisVersion: '1.10',
      complianceDate: new Date().toISOString().slice(0, 10),
      maxExceptionDays: 365,
      provider: 'self-managed',
    });
  });

  test('the provider of a managed control plane reaches every construct', () => {
    const app = Testing.app();
    ComplianceContext.set(app, { provider: 'eks' });
    expect(ComplianceContext.of(new Chart(app, 'c')).provider).toBe('eks');
  });

  test('the CIS version follows the Kubernetes version unless set', () => {
    expect(ComplianceContext.resolve({ kubernetesVersion: '1.30' }).cisVersion).toBe('1.11');
    expect(ComplianceContext.resolve({ kubernetesVersion: '1.33' }).cisVersion).toBe('1.12');
    expect(ComplianceContext.resolve({ kubernetesVersion: '1.33', cisVersion: '1.11' }).cisVersion).toBe('1.11');
  });

  test('a managed provider gets its own CIS benchmark by default, and refuses any other', () => {
    expect(ComplianceContext.resolve({ provider: 'eks' }).cisVersion).toBe('eks-1.8.0');
    expect(ComplianceContext.resolve({ provider: 'gke', kubernetesVersion: '1.34' }).cisVersion).toBe('gke-1.9.0');
    expect(ComplianceContext.resolve({ provider: 'aks', cisVersion: 'aks-1.8' }).cisVersion).toBe('aks-1.8');
    expect(() => ComplianceContext.resolve({ provider: 'eks', cisVersion: '1.12' })).toThrow(
      'cisVersion "1.12" (CIS Kubernetes Benchmark v1.12.0) applies to self-managed control planes; provider eks allows "eks-1.8.0".',
    );
    expect(() => ComplianceContext.resolve({ provider: 'aks', cisVersion: 'eks-1.8.0' })).toThrow(/applies only to provider eks; provider aks allows "aks-1.8"/);
    expect(() => ComplianceContext.resolve({ cisVersion: 'gke-1.9.0' })).toThrow(/a self-managed cluster allows "1\.10", "1\.11", "1\.12", "2\.0"/);
    // Untyped callers (JavaScript) get an error, not an unknown benchmark stamped on every object.
    expect(() => ComplianceContext.resolve({ cisVersion: 'eks-1.5.0' as never, provider: 'eks' })).toThrow(/must be one of 1\.10, .*aks-1\.8/);
    expect(() => ComplianceContext.resolve({ provider: 'openshift' as never })).toThrow(/provider "openshift" must be one of/);
  });

  test('annotations name the benchmark: cis-<family> IDs and cis-<family>-version, never a CIS Kubernetes key on EKS', () => {
    const app = Testing.app();
    ComplianceContext.set(app, { provider: 'eks', profile: 'p' });
    const chart = new Chart(app, 'c');
    new HardenedServiceAccount(chart, 'sa', { name: 'web', namespace: 'team-a' });
    const [sa] = Testing.synth(chart);
    const a = sa.metadata.annotations;
    // CIS 5.1.6 (token mounting) is EKS 4.1.6 (cis-managed-crosswalk.csv).
    expect(a['compliance.hardline.dev/cis-eks']).toBe('4.1.6');
    expect(a['compliance.hardline.dev/cis-eks-version']).toBe('v1.8.0');
    expect(Object.keys(a).filter((k) => k.includes('cis-kubernetes'))).toEqual([]);
    const self = Testing.chart();
    new HardenedServiceAccount(self, 'sa', { name: 'web', namespace: 'team-a' });
    const [plain] = Testing.synth(self);
    expect(plain.metadata.annotations).toMatchObject({ 'compliance.hardline.dev/cis-kubernetes': '5.1.6', 'compliance.hardline.dev/cis-kubernetes-version': 'v1.10.0' });
  });

  test('settings set on the app reach every descendant', () => {
    const app = Testing.app();
    ComplianceContext.set(app, { profile: 'acme', kubernetesVersion: '1.31', complianceDate: '2026-11-23', maxExceptionDays: 90 });
    const chart = new Chart(app, 'c');
    expect(ComplianceContext.of(chart)).toEqual({
      profile: 'acme',
      kubernetesVersion: '1.31',
      cisVersion: '1.11',
      complianceDate: '2026-11-23',
      maxExceptionDays: 90,
      provider: 'self-managed',
    });
  });

  test('a version that is not a minor version is refused', () => {
    expect(() => ComplianceContext.resolve({ kubernetesVersion: '1.3.0' })).toThrow(/not a minor version/);
  });
});
