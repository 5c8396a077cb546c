import { CONTROLLER_KINDS, compliantPod, evaluateRule, findRule, FIXTURE_PARAMS } from '../../../src/admission';
import { asKind, brokenPod, kindAbbreviation, resourceName, TESTED_KINDS } from '../../../src/compose/kyverno-cli-test-resources';
import { outsiderOf } from '../../../src/compose/kyverno-cli-test-tamper';

describe('shipped CLI test resources', () => {
  test('every policy is tested on Pod and on every controller kind of the rule model, each with a short name', () => {
    expect(TESTED_KINDS).toEqual(['Pod', ...CONTROLLER_KINDS.map((k) => k.kind)]);
    expect(new Set(TESTED_KINDS.map(kindAbbreviation)).size).toBe(TESTED_KINDS.length);
    expect(TESTED_KINDS).toContain('ReplicationController');
    expect(() => kindAbbreviation('Ingress')).toThrow(/no short name/);
  });

  test('a name a CronJob could not take is refused, never truncated into a duplicate', () => {
    expect(resourceName('t1', 'bad', 'cj', 'restrict-default-serviceaccount')).toBe('t1-bad-cj-restrict-default-serviceaccount');
    expect(() => resourceName('t1', 'x'.repeat(60))).toThrow(/longer than 52/);
  });

  test('asKind renames a Pod without changing the original, and wraps it for controllers', () => {
    const pod = compliantPod(FIXTURE_PARAMS, 'p');
    expect(asKind(pod, 'Pod', 'q').metadata.name).toBe('q');
    expect(pod.metadata.name).toBe('p');
    expect(asKind(pod, 'CronJob', 'c').spec.jobTemplate.spec.template.spec.containers).toEqual(pod.spec.containers);
  });

  test('a Pod broken for several rules is rejected by each of them', () => {
    const rules = ['require-run-as-nonroot', 'require-run-as-non-root-user'];
    const pod = brokenPod(rules, 33, FIXTURE_PARAMS, 'b', 'ns');
    expect(pod.metadata.namespace).toBe('ns');
    for (const r of rules) expect(evaluateRule(findRule(r)!, { metadata: pod.metadata, spec: pod.spec }, { minor: 33, params: FIXTURE_PARAMS }).length).toBeGreaterThan(0);
  });

  test('the tamper outsider is never an allowed identity', () => {
    expect(outsiderOf([])).toBe('hardline-test:not-a-gitops-identity');
    expect(outsiderOf(['hardline-test:not-a-gitops-identity'])).not.toBe('hardline-test:not-a-gitops-identity');
  });
});
