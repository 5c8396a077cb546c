import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import type { ValidationContext as CliValidationContext } from 'cdk8s-cli/lib/plugins/validation';
import { HardlineValidation } from '../../../src/validation/hardline-validation';
import { compliantDeployment, rootDeployment } from '../../helpers/workloads';
import { ROOT, TODAY } from '../../helpers/synth';

// The CLI's own context class; its package exports it as `cdk8s-cli/plugins`, which TypeScript's
// node10 resolution cannot see, so the type comes from the file and the value from the export.
const { ValidationContext } = require('cdk8s-cli/plugins') as { ValidationContext: typeof CliValidationContext };
const PROFILE = path.join(ROOT, 'profiles', 'default.yaml');
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hardline-validation-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Writes one manifest file holding `docs`; returns its path. */
function manifest(name: string, ...docs: object[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, Yaml.stringify(...docs));
  return file;
}

/** Runs the plugin in the cdk8s CLI's own ValidationContext. */
async function run(manifests: string[], props: ConstructorParameters<typeof HardlineValidation>[0] = { profile: PROFILE, today: TODAY }) {
  const context = new ValidationContext(manifests, 'cdk8s-hardline', '0.1.0', {}, false);
  await new HardlineValidation(props).validate(context);
  return context.report.toJson();
}

describe('HardlineValidation (cdk8s CLI validation plugin)', () => {
  test('HL-ADM-002: compliant: manifests with a compliant Deployment give a successful report', async () => {
    const report = await run([manifest('app.k8s.yaml', compliantDeployment(), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } })]);
    expect(report.summary.status).toBe('success');
    expect(report.violations).toEqual([]);
    expect(report.summary.metadata).toEqual({ profile: 'acme-prod', objects: '2' });
  });

  test('HL-ADM-002: a root Deployment in production fails the report with the rule, resource, location and message', async () => {
    const file = manifest('app.k8s.yaml', rootDeployment('payments', 'billing-api'));
    const report = await run([manifest('ok.k8s.yaml', compliantDeployment('checkout')), file]);
    expect(report.summary.status).toBe('failure');
    expect(report.violations.map((v) => v.ruleName)).toEqual(['HL-ADM-002 require-run-as-non-root-user', 'HL-ADM-002 require-run-as-nonroot']);
    const [user, nonRoot] = report.violations;
    expect(user.violatingConstructs.map((c) => [c.resourceName, c.locations, c.manifestPath])).toEqual([
      ['billing-api', ['spec.template.spec.securityContext.runAsUser'], file],
    ]);
    expect(nonRoot.violatingConstructs.map((c) => [c.resourceName, c.locations, c.manifestPath])).toEqual([
      ['billing-api', ['spec.template.spec.containers[0].securityContext.runAsNonRoot'], file],
    ]);
    expect(user.fix).toContain('Deployment "billing-api" in namespace "payments" breaks HL-ADM-002 (require-run-as-non-root-user');
  });

  test('a missing or broken profile fails the report with the reason instead of crashing cdk8s', async () => {
    const saved = process.env.HARDLINE_PROFILE;
    delete process.env.HARDLINE_PROFILE;
    try {
      const none = await run([manifest('a.k8s.yaml', compliantDeployment())], {});
      expect(none.summary.status).toBe('failure');
      expect(none.violations[0].recommendation).toMatch(/set properties.profile/);
    } finally {
      if (saved !== undefined) process.env.HARDLINE_PROFILE = saved;
    }
    const bad = await run([manifest('b.k8s.yaml', compliantDeployment())], { profile: path.join(dir, 'missing.yaml') });
    expect(bad.summary.status).toBe('failure');
    expect(bad.violations[0].recommendation).toMatch(/cannot read .*missing\.yaml: no such file/);
  });
});
