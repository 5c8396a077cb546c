import {
  ControlException,
  describeScope,
  exceptionLifts,
  inScope,
  liftingException,
  liftsRule,
  notExceptedCel,
  scopedObjectOf,
  workloadScopeProblem,
} from '../../../src/controls';

const base: ControlException = {
  control: 'HL-POD-001',
  namespaces: ['legacy'],
  reason: 'vendor image runs as root (SEC-1)',
  owner: 'finance@acme.example',
  expires: '2027-01-31',
};
const scoped: ControlException = {
  ...base,
  workloads: [{ kind: 'Deployment', name: 'vendor' }],
  selector: { matchLabels: { app: 'vendor' } },
};
const obj = (kind: string, name: string, labels: Record<string, string> = { app: 'vendor' }, namespace = 'legacy') => ({ kind, name, namespace, labels });
const NONROOT = { id: 'require-run-as-nonroot', control: 'HL-ADM-002' };
const HOSTPATH = { id: 'disallow-host-path', control: 'HL-ADM-001' };

describe('exception scope: which (rule, object) pairs an exception lifts', () => {
  test('a namespace-wide exception covers every Pod kind in its namespaces, and nothing elsewhere', () => {
    expect(inScope(base, obj('Deployment', 'anything', {}))).toBe(true);
    expect(inScope(base, obj('Pod', '', {}))).toBe(true);
    expect(inScope(base, obj('Deployment', 'anything', {}, 'other'))).toBe(false);
    expect(inScope(base, obj('ConfigMap', 'x'))).toBe(false);
  });

  test('a named controller with a selector covers itself and its generated kinds by labels, never a sibling', () => {
    expect(inScope(scoped, obj('Deployment', 'vendor'))).toBe(true);
    expect(inScope(scoped, obj('ReplicaSet', 'vendor-7d9f'))).toBe(true);
    expect(inScope(scoped, obj('Pod', ''))).toBe(true);
    expect(inScope(scoped, obj('Deployment', 'vendor-2'))).toBe(false); // same labels, other name
    expect(inScope(scoped, obj('StatefulSet', 'vendor'))).toBe(false); // not a kind a Deployment creates
    expect(inScope(scoped, obj('Pod', 'x', { app: 'other' }))).toBe(false);
    expect(inScope(scoped, obj('Deployment', 'vendor', {}))).toBe(false); // the selector narrows the named one too
  });

  test('a bare Pod is named by kind and name; an empty generated name never matches', () => {
    const pod = { ...base, workloads: [{ kind: 'Pod', name: 'debug' }] };
    expect(inScope(pod, obj('Pod', 'debug', {}))).toBe(true);
    expect(inScope(pod, obj('Pod', '', {}))).toBe(false);
    expect(inScope(pod, obj('Deployment', 'debug', {}))).toBe(false);
  });

  test('rules narrow the control; the control decides which admission rules it can lift', () => {
    expect(liftsRule(base, NONROOT)).toBe(true);
    expect(liftsRule(base, HOSTPATH)).toBe(false); // HL-POD-001 lifts restricted only
    expect(liftsRule({ ...base, control: 'HL-POD-002' }, HOSTPATH)).toBe(true);
    expect(liftsRule({ ...base, rules: ['disallow-privilege-escalation'] }, NONROOT)).toBe(false);
    expect(liftsRule({ ...base, control: 'HL-SA-002' }, NONROOT)).toBe(false);
  });

  test('an exception lifts through the whole of its last day and not after', () => {
    expect(exceptionLifts(scoped, NONROOT, obj('Pod', ''), '2027-01-31')).toBe(true);
    expect(exceptionLifts(scoped, NONROOT, obj('Pod', ''), '2027-02-01')).toBe(false);
  });

  test('the narrowest lifting exception is the one named (workload-scoped, then with rules, then earliest expiry)', () => {
    const wide = { ...base, namespaces: ['other', 'legacy'], expires: '2026-12-31' };
    const narrow = { ...scoped, rules: ['require-run-as-nonroot'] };
    expect(liftingException([wide, scoped, narrow], NONROOT, obj('Pod', ''))).toBe(narrow);
    expect(liftingException([wide, scoped], NONROOT, obj('Pod', 'x', { app: 'other' }))).toBe(wide);
    expect(liftingException([scoped], NONROOT, obj('Pod', 'x', { app: 'other' }))).toBeUndefined();
  });

  test('scopedObjectOf reads a manifest defensively, with the request namespace as fallback', () => {
    expect(scopedObjectOf({ kind: 'Pod', metadata: { generateName: 'x-', labels: { a: 'b', n: 1 } } }, 'legacy')).toEqual({
      kind: 'Pod',
      namespace: 'legacy',
      name: '',
      labels: { a: 'b' },
    });
    expect(scopedObjectOf(null)).toEqual({ kind: '', namespace: 'default', name: '', labels: {} });
  });

  test('workloadScopeProblem: a named controller needs a selector; scope must agree with the fields', () => {
    expect(workloadScopeProblem({ ...scoped, selector: undefined })?.field).toBe('selector');
    expect(workloadScopeProblem({ ...scoped, scope: 'namespace' })?.field).toBe('scope');
    expect(workloadScopeProblem({ ...base, scope: 'workloads' })?.field).toBe('scope');
    expect(workloadScopeProblem(scoped)).toBeUndefined();
  });

  test('the native hook: no condition without a lifting exception in force, else the negated scope', () => {
    expect(notExceptedCel([base], HOSTPATH, '2026-11-23')).toBeUndefined();
    expect(notExceptedCel([scoped], NONROOT, '2027-02-01')).toBeUndefined();
    expect(notExceptedCel([scoped], NONROOT, '2026-11-23')).toMatch(/^!\(\(request\.namespace in \['legacy'\] && .*object\.kind == 'Deployment'/);
  });

  test('describeScope says what an auditor needs', () => {
    expect(describeScope(base)).toBe('namespace-wide');
    expect(describeScope({ ...scoped, rules: ['b', 'a'] })).toBe('Deployment/vendor (and the Pod, ReplicaSet objects they create), labelled app=vendor; rules a, b');
    expect(describeScope({ ...base, selector: { matchLabels: { z: '1', a: '2' } } })).toBe('objects labelled a=2, z=1');
  });
});
