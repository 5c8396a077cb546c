import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Yaml, YamlOutputType } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { HardlineBaseline } from '../../../src/baseline/hardline-baseline';
import { renderProfile } from '../../../src/synth/synthesize-profile';
import { defaultProfile, ROOT, TODAY } from '../../helpers/synth';

/** Every file under `dir`, read. */
function readTree(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.k8s.yaml'))
    .map((e) => fs.readFileSync(path.join(e.parentPath, e.name), 'utf8'));
}

/** Synthesizes a user's App the way `app.synth()` does, into a temp dir; returns each object's YAML. */
function synthUserApp(build: (app: App) => void): string[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'hardline-baseline-'));
  try {
    const app = new App({ outdir, yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE });
    build(app);
    app.synth();
    return readTree(outdir).sort();
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

describe('HardlineBaseline', () => {
  test('GIVEN profiles/default.yaml WHEN added to a fresh App and synthesized THEN every object is byte-identical to the CLI output', () => {
    const profile = defaultProfile(TODAY);
    // Control-plane objects (the audit policy) stay out of a user's app by default.
    const cli = renderProfile(profile).objects.filter((o) => o.kustomize).map((o) => Yaml.stringify(o.manifest)).sort();
    const user = synthUserApp((app) => new HardlineBaseline(app, 'hardline', { profile }));
    expect(user.length).toBe(cli.length);
    expect(user).toEqual(cli);
    // The CLI file is the same object YAML after the generated-by header.
    const file = renderProfile(profile).files.get('namespaces/payments/namespace-payments.yaml')!;
    expect(user).toContain(file.slice(file.indexOf('\n') + 1));
  });

  test('GIVEN a profile file WHEN given as profileFile THEN it is loaded at construction and gives the same objects', () => {
    const profile = defaultProfile(TODAY);
    const fromObject = synthUserApp((app) => new HardlineBaseline(app, 'hardline', { profile }));
    const fromFile = synthUserApp((app) => new HardlineBaseline(app, 'hardline', { profileFile: path.join(ROOT, 'profiles', 'default.yaml'), today: TODAY }));
    expect(fromFile).toEqual(fromObject);
  });

  test('GIVEN an App that already has charts WHEN the baseline is added THEN its compliance context stays on the baseline scope', () => {
    const profile = defaultProfile(TODAY);
    const objects = synthUserApp((app) => {
      const mine = new Chart(app, 'mine', { namespace: 'payments', disableResourceNameHashes: true });
      new k8s.KubeConfigMap(mine, 'settings', { metadata: { name: 'settings' }, data: { a: 'b' } });
      const baseline = new HardlineBaseline(app, 'hardline', { profile, checkWorkloads: false });
      expect(baseline.charts.map((c) => c.folder)).toEqual(expect.arrayContaining(profile.namespaces.map((n) => `namespaces/${n.name}`)));
    });
    expect(objects.filter((o) => o.includes('compliance.hardline.dev/profile: acme-prod')).length).toBe(
      renderProfile(profile).objects.filter((o) => o.kustomize).length,
    );
    const configMap = objects.find((o) => o.includes('kind: ConfigMap'))!;
    expect(configMap).not.toContain('compliance.hardline.dev');
  });

  test('GIVEN neither or both of profile and profileFile THEN it throws naming both props', () => {
    const profile = defaultProfile(TODAY);
    expect(() => new HardlineBaseline(new App(), 'h', {})).toThrow(/exactly one of props.profile .* and props.profileFile/);
    expect(() => new HardlineBaseline(new App(), 'h', { profile, profileFile: 'x.yaml' })).toThrow(/exactly one of/);
  });

  test('GIVEN a profile file with problems THEN construction throws the located profile error', () => {
    expect(() => new HardlineBaseline(new App(), 'h', { profileFile: path.join(ROOT, 'test/fixtures/profiles/invalid/many-problems.yaml') })).toThrow(
      /many-problems\.yaml:\d+:\d+: /,
    );
  });
});

describe('HardlineBaseline control-plane charts', () => {
  afterEach(() => jest.restoreAllMocks());

  test('GIVEN a control-plane chart THEN it is left out of the app by default and listed in controlPlaneCharts', () => {
    const profile = defaultProfile(TODAY);
    let baseline: HardlineBaseline | undefined;
    const objects = synthUserApp((app) => {
      baseline = new HardlineBaseline(app, 'hardline', { profile });
    });
    expect(baseline!.controlPlaneCharts.map((c) => c.folder)).toEqual(['control-plane']);
    expect(baseline!.charts.map((c) => c.folder)).not.toContain('control-plane');
    expect(objects.some((o) => /^kind: Policy$/m.test(o))).toBe(false);
    expect(objects.length).toBe(renderProfile(profile).objects.filter((o) => o.kustomize).length);
  });

  test('GIVEN controlPlane: true THEN the control-plane chart is synthesized with the rest', () => {
    const profile = defaultProfile(TODAY);
    const objects = synthUserApp((app) => new HardlineBaseline(app, 'hardline', { profile, controlPlane: true }));
    expect(objects.some((o) => /^kind: Policy$/m.test(o))).toBe(true);
    expect(objects.sort()).toEqual(renderProfile(profile).objects.map((o) => Yaml.stringify(o.manifest)).sort());
  });
});

describe('HardlineBaseline reports conflicts with the app around it (issue 15)', () => {
  const dirs: string[] = [];
  const tmp = () => {
    dirs.push(fs.mkdtempSync(path.join(os.tmpdir(), 'hardline-conflicts-')));
    return dirs[dirs.length - 1];
  };
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  /** A Deployment of the user's in `namespace`, compliant apart from what the test changes. */
  const deployment = (chart: Chart, name: string, serviceAccountName: string) =>
    new k8s.KubeDeployment(chart, name, {
      metadata: { name },
      spec: {
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: {
            serviceAccountName,
            automountServiceAccountToken: false,
            securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [
              {
                name: 'app',
                image: 'registry.acme.example/app:1.2.3',
                securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
                resources: { requests: { cpu: k8s.Quantity.fromString('100m'), memory: k8s.Quantity.fromString('64Mi') }, limits: { memory: k8s.Quantity.fromString('128Mi') } },
              },
            ],
          },
        },
      },
    });

  test('GIVEN a user object with the kind, namespace and name of a baseline object THEN synth fails naming both', () => {
    const profile = defaultProfile(TODAY);
    const app = new App({ outdir: tmp() });
    const mine = new Chart(app, 'mine', { namespace: 'payments', disableResourceNameHashes: true });
    new k8s.KubeNetworkPolicy(mine, 'deny', { metadata: { name: 'default-deny' }, spec: { podSelector: {} } });
    new k8s.KubeNetworkPolicy(mine, 'other', { metadata: { name: 'my-own-policy' }, spec: { podSelector: {} } });
    new HardlineBaseline(app, 'hardline', { profile, checkWorkloads: false });
    expect(() => app.synth()).toThrow(
      /NetworkPolicy "payments\/default-deny" at mine\/deny collides with the hardline baseline's NetworkPolicy "payments\/default-deny" \(profile "acme-prod", hardline\/ns-payments\/DefaultDeny\/Resource\)/,
    );
    expect(() => app.synth()).not.toThrow(/my-own-policy/);
  });

  test('GIVEN a cluster-scoped user Namespace of a managed namespace THEN it collides too', () => {
    const profile = defaultProfile(TODAY);
    const app = new App({ outdir: tmp() });
    new k8s.KubeNamespace(new Chart(app, 'mine'), 'ns', { metadata: { name: 'checkout' } });
    new HardlineBaseline(app, 'hardline', { profile, checkWorkloads: false });
    expect(() => app.synth()).toThrow(/Namespace "checkout" at mine\/ns collides with the hardline baseline's Namespace "checkout"/);
  });

  test('GIVEN workloads naming a ServiceAccount of the profile, one of the app, and a missing one THEN only the missing one is reported', () => {
    const profile = defaultProfile(TODAY);
    const app = new App({ outdir: tmp() });
    const mine = new Chart(app, 'mine', { namespace: 'payments', disableResourceNameHashes: true });
    deployment(mine, 'payments-api', 'payments-api');
    deployment(mine, 'ledger', 'ledger-writer');
    new k8s.KubeServiceAccount(mine, 'own-sa', { metadata: { name: 'reporting' }, automountServiceAccountToken: false });
    deployment(mine, 'reports', 'reporting');
    new HardlineBaseline(app, 'hardline', { profile });
    let message = '';
    try {
      app.synth();
    } catch (e) {
      message = String(e);
    }
    expect(message).toMatch(
      /Deployment "payments\/ledger" at mine\/ledger runs as ServiceAccount "ledger-writer", which neither profile "acme-prod" declares nor the app defines in namespace "payments"/,
    );
    expect(message).not.toMatch(/ServiceAccount "payments-api", which/);
    expect(message).not.toMatch(/ServiceAccount "reporting", which/);
  });

  test('GIVEN checkWorkloads: false THEN the ServiceAccount check is off, the collision check is not', () => {
    const profile = defaultProfile(TODAY);
    const app = new App({ outdir: tmp() });
    deployment(new Chart(app, 'mine', { namespace: 'payments', disableResourceNameHashes: true }), 'ledger', 'ledger-writer');
    new HardlineBaseline(app, 'hardline', { profile, checkWorkloads: false });
    expect(() => app.synth()).not.toThrow();
  });
});
