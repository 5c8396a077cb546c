/**
 * Golden test: the committed dist/ is exactly what the default profile synthesizes now, every
 * object in it is schema-valid and annotated, and kustomize reads it all.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { CIS_VERSIONS, CONTROLS } from '../src/controls';
import { renderProfile } from '../src/synth/synthesize-profile';
import { CONTROL_STATUSES } from '../src/report/model';
import { auditLevel } from './helpers/audit-eval';
import { KyvernoSchemas } from './helpers/kyverno-schema';
import { CrdSchemas } from './helpers/crd-schema';
import { KubernetesSchemas } from './helpers/k8s-schema';
import { describeWithShared, readCsv } from './helpers/shared';
import { defaultProfile, ROOT } from './helpers/synth';
import { readTree } from './helpers/files';

const DIST = path.join(ROOT, 'dist');
/** Kinds hardline emits without a namespace. */
const CLUSTER_SCOPED_KINDS = ['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'ValidatingPolicy', 'ImageValidatingPolicy', 'ClusterPolicy'];

/** Every file under a directory, relative, sorted. */
const listFiles = (dir: string): string[] => Object.keys(readTree(dir)).sort();

/** API groups of the custom resources hardline emits; every other object is a built-in Kubernetes kind. */
const CRD_API_VERSIONS = ['velero.io/v1'];

/** Whether an object is a built-in Kubernetes kind (validated against the Kubernetes schemas). */
function isKubernetesKind(obj: { apiVersion: string }): boolean {
  return !CRD_API_VERSIONS.includes(obj.apiVersion) && !/kyverno\.io\//.test(obj.apiVersion);
}

/** Control-plane files of dist/ that are objects (not listed by the kustomization). */
function controlPlaneObjects(): { file: string; obj: any }[] {
  const dir = path.join(DIST, 'control-plane');
  return listFiles(dir)
    .filter((f) => f.endsWith('.yaml') && !f.startsWith('kubeapiserverflags-'))
    .map((f) => ({ file: `control-plane/${f}`, obj: yaml.load(fs.readFileSync(path.join(dir, f), 'utf8')) }));
}

/** Kubernetes objects of dist/: every YAML file listed by the kustomization. */
function distObjects(): { file: string; obj: any }[] {
  const k = yaml.load(fs.readFileSync(path.join(DIST, 'kustomization.yaml'), 'utf8')) as { resources: string[] };
  return k.resources.map((file) => ({ file, obj: yaml.load(fs.readFileSync(path.join(DIST, file), 'utf8')) }));
}

describe('dist/ (golden output of profiles/default.yaml)', () => {
  const { files } = renderProfile(defaultProfile());

  test('dist/ holds exactly the files the default profile synthesizes (run `npm run synth` if this fails)', () => {
    expect({ files: listFiles(DIST), hint: 'run `npm run synth`' }).toEqual({ files: [...files.keys()].sort(), hint: 'run `npm run synth`' });
  });

  test.each([...files.keys()].sort())('%s is byte-for-byte current (run `npm run synth` if this fails)', (file) => {
    const committed = fs.existsSync(path.join(DIST, file)) ? fs.readFileSync(path.join(DIST, file), 'utf8') : '<missing>';
    expect({ file, same: committed === files.get(file), hint: 'run `npm run synth`' }).toEqual({ file, same: true, hint: 'run `npm run synth`' });
  });

  test('synthesizing twice gives identical bytes', () => {
    const again = renderProfile(defaultProfile()).files;
    expect([...again.entries()]).toEqual([...files.entries()]);
  });

  test('every object carries the annotation contract, with explicit names and namespaces', () => {
    const profile = defaultProfile();
    for (const { file, obj } of distObjects()) {
      const a = obj.metadata.annotations ?? {};
      const fullyExcepted = a['compliance.hardline.dev/exceptions'] !== undefined && a['compliance.hardline.dev/soc2'] === undefined;
      expect({ file, controls: a['compliance.hardline.dev/controls'] }).toEqual({ file, controls: expect.stringMatching(/^HL-[A-Z]+-\d{3}(,HL-[A-Z]+-\d{3})*$/) });
      expect(a['compliance.hardline.dev/cis-kubernetes-version']).toBe(`v${profile.cisVersion}.0`);
      expect(a['compliance.hardline.dev/profile']).toBe(profile.name);
      if (!fullyExcepted) expect({ file, soc2: a['compliance.hardline.dev/soc2'] }).toEqual({ file, soc2: expect.any(String) });
      const ids = a['compliance.hardline.dev/controls'].split(',');
      expect(ids).toEqual([...ids].sort());
      expect(obj.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/);
      if (!CLUSTER_SCOPED_KINDS.includes(obj.kind)) expect({ file, namespace: obj.metadata.namespace }).toEqual({ file, namespace: expect.any(String) });
      else expect(obj.metadata.namespace).toBeUndefined();
    }
  });

  test('dist/compliance/report.json lists every control with a status and every object of dist/ under a control', () => {
    const report = JSON.parse(fs.readFileSync(path.join(DIST, 'compliance', 'report.json'), 'utf8'));
    expect(report.controls.map((c: any) => c.id)).toEqual(CONTROLS.map((c) => c.id));
    for (const c of report.controls) expect(CONTROL_STATUSES).toContain(c.status);
    // Every Kubernetes object hardline writes: the kustomization's resources plus the control-plane objects.
    const yamlFiles = [...distObjects(), ...controlPlaneObjects()].map((o) => o.file);
    expect(yamlFiles.length).toBeGreaterThan(0);
    for (const file of yamlFiles) {
      const under = report.controls.filter((c: any) => c.objects.some((o: any) => o.file === file)).map((c: any) => c.id);
      expect({ file, under: under.length > 0 }).toEqual({ file, under: true });
    }
    for (const g of report.cis.filter((c: any) => c.status === 'gap')) expect(g.gap.why && g.gap.action).toBeTruthy();
  });

  test('the report in dist/ carries no date, so it stays deterministic', () => {
    for (const f of ['report.md', 'report.json', 'report.csv', 'report.html']) {
      const text = fs.readFileSync(path.join(DIST, 'compliance', f), 'utf8');
      expect({ f, dated: /days ?left|asOf|Report date/i.test(text) }).toEqual({ f, dated: false });
    }
  });

  test('kustomization.yaml does not list the report', () => {
    expect(fs.readFileSync(path.join(DIST, 'kustomization.yaml'), 'utf8')).not.toContain('compliance/');
  });

  test('kubectl kustomize dist/ yields every object', () => {
    let out: string;
    try {
      out = execFileSync('kubectl', ['kustomize', DIST], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        console.warn('skipping kustomize check: kubectl is not installed');
        return;
      }
      throw e;
    }
    const rendered = yaml.loadAll(out) as any[];
    const key = (o: any) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    expect(rendered.map(key).sort()).toEqual(distObjects().map(({ obj }) => key(obj)).sort());
  });
});

describeWithShared('dist/ against ../shared', (shared) => {
  test.each(['v1.28.0', 'v1.36.0'])('every object validates strictly against the Kubernetes %s schema', (version) => {
    const schemas = new KubernetesSchemas(shared, version);
    const objects = distObjects().filter(({ obj }) => isKubernetesKind(obj));
    expect(objects.map(({ obj }) => obj.kind)).toEqual(expect.arrayContaining(['PodDisruptionBudget', 'ResourceQuota', 'LimitRange']));
    for (const { file, obj } of objects) {
      expect({ file, errors: schemas.errors(obj) }).toEqual({ file, errors: [] });
    }
  });

  test('every custom resource and control-plane object validates against its own schema (Velero v1.18.1, audit.k8s.io/v1)', () => {
    const schemas = new CrdSchemas(shared);
    const objects = [...distObjects().filter(({ obj }) => CRD_API_VERSIONS.includes(obj.apiVersion)), ...controlPlaneObjects()];
    expect(objects.map(({ obj }) => `${obj.apiVersion}/${obj.kind}`)).toEqual(
      expect.arrayContaining(['velero.io/v1/Schedule', 'audit.k8s.io/v1/Policy', 'apiserver.config.k8s.io/v1/EncryptionConfiguration']),
    );
    for (const { file, obj } of objects) {
      expect({ file, errors: schemas.errors(obj) }).toEqual({ file, errors: [] });
    }
  });

  test('the control-plane audit policy carries the annotation contract and is not in the kustomization', () => {
    const profile = defaultProfile();
    const { file, obj } = controlPlaneObjects().find((o) => o.obj.kind === 'Policy')!;
    expect(file).toBe('control-plane/policy-audit-policy.yaml');
    const a = obj.metadata.annotations;
    expect(a['compliance.hardline.dev/controls']).toBe('HL-AUD-001');
    expect(a['compliance.hardline.dev/cis-kubernetes-version']).toBe(`v${profile.cisVersion}.0`);
    expect(a['compliance.hardline.dev/profile']).toBe(profile.name);
    expect(distObjects().map((o) => o.file)).not.toContain(file);
    for (const resource of ['secrets', 'configmaps']) {
      for (const verb of ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete']) {
        const { level } = auditLevel(obj.rules, { user: 'alice', verb, group: '', resource, namespace: 'payments' });
        expect({ resource, verb, level }).toEqual({ resource, verb, level: 'Metadata' });
      }
    }
    expect(auditLevel(obj.rules, { user: 'alice', verb: 'create', group: 'authentication.k8s.io', resource: 'tokenreviews' }).level).toBe('Metadata');
  });

  test('the strict CRD validator catches a misspelled Velero field', () => {
    const schemas = new CrdSchemas(shared);
    const bad = { apiVersion: 'velero.io/v1', kind: 'Schedule', metadata: { name: 'x' }, spec: { schedule: '0 2 * * *', template: { ttl: '1h', includeNamespaces: ['a'] } } };
    expect(schemas.errors(bad).join()).toMatch(/additionalProperty/);
  });

  test('every Kyverno object validates against its Kyverno v1.19.0 CRD schema, in a version that is not deprecated', () => {
    const crds = new KyvernoSchemas(shared, 'v1.19.0');
    const kyverno = distObjects().filter(({ obj }) => /kyverno\.io\//.test(obj.apiVersion));
    expect(kyverno.length).toBeGreaterThan(0);
    for (const { file, obj } of kyverno) {
      expect({ file, errors: crds.errors(obj), deprecated: crds.deprecated(obj), deprecatedFields: crds.deprecatedFields(obj) }).toEqual({
        file,
        errors: [],
        deprecated: false,
        deprecatedFields: [],
      });
    }
  });

  test('the CRD validator catches a misspelled Kyverno field', () => {
    const crds = new KyvernoSchemas(shared, 'v1.19.0');
    const policy = distObjects().find(({ obj }) => obj.kind === 'ValidatingPolicy')!.obj;
    const bad = { ...policy, spec: { ...policy.spec, validationAction: ['Deny'] } };
    expect(crds.errors(bad).join()).toMatch(/additionalProperty/);
  });

  test('every annotated CIS ID exists in the selected benchmark and every SOC 2 ID in the 2017 TSC', () => {
    const soc2 = new Set(readCsv(path.join(shared, 'reference', 'soc2-tsc-2017-ids.csv')).map((r) => r.id));
    const cis = Object.fromEntries(
      CIS_VERSIONS.map((v) => [`v${v}.0`, new Set(readCsv(path.join(shared, 'reference', `cis-${v}-controls.csv`)).map((r) => r.id))]),
    );
    for (const { file, obj } of [...distObjects(), ...controlPlaneObjects()]) {
      const a = obj.metadata.annotations;
      const known = cis[a['compliance.hardline.dev/cis-kubernetes-version']];
      for (const id of (a['compliance.hardline.dev/cis-kubernetes'] ?? '').split(',').filter(Boolean)) {
        expect({ file, id, known: known.has(id) }).toEqual({ file, id, known: true });
      }
      for (const id of (a['compliance.hardline.dev/soc2'] ?? '').split(',').filter(Boolean)) {
        expect({ file, id, known: soc2.has(id) }).toEqual({ file, id, known: true });
      }
    }
  });

  test('the strict validator catches a misspelled field', () => {
    const schemas = new KubernetesSchemas(shared, 'v1.28.0');
    const bad = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'x' }, automountServiceAccountTokens: false };
    expect(schemas.errors(bad).join()).toMatch(/additionalProperty/);
  });
});
