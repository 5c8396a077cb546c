/**
 * Turns a resolved profile into a cdk8s App of charts: one chart per namespace, in name order.
 */
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ComplianceContext } from '../../constructs/compliance-context';
import { ResolvedProfile } from '../profile/types';
import { ClusterAccessChart } from './cluster-access-chart';
import { composeAdmission } from './admission-chart';
import { NamespaceChart } from './namespace-chart';
import { composeOperations } from './operations';

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

/** The composed app (or a user's scope) and its charts in output order. */
export interface ComposedProfile<S extends Construct = App> {
  /** The cdk8s app (or the scope `addBaseline` was given) holding every chart. */
  readonly app: S;
  /** Charts in deterministic output order. */
  readonly charts: readonly ComposedChart[];
  /** Files that are not Kubernetes objects (notes, flags, tests), by path relative to the output directory. */
  readonly extraFiles: ReadonlyMap<string, string>;
}

/** Builds the cdk8s App for a profile. Pure: no I/O. */
export function composeProfile(profile: ResolvedProfile): ComposedProfile {
  return addBaseline(new App({ outdir: 'unused' }), profile);
}

/**
 * Adds every chart of a profile's baseline to `app`: the CLI's App, or the scope of a user's
 * `HardlineBaseline`, so both emit the same objects. `app` must have no children yet (it
 * carries the compliance context). Pure: no I/O.
 */
export function addBaseline<S extends Construct>(app: S, profile: ResolvedProfile): ComposedProfile<S> {
  const charts: ComposedChart[] = [];
  const extraFiles = composeCharts(app, profile, (c) => charts.push(c));
  return { app, charts, extraFiles };
}

/**
 * The composition of `addBaseline`, handing each chart to `onChart` as soon as it is complete (no
 * chart is changed after it is handed over), in output order; returns the extra files. A caller
 * that renders and then removes each chart never holds the whole construct tree.
 */
export function composeCharts(app: Construct, profile: ResolvedProfile, onChart: (chart: ComposedChart) => void): ReadonlyMap<string, string> {
  ComplianceContext.set(app, {
    profile: profile.name,
    kubernetesVersion: profile.cluster.kubernetesVersion,
    cisVersion: profile.cisVersion,
    ...(profile.complianceDate ? { complianceDate: profile.complianceDate } : {}),
    ...(profile.maxExceptionDays ? { maxExceptionDays: profile.maxExceptionDays } : {}),
    provider: profile.cluster.provider,
  });
  for (const ns of profile.namespaces) onChart({ folder: `namespaces/${ns.name}`, chart: new NamespaceChart(app, profile, ns) });
  if (profile.rbac?.clusterReaders?.length) onChart({ folder: 'cluster/rbac', chart: new ClusterAccessChart(app, profile) });
  const operations = composeOperations(app, profile);
  operations.charts.forEach(onChart);
  const admission = composeAdmission(app, profile);
  admission.charts.forEach(onChart);
  return new Map([...operations.extraFiles, ...admission.files]);
}
