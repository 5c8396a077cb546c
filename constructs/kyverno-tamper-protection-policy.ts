import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ADM_TAMPER_PROTECTION } from '../src/controls';
import { ANNOTATIONS, annotateControls } from './_annotate-controls';
import { KyvernoEnforcement } from './_kyverno-enforcement';
import { dns1123LabelProblem } from './_names';
import { PlainApiObject } from './_plain-api-object';

/** A kind the tamper protection guards: its API group, version, resource and kind. */
export interface ProtectedKind {
  /** API group, `''` for the core group. */
  readonly group: string;
  /** API version. */
  readonly version: string;
  /** Resource (plural, lower-case). */
  readonly resource: string;
  /** Kind. */
  readonly kind: string;
}

/** The kinds hardline emits, which `KyvernoTamperProtectionPolicy` guards by default. */
export const HARDLINE_KINDS: readonly ProtectedKind[] = [
  { group: '', version: 'v1', resource: 'limitranges', kind: 'LimitRange' },
  { group: '', version: 'v1', resource: 'namespaces', kind: 'Namespace' },
  { group: '', version: 'v1', resource: 'resourcequotas', kind: 'ResourceQuota' },
  { group: '', version: 'v1', resource: 'serviceaccounts', kind: 'ServiceAccount' },
  { group: 'kyverno.io', version: 'v1', resource: 'clusterpolicies', kind: 'ClusterPolicy' },
  { group: 'kyverno.io', version: 'v2', resource: 'policyexceptions', kind: 'PolicyException' },
  { group: 'networking.k8s.io', version: 'v1', resource: 'networkpolicies', kind: 'NetworkPolicy' },
  { group: 'policies.kyverno.io', version: 'v1', resource: 'imagevalidatingpolicies', kind: 'ImageValidatingPolicy' },
  { group: 'policies.kyverno.io', version: 'v1', resource: 'policyexceptions', kind: 'PolicyException' },
  { group: 'policies.kyverno.io', version: 'v1', resource: 'validatingpolicies', kind: 'ValidatingPolicy' },
  { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets', kind: 'PodDisruptionBudget' },
  { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterrolebindings', kind: 'ClusterRoleBinding' },
  { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterroles', kind: 'ClusterRole' },
  { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'rolebindings', kind: 'RoleBinding' },
  { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'roles', kind: 'Role' },
  { group: 'velero.io', version: 'v1', resource: 'schedules', kind: 'Schedule' },
];

/**
 * Kubernetes' own controllers that delete the objects of a namespace being deleted (with
 * `--use-service-account-credentials`, and without it); they are always allowed, or a namespace
 * removed through GitOps would never finish terminating.
 */
export const NAMESPACE_CLEANUP_IDENTITIES: readonly string[] = [
  'system:kube-controller-manager',
  'system:serviceaccount:kube-system:generic-garbage-collector',
  'system:serviceaccount:kube-system:namespace-controller',
];

/** Properties for `KyvernoTamperProtectionPolicy`. */
export interface KyvernoTamperProtectionPolicyProps {
  /**
   * Policy name (cluster-scoped, DNS-1123).
   *
   * @default 'hl-tamper-protection'
   */
  readonly name?: string;
  /**
   * Kyverno minor version of the cluster: 1.17 and later get a `ValidatingPolicy`, 1.13–1.16 a `ClusterPolicy`.
   *
   * @default '1.17'
   */
  readonly kyvernoVersion?: string;
  /**
   * User names (as the API server sees them) that may update and delete hardline's objects: the
   * GitOps identities, e.g. `system:serviceaccount:argocd:argocd-application-controller`. Without
   * any, the policy audits and warns instead of denying, so nothing is locked out before the
   * pipeline is named.
   *
   * @default - none: audit
   * @see HL-ADM-010
   */
  readonly managers?: readonly string[];
  /**
   * The kinds guarded; only objects carrying `compliance.hardline.dev/controls` are.
   *
   * @default HARDLINE_KINDS
   */
  readonly kinds?: readonly ProtectedKind[];
}

/**
 * A Kyverno policy that denies UPDATE and DELETE of the objects hardline manages (those carrying
 * `compliance.hardline.dev/controls`) to everyone but the named GitOps identities and Kubernetes'
 * namespace cleanup controllers; without a named identity it audits and warns. RBAC decides which
 * kinds a subject may write, not which objects, so this is what keeps the default-deny policy,
 * quotas, roles and labels as reviewed.
 *
 * Emits one `policies.kyverno.io/v1` `ValidatingPolicy` (Kyverno 1.17+) or `kyverno.io/v1`
 * `ClusterPolicy` (1.13–1.16), with background scans off (a scan has no request user). Implements HL-ADM-010.
 */
export class KyvernoTamperProtectionPolicy extends Construct {
  /** The policy name. */
  public readonly name: string;
  /** Deny with managers named, otherwise audit. */
  public readonly enforcement: KyvernoEnforcement;
  /** The identities allowed to change hardline's objects, sorted (cleanup controllers included). */
  public readonly allowed: readonly string[];
  /** The CEL expression that admits a change: the request's user is allowed. */
  public readonly expression: string;
  /** The CEL condition that selects hardline's objects. */
  public readonly condition: string;
  /** The emitted policy. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: KyvernoTamperProtectionPolicyProps = {}) {
    super(scope, id);
    this.name = props.name ?? 'hl-tamper-protection';
    const problem = dns1123LabelProblem(this.name);
    if (problem) throw new Error(`policy name ${problem}`);
    const version = props.kyvernoVersion ?? '1.17';
    const minor = /^1\.(\d+)$/.exec(version);
    if (!minor || Number(minor[1]) < 13) throw new Error(`kyvernoVersion "${version}" is not supported; hardline targets Kyverno 1.13 and later, written "1.17".`);
    const managers = props.managers ?? [];
    for (const m of managers) {
      const why = managerProblem(m);
      if (why) throw new Error(why);
    }
    const kinds = props.kinds ?? HARDLINE_KINDS;
    if (kinds.length === 0) throw new Error('KyvernoTamperProtectionPolicy guards no kind; leave kinds unset for every kind hardline emits.');
    this.enforcement = managers.length > 0 ? KyvernoEnforcement.ENFORCE : KyvernoEnforcement.AUDIT;
    this.allowed = [...new Set([...managers, ...NAMESPACE_CLEANUP_IDENTITIES])].sort();
    this.condition = `oldObject != null && has(oldObject.metadata.annotations) && '${ANNOTATIONS.controls}' in oldObject.metadata.annotations`;
    this.expression = `request.userInfo.username in [${this.allowed.map((u) => `'${u}'`).join(', ')}]`;
    const message =
      managers.length > 0
        ? `objects managed by hardline change only through GitOps (${managers.join(', ')}); change the profile instead (HL-ADM-010)`
        : 'objects managed by hardline should change only through GitOps; name the GitOps identity in the profile (spec.admission.managers) to deny this (HL-ADM-010)';
    const annotations = {
      'policies.kyverno.io/title': 'Protect the hardline baseline from tampering',
      'policies.kyverno.io/category': 'Other',
      'policies.kyverno.io/severity': 'high',
      'policies.kyverno.io/subject': [...new Set(kinds.map((k) => k.kind))].sort().join(', '),
      'policies.kyverno.io/description':
        'Denies UPDATE and DELETE of objects carrying compliance.hardline.dev/controls to everyone but the GitOps identities the profile names.',
    };
    const labels = { 'app.kubernetes.io/managed-by': 'hardline' };
    const enforce = this.enforcement === KyvernoEnforcement.ENFORCE;
    if (Number(minor[1]) >= 17) {
      this.apiObject = new PlainApiObject(
        this,
        'Resource',
        {
          apiVersion: 'policies.kyverno.io/v1',
          kind: 'ValidatingPolicy',
          metadata: { name: this.name, labels, annotations: { ...annotations, 'policies.kyverno.io/minversion': '1.17.0' } },
          spec: {
            validationActions: enforce ? ['Deny'] : ['Audit', 'Warn'],
            evaluation: { background: { enabled: false } },
            matchConstraints: { resourceRules: tamperResourceRules(kinds) },
            matchConditions: [{ name: 'managed-by-hardline', expression: this.condition }],
            validations: [{ expression: this.expression, message }],
          },
        },
        { clusterScoped: true },
      );
    } else {
      this.apiObject = new PlainApiObject(
        this,
        'Resource',
        {
          apiVersion: 'kyverno.io/v1',
          kind: 'ClusterPolicy',
          metadata: { name: this.name, labels, annotations: { ...annotations, 'policies.kyverno.io/minversion': '1.13.0' } },
          spec: {
            background: false,
            ...(enforce ? {} : { emitWarning: true }),
            rules: [
              {
                name: this.name,
                match: {
                  any: [{ resources: { kinds: [...new Set(kinds.map(kindSelector))].sort(), operations: ['DELETE', 'UPDATE'] } }],
                },
                celPreconditions: [{ name: 'managed-by-hardline', expression: this.condition }],
                validate: { failureAction: this.enforcement, cel: { expressions: [{ expression: this.expression, message }] } },
              },
            ],
          },
        },
        { clusterScoped: true },
      );
    }
    annotateControls(this.apiObject, [ADM_TAMPER_PROTECTION]);
  }
}

/** Why a manager is not a usable user name, or undefined. */
export function managerProblem(m: string): string | undefined {
  if (!/^[^\s*'"\\]+$/u.test(m) || /[\p{Cf}\p{Cc}]/u.test(m)) {
    return `manager "${m}" is not a user name (no spaces, quotes, backslashes, wildcards or invisible characters)`;
  }
  if (m.startsWith('system:serviceaccount:') && m.split(':').length !== 4) {
    return `manager "${m}" is not a ServiceAccount user name; write system:serviceaccount:<namespace>:<name>`;
  }
  return undefined;
}

/** One resource rule per API group and version, UPDATE and DELETE of the main resource only (status updates pass); the native policy uses them too. @internal */
export function tamperResourceRules(kinds: readonly ProtectedKind[]): object[] {
  const byGroup = new Map<string, ProtectedKind[]>();
  for (const k of kinds) byGroup.set(`${k.group}/${k.version}`, [...(byGroup.get(`${k.group}/${k.version}`) ?? []), k]);
  return [...byGroup.keys()].sort().map((key) => {
    const ks = byGroup.get(key)!;
    return {
      apiGroups: [ks[0].group],
      apiVersions: [ks[0].version],
      operations: ['DELETE', 'UPDATE'],
      resources: [...new Set(ks.map((k) => k.resource))].sort(),
    };
  });
}

/** Kyverno's `group/version/Kind` selector (`Kind` alone for the core group). */
function kindSelector(k: ProtectedKind): string {
  return k.group === '' ? k.kind : `${k.group}/${k.version}/${k.kind}`;
}
