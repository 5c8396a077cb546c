import { ApiObject, Chart } from 'cdk8s';
import { PlainApiObject, kubeManifest } from './_plain-api-object';
import type { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  Control,
  ControlException,
  RBAC_NO_BROAD_SUBJECTS,
  RBAC_NO_BUILTIN_ROLES,
  RBAC_NO_PRIVILEGED_BINDINGS,
  RBAC_WORKLOAD_SA_SUBJECTS,
} from '../src/controls';
import { annotateControls, exceptionFor } from './_annotate-controls';
import { dns1123LabelProblem } from './_names';
import { BindingViolation, roleReferenceViolations, subjectViolations } from './_rbac-subjects';
import { ScopedRole } from './scoped-role';

/** Kinds of RBAC subjects. */
export enum SubjectKind {
  /** A group, typically from the OIDC identity provider. */
  GROUP = 'Group',
  /** A user, as the authenticator names it. */
  USER = 'User',
  /** A Kubernetes ServiceAccount. */
  SERVICE_ACCOUNT = 'ServiceAccount',
}

/** Who a binding grants a role to. */
export interface BindingSubject {
  /** Kind of subject. */
  readonly kind: SubjectKind;
  /** Group, user or ServiceAccount name. */
  readonly name: string;
  /**
   * Namespace of a ServiceAccount subject.
   *
   * @default - the binding's namespace
   */
  readonly namespace?: string;
}

/** A role referenced by name (for roles hardline does not emit). */
export interface RoleReference {
  /** `Role` or `ClusterRole`. */
  readonly kind: 'Role' | 'ClusterRole';
  /** Role name. */
  readonly name: string;
}

/** Properties for `ScopedRoleBinding`. */
export interface ScopedRoleBindingProps {
  /**
   * Name of the binding (a DNS-1123 label).
   *
   * @default - the role's name
   */
  readonly name?: string;
  /**
   * Namespace of a RoleBinding. Ignored when the role is a ClusterRole emitted by `ScopedRole`
   * (the binding is then a ClusterRoleBinding).
   *
   * @default - the role's namespace, else the enclosing chart's
   */
  readonly namespace?: string;
  /**
   * The role granted: a `ScopedRole`, or a reference to an existing Role or ClusterRole.
   * Referencing `cluster-admin` (in any case) needs an exception to HL-RBAC-005; the built-in
   * `admin`, `edit` or any `system:` ClusterRole an exception to HL-RBAC-008.
   */
  readonly role: ScopedRole | RoleReference;
  /**
   * Who gets the role. The `system:masters` group needs an exception to HL-RBAC-005; any other
   * `system:` group or user (anonymous, all users, all ServiceAccounts, nodes) one to HL-RBAC-006;
   * a `default` ServiceAccount or one in a `kube-*` or `default` namespace one to HL-RBAC-007.
   */
  readonly subjects: readonly BindingSubject[];
  /**
   * Exceptions that relax HL-RBAC-005 to HL-RBAC-008.
   *
   * @default - none
   */
  readonly exceptions?: readonly ControlException[];
}

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/**
 * Binds a role to groups, users or ServiceAccounts, refusing unless a valid exception names the
 * control: the `cluster-admin` role in any case and the `system:masters` group (HL-RBAC-005, CIS
 * 5.1.1 and 5.1.7); anonymous, all-users, all-ServiceAccounts, node and other `system:` identities
 * (HL-RBAC-006); `default` ServiceAccounts and those of Kubernetes' namespaces (HL-RBAC-007, CIS
 * 5.1.5); the built-in `admin`, `edit` and `system:` ClusterRoles (HL-RBAC-008). Subjects are
 * sorted, so the output does not depend on their order.
 *
 * Emits one `rbac.authorization.k8s.io/v1` RoleBinding, or a ClusterRoleBinding for a
 * cluster-wide `ScopedRole`. Implements HL-RBAC-005 to HL-RBAC-008.
 */
export class ScopedRoleBinding extends Construct {
  /** The binding name. */
  public readonly name: string;
  /** The namespace, or undefined for a ClusterRoleBinding. */
  public readonly namespace?: string;
  /** The emitted RoleBinding or ClusterRoleBinding. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: ScopedRoleBindingProps) {
    super(scope, id);
    const role: RoleReference =
      props.role instanceof ScopedRole ? { kind: props.role.clusterWide ? 'ClusterRole' : 'Role', name: props.role.name } : props.role;
    const clusterWide = props.role instanceof ScopedRole && props.role.clusterWide;
    this.name = props.name ?? role.name;
    const problem = dns1123LabelProblem(this.name);
    if (problem) throw new Error(`role binding name ${problem}`);
    const namespace = clusterWide
      ? undefined
      : (props.namespace ?? (props.role instanceof ScopedRole ? props.role.namespace : undefined) ?? Chart.of(this).namespace);
    if (!clusterWide && !namespace) {
      throw new Error(`ScopedRoleBinding "${this.name}" needs a namespace: set props.namespace or the chart namespace.`);
    }
    this.namespace = namespace;
    const where = clusterWide ? `ClusterRoleBinding "${this.name}"` : `RoleBinding "${namespace}/${this.name}"`;
    if (props.subjects.length === 0) throw new Error(`${where} has no subjects; bind the role to at least one.`);

    const applied: ControlException[] = [];
    const refuse = (v: BindingViolation) => {
      const ex = exceptionFor(props.exceptions, v.control, this);
      if (!ex) {
        throw new Error(
          `${where}: ${v.message} (${v.control.id}: ${v.rail}). ` +
            `Add an exception for ${v.control.id} with a reason, owner and expiry, or bind a scoped role to named subjects.`,
        );
      }
      if (!applied.includes(ex)) applied.push(ex);
    };
    roleReferenceViolations(role).forEach(refuse);
    for (const s of props.subjects) {
      const ns = s.kind === SubjectKind.SERVICE_ACCOUNT ? (s.namespace ?? namespace) : undefined;
      subjectViolations(s, ns).forEach(refuse);
    }

    const subjects = props.subjects
      .map((s) => this.subject(where, s))
      .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
      .filter((s, i, all) => i === 0 || key(all[i - 1]) !== key(s));
    const roleRef = { apiGroup: RBAC_GROUP, kind: role.kind, name: role.name };
    if (clusterWide) {
      this.apiObject = new PlainApiObject(
        this,
        'Resource',
        kubeManifest<k8s.KubeClusterRoleBindingProps>('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', { metadata: { name: this.name }, roleRef, subjects }),
        { clusterScoped: true },
      );
    } else {
      this.apiObject = new PlainApiObject(this, 'Resource', kubeManifest<k8s.KubeRoleBindingProps>('rbac.authorization.k8s.io/v1', 'RoleBinding', { metadata: { name: this.name, namespace }, roleRef, subjects }));
    }
    // HL-RBAC-007 governs a binding only when it names ServiceAccounts.
    const controls: Control[] = [RBAC_NO_PRIVILEGED_BINDINGS, RBAC_NO_BROAD_SUBJECTS, RBAC_NO_BUILTIN_ROLES];
    if (subjects.some((x) => x.kind === SubjectKind.SERVICE_ACCOUNT)) controls.push(RBAC_WORKLOAD_SA_SUBJECTS);
    annotateControls(this.apiObject, controls, applied);
  }

  private subject(where: string, s: BindingSubject): k8s.Subject {
    if (s.name.trim() === '') throw new Error(`${where}: a ${s.kind} subject has an empty name.`);
    if (s.kind !== SubjectKind.SERVICE_ACCOUNT) {
      if (s.namespace) throw new Error(`${where}: ${s.kind} "${s.name}" has a namespace; only ServiceAccount subjects do.`);
      return { kind: s.kind, name: s.name, apiGroup: RBAC_GROUP };
    }
    const namespace = s.namespace ?? this.namespace;
    if (!namespace) throw new Error(`${where}: ServiceAccount "${s.name}" needs a namespace in a ClusterRoleBinding.`);
    const problem = dns1123LabelProblem(s.name) ?? dns1123LabelProblem(namespace);
    if (problem) throw new Error(`${where}: ServiceAccount subject ${problem}`);
    return { kind: s.kind, name: s.name, namespace };
  }
}

function key(s: k8s.Subject): string {
  return `${s.kind}/${s.namespace ?? ''}/${s.name}`;
}
