import { Testing } from 'cdk8s';
import { AuditPolicy } from '../../constructs';
import { auditLevel, AuditRequest, EvalRule, levelRank } from '../helpers/audit-eval';
import { complianceChart, exception } from '../helpers/chart';
import { CrdSchemas } from '../helpers/crd-schema';
import { describeWithShared } from '../helpers/shared';

const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];
const USERS = ['alice', 'system:kube-proxy', 'system:serviceaccount:kube-system:replicaset-controller', 'system:anonymous'];

/** Every request that touches credentials: Secrets, ConfigMaps, TokenReviews, ServiceAccount tokens. */
const credentialRequests: AuditRequest[] = USERS.flatMap((user) =>
  VERBS.flatMap((verb) =>
    ['payments', 'kube-system', undefined].flatMap((namespace) => [
      { user, verb, group: '', resource: 'secrets', namespace, name: 'db-password' },
      { user, verb, group: '', resource: 'configmaps', namespace, name: 'app-config' },
      { user, verb: 'create', group: 'authentication.k8s.io', resource: 'tokenreviews' },
      { user, verb: 'create', group: '', resource: 'serviceaccounts', subresource: 'token', namespace, name: 'default' },
    ]),
  ),
);

function synthPolicy(props = {}) {
  const chart = complianceChart();
  const policy = new AuditPolicy(chart, 'audit', props);
  const objects = Testing.synth(chart);
  const obj = objects.find((o) => o.kind === 'Policy');
  const flags = objects.find((o) => o.kind === 'KubeApiServerFlags');
  return { policy, obj, flags, rules: obj.rules as EvalRule[] };
}

describe('AuditPolicy', () => {
  describe('HL-AUD-001: the audit policy logs every request, credentials at Metadata only', () => {
    test('compliant: an audit.k8s.io/v1 Policy omitting RequestReceived, with the catch-all Metadata rule last', () => {
      const { obj, rules } = synthPolicy();
      expect(obj.apiVersion).toBe('audit.k8s.io/v1');
      expect(obj.kind).toBe('Policy');
      expect(obj.omitStages).toEqual(['RequestReceived']);
      expect(rules[rules.length - 1]).toEqual({ level: 'Metadata' });
      // The Policy claims only what a policy file is: CIS 3.2.1/3.2.2, never the 1.2.x API-server flags.
      expect(obj.metadata.annotations['compliance.hardline.dev/controls']).toBe('HL-AUD-001');
      expect(obj.metadata.annotations['compliance.hardline.dev/cis-kubernetes']).toBe('3.2.1,3.2.2');
      expect(obj.metadata.annotations['compliance.hardline.dev/soc2']).toBe('CC7.2,CC7.3');
    });

    test('compliant: the kube-apiserver flags file is its own object claiming the 1.2.16–1.2.19 flags, CC7.2 and 3.2.1 (--audit-policy-file)', () => {
      const { flags } = synthPolicy();
      expect(flags.apiVersion).toBe('hardline.dev/v1alpha1');
      expect(flags.metadata.name).toBe('audit-log');
      expect(flags.args).toEqual([
        '--audit-policy-file=/etc/kubernetes/audit/policy.yaml',
        '--audit-log-path=/var/log/kubernetes/audit/audit.log',
        '--audit-log-maxage=90',
        '--audit-log-maxbackup=10',
        '--audit-log-maxsize=100',
      ]);
      const a = flags.metadata.annotations;
      expect(a['compliance.hardline.dev/controls']).toBe('HL-AUD-001,HL-AUD-002');
      expect(a['compliance.hardline.dev/cis-kubernetes']).toBe('1.2.16,1.2.17,1.2.18,1.2.19,3.2.1');
      expect(a['compliance.hardline.dev/soc2']).toBe('CC7.2');
    });

    test('compliant: no request for Secrets, ConfigMaps, TokenReviews or tokens is logged above (or below) Metadata, whatever rule matches first', () => {
      const { rules } = synthPolicy();
      expect(credentialRequests.length).toBeGreaterThan(300);
      for (const req of credentialRequests) {
        const { level, rule } = auditLevel(rules, req);
        expect({ req, level, rule }).toEqual({ req, level: 'Metadata', rule: expect.any(Number) });
      }
    });

    test('compliant: exec, attach, port-forward and proxies are logged with the request', () => {
      const { rules } = synthPolicy();
      for (const [resource, subresource] of [['pods', 'exec'], ['pods', 'attach'], ['pods', 'portforward'], ['pods', 'proxy'], ['services', 'proxy']]) {
        const { level } = auditLevel(rules, { user: 'alice', verb: 'create', group: '', resource, subresource, namespace: 'payments' });
        expect({ resource, subresource, atLeastRequest: levelRank(level) >= levelRank('Request') }).toEqual({ resource, subresource, atLeastRequest: true });
      }
    });

    test('compliant: changes to RBAC, workloads and NetworkPolicies are logged at RequestResponse; reads of them at Metadata', () => {
      const { rules } = synthPolicy();
      const targets = [
        ['rbac.authorization.k8s.io', 'clusterrolebindings'],
        ['rbac.authorization.k8s.io', 'roles'],
        ['apps', 'deployments'],
        ['apps', 'daemonsets'],
        ['batch', 'cronjobs'],
        ['', 'pods'],
        ['networking.k8s.io', 'networkpolicies'],
      ];
      for (const [group, resource] of targets) {
        for (const verb of ['create', 'update', 'patch', 'delete', 'deletecollection']) {
          expect({ group, resource, verb, level: auditLevel(rules, { user: 'alice', verb, group, resource, namespace: 'payments' }).level }).toEqual({
            group,
            resource,
            verb,
            level: 'RequestResponse',
          });
        }
        expect(auditLevel(rules, { user: 'alice', verb: 'get', group, resource, namespace: 'payments' }).level).toBe('Metadata');
      }
    });

    test('compliant: health, version and event watches are not logged; anything else is logged at Metadata', () => {
      const { rules } = synthPolicy();
      for (const path of ['/healthz', '/livez', '/readyz?verbose', '/version']) {
        expect({ path, level: auditLevel(rules, { user: 'system:anonymous', verb: 'get', path }).level }).toEqual({ path, level: 'None' });
      }
      expect(auditLevel(rules, { user: 'alice', verb: 'watch', group: '', resource: 'events', namespace: 'payments' }).level).toBe('None');
      expect(auditLevel(rules, { user: 'alice', verb: 'list', group: '', resource: 'events', namespace: 'payments' }).level).toBe('Metadata');
      expect(auditLevel(rules, { user: 'alice', verb: 'get', path: '/metrics' }).level).toBe('Metadata');
      expect(auditLevel(rules, { user: 'alice', verb: 'create', group: 'example.com', resource: 'widgets', namespace: 'x' }).level).toBe('Metadata');
    });

    test('non-compliant (the check can fail): a broader rule before the credentials rule would log Secret bodies, and the evaluation catches it', () => {
      const { rules } = synthPolicy();
      const broad: EvalRule = { level: 'RequestResponse', verbs: ['create', 'update', 'patch'], resources: [{ group: '' }] };
      const bad = [...rules.slice(0, 3), broad, ...rules.slice(3)];
      const leaked = credentialRequests.filter((r) => levelRank(auditLevel(bad, r).level) > levelRank('Metadata'));
      expect(leaked.map((r) => r.resource)).toEqual(expect.arrayContaining(['secrets', 'configmaps', 'serviceaccounts']));
    });
  });

  describe('HL-AUD-002: the audit log is kept at least 30 days and rotated', () => {
    test('compliant: default flags keep 90 days, 10 files of 100 MB, each mapped to its CIS 1.2.x ID', () => {
      const { policy } = synthPolicy();
      expect(policy.flags.map((f) => [f.flag, f.value, f.cis.join()])).toEqual([
        ['--audit-policy-file', '/etc/kubernetes/audit/policy.yaml', '3.2.1'],
        ['--audit-log-path', '/var/log/kubernetes/audit/audit.log', '1.2.16'],
        ['--audit-log-maxage', '90', '1.2.17'],
        ['--audit-log-maxbackup', '10', '1.2.18'],
        ['--audit-log-maxsize', '100', '1.2.19'],
      ]);
    });

    test('compliant: the flag IDs follow the selected benchmark (CIS 1.12 for Kubernetes 1.32)', () => {
      const chart = complianceChart({ profile: 'p', kubernetesVersion: '1.32' });
      const policy = new AuditPolicy(chart, 'audit', { retentionDays: 30 });
      expect(policy.flags.find((f) => f.flag === '--audit-log-maxage')).toEqual({ flag: '--audit-log-maxage', value: '30', cis: ['1.2.17'] });
      expect(Testing.synth(chart).map((o) => o.metadata.annotations['compliance.hardline.dev/cis-kubernetes-version'])).toEqual(['v1.12.0', 'v1.12.0']);
    });

    test('non-compliant without an exception: retention below 30 days, fewer than 10 backups or files under 100 MB throw', () => {
      expect(() => new AuditPolicy(complianceChart(), 'a', { retentionDays: 29 })).toThrow(/retentionDays 29 is below the 30 days CIS 1.2.17.*HL-AUD-002/);
      expect(() => new AuditPolicy(complianceChart(), 'a', { maxBackups: 5 })).toThrow(/CIS 1.2.18/);
      expect(() => new AuditPolicy(complianceChart(), 'a', { maxSizeMegabytes: 50 })).toThrow(/CIS 1.2.19/);
      expect(() => new AuditPolicy(complianceChart(), 'a', { retentionDays: 0 })).toThrow(/at least 1/);
      expect(() => new AuditPolicy(complianceChart(), 'a', { logPath: 'audit.log' })).toThrow(/absolute path/);
    });

    test('non-compliant when exception: 7 days is allowed, recorded, and the log-flag CIS IDs are no longer claimed', () => {
      const { policy, obj, flags } = synthPolicy({ retentionDays: 7, exceptions: [exception('HL-AUD-002')] });
      expect(policy.flags.find((f) => f.flag === '--audit-log-maxage')?.value).toBe('7');
      const a = flags.metadata.annotations;
      expect(a['compliance.hardline.dev/exceptions']).toBe('HL-AUD-002');
      expect(a['compliance.hardline.dev/cis-kubernetes']).toBe('3.2.1');
      expect(a['compliance.hardline.dev/soc2']).toBeUndefined();
      expect(obj.metadata.annotations['compliance.hardline.dev/exceptions']).toBeUndefined();
    });
  });
});

describeWithShared('AuditPolicy against ../shared/schemas/audit/policy-v1.schema.json', (shared) => {
  test('the emitted Policy validates strictly (draft-07, Ajv strict mode)', () => {
    const { obj } = synthPolicy();
    expect(new CrdSchemas(shared).errors(obj)).toEqual([]);
  });

  test('the schema rejects a misspelled rule field, so the check above can fail', () => {
    const { obj } = synthPolicy();
    const bad = { ...obj, rules: [{ level: 'Metadata', namespace: ['x'] }] };
    expect(new CrdSchemas(shared).errors(bad).join()).toMatch(/additionalProperty/);
  });
});
