/**
 * The compliance engine: decides the status of every control from the objects that carry it,
 * and tells an observer (cdk-nag's `INagLogger` idea). Reporters never recompute statuses.
 */
import { Control, ControlException } from '../controls';
import { ControlObject, ObjectEntry } from './model';

/** Receives one event per control, in catalog (ID) order. */
export interface ControlObserver {
  /** At least one object carries the control and is not excepted from it. */
  onImplemented(control: Control, objects: readonly ControlObject[], reason: string): void;
  /** Only excepted objects carry it, or an exception names it and no object carries it. */
  onExcepted(control: Control, objects: readonly ControlObject[], exceptions: readonly ControlException[], reason: string): void;
  /** Nothing in this profile is governed by it. */
  onNotApplicable(control: Control, reason: string): void;
}

/** Evaluates every control against the objects (sorted by file) and the profile's exceptions. */
export function evaluateControls(
  controls: readonly Control[],
  objects: readonly ObjectEntry[],
  exceptions: readonly ControlException[],
  constructsOf: (id: string) => readonly string[],
  observer: ControlObserver,
): void {
  // One pass over the objects (in their order) instead of one per control.
  const byControl = new Map<string, ControlObject[]>();
  for (const o of objects) {
    o.controls.forEach((id, i) => {
      if (o.controls.indexOf(id) !== i) return; // a repeated ID (cheaper than a Set per object)
      const entry = controlObject(o, o.excepted.includes(id));
      const list = byControl.get(id);
      if (list) list.push(entry);
      else byControl.set(id, [entry]);
    });
  }
  for (const control of controls) {
    const governed: readonly ControlObject[] = byControl.get(control.id) ?? [];
    const named = exceptions.filter((e) => e.control === control.id);
    const active = governed.filter((o) => !o.excepted).length;
    const relaxed = governed.length - active;
    if (active > 0) {
      const tail = relaxed > 0 ? `; excepted on ${plural(relaxed, 'object')}` : '';
      observer.onImplemented(control, governed, `${plural(active, 'object')} implement it${tail}.`);
    } else if (governed.length > 0) {
      observer.onExcepted(control, governed, named, `Every object that carries it (${governed.length}) is excepted by the profile.`);
    } else if (named.length > 0) {
      observer.onExcepted(control, governed, named, 'The profile excepts it and emits no object implementing it.');
    } else {
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

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
