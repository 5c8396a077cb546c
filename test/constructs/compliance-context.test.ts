import { Chart, Testing } from 'cdk8s';
import { ComplianceContext } from '../../constructs';

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
