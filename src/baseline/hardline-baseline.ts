/**
 * `HardlineBaseline`: the whole baseline of a profile as one construct in a user's own cdk8s app.
 * It runs the same composition as the CLI (`addBaseline`), so the objects are the same bytes.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { collisionProblems, PlacedObject, undeclaredServiceAccountProblems } from './baseline-conflicts';
import { addBaseline, ComposedChart } from '../compose/compose-profile';
import { Hardline } from '../check/hardline-check';
import { loadProfile } from '../profile/load-profile';
import { ResolvedProfile } from '../profile/types';

/** Properties for `HardlineBaseline`: give exactly one of `profile` and `profileFile`. */
export interface HardlineBaselineProps {
  /**
   * A resolved profile, from `loadProfile` or `parseProfile`. No file is read.
   *
   * @default - none; then `profileFile` is required
   */
  readonly profile?: ResolvedProfile;
  /**
   * A profile file to load (with its `extends` chain) when the construct is created. Relative
   * paths resolve against the working directory.
   *
   * @default - none; then `profile` is required
   */
  readonly profileFile?: string;
  /**
   * The day exceptions are checked against when `profileFile` is loaded, `YYYY-MM-DD`.
   *
   * @default - today (UTC)
   */
  readonly today?: string;
  /**
   * Whether to check every workload in the app (every chart, not only the baseline) against the
   * profile when the app synthesizes, as `Hardline.check(app, profile)` does, and to report
   * workloads in managed namespaces that run as a ServiceAccount neither the profile declares nor
   * the app defines.
   *
   * @default true
   */
  readonly checkWorkloads?: boolean;
  /**
   * Whether to keep control-plane charts in the app: objects the CLI writes but does not list in
   * `kustomization.yaml` (an API server audit policy, for example), which are not applied with
   * kubectl. When false they are left out of the app and listed in `controlPlaneCharts`.
   *
   * @default false
   */
  readonly controlPlane?: boolean;
}

/**
 * Adds the hardline baseline of a profile to a cdk8s app: per namespace a chart with the
 * Namespace, its default-deny NetworkPolicies and its default ServiceAccount (and whatever the
 * profile's other sections compose), exactly as `hardline synth` emits them.
 *
 * The compliance context (profile name, Kubernetes and CIS versions) is set on this construct,
 * not on the app, so it works in any `App`; the charts are created below it.
 *
 * When the app synthesizes, it fails on any object of the app that collides with a baseline object
 * (same API group, kind, namespace and name), and (with `checkWorkloads`) on workloads that run as
 * a ServiceAccount neither the profile declares nor the app defines.
 */
export class HardlineBaseline extends Construct {
  /** The profile the baseline was built from. */
  public readonly profile: ResolvedProfile;
  /** The charts added to the app, in the CLI's output order, with the folder the CLI writes each to. */
  public readonly charts: readonly ComposedChart[];
  /** Control-plane charts the CLI writes but the app leaves out (empty when `controlPlane` is true). */
  public readonly controlPlaneCharts: readonly ComposedChart[];
  /** Non-Kubernetes files the CLI would also write (not synthesized by cdk8s), by relative path. */
  public readonly extraFiles: ReadonlyMap<string, string>;

  constructor(scope: Construct, id: string, props: HardlineBaselineProps) {
    super(scope, id);
    if ((props.profile === undefined) === (props.profileFile === undefined)) {
      throw new Error('HardlineBaseline needs exactly one of props.profile (a resolved profile) and props.profileFile (a path).');
    }
    this.profile = props.profile ?? loadProfile(props.profileFile!, { today: props.today });
    const composed = addBaseline(this, this.profile);
    const keep = (c: ComposedChart) => (props.controlPlane ?? false) || c.kustomize !== false;
    this.charts = composed.charts.filter(keep);
    this.controlPlaneCharts = composed.charts.filter((c) => !keep(c));
    for (const { chart } of this.controlPlaneCharts) this.node.tryRemoveChild(chart.node.id);
    this.extraFiles = composed.extraFiles;
    const checkWorkloads = props.checkWorkloads ?? true;
    if (checkWorkloads) Hardline.check(this.node.root, this.profile);
    this.node.addValidation({
      validate: () => {
        const { baseline, user } = this.partitionApp();
        return [
          ...collisionProblems(baseline, user, this.profile),
          ...(checkWorkloads ? undeclaredServiceAccountProblems(user, [...baseline, ...user], this.profile) : []),
        ];
      },
    });
  }

  /** Every object of the app, split into this baseline's and the rest (the user's). */
  private partitionApp(): { baseline: PlacedObject[]; user: PlacedObject[] } {
    const baseline: PlacedObject[] = [];
    const user: PlacedObject[] = [];
    const mine = new Set(this.node.findAll());
    for (const c of this.node.root.node.findAll()) {
      if (!ApiObject.isApiObject(c)) continue;
      (mine.has(c) ? baseline : user).push({ manifest: c.toJson(), path: c.node.path });
    }
    return { baseline, user };
  }
}
