/**
 * Every evidence command of the report runs: the real `kubectl` is pointed (`--server`) at a
 * loopback test API server serving discovery and the synthesized objects, each command is run
 * through `sh -c` as a reviewer would paste it, and it must exit 0 and show every object it is about.
 * Skips with a printed reason when kubectl is not installed.
 */
import { execFile, execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadProfile } from '../../../src/profile/load-profile';
import { buildReport } from '../../../src/report/build-report';
import { resourceOf } from '../../../src/report/evidence-commands';
import { ComplianceReport } from '../../../src/report/model';
import { RenderedObject } from '../../../src/synth/collect-objects';
import { renderProfile } from '../../../src/synth/synthesize-profile';
import { FakeApiServer, ServedObject, ServedResource, startFakeApiServer } from '../../helpers/fake-api-server';
import { REPORT_FIXTURE } from '../../helpers/report';
import { ROOT, TODAY } from '../../helpers/synth';

const hasKubectl = (() => {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/**
 * Resource types a cluster running hardline's output has besides those of the objects: pods,
 * Kyverno's policy kinds, and the built-in admission policy kinds (Kubernetes 1.30+).
 */
const EXTRA_RESOURCES: ServedResource[] = [
  { apiVersion: 'v1', kind: 'Pod', plural: 'pods', namespaced: true },
  { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', plural: 'validatingadmissionpolicies', namespaced: false },
  { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicyBinding', plural: 'validatingadmissionpolicybindings', namespaced: false },
  { apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', plural: 'clusterpolicies', namespaced: false },
  { apiVersion: 'policies.kyverno.io/v1', kind: 'ValidatingPolicy', plural: 'validatingpolicies', namespaced: false },
];

/** What the cluster serves for a profile: its kustomized objects, plus a kubeadm kube-apiserver pod started with the emitted flags. */
function cluster(objects: readonly RenderedObject[]): { resources: ServedResource[]; served: ServedObject[]; flags: string[] } {
  const applied = objects.filter((o) => o.kustomize).map((o) => o.manifest as unknown as ServedObject);
  const flags = (objects.find((o) => o.manifest.kind === 'KubeApiServerFlags')?.manifest.args as string[] | undefined) ?? [];
  const apiServer: ServedObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'kube-apiserver-cp-1', namespace: 'kube-system', labels: { component: 'kube-apiserver', tier: 'control-plane' } },
    spec: { containers: [{ name: 'kube-apiserver', image: 'registry.k8s.io/kube-apiserver:v1.28.0', command: ['kube-apiserver', ...flags] }] },
  };
  const types = new Map<string, ServedResource>(EXTRA_RESOURCES.map((r) => [`${r.apiVersion}/${r.kind}`, r]));
  for (const o of applied) {
    const key = `${o.apiVersion}/${o.kind}`;
    if (!types.has(key)) {
      types.set(key, { apiVersion: o.apiVersion, kind: o.kind, plural: resourceOf(o.apiVersion, o.kind).split('.')[0], namespaced: o.metadata.namespace !== undefined });
    }
  }
  return { resources: [...types.values()], served: [...applied, apiServer], flags };
}

function sh(command: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('sh', ['-c', command], { env, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const PROFILES: [string, string][] = [
  ['profiles/default.yaml', path.join(ROOT, 'profiles', 'default.yaml')],
  // The native admission engine: admission evidence is about ValidatingAdmissionPolicies and bindings.
  ['profiles/native-example.yaml', path.join(ROOT, 'profiles', 'native-example.yaml')],
  ['the report fixture', REPORT_FIXTURE],
];

(hasKubectl ? describe : describe.skip)('evidence commands run with the real kubectl against a loopback test API server', () => {
  let home: string;
  beforeAll(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'hardline-kubectl-'));
    fs.writeFileSync(path.join(home, 'kubeconfig'), 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n');
  });
  afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

  describe.each(PROFILES)('%s', (_name, file) => {
    let server: FakeApiServer;
    let report: ComplianceReport;
    let flags: string[];
    let env: NodeJS.ProcessEnv;
    beforeAll(async () => {
      const profile = loadProfile(file, { today: TODAY });
      const { objects } = renderProfile(profile);
      report = buildReport(profile, objects);
      const c = cluster(objects);
      flags = c.flags;
      server = await startFakeApiServer(c.resources, c.served);
      env = { PATH: process.env.PATH, HOME: home, KUBECONFIG: path.join(home, 'kubeconfig') };
    });
    afterAll(() => server.close());

    const kubectl = (command: string) => {
      expect(command.startsWith('kubectl ')).toBe(true);
      return sh(`kubectl --server=${server.url} --cache-dir=${path.join(home, 'cache')} ${command.slice('kubectl '.length)}`, env);
    };

    test('every control that governs cluster objects has commands, each exits 0 and shows exactly its objects', async () => {
      let ran = 0;
      let governing = 0;
      for (const control of report.controls) {
        const cluster = control.objects.filter((o) => !o.excepted && !o.file.startsWith('control-plane/'));
        if (cluster.length > 0) governing++;
        if (cluster.length > 0) expect({ control: control.id, commands: control.evidenceCommands.length > 0 }).toEqual({ control: control.id, commands: true });
        const outputs: string[] = [];
        for (const command of control.evidenceCommands) {
          const r = await kubectl(command);
          ran++;
          expect({ control: control.id, command, code: r.code, stderr: r.stderr }).toEqual({ control: control.id, command, code: 0, stderr: '' });
          outputs.push(r.stdout);
        }
        const all = outputs.join('\n');
        for (const o of cluster) {
          expect({ control: control.id, object: `${o.kind} ${o.namespace ?? ''}/${o.name}`, shown: new RegExp(`\\b${o.name}\\b`).test(all) }).toEqual({
            control: control.id,
            object: `${o.kind} ${o.namespace ?? ''}/${o.name}`,
            shown: true,
          });
        }
        if (control.id === 'HL-AUD-001' || control.id === 'HL-AUD-002') {
          // A kubeadm control plane started with the emitted flags: the command shows every one of them.
          expect(flags.length).toBeGreaterThan(0);
          for (const flag of flags) expect({ control: control.id, flag, shown: all.includes(flag) }).toEqual({ control: control.id, flag, shown: true });
        }
      }
      // Every control that governs cluster objects ran at least one command (so the loop above checked something).
      expect(governing).toBeGreaterThan(5);
      expect(ran).toBeGreaterThanOrEqual(governing);
    }, 300_000);

    test('the checks can fail: a missing object exits non-zero, and the old HL-SA-001 command is refused by kubectl', async () => {
      const missing = await kubectl('kubectl get networkpolicies -n payments no-such-policy -o yaml');
      expect(missing.code).not.toBe(0);
      expect(missing.stderr).toMatch(/not found/);
      const old = await kubectl('kubectl get serviceaccount default -A -o custom-columns=NS:.metadata.namespace');
      expect(old.code).not.toBe(0);
      expect(old.stderr).toMatch(/a resource cannot be retrieved by name across all namespaces/);
      expect(server.requests.every((r) => r.startsWith('GET '))).toBe(true);
    }, 60_000);
  });
});

if (!hasKubectl) console.warn('skipping the evidence-command test: kubectl is not installed');
