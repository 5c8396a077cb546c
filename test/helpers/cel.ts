/**
 * Evaluates Kyverno CEL (variables, then one validation expression) with a real CEL engine,
 * @marcbachmann/cel-js, with the optional syntax (`a.?b.orValue(x)`) Kubernetes enables.
 */
import { Environment } from '@marcbachmann/cel-js';

const env = new Environment({ enableOptionalTypes: true, unlistedVariablesAreDyn: true, homogeneousAggregateLiterals: false });

/** Converts YAML data to CEL values: integers become CEL ints (BigInt), as Kubernetes sees them. */
export function toCel(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toCel);
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toCel(v)]));
  return value;
}

/** A named CEL variable. */
export interface Variable {
  readonly name: string;
  readonly expression: string;
}

/** Evaluates `expression` with `object` bound and the variables computed in order; returns its boolean. */
export function admits(variables: readonly Variable[], expression: string, object: unknown): boolean {
  const context: { object: unknown; variables: Record<string, unknown> } = { object: toCel(object), variables: {} };
  for (const v of variables) context.variables[v.name] = env.evaluate(v.expression, context);
  const result = env.evaluate(expression, context);
  if (typeof result !== 'boolean') throw new Error(`expression did not return a bool: ${expression}`);
  return result;
}

/** Evaluates one CEL expression over the given top-level bindings (`object`, `oldObject`, `request`…). */
export function evaluateCel(expression: string, bindings: Record<string, unknown>): unknown {
  return env.evaluate(expression, toCel(bindings) as Record<string, unknown>);
}
