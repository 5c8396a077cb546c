/**
 * Which engine enforces each admission control of a profile (`spec.admission.engine`): the names
 * the report and CONTROLS.md give them, and the constructs that implement them under each engine.
 */
import { AdmissionEngineName, ResolvedProfile } from '../profile/types';
import { Control } from '../controls';
import { ControlImplementation } from './controls-markdown';
import { OBJECTS_PLACEHOLDER } from './evidence-commands';

/** How the report names each engine. */
export const ENGINE_LABELS: { readonly [E in AdmissionEngineName]: string } = {
  kyverno: 'Kyverno',
  kubernetes: 'Kubernetes ValidatingAdmissionPolicy',
};

/** Signed images under the native engine: still Kyverno, since Kubernetes has no native image verification. */
export const SIGNED_IMAGES_NATIVE_LABEL = 'Kyverno (ImageValidatingPolicy; no native equivalent)';

/** The control of signed images (Kyverno ImageValidatingPolicy under either engine). */
const SIGNED_IMAGES = 'HL-IMG-001';

/** Whether a control is enforced by the admission engine (HL-ADM-*, and signed images). */
export function isAdmissionControl(id: string): boolean {
  return id.startsWith('HL-ADM-') || id === SIGNED_IMAGES;
}

/** Who enforces a control in a profile, or undefined for controls no admission engine enforces (or a profile without `spec.admission`). */
export function enforcedBy(id: string, profile: Pick<ResolvedProfile, 'admission'>): string | undefined {
  const engine = profile.admission?.engine;
  if (!engine || !isAdmissionControl(id)) return undefined;
  if (id === SIGNED_IMAGES) return engine === 'kubernetes' ? SIGNED_IMAGES_NATIVE_LABEL : ENGINE_LABELS.kyverno;
  return ENGINE_LABELS[engine];
}

/** The constructs implementing a control under an engine: the native ones where they differ. */
export function constructsUnder(implementation: ControlImplementation | undefined, engine: AdmissionEngineName | undefined): readonly string[] {
  if (!implementation) return [];
  return engine === 'kubernetes' && implementation.native ? implementation.native : implementation.constructs;
}

/**
 * The evidence template of a control under a profile's engine. The catalog's admission templates
 * list Kyverno policies by label; under the native engine the objects are ValidatingAdmissionPolicies
 * and bindings, so those templates become `kubectl get <objects> -o yaml` (each policy and binding by
 * name). Templates that already name `<objects>` fit both engines and are kept.
 */
export function evidenceUnder(control: Control, engine: AdmissionEngineName | undefined): string {
  if (engine !== 'kubernetes' || !control.id.startsWith('HL-ADM-') || control.evidence.includes(OBJECTS_PLACEHOLDER)) return control.evidence;
  return `kubectl get ${OBJECTS_PLACEHOLDER} -o yaml`;
}
