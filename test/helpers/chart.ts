/** A test chart with hardline's compliance context set, like `Testing.chart()`. */
import { Chart, Testing } from 'cdk8s';
import { ComplianceContext, ComplianceSettings } from '../../constructs/compliance-context';

/** Returns a chart (namespace `team-a`) whose app carries the given compliance settings. */
export function complianceChart(settings: ComplianceSettings = { profile: 'unit-test', kubernetesVersion: '1.28' }): Chart {
  const app = Testing.app();
  ComplianceContext.set(app, settings);
  return new Chart(app, 'test', { namespace: 'team-a', disableResourceNameHashes: true });
}

/** An unexpired exception for tests. */
export function exception(control: string, namespaces?: string[]) {
  return {
    control,
    reason: 'vendor image needs it until the rewrite (SEC-1)',
    owner: 'platform@acme.example',
    expires: '2099-12-31',
    ...(namespaces ? { namespaces } : {}),
  };
}
