import { ApiObject, Chart } from 'cdk8s';
import { PlainApiObject, kubeManifest } from './_plain-api-object';
import type { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  Control,
  ControlException,
  RBAC_NO_BASELINE_WRITES,
  RBAC_NO_ESCALATION_VERBS,
  RBAC_NO_EXEC_OR_TOKENS,
  RBAC_NO_SECRETS_READ,
  RBAC_NO_WILDCARDS,
} from '../src/controls';
import { ACCESS_LEVEL_RULES, CLUSTER_READABLE, CLUSTER_SCOPED_RESOURCES, SECRETS_READ_RULE } from './_access-levels';
import { annotateControls, exceptionFor } from './_annotate-controls';
import { dns1123LabelProblem } from './_names';
import { guardRailViolations, ScopedRoleRule } from './_rbac-guard-rails';
import { unknownRuleValues } from './_rbac-known';

export { ScopedRoleRule } from './_rbac-guard-rails';

/** hardline's namespaced access levels. */
export enum AccessLevel {
  /** get, list and watch on workload kinds, config maps, services and events; no secrets. */
  READ_ONLY = 'read-only',
  /** read-only plus create, update, patch and delete on workload kinds, config maps and services (CI, GitOps). */
  DEPLOYER = 'deployer',
  /** deployer plus persistent volume claims, deleting and evicting pods, and reading Roles and RoleBindings. */
  NAMESPACE_ADMIN = 'namespace-admin',
}

/** The guard-rail controls every ScopedRole is governed by. */
const ROLE_CONTROLS: readonly Control[] = [
  RBAC_NO_WILDCARDS,
  RBAC_NO_ESCALATION_VERBS,
  RBAC_NO_SECRETS_READ,
  RBAC_NO_EXEC_OR_TOKENS,
  RBAC_NO_BASELINE_WRITES,
];
const READ_ONLY_VERBS = ['get', 'list', 'watch'];

/** Properties for `ScopedRole`. */
export interface ScopedRoleProps {
  /**
   * Name of the Role or ClusterRole (a DNS-1123 label).
   */
  readonly name: string;
  /**
   * Namespace of the Role. Ignored for a ClusterRole.
   *
   * @default - the namespace of the enclosing chart
   */
  readonly namespace?: string;
  /**
   * Emit a ClusterRole instead of a Role. A ClusterRole may only get, list and watch
   * cluster-scoped kinds (namespaces, nodes, storage classes and the like).
   *
   * @default false
   */
  readonly clusterWide?: boolean;
  /**
   * The rules, each listing API groups, resources and verbs explicitly.
   *
   * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/#role-and-clusterrole
   */
  readonly rules: readonly ScopedRoleRule[];
  /**
   * Exceptions that allow a rule to break a guard rail (HL-RBAC-001 to HL-RBAC-004, HL-RBAC-009).
   *
   * @default - none
   */
  readonly exceptions?: readonly ControlException[];
}

/** Properties for `ScopedRole.forAccessLevel`. */
export interface AccessLevelRoleProps {
  /**
   * The access level.
   */
  readonly level: AccessLevel;
  /**
   * Namespace of the Role.
   *
   * @default - the namespace of the enclosing chart
   */
  readonly namespace?: string;
  /**
   * Add get, list and watch on secrets. Needs an exception to HL-RBAC-003.
   *
   * @default false
   * @see CIS 5.1.2
   */
  readonly grantSecretsRead?: boolean;
  /**
   * Exceptions that relax guard rails of the role.
   *
   * @default - none
   */
  readonly exceptions?: readonly ControlException[];
}

/**
 * A Role (or read-only ClusterRole) whose rules are checked against hardline's RBAC guard rails
 * when it is constructed: no `*` in verbs, resources or API groups (HL-RBAC-001); no bind, escalate,
 * impersonate, RBAC or admission configuration writes (HL-RBAC-002); no get, list or watch on
 * secrets (HL-RBAC-003); no pod creation, exec, attach, port-forward, proxy, ephemeral containers,
 * token or Secret creation (HL-RBAC-004); no writes on NetworkPolicies, ResourceQuotas or
 * LimitRanges (HL-RBAC-009). Each throws unless a valid exception for its control is given; an
 * applied exception is recorded on the object. Verbs and resources must be ones Kubernetes knows,
 * spelt exactly and under their own API group.
 *
 * Emits one `rbac.authorization.k8s.io/v1` Role or ClusterRole. Implements HL-RBAC-001 to HL-RBAC-004
 * and HL-RBAC-009.
 */
export class ScopedRole extends Construct {
  /**
   * A Role for one of hardline's access levels, named `hardline-<level>` (with `-secrets-read`
   * when secrets read is granted).
   */
  public static forAccessLevel(scope: Construct, id: string, props: AccessLevelRoleProps): ScopedRole {
    const rules = [...ACCESS_LEVEL_RULES[props.level], ...(props.grantSecretsRead ? [SECRETS_READ_RULE] : [])];
    return new ScopedRole(scope, id, {
      name: ScopedRole.accessLevelRoleName(props.level, props.grantSecretsRead ?? false),
      namespace: props.namespace,
      rules,
      exceptions: props.exceptions,
    });
  }

  /** The Role name `forAccessLevel` gives an access level. */
  public static accessLevelRoleName(level: AccessLevel, grantSecretsRead: boolean): string {
    return `hardline-${level}${grantSecretsRead ? '-secrets-read' : ''}`;
  }

  /** A ClusterRole `hardline-cluster-read-only`: get, list and watch on cluster-scoped kinds only. */
  public static clusterReadOnly(scope: Construct, id: string): ScopedRole {
    return new ScopedRole(scope, id, { name: 'hardline-cluster-read-only', clusterWide: true, rules: CLUSTER_READABLE });
  }

  /** The role name. */
  public readonly name: string;
  /** The namespace, or undefined for a ClusterRole. */
  public readonly namespace?: string;
  /** Whether this is a ClusterRole. */
  public readonly clusterWide: boolean;
  /** The emitted Role or ClusterRole. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: ScopedRoleProps) {
    super(scope, id);
    const problem = dns1123LabelProblem(props.name);
    if (problem) throw new Error(`role name ${problem}`);
    this.name = props.name;
    this.clusterWide = props.clusterWide ?? false;
    const namespace = this.clusterWide ? undefined : (props.namespace ?? Chart.of(this).namespace);
    if (!this.clusterWide && !namespace) {
      throw new Error(`ScopedRole "${this.name}" needs a namespace: set props.namespace or the chart namespace.`);
    }
    this.namespace = namespace;
    const where = this.clusterWide ? `ClusterRole "${this.name}"` : `Role "${namespace}/${this.name}"`;
    if (props.rules.length === 0) throw new Error(`${where} has no rules; a role grants at least one verb on one resource.`);

    const applied: ControlException[] = [];
    props.rules.forEach((rule, i) => {
      for (const field of ['apiGroups', 'resources', 'verbs'] as const) {
        if (rule[field].length === 0) throw new Error(`${where}: rules[${i}].${field} is empty; list at least one value.`);
      }
      // A misspelt or wrongly cased verb, or a resource under the wrong group, grants nothing today and
      // something once "fixed"; it is refused outright (there is no exception for a typo).
      const unknown = unknownRuleValues(rule, `rules[${i}]`);
      if (unknown.length > 0) throw new Error(`${where}: ${unknown.join('; ')}.`);
      for (const v of guardRailViolations(rule, i)) {
        const ex = exceptionFor(props.exceptions, v.control, this);
        if (!ex) {
          throw new Error(`${where}: ${v.message}. Add an exception for ${v.control.id} with a reason, owner and expiry, or narrow the rule.`);
        }
        if (!applied.includes(ex)) applied.push(ex);
      }
      if (this.clusterWide) this.checkClusterRule(where, rule, i);
    });

    const rules = props.rules.map((r) => ({
      apiGroups: [...r.apiGroups],
      resources: [...r.resources],
      verbs: [...r.verbs],
      ...(r.resourceNames ? { resourceNames: [...r.resourceNames] } : {}),
    }));
    if (this.clusterWide) {
      this.apiObject = new PlainApiObject(
        this,
        'Resource',
        kubeManifest<k8s.KubeClusterRoleProps>('rbac.authorization.k8s.io/v1', 'ClusterRole', { metadata: { name: this.name }, rules }),
        { clusterScoped: true },
      );
    } else {
      this.apiObject = new PlainApiObject(this, 'Resource', kubeManifest<k8s.KubeRoleProps>('rbac.authorization.k8s.io/v1', 'Role', { metadata: { name: this.name, namespace }, rules }));
    }
    annotateControls(this.apiObject, ROLE_CONTROLS, applied);
  }

  /** ClusterRoles are read-only and name cluster-scoped kinds only; there is no exception for this. */
  private checkClusterRule(where: string, rule: ScopedRoleRule, i: number): void {
    const writes = rule.verbs.filter((v) => !READ_ONLY_VERBS.includes(v));
    if (writes.length > 0) {
      throw new Error(`${where}: rules[${i}].verbs grants ${writes.join(', ')}; hardline ClusterRoles are read-only (get, list, watch).`);
    }
    const namespaced = rule.resources.filter((r) => !CLUSTER_SCOPED_RESOURCES.includes(r));
    if (namespaced.length > 0) {
      throw new Error(
        `${where}: rules[${i}].resources names ${namespaced.join(', ')}, which hardline does not know as cluster-scoped; ` +
          'grant namespaced kinds with a Role per namespace.',
      );
    }
  }
}
