import { Testing } from 'cdk8s';
import { AccessLevel, ScopedRole, ScopedRoleBinding, SubjectKind } from '../../constructs';
import { complianceChart, exception } from '../helpers/chart';
import { KubernetesSchemas } from '../helpers/k8s-schema';
import { describeWithShared } from '../helpers/shared';

const EXCEPTIONS = 'compliance.hardline.dev/exceptions';
const group = (name: string) => ({ kind: SubjectKind.GROUP, name });

describe('ScopedRoleBinding', () => {
  test('binds a ScopedRole in its namespace, named after it, with sorted, de-duplicated subjects', () => {
    const chart = complianceChart();
    const role = ScopedRole.forAccessLevel(chart, 'role', { level: AccessLevel.DEPLOYER, namespace: 'payments' });
    new ScopedRoleBinding(chart, 'rb', {
      role,
      subjects: [
        { kind: SubjectKind.USER, name: 'alice@acme.example' },
        { kind: SubjectKind.SERVICE_ACCOUNT, name: 'ci-deployer' },
        group('oidc:payments'),
        group('oidc:payments'),
        { kind: SubjectKind.SERVICE_ACCOUNT, name: 'argocd-application-controller', namespace: 'argocd' },
      ],
    });
    const rb = Testing.synth(chart).find((o) => o.kind === 'RoleBinding');
    expect(rb.metadata).toMatchObject({ name: 'hardline-deployer', namespace: 'payments' });
    expect(rb.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'hardline-deployer' });
    expect(rb.subjects).toEqual([
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'oidc:payments' },
      { kind: 'ServiceAccount', name: 'argocd-application-controller', namespace: 'argocd' },
      { kind: 'ServiceAccount', name: 'ci-deployer', namespace: 'payments' },
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'alice@acme.example' },
    ]);
  });

  test('a cluster-wide ScopedRole is bound by a ClusterRoleBinding without namespace', () => {
    const chart = complianceChart();
    new ScopedRoleBinding(chart, 'crb', { role: ScopedRole.clusterReadOnly(chart, 'cr'), subjects: [group('oidc:sre')] });
    const crb = Testing.synth(chart).find((o) => o.kind === 'ClusterRoleBinding');
    expect(crb.metadata.name).toBe('hardline-cluster-read-only');
    expect(crb.metadata.namespace).toBeUndefined();
    expect(crb.roleRef.kind).toBe('ClusterRole');
  });

  test('no subjects, a namespace on a group and bad ServiceAccount names are refused', () => {
    const chart = complianceChart();
    const role = { kind: 'Role' as const, name: 'viewer' };
    expect(() => new ScopedRoleBinding(chart, 'a', { role, subjects: [] })).toThrow(/has no subjects/);
    expect(() => new ScopedRoleBinding(chart, 'b', { role, subjects: [{ kind: SubjectKind.GROUP, name: 'g', namespace: 'x' }] })).toThrow(
      /only ServiceAccount subjects do/,
    );
    expect(() => new ScopedRoleBinding(chart, 'c', { role, subjects: [{ kind: SubjectKind.SERVICE_ACCOUNT, name: 'CI' }] })).toThrow(
      /Did you mean "ci"/,
    );
  });

  describe('HL-RBAC-005: no cluster-admin or system:masters bindings', () => {
    test('compliant: a scoped binding carries HL-RBAC-005 with CIS 5.1.1 and 5.1.7', () => {
      const chart = complianceChart();
      new ScopedRoleBinding(chart, 'rb', { role: { kind: 'Role', name: 'viewer' }, subjects: [group('oidc:sre')] });
      const [rb] = Testing.synth(chart);
      expect(rb.metadata.annotations['compliance.hardline.dev/controls']).toBe('HL-RBAC-005,HL-RBAC-006,HL-RBAC-008');
      expect(rb.metadata.annotations['compliance.hardline.dev/cis-kubernetes']).toBe('5.1.1,5.1.7');
      expect(rb.metadata.annotations[EXCEPTIONS]).toBeUndefined();
    });

    test('non-compliant without an exception: binding cluster-admin throws naming the rule and HL-RBAC-005', () => {
      expect(
        () => new ScopedRoleBinding(complianceChart(), 'rb', { role: { kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [group('oidc:sre')] }),
      ).toThrow(/binds the cluster-admin role.*HL-RBAC-005: no cluster-admin or system:masters bindings/);
    });

    test('non-compliant without an exception: naming system:masters throws naming HL-RBAC-005', () => {
      expect(
        () => new ScopedRoleBinding(complianceChart(), 'rb', { role: { kind: 'Role', name: 'viewer' }, subjects: [group('system:masters')] }),
      ).toThrow(/names the system:masters group.*HL-RBAC-005/);
    });

    test('non-compliant when exception: cluster-admin synthesizes with HL-RBAC-005 recorded and no CIS claimed', () => {
      const chart = complianceChart();
      new ScopedRoleBinding(chart, 'rb', {
        name: 'break-glass',
        role: { kind: 'ClusterRole', name: 'cluster-admin' },
        subjects: [group('oidc:break-glass')],
        exceptions: [exception('HL-RBAC-005')],
      });
      const [rb] = Testing.synth(chart);
      expect(rb.roleRef.name).toBe('cluster-admin');
      expect(rb.metadata.annotations[EXCEPTIONS]).toBe('HL-RBAC-005');
      expect(rb.metadata.annotations['compliance.hardline.dev/cis-kubernetes']).toBeUndefined();
    });
  });
});

describeWithShared('ScopedRoleBinding against the Kubernetes schemas', (shared) => {
  test.each(['v1.28.0', 'v1.36.0'])('RoleBindings and ClusterRoleBindings validate strictly against %s', (version) => {
    const schemas = new KubernetesSchemas(shared, version);
    const chart = complianceChart();
    const role = ScopedRole.forAccessLevel(chart, 'role', { level: AccessLevel.READ_ONLY });
    new ScopedRoleBinding(chart, 'rb', { role, subjects: [group('oidc:sre'), { kind: SubjectKind.SERVICE_ACCOUNT, name: 'ci' }] });
    new ScopedRoleBinding(chart, 'crb', { role: ScopedRole.clusterReadOnly(chart, 'cr'), subjects: [group('oidc:sre')] });
    for (const obj of Testing.synth(chart)) expect({ kind: obj.kind, errors: schemas.errors(obj) }).toEqual({ kind: obj.kind, errors: [] });
  });
});

describe('ScopedRoleBinding guard rails against hostile subjects and roles', () => {
  const bind = (subjects: { kind: SubjectKind; name: string; namespace?: string }[], exceptions: ReturnType<typeof exception>[] = [], role = { kind: 'Role' as const, name: 'viewer' }) => {
    const chart = complianceChart();
    new ScopedRoleBinding(chart, 'rb', { name: 'team-binding', role, subjects, exceptions });
    return Testing.synth(chart)[0];
  };

  describe('HL-RBAC-006: no anonymous, all-users, all-ServiceAccounts or node subjects', () => {
    test.each([
      [SubjectKind.USER, 'system:anonymous'],
      [SubjectKind.GROUP, 'system:unauthenticated'],
      [SubjectKind.GROUP, 'system:authenticated'],
      [SubjectKind.GROUP, 'system:serviceaccounts'],
      [SubjectKind.GROUP, 'system:serviceaccounts:payments'],
      [SubjectKind.GROUP, 'system:nodes'],
      [SubjectKind.USER, 'system:node:ip-10-0-0-1'],
      [SubjectKind.USER, 'system:serviceaccount:payments:ci'],
      [SubjectKind.GROUP, 'System:Authenticated'],
    ])('non-compliant without an exception: %s "%s" is refused', (kind, name) => {
      expect(() => bind([{ kind, name }])).toThrow(/HL-RBAC-006: no anonymous, all-users/);
    });

    test('non-compliant when exception: a valid HL-RBAC-006 exception binds it and is recorded', () => {
      const rb = bind([{ kind: SubjectKind.GROUP, name: 'system:authenticated' }], [exception('HL-RBAC-006')]);
      expect(rb.subjects[0].name).toBe('system:authenticated');
      expect(rb.metadata.annotations[EXCEPTIONS]).toBe('HL-RBAC-006');
    });
  });

  describe('HL-RBAC-007: ServiceAccount subjects are declared workload ServiceAccounts', () => {
    test.each([
      ['the default ServiceAccount of the binding namespace', { kind: SubjectKind.SERVICE_ACCOUNT, name: 'default' }],
      ['the default ServiceAccount of another namespace', { kind: SubjectKind.SERVICE_ACCOUNT, name: 'default', namespace: 'checkout' }],
      ['a kube-system ServiceAccount', { kind: SubjectKind.SERVICE_ACCOUNT, name: 'coredns', namespace: 'kube-system' }],
      ['a kube- prefixed namespace ServiceAccount', { kind: SubjectKind.SERVICE_ACCOUNT, name: 'agent', namespace: 'kube-extra' }],
    ])('non-compliant without an exception: %s is refused', (_what, subject) => {
      expect(() => bind([subject])).toThrow(/HL-RBAC-007/);
    });

    test('compliant: a workload ServiceAccount carries HL-RBAC-007 and CIS 5.1.5', () => {
      const rb = bind([{ kind: SubjectKind.SERVICE_ACCOUNT, name: 'ci' }]);
      expect(rb.metadata.annotations['compliance.hardline.dev/controls']).toBe('HL-RBAC-005,HL-RBAC-006,HL-RBAC-007,HL-RBAC-008');
      expect(rb.metadata.annotations['compliance.hardline.dev/cis-kubernetes']).toBe('5.1.1,5.1.5,5.1.7');
    });

    test('non-compliant when exception: kube-system/coredns with a valid HL-RBAC-007 exception is bound', () => {
      const rb = bind([{ kind: SubjectKind.SERVICE_ACCOUNT, name: 'coredns', namespace: 'kube-system' }], [exception('HL-RBAC-007')]);
      expect(rb.metadata.annotations[EXCEPTIONS]).toBe('HL-RBAC-007');
      expect(rb.metadata.annotations['compliance.hardline.dev/cis-kubernetes']).not.toContain('5.1.5');
    });
  });

  describe('HL-RBAC-008: no built-in admin, edit or system: ClusterRoles', () => {
    test.each(['admin', 'edit', 'Admin', 'system:controller:clusterrole-aggregation-controller', 'system:kube-controller-manager'])(
      'non-compliant without an exception: ClusterRole "%s" is refused',
      (name) => {
        expect(() => bind([group('oidc:team')], [], { kind: 'ClusterRole', name } as never)).toThrow(/HL-RBAC-008: no built-in admin, edit or system: ClusterRoles/);
      },
    );

    test.each(['Cluster-Admin', 'CLUSTER-ADMIN'])('a case variant of cluster-admin ("%s") is refused as cluster-admin (HL-RBAC-005)', (name) => {
      expect(() => bind([group('oidc:team')], [], { kind: 'ClusterRole', name } as never)).toThrow(/HL-RBAC-005/);
    });

    test('non-compliant when exception: edit with a valid HL-RBAC-008 exception is bound and recorded', () => {
      const rb = bind([group('oidc:team')], [exception('HL-RBAC-008')], { kind: 'ClusterRole', name: 'edit' } as never);
      expect(rb.roleRef.name).toBe('edit');
      expect(rb.metadata.annotations[EXCEPTIONS]).toBe('HL-RBAC-008');
    });
  });
});
