/**
 * Renders composed charts to plain Kubernetes objects in linear time.
 *
 * `App.synth()` and `Chart.toJson()` re-validate and re-resolve the whole app once per chart,
 * which is quadratic in the number of charts. Here the app is validated once and each ApiObject
 * is rendered once.
 */
import { ApiObject, App } from 'cdk8s';
import { IConstruct } from 'constructs';
import { HardlineError } from '../errors';
import { ComposedChart, composeCharts, ComposedProfile } from '../compose/compose-profile';
import { ResolvedProfile } from '../profile/types';

/** A rendered Kubernetes object and the file it is written to. */
export interface RenderedObject {
  /** Path relative to the output directory, e.g. `namespaces/payments/namespace-payments.yaml`. */
  readonly file: string;
  /** Whether `kustomization.yaml` lists the file (false for control-plane files). */
  readonly kustomize: boolean;
  /** The object as plain JSON (keys sorted by cdk8s). */
  readonly manifest: { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } } & Record<string, unknown>;
}

/** Validates every construct once and renders every ApiObject, in deterministic file order. */
export function collectObjects(composed: ComposedProfile): RenderedObject[] {
  const errors = composed.app.node
    .findAll()
    .flatMap((c: IConstruct) => c.node.validate().map((m) => `[${c.node.path}] ${m}`));
  throwIfInvalid(errors);
  const collector = new ObjectCollector();
  for (const chart of composed.charts) collector.render(chart);
  return collector.finish();
}

/**
 * Composes a profile and renders it chart by chart: each chart is validated and rendered as soon
 * as it is complete, then removed from the app, so the construct tree of the whole profile never
 * exists at once (fewer objects for the garbage collector to copy and keep). The objects, their
 * order and the validation messages (all of them, in construct order) are those of
 * `collectObjects(composeProfile(profile))`.
 */
export function composeAndCollect(profile: ResolvedProfile): { objects: RenderedObject[]; extraFiles: ReadonlyMap<string, string> } {
  const app = new App({ outdir: 'unused' });
  const collector = new ObjectCollector();
  const errors: string[] = [];
  const extraFiles = composeCharts(app, profile, (composed) => {
    for (const c of composed.chart.node.findAll()) errors.push(...c.node.validate().map((m) => `[${c.node.path}] ${m}`));
    // Once a chart is invalid nothing is written; the others are still validated, to report everything.
    if (errors.length === 0) collector.render(composed);
    app.node.tryRemoveChild(composed.chart.node.id);
  });
  errors.unshift(...app.node.validate().map((m) => `[${app.node.path}] ${m}`));
  throwIfInvalid(errors);
  return { objects: collector.finish(), extraFiles };
}

function throwIfInvalid(errors: readonly string[]): void {
  if (errors.length > 0) {
    throw new HardlineError(`validation failed:\n${errors.join('\n')}`, { code: 'VALIDATION_FAILED' });
  }
}

/** Renders charts' ApiObjects to files, refusing two objects for one file. */
class ObjectCollector {
  private readonly out: RenderedObject[] = [];
  private readonly files = new Set<string>();

  render({ folder, chart, kustomize }: ComposedChart): void {
    for (const c of chart.node.findAll()) {
      if (!(c instanceof ApiObject)) continue;
      const manifest = c.toJson() as RenderedObject['manifest'];
      const file = `${folder}/${manifest.kind.toLowerCase()}-${manifest.metadata.name}.yaml`;
      if (this.files.has(file)) throw new Error(`two objects would be written to ${file}`);
      this.files.add(file);
      this.out.push({ file, kustomize: kustomize ?? true, manifest });
    }
  }

  finish(): RenderedObject[] {
    return this.out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  }
}
