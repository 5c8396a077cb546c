/**
 * The cluster-scoped RBAC of a profile: the read-only ClusterRole on cluster-scoped kinds and its
 * ClusterRoleBinding, emitted only when the profile names cluster readers.
 */
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ScopedRole } from '../../constructs/scoped-role';
import { ScopedRoleBinding, SubjectKind } from '../../constructs/scoped-role-binding';
import { ResolvedProfile } from '../profile/types';

/** A chart holding `hardline-cluster-read-only` and its binding. */
export class ClusterAccessChart extends Chart {
  constructor(scope: Construct, profile: ResolvedProfile) {
    super(scope, 'cluster-access', { disableResourceNameHashes: true });
    const role = ScopedRole.clusterReadOnly(this, 'ClusterReadOnly');
    new ScopedRoleBinding(this, 'ClusterReadOnlyBinding', {
      role,
      subjects: (profile.rbac?.clusterReaders ?? []).map((s) => ({ kind: s.kind as SubjectKind, name: s.name, namespace: s.namespace })),
      // Cluster-wide access is excepted only by an exception that covers every namespace.
      exceptions: profile.exceptions.filter((e) => !e.namespaces),
    });
  }
}
