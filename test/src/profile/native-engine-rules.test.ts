import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { NativeAdmissionPolicySet } from '../../../constructs/native-admission-policy-set';
import { loadProfile, parseProfile } from '../../../src/profile/load-profile';
import { nativeEngineVersionProblem } from '../../../src/profile/native-engine-rules';
import { composeAndCollect } from '../../../src/synth/collect-objects';
import { complianceChart } from '../../helpers/chart';
import { ROOT, TODAY, profileYaml } from '../../helpers/synth';

const NS = '    - { name: payments, tier: production }';
const parse = (extra: string, opts: { kubernetesVersion?: string; exceptions?: string } = {}) =>
  parseProfile(profileYaml({ namespaces: NS, extra, ...opts }), 'inline.yaml', { today: TODAY, baseDir: ROOT });
const EXCEPTION = 'reason: "vendor image from Docker Hub (SEC-9)", owner: a@b.c, approvedBy: ciso@b.c, ticket: SEC-9, expires: 2027-06-30';

describe('spec.admission.engine', () => {
  test('defaults to kyverno; kubernetes is taken as written', () => {
    expect(parse('  admission: {}').admission!.engine).toBe('kyverno');
    expect(parse('  admission: { engine: kubernetes }', { kubernetesVersion: '1.30' }).admission!.engine).toBe('kubernetes');
  });

  test('an unknown engine is a located schema error', () => {
    expect(() => parse('  admission:\n    engine: gatekeeper')).toThrow(/inline\.yaml:7:\d+: spec\.admission\.engine: must be one of kyverno, kubernetes/);
  });

  test('engine kubernetes below Kubernetes 1.30 is a located error naming the version and 1.30', () => {
    expect(() => parse('  admission:\n    engine: kubernetes', { kubernetesVersion: '1.29' })).toThrow(
      /inline\.yaml:7:13: spec\.admission\.engine: engine "kubernetes": Kubernetes 1\.29 has no ValidatingAdmissionPolicy \(admissionregistration\.k8s\.io\/v1 needs 1\.30 or later\); use the kyverno engine\./,
    );
    expect(parse('  admission:\n    engine: kyverno', { kubernetesVersion: '1.29' }).admission!.engine).toBe('kyverno');
  });

  test('the profile and the library give one message for an old Kubernetes', () => {
    const chart = complianceChart();
    let thrown = '';
    try {
      new NativeAdmissionPolicySet(chart, 'set', { kubernetesVersion: '1.28' });
    } catch (e) {
      thrown = (e as Error).message;
    }
    expect(thrown).toBe(nativeEngineVersionProblem('1.28'));
    expect(nativeEngineVersionProblem('1.30')).toBeUndefined();
    expect(() => Testing.synth(chart)).not.toThrow();
  });

  test.each([
    ['workloads', `{ control: HL-ADM-003, namespaces: [payments], workloads: [{ kind: Pod, name: cache }], ${EXCEPTION} }`],
    ['selector', `{ control: HL-ADM-003, namespaces: [payments], selector: { matchLabels: { app: cache } }, ${EXCEPTION} }`],
    ['rules', `{ control: HL-ADM-004, namespaces: [payments], rules: [disallow-latest-tag], ${EXCEPTION} }`],
  ])('under engine kubernetes an admission exception narrowed by %s is accepted as under kyverno (realised as policy matchConditions)', (_what, entry) => {
    const exceptions = `    - ${entry}`;
    for (const engine of ['kubernetes', 'kyverno']) {
      expect(parse(`  admission: { engine: ${engine} }`, { kubernetesVersion: '1.31', exceptions }).exceptions).toHaveLength(1);
    }
  });

  test('the default profile on the native engine realises its workload-scoped HL-POD-001 exception: matchConditions naming the workload, and -enforce-scoped bindings', () => {
    const text = fs
      .readFileSync(path.join(ROOT, 'profiles', 'default.yaml'), 'utf8')
      .replace('kubernetesVersion: "1.28"', 'kubernetesVersion: "1.31"')
      .replace('  admission:\n', '  admission:\n    engine: kubernetes\n');
    expect(text).toContain('engine: kubernetes');
    const profile = parseProfile(text, path.join(ROOT, 'profiles', 'default.yaml'), { today: TODAY, baseDir: path.join(ROOT, 'profiles') });
    const objects = composeAndCollect(profile).objects.map((o) => o.manifest as any);
    const policies = objects.filter((o) => o.kind === 'ValidatingAdmissionPolicy');
    const bindings = objects.filter((o) => o.kind === 'ValidatingAdmissionPolicyBinding');
    const runAsNonRoot = policies.find((p) => p.metadata.name === 'hl-require-run-as-nonroot');
    expect(JSON.stringify(runAsNonRoot?.spec.matchConditions ?? [])).toContain('billing-engine');
    expect(bindings.map((b) => b.metadata.name)).toContain('hl-require-run-as-nonroot-enforce-scoped');
    // Nothing of the Kyverno rule set is emitted under the native engine.
    expect(objects.filter((o) => o.kind === 'PolicyException' || o.kind === 'ValidatingPolicy')).toEqual([]);
  });

  test('a namespace-wide admission exception is accepted under engine kubernetes', () => {
    const exceptions = `    - { control: HL-ADM-003, namespaces: [payments], scope: namespace, ${EXCEPTION} }`;
    expect(parse('  admission: { engine: kubernetes }', { kubernetesVersion: '1.31', exceptions }).exceptions).toHaveLength(1);
  });
});

describe('spec.admission.engine across extends: the last file that sets it wins', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hardline-engine-'));
    const doc = (name: string, ext: string[], spec: string[]) =>
      ['apiVersion: hardline.dev/v1alpha1', 'kind: Profile', `metadata: { name: ${name} }`, ...(ext.length ? [`extends: [${ext.join(', ')}]`] : []), 'spec:', ...spec, ''].join('\n');
    const cluster = (v: string) => `  cluster: { name: c, kubernetesVersion: "${v}" }`;
    fs.writeFileSync(path.join(dir, 'base.yaml'), doc('base', [], [cluster('1.31'), '  namespaces: [{ name: a }]', '  admission: { engine: kubernetes }']));
    fs.writeFileSync(path.join(dir, 'keep.yaml'), doc('keep', ['./base.yaml'], ['  admission: { requiredLabels: [app] }']));
    fs.writeFileSync(path.join(dir, 'back.yaml'), doc('back', ['./base.yaml'], ['  admission: { engine: kyverno }']));
    fs.writeFileSync(path.join(dir, 'old.yaml'), doc('old', ['./base.yaml'], [cluster('1.29')]));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('an extending profile that does not set it keeps the base engine', () => {
    expect(loadProfile(path.join(dir, 'keep.yaml'), { today: TODAY }).admission!.engine).toBe('kubernetes');
  });

  test('an extending profile may switch back to kyverno', () => {
    expect(loadProfile(path.join(dir, 'back.yaml'), { today: TODAY }).admission!.engine).toBe('kyverno');
  });

  test('lowering Kubernetes below 1.30 under an inherited native engine is located at the engine, in the base', () => {
    expect(() => loadProfile(path.join(dir, 'old.yaml'), { today: TODAY })).toThrow(/base\.yaml:7:\d+: spec\.admission\.engine: engine "kubernetes": Kubernetes 1\.29 has no ValidatingAdmissionPolicy/);
  });
});
