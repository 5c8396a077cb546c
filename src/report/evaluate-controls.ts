/**
 * The compliance engine: decides the status of every control from the objects that carry it,
 * and tells an observer (cdk-nag's `INagLogger` idea). Reporters never recompute statuses.
 */
import { Control, ControlException } from '../controls';
import { ControlObject, ObjectEntry } from './model';

/** Receives one event per control, in catalog (ID) order. */
export interface ControlObserver {
  /** At least one object applied to the cluster carries the control and is not excepted from it. */
  onImplemented(control: Control, objects: readonly ControlObject[], reason: string): void;
  /**
   * Only control-plane files (not applied by `kubectl`, listed in no kustomization) carry it: they are
   * emitted and must be installed by hand on a self-managed control plane.
   */
  onEmitted(control: Control, objects: readonly ControlObject[], reason: string): void;
  /** Only control-plane files carry it, and the cluster's control plane is managed by its provider. */
  onProvidedByPlatform(control: Control, objects: readonly ControlObject[], reason: string): void;
  /** Only excepted objects carry it, or an exception names it and no object carries it. */
  onExcepted(control: Control, objects: readonly ControlObject[], exceptions: readonly ControlException[], reason: string): void;
  /** Something in the profile is in its scope, but no object implements it and no exception relaxes it. */
  onGap(control: Control, reason: string): void;
  /** Nothing in this profile is governed by it or in its scope. */
  onNotApplicable(control: Control, reason: string): void;
}

/** What the engine knows of the profile beyond its objects. */
export interface EvaluationScope {
  /**
   * The provider whose managed control plane runs the API server (`eks`, `gke`, `aks`), or undefined
   * for a self-managed control plane.
   */
  readonly managedBy?: string;
  /**
   * Whether only control-plane files (audit policy, API-server flags, encryption config) implement the
   * control: on a managed control plane none is emitted and the provider provides the control.
   */
  controlPlaneOnly?(control: Control): boolean;
  /**
   * Why a control no object carries is still a gap in this profile (something in the profile is in
   * its scope and no exception relaxes it there), or undefined when nothing is.
   */
  gapOf(control: Control): string | undefined;
}

/** Evaluates every control against the objects (sorted by file) and the profile's exceptions. */
export function evaluateControls(
  controls: readonly Control[],
  objects: readonly ObjectEntry[],
  exceptions: readonly ControlException[],
  constructsOf: (id: string) => readonly string[],
  observer: ControlObserver,
  scope: EvaluationScope = { gapOf: () => undefined },
): void {
  // One pass over the objects (in their order) instead of one per control.
  const byControl = new Map<string, ControlObject[]>();
  const appliedByControl = new Map<string, number>();
  for (const o of objects) {
    o.controls.forEach((id, i) => {
      if (o.controls.indexOf(id) !== i) return; // a repeated ID (cheaper than a Set per object)
      const excepted = o.excepted.includes(id);
      const entry = controlObject(o, excepted);
      const list = byControl.get(id);
      if (list) list.push(entry);
      else byControl.set(id, [entry]);
      if (!excepted && o.kustomize) appliedByControl.set(id, (appliedByControl.get(id) ?? 0) + 1);
    });
  }
  for (const control of controls) {
    const governed: readonly ControlObject[] = byControl.get(control.id) ?? [];
    const named = exceptions.filter((e) => e.control === control.id);
    const active = governed.filter((o) => !o.excepted).length;
    const applied = appliedByControl.get(control.id) ?? 0;
    const relaxed = governed.length - active;
    const tail = relaxed > 0 ? `; excepted on ${plural(relaxed, 'object')}${onlyIn(named)}` : '';
    if (applied > 0) {
      observer.onImplemented(control, governed, `${plural(applied, 'object')} implement it${tail}.`);
    } else if (active > 0 && scope.managedBy) {
      observer.onProvidedByPlatform(
        control,
        governed,
        `Only control-plane files implement it, and the ${scope.managedBy.toUpperCase()} control plane is managed by the provider: ` +
          `turn on the provider's equivalent as control-plane/README.md says; the files document the intent${tail}.`,
      );
    } else if (active > 0) {
      observer.onEmitted(
        control,
        governed,
        `Emitted as ${plural(active, 'control-plane file')} that kubectl does not apply: install it on every control-plane node ` +
          `as control-plane/README.md says; nothing in the kustomization applies it${tail}.`,
      );
    } else if (governed.length > 0) {
      observer.onExcepted(control, governed, named, `Every object that carries it (${governed.length}) is excepted by the profile.`);
    } else {
      const gap = scope.gapOf(control);
      if (gap) {
        observer.onGap(control, gap);
        continue;
      }
      if (scope.managedBy && scope.controlPlaneOnly?.(control)) {
        observer.onProvidedByPlatform(
          control,
          governed,
          `Only control-plane files implement it, and the ${scope.managedBy.toUpperCase()} control plane is managed by the provider: ` +
            "hardline emits no control-plane file for it; turn on the provider's equivalent (README: managed control planes).",
        );
        continue;
      }
      if (named.length > 0) {
        observer.onExcepted(control, governed, named, 'The profile excepts it and emits no object implementing it.');
        continue;
      }
      const by = constructsOf(control.id);
      const via = by.length > 0 ? ` (it is implemented by ${by.join(', ')})` : '';
      observer.onNotApplicable(control, `No object of this profile is governed by it${via}: the profile declares nothing it applies to.`);
    }
  }
}

/** An object as a control lists it (two literals rather than a spread: same key order, cheaper). */
function controlObject(o: ObjectEntry, excepted: boolean): ControlObject {
  return o.namespace
    ? { kind: o.kind, namespace: o.namespace, name: o.name, file: o.file, excepted }
    : { kind: o.kind, name: o.name, file: o.file, excepted };
}

/**
 * `, only in namespaces a, b` when every exception naming the control names its namespaces (the
 * control holds everywhere else), else empty. Long lists name the first ten and count the rest.
 */
function onlyIn(named: readonly ControlException[]): string {
  if (named.length === 0 || named.some((e) => e.namespaces === undefined)) return '';
  const all = [...new Set(named.flatMap((e) => e.namespaces!))].sort();
  if (all.length === 0) return '';
  const shown = all.length > 10 ? `${all.slice(0, 10).join(', ')} and ${all.length - 10} more` : all.join(', ');
  return `, only in ${all.length === 1 ? 'namespace' : 'namespaces'} ${shown}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
