import { parseProfile } from '../../../src/profile/load-profile';
import { profileYaml, ROOT, TODAY } from '../../helpers/synth';
import { problems } from '../../helpers/profile-problems';

const parse = (namespace: string) => parseProfile(profileYaml({ namespaces: namespace }), 'p.yaml', { today: TODAY, baseDir: ROOT });

describe("labels and selectors follow Kubernetes' rules", () => {
  test('valid labels, prefixed keys and empty values are kept, key for key', () => {
    const p = parse('    - { name: a, labels: { team: x, app.kubernetes.io/name: web, empty: "", constructor: y } }');
    expect(p.namespaces[0].labels).toEqual({ team: 'x', 'app.kubernetes.io/name': 'web', empty: '', constructor: 'y' });
  });

  test.each([
    ['__proto__', '{ __proto__: x }', /labels\.__proto__: label key "__proto__" is invalid/],
    ['an empty key', '{ "": x }', /labels\[""\]: label key "" is invalid/],
    ['two slashes', '{ a/b/c: x }', /labels\["a\/b\/c"\]: label key "a\/b\/c" has an invalid prefix/],
    ['an upper-case prefix', '{ Acme.io/x: y }', /labels\["Acme\.io\/x"\]: label key "Acme\.io\/x" has an invalid prefix/],
    ['a name of 64 characters', `{ ${'k'.repeat(64)}: x }`, /labels\.k{64}: label key "k{64}" is invalid: at most 63/],
    ['a value of 64 characters', `{ team: ${'v'.repeat(64)} }`, /labels\.team: label value "v{64}" of "team" is invalid/],
    ['a value with a space', '{ team: "a b" }', /labels\.team: label value "a b" of "team" is invalid/],
    ['a value ending in -', '{ team: "a-" }', /labels\.team: label value "a-" of "team" is invalid/],
    ['a PSA label', '{ pod-security.kubernetes.io/enforce-version: latest }', /labels\["pod-security\.kubernetes\.io\/enforce-version"\]: label key .* is set by hardline or Kubernetes itself/],
    ['the tier label', '{ hardline.dev/tier: development }', /labels\["hardline\.dev\/tier"\]: label key .* is set by hardline or Kubernetes itself/],
    ['the metadata.name label', '{ kubernetes.io/metadata.name: other }', /labels\["kubernetes\.io\/metadata\.name"\]: label key .* is set by hardline or Kubernetes itself/],
  ])('namespace labels: %s is refused at the key', (_, labels, message) => {
    const found = problems(() => parse(`    - { name: a, labels: ${labels} }`));
    expect(found).toEqual([expect.stringMatching(new RegExp(`^p\\.yaml:7:\\d+: spec\\.namespaces\\[0\\]\\.${message.source}`))]);
  });

  test('workload selectors: __proto__ is refused, not dropped into an empty selector', () => {
    const found = problems(() => parse('    - { name: a, workloads: [{ name: w, selector: { matchLabels: { __proto__: x } }, replicas: 2, minAvailable: 1 }] }'));
    expect(found).toEqual([expect.stringMatching(/spec\.namespaces\[0\]\.workloads\[0\]\.selector\.matchLabels\.__proto__: label key "__proto__" is invalid/)]);
  });

  test('workload selectors may use the tier label: only namespace labels are reserved', () => {
    const p = parse('    - { name: a, workloads: [{ name: w, selector: { matchLabels: { hardline.dev/tier: x } }, replicas: 2, minAvailable: 1 }] }');
    expect(p.operations?.workloads.a[0].matchLabels).toEqual({ 'hardline.dev/tier': 'x' });
  });
});
