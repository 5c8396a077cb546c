/**
 * The admission rules an exception's `rules` may name: each rule's id and the admission control
 * it implements, read from the rule model (never restated).
 */
import { ADMISSION_RULES } from '../admission';
import { ExceptableRule } from '../controls';

/** Every admission rule as exceptions see it, in rule-model order. */
export const EXCEPTABLE_RULES: readonly ExceptableRule[] = ADMISSION_RULES.map((r) => ({ id: r.id, control: r.control.id }));
