/**
 * Turns a resolved profile into a cdk8s App of charts: one chart per namespace, in name order.
 */
import { App, Chart } from 'cdk8s';
import { ComplianceContext } from '../../constructs/compliance-context';
import { ResolvedProfile } from '../profile/types';
import { composeAdmission } from './admission-chart';
import { NamespaceChart } from './namespace-chart';

/** A chart and the output folder its objects go to. */
export interface ComposedChart {
  /** Folder under the output directory, e.g. `namespaces/payments`. */
  readonly folder: string;
  /** The chart. */
  readonly chart: Chart;
  /**
   * Whether the chart's objects are cluster objects listed in `kustomization.yaml`. Files for
   * the control plane (an audit policy, for example) are written but not listed.
   *
   * @default true
   */
  readonly kustomize?: boolean;
}

/** The composed app and its charts in output order. */
export interface ComposedProfile {
  /** The cdk8s app holding every chart. */
  readonly app: App;
  /** Charts in deterministic output order. */
  readonly charts: readonly ComposedChart[];
  /** Files that are not Kubernetes objects (notes, flags, tests), by path relative to the output directory. */
  readonly extraFiles: ReadonlyMap<string, string>;
}

/** Builds the cdk8s App for a profile. Pure: no I/O. */
export function composeProfile(profile: ResolvedProfile): ComposedProfile {
  const app = new App({ outdir: 'unused' });
  ComplianceContext.set(app, {
    profile: profile.name,
    kubernetesVersion: profile.cluster.kubernetesVersion,
    cisVersion: profile.cisVersion,
  });
  const charts: ComposedChart[] = profile.namespaces.map((ns) => ({
    folder: `namespaces/${ns.name}`,
    chart: new NamespaceChart(app, profile, ns),
  }));
  const admission = composeAdmission(app, profile);
  return { app, charts: [...charts, ...admission.charts], extraFiles: admission.files };
}
