/**
 * One meaning everywhere: every profile exception lifts exactly the same (admission rule, object)
 * pairs in every layer, on the same fixtures, before and after its expiry:
 * - the emitted Kyverno PolicyExceptions (`policies.kyverno.io/v1` for Kyverno 1.17, `kyverno.io/v2`
 *   for 1.15), read from the synthesized objects and evaluated as Kyverno does;
 * - the scope's meaning (`exceptionLifts`), which the build-time check and `Hardline.check` use;
 * - the native engine's hook (`notExceptedCel`), evaluated as a ValidatingAdmissionPolicy match condition;
 * - the report's exception entries (read back from its JSON).
 * A test fails on any difference, and asserts the expected verdicts so agreement on nothing cannot pass.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ControlException, ExceptableRule, exceptionLifts, inForce, inScope, notExceptedCel, scopedObjectOf } from '../src/controls';
import { parseProfile } from '../src/profile/load-profile';
import { EXCEPTABLE_RULES } from '../src/profile/exceptable-rules';
import { ResolvedProfile } from '../src/profile/types';
import { buildReport } from '../src/report/build-report';
import { ExceptionEntry } from '../src/report/model';
import { renderProfile } from '../src/synth/synthesize-profile';
import { checkWorkloads } from '../src/check/check-workloads';
import { admits } from './helpers/cel';
import { problems } from './helpers/profile-problems';
import { rootDeployment } from './helpers/workloads';
import { ExceptionRequest, nativeConditionHolds, policyExceptionExcepts } from './helpers/policy-exceptions';
import { defaultProfileTextFor, profileYaml, ROOT, TODAY } from './helpers/synth';

const DEFAULT_PROFILE = path.join(ROOT, 'profiles', 'default.yaml');

/** A profile exercising every kind of scope: named controllers with selectors, a bare Pod, a selector alone, rules. */
const SCOPES_PROFILE = profileYaml({
  extra: '  admission: { kyvernoVersion: "1.17", allowedRegistries: [registry.acme.example], requiredLabels: [app] }',
  namespaces: ['    - name: legacy', '      podSecurity: baseline', '    - name: tools'].join('\n'),
  exceptions: [
    '    - control: HL-POD-001',
    '      namespaces: [legacy]',
    '      workloads: [{ kind: Deployment, name: vendor }, { kind: CronJob, name: nightly }]',
    '      selector: { matchLabels: { app: vendor, app.kubernetes.io/part-of: billing } }',
    '      reason: "vendor image runs as root (SEC-1)"',
    '      owner: finance@acme.example',
    '      approvedBy: ciso@acme.example',
    '      ticket: https://tickets.acme.example/SEC-1',
    '      expires: 2027-01-31',
    '    - control: HL-ADM-003',
    '      namespaces: [tools]',
    '      selector: { matchLabels: { app: mirror-sync } }',
    '      reason: "mirrors images from upstream until the proxy (OPS-3)"',
    '      owner: platform@acme.example',
    '      approvedBy: ciso@acme.example',
    '      ticket: OPS-3',
    '      expires: 2027-03-31',
    '    - control: HL-ADM-006',
    '      namespaces: [tools]',
    '      workloads: [{ kind: Pod, name: debug-shell }]',
    '      rules: [require-pod-requests-limits]',
    '      reason: "break-glass debug Pod sized by hand (OPS-4)"',
    '      owner: platform@acme.example',
    '      approvedBy: ciso@acme.example',
    '      ticket: OPS-4',
    '      expires: 2027-01-15',
  ].join('\n'),
});

/** A Pod (or controller) manifest with its labels on the object and on its Pod template. */
function workload(kind: string, name: string | undefined, namespace: string, labels: Record<string, string>): any {
  const pod = { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'docker.io/vendor/app:1.0', securityContext: { runAsUser: 0 } }] } };
  const metadata = { ...(name !== undefined ? { name } : { generateName: 'gen-' }), namespace, labels };
  const spec: Record<string, any> =
    kind === 'Pod' ? pod.spec : kind === 'CronJob' ? { schedule: '0 1 * * *', jobTemplate: { spec: { template: pod } } } : { template: pod };
  return { apiVersion: kind === 'Pod' ? 'v1' : kind.endsWith('Job') ? 'batch/v1' : 'apps/v1', kind, metadata, spec };
}

/** The fixtures: the named workloads, what their controllers generate, and the siblings that must stay denied. */
function fixtures(): { id: string; object: any }[] {
  const billing = { app: 'billing-engine' };
  const vendor = { app: 'vendor', 'app.kubernetes.io/part-of': 'billing' };
  const list: [string, any][] = [
    ['billing-engine Deployment', workload('Deployment', 'billing-engine', 'legacy-billing', billing)],
    ['billing-engine ReplicaSet', workload('ReplicaSet', 'billing-engine-7d9f5c6b8', 'legacy-billing', { ...billing, 'pod-template-hash': '7d9f5c6b8' })],
    ['billing-engine Pod', workload('Pod', 'billing-engine-7d9f5c6b8-x2x4q', 'legacy-billing', { ...billing, 'pod-template-hash': '7d9f5c6b8' })],
    ['billing-engine Pod, generateName', workload('Pod', undefined, 'legacy-billing', billing)],
    ['sibling Deployment billing-reports', workload('Deployment', 'billing-reports', 'legacy-billing', { app: 'billing-reports' })],
    ['sibling Pod billing-reports', workload('Pod', 'billing-reports-5f6d-abcde', 'legacy-billing', { app: 'billing-reports' })],
    ['sibling Deployment with the same labels', workload('Deployment', 'billing-engine-v2', 'legacy-billing', billing)],
    ['StatefulSet named billing-engine', workload('StatefulSet', 'billing-engine', 'legacy-billing', billing)],
    ['billing-engine in another namespace', workload('Deployment', 'billing-engine', 'payments', billing)],
    ['billing-engine Pod in another namespace', workload('Pod', 'billing-engine-1', 'payments', billing)],
    ['vendor Deployment', workload('Deployment', 'vendor', 'legacy', vendor)],
    ['vendor Pod', workload('Pod', 'vendor-6c7d-aaaaa', 'legacy', vendor)],
    ['vendor Deployment missing one label', workload('Deployment', 'vendor', 'legacy', { app: 'vendor' })],
    ['nightly CronJob', workload('CronJob', 'nightly', 'legacy', vendor)],
    ['nightly Job', workload('Job', 'nightly-29012345', 'legacy', vendor)],
    ['Job named nightly without labels', workload('Job', 'nightly', 'legacy', {})],
    ['other Pod in legacy', workload('Pod', 'other', 'legacy', { app: 'other' })],
    ['mirror-sync Deployment', workload('Deployment', 'mirror-sync', 'tools', { app: 'mirror-sync' })],
    ['mirror-sync Pod', workload('Pod', 'mirror-sync-1', 'tools', { app: 'mirror-sync' })],
    ['debug-shell Pod', workload('Pod', 'debug-shell', 'tools', { app: 'debug' })],
    ['debug-shell Deployment', workload('Deployment', 'debug-shell', 'tools', { app: 'debug' })],
    ['other Pod in tools', workload('Pod', 'other', 'tools', { app: 'other' })],
  ];
  return list.map(([id, object]) => ({ id, object }));
}

/** The emitted policies of a rendering, each with the rule it checks. */
function emitted(profile: ResolvedProfile) {
  const { objects, files } = renderProfile(profile);
  const manifests = objects.map((o) => o.manifest as any);
  const policies = manifests
    .filter((m) => m.kind === 'ValidatingPolicy' || m.kind === 'ClusterPolicy')
    .map((m) => ({ name: m.metadata.name as string, rule: (m.metadata.name as string).replace(/^hl-/, '').replace(/-(enforce-scoped|enforce|audit|warn)$/, '') }))
    // The workload policies of the rule model; tamper protection (HL-ADM-010) guards hardline's own objects.
    .filter((p) => EXCEPTABLE_RULES.some((r) => r.id === p.rule));
  const exceptions = manifests.filter((m) => m.kind === 'PolicyException');
  const report = JSON.parse(files.get('compliance/report.json') ?? 'null') ?? buildReport(profile, objects);
  return { policies, exceptions, reportExceptions: report.exceptions as ExceptionEntry[] };
}

/** The lifted verdict of each layer for one rule and fixture at a time. */
function verdicts(profile: ResolvedProfile, rendering: ReturnType<typeof emitted>, policy: { name: string; rule: string }, object: any, now: string) {
  const rule: ExceptableRule = EXCEPTABLE_RULES.find((r) => r.id === policy.rule)!;
  const namespace = object.metadata.namespace;
  const req: ExceptionRequest = { object, namespace, now };
  const asOf = now.slice(0, 10);
  const scoped = scopedObjectOf(object, namespace);
  // The native hook as synthesized on that day (a ValidatingAdmissionPolicy has no clock: an expired
  // exception leaves it only because the synth refuses the profile; see the expiry test below).
  const native = notExceptedCel(profile.exceptions, rule, asOf);
  return {
    kyverno: rendering.exceptions.some((pe) => policyExceptionExcepts(pe, policy.name, policy.rule, req)),
    meaning: profile.exceptions.some((e) => exceptionLifts(e, rule, scoped, asOf)),
    native: native !== undefined && !nativeConditionHolds(native, req),
    report: rendering.reportExceptions.some(
      (e) => e.lifts.includes(rule.id) && inScope(e as unknown as ControlException, scoped) && inForce(e as unknown as ControlException, asOf),
    ),
  };
}

const cases: [string, () => ResolvedProfile][] = [
  ['default profile, Kyverno 1.17', () => parseProfile(fs.readFileSync(DEFAULT_PROFILE, 'utf8'), DEFAULT_PROFILE, { today: TODAY, baseDir: ROOT })],
  [
    'default profile, Kyverno 1.15',
    () => parseProfile(defaultProfileTextFor('1.15'), DEFAULT_PROFILE, { today: TODAY, baseDir: ROOT }),
  ],
  ['scopes profile, Kyverno 1.17', () => parseProfile(SCOPES_PROFILE, 'scopes.yaml', { today: TODAY, baseDir: ROOT })],
  ['scopes profile, Kyverno 1.15', () => parseProfile(SCOPES_PROFILE.replace('kyvernoVersion: "1.17"', 'kyvernoVersion: "1.15"'), 'scopes.yaml', { today: TODAY, baseDir: ROOT })],
];

describe.each(cases)('%s: every layer lifts the same (rule, object) pairs', (_name, load) => {
  const profile = load();
  const rendering = emitted(profile);
  const before = `${TODAY}T12:00:00Z`;
  const lastDay = (e: ControlException) => `${e.expires}T23:59:58Z`;
  const dayAfter = (e: ControlException) => `${new Date(Date.parse(`${e.expires}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)}T00:00:01Z`;

  test('the rendering has PolicyExceptions and policies to evaluate', () => {
    expect(rendering.exceptions.length).toBeGreaterThan(0);
    expect(rendering.policies.length).toBeGreaterThan(10);
  });

  test.each(fixtures().map((f) => [f.id, f.object]))('%s: same verdict in every layer, before, on the last day of and after each expiry', (_id, object) => {
    const times = [before, ...profile.exceptions.flatMap((e) => [lastDay(e), dayAfter(e)])];
    for (const now of times) {
      for (const policy of rendering.policies) {
        const v = verdicts(profile, rendering, policy, object, now);
        const all = [v.kyverno, v.meaning, v.native, v.report];
        expect({ policy: policy.name, now, ...v, agree: all.every((x) => x === all[0]) }).toEqual({ policy: policy.name, now, ...v, agree: true });
      }
    }
  });
});

describe('the verdicts themselves (so that agreeing on nothing cannot pass)', () => {
  const lifted = (load: () => ResolvedProfile, fixture: string, rule: string, now = `${TODAY}T12:00:00Z`) => {
    const profile = load();
    const rendering = emitted(profile);
    const policy = rendering.policies.find((p) => p.rule === rule && p.name.endsWith('-enforce'))!;
    expect(policy).toBeDefined();
    const object = fixtures().find((f) => f.id === fixture)!.object;
    return verdicts(profile, rendering, policy, object, now);
  };
  const all = (v: boolean) => ({ kyverno: v, meaning: v, native: v, report: v });

  test.each(cases)('%s: the excepted workload, its ReplicaSet and its Pods are lifted; the siblings are not', (name, load) => {
    if (name.startsWith('default')) {
      for (const f of ['billing-engine Deployment', 'billing-engine ReplicaSet', 'billing-engine Pod', 'billing-engine Pod, generateName']) {
        expect({ f, ...lifted(load, f, 'require-run-as-nonroot') }).toEqual({ f, ...all(true) });
      }
      for (const f of ['sibling Deployment billing-reports', 'sibling Pod billing-reports', 'sibling Deployment with the same labels', 'StatefulSet named billing-engine', 'billing-engine in another namespace']) {
        expect({ f, ...lifted(load, f, 'require-run-as-nonroot') }).toEqual({ f, ...all(false) });
      }
      // rules: narrows the control: a restricted rule the exception does not name stays enforced.
      expect(lifted(load, 'billing-engine Deployment', 'disallow-privilege-escalation')).toEqual(all(false));
    } else {
      for (const f of ['vendor Deployment', 'vendor Pod', 'nightly CronJob', 'nightly Job']) expect({ f, ...lifted(load, f, 'restrict-seccomp-strict') }).toEqual({ f, ...all(true) });
      for (const f of ['vendor Deployment missing one label', 'Job named nightly without labels', 'other Pod in legacy']) {
        expect({ f, ...lifted(load, f, 'restrict-seccomp-strict') }).toEqual({ f, ...all(false) });
      }
      expect(lifted(load, 'mirror-sync Pod', 'restrict-image-registries')).toEqual(all(true));
      expect(lifted(load, 'other Pod in tools', 'restrict-image-registries')).toEqual(all(false));
      expect(lifted(load, 'debug-shell Pod', 'require-pod-requests-limits')).toEqual(all(true));
      expect(lifted(load, 'debug-shell Deployment', 'require-pod-requests-limits')).toEqual(all(false));
    }
  });

  test.each(cases)('%s: after the expiry day nothing is lifted, and the profile no longer loads', (name, load) => {
    const profile = load();
    const [fixture, rule] = name.startsWith('default') ? ['billing-engine Pod', 'require-run-as-nonroot'] : ['vendor Pod', 'restrict-seccomp-strict'];
    const e = profile.exceptions.find((x) => x.control === 'HL-POD-001')!;
    const next = new Date(Date.parse(`${e.expires}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(lifted(load, fixture, rule, `${e.expires}T23:59:58Z`)).toEqual(all(true));
    expect(lifted(load, fixture, rule, `${next}T00:00:01Z`)).toEqual(all(false));
    // The build-time check, `hardline check`, the report and the native synth all load the profile: on that day it is refused.
    const text = name.startsWith('default') ? fs.readFileSync(DEFAULT_PROFILE, 'utf8') : SCOPES_PROFILE;
    expect(problems(() => parseProfile(text, 'p.yaml', { today: next, baseDir: ROOT })).join('\n')).toMatch(/expired on/);
  });
});

describe('end to end: the workload-scoped exception admits its workload and still denies its sibling, in Kyverno and the build-time check', () => {
  /** Whether a label selector's matchExpressions select a namespace with these labels. */
  const selects = (selector: any, labels: Record<string, string>) =>
    selector.matchExpressions.every((x: any) => (x.operator === 'In' ? x.values.includes(labels[x.key]) : x.operator === 'NotIn' ? !x.values.includes(labels[x.key]) : fail(x.operator)));
  const fail = (op: string): boolean => {
    throw new Error(`unevaluated selector operator ${op}`);
  };

  /** The Deny policies (with their CEL) that reject the object in its namespace, after the PolicyExceptions. */
  function kyvernoDenials(profile: ResolvedProfile, object: any, now = `${TODAY}T12:00:00Z`): string[] {
    const manifests = renderProfile(profile).objects.map((o) => o.manifest as any);
    const ns = manifests.find((m) => m.kind === 'Namespace' && m.metadata.name === object.metadata.namespace);
    const exceptions = manifests.filter((m) => m.kind === 'PolicyException');
    const out: string[] = [];
    for (const m of manifests) {
      let selector: any, variables: any, expression: string, rule: string;
      if (m.kind === 'ValidatingPolicy') {
        if (!m.spec.validationActions.includes('Deny')) continue;
        ({ namespaceSelector: selector } = m.spec.matchConstraints);
        ({ variables } = m.spec);
        expression = m.spec.validations[0].expression;
        rule = m.metadata.name;
      } else if (m.kind === 'ClusterPolicy') {
        const r = m.spec.rules[0];
        if (r.validate.failureAction !== 'Enforce') continue;
        selector = r.match.any[0].resources.namespaceSelector;
        ({ variables } = r.validate.cel);
        expression = r.validate.cel.expressions[0].expression;
        rule = r.name;
      } else continue;
      if (!selects(selector, ns.metadata.labels) || admits(variables, expression, object)) continue;
      const req = { object, namespace: object.metadata.namespace, now };
      if (exceptions.some((pe) => policyExceptionExcepts(pe, m.metadata.name, rule, req))) continue;
      out.push(m.metadata.name.replace(/^hl-/, '').replace(/-(enforce-scoped|enforce)$/, ''));
    }
    return [...new Set(out)].sort();
  }

  const engine = () => {
    const d = rootDeployment('legacy-billing', 'billing-engine');
    d.metadata.labels = { app: 'billing-engine' };
    return d;
  };
  const enginePod = () => {
    const d = engine();
    return { apiVersion: 'v1', kind: 'Pod', metadata: { generateName: 'billing-engine-7d9f5c6b8-', namespace: 'legacy-billing', labels: { ...d.spec.template.metadata.labels, 'pod-template-hash': '7d9f5c6b8' } }, spec: d.spec.template.spec };
  };
  const sibling = () => rootDeployment('legacy-billing', 'billing-reports');

  test.each(['1.17', '1.15'])('Kyverno %s and checkWorkloads agree: billing-engine and its Pod admitted, billing-reports denied for running as root', (version) => {
    const profile = parseProfile(defaultProfileTextFor(version), DEFAULT_PROFILE, { today: TODAY, baseDir: ROOT });
    const check = (o: any) => [...new Set(checkWorkloads([o], profile).map((v) => v.rule.id))].sort();
    for (const o of [engine(), enginePod()]) {
      expect({ kind: o.kind, kyverno: kyvernoDenials(profile, o), check: check(o) }).toEqual({ kind: o.kind, kyverno: [], check: [] });
    }
    const denied = ['require-run-as-non-root-user', 'require-run-as-nonroot'];
    expect({ kyverno: kyvernoDenials(profile, sibling()), check: check(sibling()) }).toEqual({ kyverno: denied, check: denied });
    // After the expiry day Kyverno denies billing-engine too (and the profile no longer loads for the check).
    expect(kyvernoDenials(profile, engine(), '2027-07-01T00:00:01Z')).toEqual(denied);
  });
});
