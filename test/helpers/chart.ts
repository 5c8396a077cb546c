/** A test chart with hardline's compliance context set, like `Testing.chart()`. */
import { Chart, Testing } from 'cdk8s';
import { ComplianceContext, ComplianceSettings } from '../../constructs/compliance-context';

/** The compliance date construct tests check exceptions against (the same day as the profile tests' TODAY). */
export const COMPLIANCE_DATE = '2026-11-23';

/** Returns a chart (namespace `team-a`) whose app carries the given compliance settings (dated `COMPLIANCE_DATE` unless they say). */
export function complianceChart(settings: ComplianceSettings = { profile: 'unit-test', kubernetesVersion: '1.28' }): Chart {
  const app = Testing.app();
  ComplianceContext.set(app, { complianceDate: COMPLIANCE_DATE, ...settings });
  return new Chart(app, 'test', { namespace: 'team-a', disableResourceNameHashes: true });
}

/** An exception valid on `COMPLIANCE_DATE` (it expires within the 365-day limit). */
export function exception(control: string, namespaces?: string[]) {
  return {
    control,
    reason: 'vendor image needs it until the rewrite (SEC-1)',
    owner: 'platform@acme.example',
    expires: '2027-06-30',
    ...(namespaces ? { namespaces } : {}),
  };
}
