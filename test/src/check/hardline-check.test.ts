import { ApiObject, App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { HardlineBaseline } from '../../../src/baseline/hardline-baseline';
import { Hardline } from '../../../src/check/hardline-check';
import { compliantDeployment, rootDeployment } from '../../helpers/workloads';
import { defaultProfile, TODAY } from '../../helpers/synth';

const profile = defaultProfile(TODAY);

/** A user's chart in namespace `payments` holding one raw manifest. */
function userChart(app: App, manifest: Record<string, any>): Chart {
  const chart = new Chart(app, 'team', { namespace: 'payments', disableResourceNameHashes: true });
  const { apiVersion, kind, metadata, ...rest } = manifest;
  new ApiObject(chart, metadata.name, { apiVersion, kind, metadata, ...rest });
  return chart;
}

describe('Hardline.check', () => {
  test('HL-ADM-002: a user Deployment running as root in a production namespace fails app.synth, naming workload, namespace and control', () => {
    const app = Testing.app();
    userChart(app, rootDeployment('payments', 'billing-api'));
    Hardline.check(app, profile);
    expect(() => app.synth()).toThrow(/Deployment "billing-api" in namespace "payments" breaks HL-ADM-002 \(require-run-as-non-root-user: .*restricted Pod Security enforced in production namespace "payments".*must not run as user 0/);
  });

  test('HL-ADM-002: compliant: the same Deployment as non-root synthesizes', () => {
    const app = Testing.app();
    userChart(app, compliantDeployment('payments', 'billing-api'));
    Hardline.check(app, profile);
    expect(() => app.synth()).not.toThrow();
  });

  test('a cdk8s-plus Deployment configured for restricted passes; its defaults alone do not (no seccomp, capabilities, own SA)', () => {
    const build = (hardened: boolean) => {
      const app = Testing.app();
      const chart = new Chart(app, 'team', { namespace: 'checkout', disableResourceNameHashes: true });
      const sa = hardened ? new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'shop' }, automountToken: false }) : undefined;
      new kplus.Deployment(chart, 'shop', {
        metadata: { name: 'shop' },
        podMetadata: { labels: { app: 'shop', owner: 'storefront', environment: 'production' } },
        serviceAccount: sa,
        automountServiceAccountToken: false,
        securityContext: hardened ? { ensureNonRoot: true } : undefined,
        containers: [
          {
            image: `ghcr.io/acme/shop@sha256:${'0123456789abcdef'.repeat(4)}`,
            portNumber: 8080,
            securityContext: hardened ? { seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT }, capabilities: { drop: [kplus.Capability.ALL] } } : undefined,
          },
        ],
      });
      Hardline.check(app, profile);
      return app;
    };
    expect(() => build(true).synth()).not.toThrow();
    expect(() => build(false).synth()).toThrow(/Deployment "shop" in namespace "checkout" breaks HL-ADM-002 \(restrict-seccomp-strict: .*seccompProfile/);
  });

  test('HardlineBaseline checks the whole app by default, and not when checkWorkloads is false', () => {
    const withCheck = Testing.app();
    new HardlineBaseline(withCheck, 'hardline', { profile });
    userChart(withCheck, rootDeployment());
    expect(() => withCheck.synth()).toThrow(/breaks HL-ADM-002/);

    const without = Testing.app();
    new HardlineBaseline(without, 'hardline', { profile, checkWorkloads: false });
    userChart(without, rootDeployment());
    expect(() => without.synth()).not.toThrow();
  });

  test('registering the same profile twice on a scope reports each violation once', () => {
    const app = Testing.app();
    userChart(app, rootDeployment());
    new HardlineBaseline(app, 'hardline', { profile });
    Hardline.check(app, profile);
    let message = '';
    try {
      app.synth();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.match(/must not run as user 0/g)).toHaveLength(1);
  });
});
