import { Testing } from 'cdk8s';
import { AccessLevel, ScopedRole, ScopedRoleRule } from '../../constructs';
import { ACCESS_LEVEL_RULES, CLUSTER_READABLE } from '../../constructs/_access-levels';
import { guardRailViolations } from '../../constructs/_rbac-guard-rails';
import { unknownRuleValues } from '../../constructs/_rbac-known';
import { complianceChart, exception } from '../helpers/chart';
import { KubernetesSchemas } from '../helpers/k8s-schema';
import { describeWithShared } from '../helpers/shared';

const EXCEPTIONS = 'compliance.hardline.dev/exceptions';
const synthRole = (rules: ScopedRoleRule[], exceptions = [] as ReturnType<typeof exception>[]) => {
  const chart = complianceChart();
  new ScopedRole(chart, 'role', { name: 'custom', rules, exceptions });
  return Testing.synth(chart)[0];
};
const ALL_VERBS = (r: { verbs: string[] }[]) => r.flatMap((x) => x.verbs);

describe('ScopedRole', () => {
  test('a plain role is emitted as given, in its namespace, annotated with every guard-rail control', () => {
    const role = synthRole([{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list'] }]);
    expect(role).toMatchObject({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'custom', namespace: 'team-a' } });
    expect(role.rules).toEqual([{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list'] }]);
    const a = role.metadata.annotations;
    expect(a['compliance.hardline.dev/controls']).toBe('HL-RBAC-001,HL-RBAC-002,HL-RBAC-003,HL-RBAC-004,HL-RBAC-009');
    expect(a['compliance.hardline.dev/cis-kubernetes']).toBe('5.1.2,5.1.3,5.1.4,5.1.8,5.1.13');
    expect(a['compliance.hardline.dev/soc2']).toBe('CC6.1,CC6.3,CC8.1');
    expect(a[EXCEPTIONS]).toBeUndefined();
  });

  test('empty rules, empty fields and invalid names are refused', () => {
    const chart = complianceChart();
    expect(() => new ScopedRole(chart, 'a', { name: 'x', rules: [] })).toThrow(/has no rules/);
    expect(() => new ScopedRole(chart, 'b', { name: 'x', rules: [{ apiGroups: [''], resources: [], verbs: ['get'] }] })).toThrow(
      /rules\[0\]\.resources is empty/,
    );
    expect(() => new ScopedRole(chart, 'c', { name: 'Bad Name', rules: [] })).toThrow(/Did you mean "bad-name"/);
  });

  describe('HL-RBAC-001: no wildcards in verbs, resources or API groups', () => {
    test('compliant: access-level roles list every verb, resource and group', () => {
      const chart = complianceChart();
      for (const level of Object.values(AccessLevel)) ScopedRole.forAccessLevel(chart, level, { level });
      for (const role of Testing.synth(chart)) {
        for (const rule of role.rules) expect(JSON.stringify(rule)).not.toContain('*');
      }
    });

    test.each([
      ['verbs', { apiGroups: [''], resources: ['pods'], verbs: ['*'] }],
      ['resources', { apiGroups: [''], resources: ['pods/*'], verbs: ['get'] }],
      ['apiGroups', { apiGroups: ['*'], resources: ['pods'], verbs: ['get'] }],
    ])('non-compliant without an exception: "*" in %s throws naming the rule and HL-RBAC-001', (field, rule) => {
      expect(() => synthRole([rule])).toThrow(new RegExp(`rules\\[0\\]\\.${field} contains the wildcard .*HL-RBAC-001: no wildcards`));
    });

    test('non-compliant when exception: the wildcard synthesizes and HL-RBAC-001 is recorded, not claimed', () => {
      const role = synthRole([{ apiGroups: ['example.com'], resources: ['widgets'], verbs: ['*'] }], [exception('HL-RBAC-001')]);
      expect(role.rules[0].verbs).toEqual(['*']);
      expect(role.metadata.annotations[EXCEPTIONS]).toBe('HL-RBAC-001');
      expect(role.metadata.annotations['compliance.hardline.dev/cis-kubernetes']).not.toMatch(/5\.1\.3(,|$)/);
    });
  });

  describe('HL-RBAC-002: no bind, escalate or impersonate', () => {
    test('compliant: no access level grants an escalation verb', () => {
      const chart = complianceChart();
      for (const level of Object.values(AccessLevel)) ScopedRole.forAccessLevel(chart, level, { level });
      const verbs = Testing.synth(chart).flatMap((r) => ALL_VERBS(r.rules));
      for (const v of ['bind', 'escalate', 'impersonate']) expect(verbs).not.toContain(v);
    });

    test.each(['bind', 'escalate', 'impersonate'])('non-compliant without an exception: verb %s throws naming HL-RBAC-002', (verb) => {
      expect(() => synthRole([{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: [verb] }])).toThrow(
        new RegExp(`grants ${verb}, which lets the holder raise its own privileges \\(HL-RBAC-002`),
      );
    });

    test('non-compliant when exception: impersonate synthesizes with HL-RBAC-002 recorded', () => {
      const role = synthRole([{ apiGroups: [''], resources: ['users'], verbs: ['impersonate'] }], [exception('HL-RBAC-002')]);
      expect(role.rules[0].verbs).toEqual(['impersonate']);
      expect(role.metadata.annotations[EXCEPTIONS]).toBe('HL-RBAC-002');
      expect(role.metadata.annotations['compliance.hardline.dev/cis-kubernetes']).not.toContain('5.1.8');
    });
  });

  describe('HL-RBAC-003: no get, list or watch on secrets', () => {
    test('compliant: no access level reads secrets unless granted', () => {
      const chart = complianceChart();
      for (const level of Object.values(AccessLevel)) ScopedRole.forAccessLevel(chart, level, { level });
      for (const role of Testing.synth(chart)) expect(role.rules.flatMap((r: any) => r.resources)).not.toContain('secrets');
    });

    test.each(['get', 'list', 'watch'])('non-compliant without an exception: %s on secrets throws naming HL-RBAC-003', (verb) => {
      expect(() => synthRole([{ apiGroups: [''], resources: ['configmaps', 'secrets'], verbs: [verb] }])).toThrow(
        new RegExp(`rules\\[0\\] grants ${verb} on secrets \\(HL-RBAC-003: no secrets read\\)`),
      );
    });

    test('writing secrets without reading them is not secrets read (it is token minting, HL-RBAC-004)', () => {
      const role = synthRole([{ apiGroups: [''], resources: ['secrets'], verbs: ['create'] }], [exception('HL-RBAC-004')]);
      expect(role.metadata.annotations[EXCEPTIONS]).toBe('HL-RBAC-004');
    });

    test('non-compliant when exception: grantSecretsRead adds get/list/watch on secrets, named -secrets-read, with HL-RBAC-003 recorded', () => {
      const chart = complianceChart();
      expect(() => ScopedRole.forAccessLevel(chart, 'bad', { level: AccessLevel.READ_ONLY, grantSecretsRead: true })).toThrow(/HL-RBAC-003/);
      ScopedRole.forAccessLevel(chart, 'ok', { level: AccessLevel.READ_ONLY, grantSecretsRead: true, exceptions: [exception('HL-RBAC-003')] });
      const [role] = Testing.synth(chart);
      expect(role.metadata.name).toBe('hardline-read-only-secrets-read');
      expect(role.rules).toContainEqual({ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'] });
      expect(role.metadata.annotations[EXCEPTIONS]).toBe('HL-RBAC-003');
      expect(role.metadata.annotations['compliance.hardline.dev/cis-kubernetes']).not.toContain('5.1.2');
    });
  });

  describe('HL-RBAC-004: no create on pods, pods/exec, pods/attach or serviceaccounts/token', () => {
    test('compliant: no access level creates pods, execs, attaches or mints tokens', () => {
      const chart = complianceChart();
      for (const level of Object.values(AccessLevel)) ScopedRole.forAccessLevel(chart, level, { level });
      for (const role of Testing.synth(chart)) {
        for (const rule of role.rules) {
          if (rule.verbs.includes('create')) {
            for (const r of ['pods', 'pods/exec', 'pods/attach', 'serviceaccounts/token']) expect(rule.resources).not.toContain(r);
          }
        }
      }
    });

    test.each(['pods/exec', 'pods/attach', 'serviceaccounts/token', 'pods'])(
      'non-compliant without an exception: create on %s throws naming HL-RBAC-004',
      (resource) => {
        expect(() => synthRole([{ apiGroups: [''], resources: [resource], verbs: ['get', 'create'] }])).toThrow(
          new RegExp(`grants (create|create, get) on ${resource} \\(HL-RBAC-004`),
        );
      },
    );

    test('get on pods/exec is refused too: it opens a WebSocket exec before Kubernetes 1.31', () => {
      expect(() => synthRole([{ apiGroups: [''], resources: ['pods/exec'], verbs: ['get'] }])).toThrow(/grants get on pods\/exec \(HL-RBAC-004/);
    });

    test('non-compliant when exception: create on pods/exec synthesizes with HL-RBAC-004 recorded', () => {
      const role = synthRole([{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }], [exception('HL-RBAC-004')]);
      expect(role.metadata.annotations[EXCEPTIONS]).toBe('HL-RBAC-004');
      expect(role.metadata.annotations['compliance.hardline.dev/cis-kubernetes']).toBe('5.1.2,5.1.3,5.1.8');
    });
  });

  test('an exception for one guard rail does not cover another: a wildcard counts as everything it covers', () => {
    const ex = (ids: string[]) => ids.map((id) => exception(id));
    expect(() => synthRole([{ apiGroups: [''], resources: ['secrets'], verbs: ['*'] }], ex(['HL-RBAC-001']))).toThrow(/get, list, watch on secrets \(HL-RBAC-003/);
    expect(() => synthRole([{ apiGroups: [''], resources: ['*'], verbs: ['list'] }], ex(['HL-RBAC-001']))).toThrow(/HL-RBAC-003/);
    expect(() => synthRole([{ apiGroups: [''], resources: ['pods/*'], verbs: ['create'] }], ex(['HL-RBAC-001']))).toThrow(
      /create on pods\/exec; create on pods\/attach; create on pods\/portforward; create on pods\/proxy \(HL-RBAC-004/,
    );
    expect(() => synthRole([{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: ['*'] }], ex(['HL-RBAC-001']))).toThrow(
      /grants \*; create, update, patch, delete, deletecollection on roles, which lets the holder raise its own privileges \(HL-RBAC-002/,
    );
    expect(() => synthRole([{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }], ex(['HL-RBAC-001', 'HL-RBAC-002', 'HL-RBAC-003', 'HL-RBAC-004']))).toThrow(
      /on networkpolicies; .* on resourcequotas; .* on limitranges, which lets the holder remove the baseline .*\(HL-RBAC-009/,
    );
    const role = synthRole(
      [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }],
      ex(['HL-RBAC-001', 'HL-RBAC-002', 'HL-RBAC-003', 'HL-RBAC-004', 'HL-RBAC-009']),
    );
    expect(role.metadata.annotations[EXCEPTIONS]).toBe('HL-RBAC-001,HL-RBAC-002,HL-RBAC-003,HL-RBAC-004,HL-RBAC-009');
    expect(role.metadata.annotations['compliance.hardline.dev/cis-kubernetes']).toBeUndefined();
  });

  test('access levels nest: read-only ⊂ deployer ⊂ namespace-admin', () => {
    const chart = complianceChart();
    const pairs = (role: any) => new Set(role.rules.flatMap((r: any) => r.resources.flatMap((res: string) => r.verbs.map((v: string) => `${r.apiGroups[0]}/${res}:${v}`))));
    for (const level of Object.values(AccessLevel)) ScopedRole.forAccessLevel(chart, level, { level });
    const byName = new Map(Testing.synth(chart).map((r) => [r.metadata.name, pairs(r)]));
    const [readOnly, deployer, admin] = ['hardline-read-only', 'hardline-deployer', 'hardline-namespace-admin'].map((n) => byName.get(n)!);
    for (const p of readOnly) expect(deployer.has(p)).toBe(true);
    for (const p of deployer) expect(admin.has(p)).toBe(true);
    expect(deployer.has('apps/deployments:create')).toBe(true);
    expect(readOnly.has('apps/deployments:create')).toBe(false);
    expect(deployer.has('/serviceaccounts:create')).toBe(false);
    expect(admin.has('/pods:delete')).toBe(true);
  });

  describe('cluster-wide roles', () => {
    test('clusterReadOnly is a ClusterRole without namespace that only reads cluster-scoped kinds', () => {
      const chart = complianceChart();
      ScopedRole.clusterReadOnly(chart, 'cr');
      const [role] = Testing.synth(chart);
      expect(role.kind).toBe('ClusterRole');
      expect(role.metadata.name).toBe('hardline-cluster-read-only');
      expect(role.metadata.namespace).toBeUndefined();
      expect(new Set(ALL_VERBS(role.rules))).toEqual(new Set(['get', 'list', 'watch']));
      expect(role.rules.flatMap((r: any) => r.resources)).toContain('namespaces');
    });

    test('a ClusterRole that writes, or names a namespaced kind, is refused', () => {
      const chart = complianceChart();
      expect(() => new ScopedRole(chart, 'a', { name: 'x', clusterWide: true, rules: [{ apiGroups: [''], resources: ['nodes'], verbs: ['patch'] }] })).toThrow(
        /ClusterRoles are read-only/,
      );
      expect(() => new ScopedRole(chart, 'b', { name: 'x', clusterWide: true, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] })).toThrow(
        /pods, which hardline does not know as cluster-scoped/,
      );
    });
  });
});

describeWithShared('ScopedRole against the Kubernetes schemas', (shared) => {
  test.each(['v1.28.0', 'v1.36.0'])('every access level, secrets read and the cluster reader validate strictly against %s', (version) => {
    const schemas = new KubernetesSchemas(shared, version);
    const chart = complianceChart();
    for (const level of Object.values(AccessLevel)) ScopedRole.forAccessLevel(chart, level, { level });
    ScopedRole.forAccessLevel(chart, 'secrets', { level: AccessLevel.DEPLOYER, grantSecretsRead: true, exceptions: [exception('HL-RBAC-003')] });
    ScopedRole.clusterReadOnly(chart, 'cr');
    for (const obj of Testing.synth(chart)) expect({ name: obj.metadata.name, errors: schemas.errors(obj) }).toEqual({ name: obj.metadata.name, errors: [] });
  });
});

describe('ScopedRole against exec and escalation routes, unknown verbs and baseline writes', () => {
  const role = (rules: { apiGroups: string[]; resources: string[]; verbs: string[] }[], exceptions: ReturnType<typeof exception>[] = []) => {
    const chart = complianceChart();
    new ScopedRole(chart, 'r', { name: 'custom', rules, exceptions });
    return Testing.synth(chart)[0];
  };

  test.each([
    ['get on pods/exec', '', 'pods/exec', 'get', 'HL-RBAC-004'],
    ['get on pods/attach', '', 'pods/attach', 'get', 'HL-RBAC-004'],
    ['patch on pods/ephemeralcontainers', '', 'pods/ephemeralcontainers', 'patch', 'HL-RBAC-004'],
    ['update on pods/ephemeralcontainers', '', 'pods/ephemeralcontainers', 'update', 'HL-RBAC-004'],
    ['create on pods/portforward', '', 'pods/portforward', 'create', 'HL-RBAC-004'],
    ['get on nodes/proxy', '', 'nodes/proxy', 'get', 'HL-RBAC-004'],
    ['create on secrets', '', 'secrets', 'create', 'HL-RBAC-004'],
    ['update on secrets', '', 'secrets', 'update', 'HL-RBAC-004'],
    ['create on roles', 'rbac.authorization.k8s.io', 'roles', 'create', 'HL-RBAC-002'],
    ['patch on rolebindings', 'rbac.authorization.k8s.io', 'rolebindings', 'patch', 'HL-RBAC-002'],
    ['update on mutatingwebhookconfigurations', 'admissionregistration.k8s.io', 'mutatingwebhookconfigurations', 'update', 'HL-RBAC-002'],
    ['create on validatingwebhookconfigurations', 'admissionregistration.k8s.io', 'validatingwebhookconfigurations', 'create', 'HL-RBAC-002'],
    ['update on certificatesigningrequests/approval', 'certificates.k8s.io', 'certificatesigningrequests/approval', 'update', 'HL-RBAC-002'],
  ])('HL-RBAC-004 / HL-RBAC-002: %s is refused, and accepted with a valid exception', (_what, group, resource, verb, control) => {
    const rules = [{ apiGroups: [group], resources: [resource], verbs: [verb] }];
    expect(() => role(rules)).toThrow(new RegExp(`grants ${verb} on ${resource.replace('/', '\\/')}.*\\(${control}`));
    expect(role(rules, [exception(control)]).metadata.annotations[EXCEPTIONS]).toBe(control);
  });

  describe('HL-RBAC-009: no writes on NetworkPolicies, ResourceQuotas or LimitRanges', () => {
    test.each([
      ['networking.k8s.io', 'networkpolicies', 'delete'],
      ['networking.k8s.io', 'networkpolicies', 'patch'],
      ['', 'resourcequotas', 'update'],
      ['', 'limitranges', 'delete'],
      ['', 'limitranges', 'deletecollection'],
    ])('non-compliant without an exception: %s %s %s is refused', (group, resource, verb) => {
      expect(() => role([{ apiGroups: [group], resources: [resource], verbs: [verb] }])).toThrow(/HL-RBAC-009: no writes on NetworkPolicies/);
    });

    test('non-compliant when exception: a valid HL-RBAC-009 exception lets a role delete NetworkPolicies', () => {
      const r = role([{ apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: ['delete'] }], [exception('HL-RBAC-009')]);
      expect(r.metadata.annotations[EXCEPTIONS]).toBe('HL-RBAC-009');
    });

    test('compliant: reading them is fine, and no access level writes them', () => {
      expect(role([{ apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: ['get', 'list', 'watch'] }]).kind).toBe('Role');
      for (const level of Object.values(AccessLevel)) {
        for (const rule of ACCESS_LEVEL_RULES[level]) {
          for (const r of ['networkpolicies', 'resourcequotas', 'limitranges']) {
            if (rule.resources.includes(r)) expect(rule.verbs.filter((v) => !['get', 'list', 'watch'].includes(v))).toEqual([]);
          }
        }
      }
    });
  });

  test('the access levels and the cluster reader pass every guard rail and name only known verbs and resources', () => {
    for (const rules of [...Object.values(ACCESS_LEVEL_RULES), CLUSTER_READABLE]) {
      rules.forEach((rule, i) => {
        expect({ rule, violations: guardRailViolations(rule, i).map((v) => v.message) }).toEqual({ rule, violations: [] });
        expect({ rule, unknown: unknownRuleValues(rule, `rules[${i}]`) }).toEqual({ rule, unknown: [] });
      });
    }
  });

  test.each([
    ['a verb in the wrong case', { apiGroups: ['rbac.authorization.k8s.io'], resources: ['users'], verbs: ['Impersonate'] }, /"Impersonate", which is not a Kubernetes verb; verbs are case-sensitive: write "impersonate"/],
    ['a resource in the wrong case', { apiGroups: [''], resources: ['Pods'], verbs: ['get'] }, /"Pods", which is not a resource of API group ""; it is "pods" in API group ""/],
    ['a resource under the wrong API group', { apiGroups: [''], resources: ['roles'], verbs: ['create'] }, /"roles", which is not a resource of API group ""; it is in API group "rbac.authorization.k8s.io"/],
    ['networkpolicies in the core group', { apiGroups: [''], resources: ['networkpolicies'], verbs: ['delete'] }, /it is in API group "networking.k8s.io"/],
    ['a made-up verb', { apiGroups: ['apps'], resources: ['deployments'], verbs: ['own'] }, /"own", which is not a Kubernetes verb/],
    ['an API group that is no DNS name', { apiGroups: ['Apps'], resources: ['deployments'], verbs: ['get'] }, /"Apps", which is neither a built-in API group/],
  ])('%s is refused outright (no exception makes a typo right)', (_what, rule, message) => {
    expect(() => role([rule])).toThrow(message);
    expect(() => role([rule], ['HL-RBAC-001', 'HL-RBAC-002', 'HL-RBAC-004', 'HL-RBAC-009'].map((c) => exception(c)))).toThrow(message);
  });

  test('custom resource groups accept lower-case resource names', () => {
    expect(role([{ apiGroups: ['argoproj.io'], resources: ['applications'], verbs: ['get', 'list'] }]).kind).toBe('Role');
    expect(role([{ apiGroups: ['gateway.networking.k8s.io'], resources: ['httproutes'], verbs: ['get'] }]).kind).toBe('Role');
  });
});
