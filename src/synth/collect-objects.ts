/**
 * Renders composed charts to plain Kubernetes objects in linear time.
 *
 * `App.synth()` and `Chart.toJson()` re-validate and re-resolve the whole app once per chart,
 * which is quadratic in the number of charts. Here the app is validated once and each ApiObject
 * is rendered once.
 */
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { HardlineError } from '../errors';
import { ComposedProfile } from '../compose/compose-profile';

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
  if (errors.length > 0) {
    throw new HardlineError(`validation failed:\n${errors.join('\n')}`, { code: 'VALIDATION_FAILED' });
  }
  const out: RenderedObject[] = [];
  const files = new Set<string>();
  for (const { folder, chart, kustomize } of composed.charts) {
    for (const c of chart.node.findAll()) {
      if (!(c instanceof ApiObject)) continue;
      const manifest = c.toJson() as RenderedObject['manifest'];
      const file = `${folder}/${manifest.kind.toLowerCase()}-${manifest.metadata.name}.yaml`;
      if (files.has(file)) throw new Error(`two objects would be written to ${file}`);
      files.add(file);
      out.push({ file, kustomize: kustomize ?? true, manifest });
    }
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
