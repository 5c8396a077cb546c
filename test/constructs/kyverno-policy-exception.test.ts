import { Testing } from 'cdk8s';
import { ADM_PSS_RESTRICTED, exceptionId } from '../../src/controls';
import { KyvernoPolicyApi, KyvernoPolicyException } from '../../constructs/kyverno-policy-exception';
import { complianceChart, exception } from '../helpers/chart';

const props = {
  name: 'hl-pod-001-legacy',
  namespace: 'legacy',
  exception: exception('HL-POD-001', ['legacy']),
  policies: [{ name: 'hl-b-enforce', rule: 'b' }, { name: 'hl-a-enforce', rule: 'a' }],
  controls: [ADM_PSS_RESTRICTED],
};

describe('KyvernoPolicyException', () => {
  test('GIVEN ValidatingPolicies THEN a policies.kyverno.io/v1 exception scoped to the namespace, expiring with the profile exception', () => {
    const chart = complianceChart();
    new KyvernoPolicyException(chart, 'e', props);
    const [e] = Testing.synth(chart);
    expect(e.apiVersion).toBe('policies.kyverno.io/v1');
    expect(e.metadata.namespace).toBe('legacy');
    expect(e.spec.policyRefs).toEqual([{ kind: 'ValidatingPolicy', name: 'hl-a-enforce' }, { kind: 'ValidatingPolicy', name: 'hl-b-enforce' }]);
    expect(e.spec.expiresAt).toBe('2027-06-30T23:59:59Z');
    expect(e.spec.matchConditions[0].expression).toContain("== 'legacy'");
    expect(e.metadata.annotations['compliance.hardline.dev/exception-owner']).toBe('platform@acme.example');
    expect(e.metadata.annotations['compliance.hardline.dev/exception-expires']).toBe('2027-06-30');
    expect(e.metadata.annotations['compliance.hardline.dev/exceptions']).toBe('HL-ADM-002,HL-POD-001');
    expect(e.metadata.annotations['compliance.hardline.dev/cis-kubernetes']).toBeUndefined();
  });

  test('exposes the profile exception, its namespace and the lifted policies (sorted), for the shipped CLI test', () => {
    const chart = complianceChart();
    const e = new KyvernoPolicyException(chart, 'e', props);
    expect(e.exception).toBe(props.exception);
    expect(e.namespace).toBe('legacy');
    expect(e.policies.map((p) => p.name)).toEqual(['hl-a-enforce', 'hl-b-enforce']);
  });

  test('GIVEN any exception THEN it carries its id (on the lifted controls too) and the reason whole up to 200 characters, else cut with a pointer to the report', () => {
    const id = exceptionId(props.exception);
    const synthWith = (reason: string) => {
      const chart = complianceChart();
      new KyvernoPolicyException(chart, 'e', { ...props, exception: { ...props.exception, reason } });
      return Testing.synth(chart)[0].metadata.annotations;
    };
    const short = synthWith(props.exception.reason);
    expect(short['compliance.hardline.dev/exception-id']).toBe(id);
    expect(short['compliance.hardline.dev/exception-ids']).toBe(id);
    expect(short['compliance.hardline.dev/exception-reason']).toBe(props.exception.reason);
    const long = synthWith('z'.repeat(1000));
    const longId = exceptionId({ ...props.exception, reason: 'z'.repeat(1000) });
    expect(long['compliance.hardline.dev/exception-ids']).toBe(longId);
    expect(long['compliance.hardline.dev/exception-reason']).toBe(`${'z'.repeat(200)}… (full reason: exception ${longId} in compliance/report.json)`);
  });

  test('GIVEN ClusterPolicies THEN a kyverno.io/v2 exception naming the rules', () => {
    const chart = complianceChart();
    new KyvernoPolicyException(chart, 'e', { ...props, api: KyvernoPolicyApi.CLUSTER_POLICY });
    const [e] = Testing.synth(chart);
    expect(e.apiVersion).toBe('kyverno.io/v2');
    expect(e.spec.exceptions).toEqual([
      { policyName: 'hl-a-enforce', ruleNames: ['a'] },
      { policyName: 'hl-b-enforce', ruleNames: ['b'] },
    ]);
    expect(e.spec.match.any[0].resources.namespaces).toEqual(['legacy']);
  });

  test('refuses a namespace the exception does not name, and an exception lifting nothing', () => {
    expect(() => new KyvernoPolicyException(complianceChart(), 'e', { ...props, namespace: 'other' })).toThrow(/does not name namespace/);
    expect(() => new KyvernoPolicyException(complianceChart(), 'e', { ...props, policies: [] })).toThrow(/lifts no policy/);
  });
});

describe('KyvernoPolicyException: workload scope and approval record', () => {
  const scoped = {
    ...props,
    exception: {
      ...exception('HL-POD-001', ['legacy']),
      workloads: [{ kind: 'Deployment', name: 'billing-engine' }],
      selector: { matchLabels: { app: 'billing-engine' } },
      approvedBy: 'ciso@acme.example',
      ticket: 'SEC-123',
    },
  };

  test('GIVEN a workload-scoped exception THEN the v1 exception adds a match condition naming the workload and its labels', () => {
    const chart = complianceChart();
    new KyvernoPolicyException(chart, 'e', scoped);
    const [e] = Testing.synth(chart);
    expect(e.spec.matchConditions.map((c: any) => c.name)).toEqual(['in-namespace', 'in-workload-scope']);
    const scope = e.spec.matchConditions[1].expression;
    expect(scope).toContain("object.kind == 'Deployment' && object.metadata.?name.orValue('') in ['billing-engine']");
    expect(scope).toContain("object.kind in ['Pod', 'ReplicaSet']");
    expect(scope).toContain("object.metadata.labels['app'] == 'billing-engine'");
    expect(e.metadata.annotations['compliance.hardline.dev/exception-approved-by']).toBe('ciso@acme.example');
    expect(e.metadata.annotations['compliance.hardline.dev/exception-ticket']).toBe('SEC-123');
    expect(e.metadata.annotations['compliance.hardline.dev/exception-scope']).toBe('Deployment/billing-engine (and the Pod, ReplicaSet objects they create), labelled app=billing-engine');
    expect(e.metadata.annotations['compliance.hardline.dev/exception-approvals']).toBe(
      'HL-ADM-002 approved by ciso@acme.example (SEC-123); HL-POD-001 approved by ciso@acme.example (SEC-123)',
    );
  });

  test('GIVEN a workload-scoped exception for ClusterPolicies THEN match.any names the workload, and its Pods and ReplicaSets by labels, and expiry is a condition', () => {
    const chart = complianceChart();
    new KyvernoPolicyException(chart, 'e', { ...scoped, api: KyvernoPolicyApi.CLUSTER_POLICY });
    const [e] = Testing.synth(chart);
    expect(e.spec.match.any).toEqual([
      { resources: { kinds: ['Deployment'], names: ['billing-engine'], namespaces: ['legacy'], selector: { matchLabels: { app: 'billing-engine' } } } },
      { resources: { kinds: ['Pod', 'ReplicaSet'], namespaces: ['legacy'], selector: { matchLabels: { app: 'billing-engine' } } } },
    ]);
    const end = `${scoped.exception.expires}T23:59:59Z`;
    expect(e.spec.conditions).toEqual({ all: [{ key: `{{ time_before(time_now_utc(), '${end}') }}`, operator: 'Equals', value: true }] });
  });

  test('GIVEN a namespace-wide exception THEN no workload condition and every Pod kind matches', () => {
    const chart = complianceChart();
    new KyvernoPolicyException(chart, 'e', { ...props, api: KyvernoPolicyApi.CLUSTER_POLICY });
    const [e] = Testing.synth(chart);
    expect(e.spec.match.any).toEqual([{ resources: { kinds: ['CronJob', 'DaemonSet', 'Deployment', 'Job', 'Pod', 'ReplicaSet', 'ReplicationController', 'StatefulSet'], namespaces: ['legacy'] } }]);
    expect(e.metadata.annotations['compliance.hardline.dev/exception-scope']).toBe('namespace-wide');
  });

  test('refuses a named controller without a selector: its Pods would stay denied', () => {
    const { selector: _s, ...noSelector } = scoped.exception;
    expect(() => new KyvernoPolicyException(complianceChart(), 'e', { ...props, exception: noSelector })).toThrow(/Pods of Deployment "billing-engine" carry generated names/);
  });
});
