/**
 * Tier and namespace semantics equal Pod Security Admission's: the README tier table, the PSA labels
 * hardline writes on Namespaces and the Kyverno policies that match those Namespaces agree, and a
 * baseline-compliant Pod is admitted (only audited) in staging, through the emitted CEL.
 */
import * as fs from 'fs';
import * as path from 'path';
import { evaluateRules, FIXTURE_PARAMS, fixturePod, minorOf, podSecurityRulesFor, rulesAt } from '../../../src/admission';
import { parseProfile } from '../../../src/profile/load-profile';
import { renderProfile } from '../../../src/synth/synthesize-profile';
import { admits } from '../../helpers/cel';
import { ROOT, TODAY } from '../../helpers/synth';

const LEVELS = ['privileged', 'baseline', 'restricted'];
const stronger = (a: string, b: string) => LEVELS.indexOf(a) > LEVELS.indexOf(b);

/** The README tier table, one variant: `built-in` takes the plain values, `soc2` the `(soc2: …)` ones where given. */
function readmeTable(variant: 'built-in' | 'soc2'): Record<string, string[]> {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('| tier | enforce | audit | warn |');
  const rows = readme.slice(start).split('\n').slice(2).filter((l) => l.startsWith('|'));
  const cell = (c: string) => {
    const m = /^(.*?)(?: \(soc2: (.*)\))?$/.exec(c.trim())!;
    return variant === 'soc2' && m[2] !== undefined ? m[2] : m[1];
  };
  return Object.fromEntries(rows.map((r) => r.split('|').slice(1, -1)).map(([tier, ...rest]) => [tier.trim(), rest.map(cell)]));
}

function render(text: string, file: string) {
  return renderProfile(parseProfile(text, file, { today: TODAY, baseDir: path.dirname(file) })).objects.map((o) => o.manifest as any);
}

const DEFAULT = path.join(ROOT, 'profiles', 'default.yaml');
const BUILT_IN = [
  'apiVersion: hardline.dev/v1alpha1',
  'kind: Profile',
  'metadata: { name: built-in }',
  'spec:',
  '  cluster: { name: c, kubernetesVersion: "1.28" }',
  '  namespaces: [{ name: prod, tier: production }, { name: stage, tier: staging }, { name: dev, tier: development }]',
  '  admission: { allowedRegistries: [ghcr.io/acme], requiredLabels: [app] }',
].join('\n');

const variants = [
  ['built-in', () => render(BUILT_IN, path.join(ROOT, 'inline.yaml'))],
  ['soc2', () => render(fs.readFileSync(DEFAULT, 'utf8'), DEFAULT)],
] as const;

/** Whether a policy's namespace selector matches a Namespace's labels. */
function matches(policy: any, labels: Record<string, string>): boolean {
  const selector = policy.kind === 'ValidatingPolicy' ? policy.spec.matchConstraints.namespaceSelector : policy.spec.rules[0].match.any[0].resources.namespaceSelector;
  return selector.matchExpressions.every((e: any) => (e.operator === 'In' ? e.values.includes(labels[e.key]) : !e.values.includes(labels[e.key])));
}

const ruleOf = (p: any) => p.metadata.name.replace(/^hl-/, '').replace(/-(enforce|audit|warn)$/, '');

describe.each(variants)('%s profile: README tier table, PSA labels and Kyverno enforcement agree', (variant, build) => {
  const objects = build();
  const policies = objects.filter((o) => o.kind === 'ValidatingPolicy');
  const table = readmeTable(variant);
  const minor = minorOf('1.28');

  test.each(['production', 'staging', 'development'])('%s', (tier) => {
    const [enforce, audit, warn, podSecurityCell, otherCell] = table[tier];
    const ns = objects.find((o) => o.kind === 'Namespace' && o.metadata.labels['hardline.dev/tier'] === tier && !o.metadata.name.startsWith('legacy'));
    const labels = ns.metadata.labels;
    expect([labels['pod-security.kubernetes.io/enforce'], labels['pod-security.kubernetes.io/audit'], labels['pod-security.kubernetes.io/warn']]).toEqual([enforce, audit, warn]);
    expect(labels['pod-security.kubernetes.io/enforce-version']).toBe('v1.28');

    const derived = [`Deny ${enforce}`, ...(stronger(audit, enforce) ? [`Audit ${audit}`] : []), ...(stronger(warn, enforce) ? [`Warn ${warn}`] : [])].join(', ');
    expect(podSecurityCell).toBe(derived);

    const matching = policies.filter((p) => matches(p, labels));
    const psa = new Set(rulesAt(minor, FIXTURE_PARAMS).filter((r) => r.level).map((r) => r.id));
    const byAction = (action: string) => matching.filter((p) => psa.has(ruleOf(p)) && p.spec.validationActions.join() === action).map(ruleOf).sort();
    const ids = (level: string) => podSecurityRulesFor(level as any, minor).map((r) => r.id);
    expect(byAction('Deny')).toEqual(ids(enforce).sort());
    expect(byAction('Audit')).toEqual(ids(audit).filter((id) => !ids(enforce).includes(id)).sort());
    expect(byAction('Warn')).toEqual(ids(warn).filter((id) => !ids(enforce).includes(id)).sort());

    const others = matching.filter((p) => !psa.has(ruleOf(p)));
    expect(others.length).toBeGreaterThan(0);
    const actions = new Set(others.map((p) => p.spec.validationActions.join(' + ')));
    expect([...actions]).toEqual([otherCell]);
  });
});

describe('a baseline-compliant Pod in staging (enforce baseline, audit and warn restricted)', () => {
  const objects = render(fs.readFileSync(DEFAULT, 'utf8'), DEFAULT);
  const staging = objects.find((o) => o.kind === 'Namespace' && o.metadata.name === 'storefront-staging').metadata.labels;
  const policies = objects.filter((o) => o.kind === 'ValidatingPolicy' && matches(o, staging));
  const ctx = { minor: 28, params: FIXTURE_PARAMS };
  // Every restricted rule's rejected fixtures that baseline admits: baseline-compliant Pods that break restricted.
  const pods = podSecurityRulesFor('restricted', 28)
    .filter((r) => r.level === 'restricted')
    .flatMap((r) => r.fixtures.filter((f) => !f.admit && (f.from ?? 0) <= 28 && 28 <= (f.until ?? Infinity)).map((f) => fixturePod(f.apply, `${r.id}-${f.name}`)))
    .filter((pod) => evaluateRules(podSecurityRulesFor('baseline', 28), { metadata: pod.metadata, spec: pod.spec }, ctx).length === 0);

  test('is admitted: no Deny policy rejects it, and some Audit and Warn policies report it', () => {
    expect(pods.length).toBeGreaterThan(10);
    for (const pod of pods) {
      pod.metadata.namespace = 'storefront-staging';
      const rejecting = policies.filter((p) => !admits(p.spec.variables, p.spec.validations[0].expression, pod));
      const denied = rejecting.filter((p) => p.spec.validationActions.includes('Deny')).map((p) => p.metadata.name);
      expect({ pod: pod.metadata.name, denied }).toEqual({ pod: pod.metadata.name, denied: [] });
      expect(rejecting.some((p) => p.spec.validationActions.join() === 'Audit')).toBe(true);
      expect(rejecting.some((p) => p.spec.validationActions.join() === 'Warn')).toBe(true);
    }
  });
});
