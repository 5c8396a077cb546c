import { rbacFindings } from '../../../src/check-cli/rbac-checks';
import { loadProfile } from '../../../src/profile/load-profile';
import { ResolvedProfile } from '../../../src/profile/types';
import { ROOT } from '../../helpers/synth';

const profile = loadProfile(`${ROOT}/profiles/default.yaml`);
const withException = (control: string, namespaces?: string[]): ResolvedProfile => ({
  ...profile,
  exceptions: [{ control, reason: 'recorded need, TICKET-1', owner: 'team', expires: '2099-01-01', ...(namespaces ? { namespaces } : {}) }],
});
const role = (kind: string, rules: object[], namespace?: string) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: { name: 'r', ...(namespace ? { namespace } : {}) }, rules });

describe('RBAC guard rails for any Role and ClusterRole', () => {
  test('HL-RBAC-001: wildcards are findings, per field', () => {
    const f = rbacFindings(role('ClusterRole', [{ apiGroups: ['*'], resources: ['pods'], verbs: ['*'] }]), profile);
    expect(f.filter((x) => x.rule.id === 'HL-RBAC-001').map((x) => x.field)).toEqual(['rules[0].verbs', 'rules[0].apiGroups']);
  });

  test('HL-RBAC-002 and HL-RBAC-004: escalation verbs and pods/exec', () => {
    const f = rbacFindings(role('Role', [{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }, { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: ['bind'] }], 'checkout'), profile);
    expect(f.map((x) => [x.rule.id, x.field])).toEqual([
      ['HL-RBAC-004', 'rules[0]'],
      ['HL-RBAC-002', 'rules[1].verbs'],
    ]);
    expect(f[0].message).toMatch(/^Role "checkout\/r": rules\[0\] grants create on pods\/exec/);
  });

  test('a compliant role has no findings; an aggregated ClusterRole is judged by the roles it aggregates', () => {
    expect(rbacFindings(role('Role', [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list'] }], 'checkout'), profile)).toEqual([]);
    expect(rbacFindings({ ...role('ClusterRole', [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]), aggregationRule: { clusterRoleSelectors: [] } }, profile)).toEqual([]);
  });

  test('HL-RBAC-005: cluster-admin and system:masters bindings', () => {
    const binding = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'b', namespace: 'checkout' }, roleRef: { kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [{ kind: 'Group', name: 'system:masters' }, { kind: 'Group', name: 'devs' }] };
    expect(rbacFindings(binding, profile).map((x) => x.field)).toEqual(['roleRef.name', 'subjects[0].name']);
  });

  test('an exception lifts its control: in its namespaces for a Role, only an all-namespace one for a ClusterRole', () => {
    const secrets = [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }];
    expect(rbacFindings(role('Role', secrets, 'checkout'), withException('HL-RBAC-003', ['checkout']))).toEqual([]);
    expect(rbacFindings(role('Role', secrets, 'payments'), withException('HL-RBAC-003', ['checkout']))).toHaveLength(1);
    expect(rbacFindings(role('ClusterRole', secrets), withException('HL-RBAC-003', ['checkout']))).toHaveLength(1);
    expect(rbacFindings(role('ClusterRole', secrets), withException('HL-RBAC-003'))).toEqual([]);
  });
});
