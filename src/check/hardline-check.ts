/**
 * `Hardline.check`: fails `app.synth()` when a workload in the user's charts would be rejected by
 * the profile's baseline (or breaks a hardline rule), through `node.addValidation`.
 */
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ResolvedProfile } from '../profile/types';
import { checkWorkloads } from './check-workloads';

const checked = new WeakMap<IConstruct, Set<ResolvedProfile>>();

/** Entry points for checking a user's own cdk8s constructs against a hardline profile. */
export class Hardline {
  /**
   * Checks every workload (Pod, Deployment, ReplicaSet, StatefulSet, DaemonSet, ReplicationController,
   * Job, CronJob) under `scope` against `profile` when the app synthesizes, with the admission rule
   * model (`checkWorkloads`): the Pod Security rules the namespace enforces at the profile's Kubernetes
   * version, the Kyverno rules that deny in its tier (registries, pinning, labels, requests and limits,
   * Secrets in env, default ServiceAccount) and automounted tokens. Each violation becomes a validation
   * error naming the workload, its namespace, the control, the rule and the field. Registering the same
   * profile on the same scope twice checks once.
   */
  public static check(scope: IConstruct, profile: ResolvedProfile): void {
    const seen = checked.get(scope) ?? new Set<ResolvedProfile>();
    if (seen.has(profile)) return;
    seen.add(profile);
    checked.set(scope, seen);
    scope.node.addValidation({
      validate: () => {
        const objects = scope.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c));
        return checkWorkloads(objects.map((o) => o.toJson()), profile).map((v) => v.message);
      },
    });
  }

  private constructor() {}
}
