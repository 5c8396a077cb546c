/**
 * Kubernetes resource quantities, as far as quota and limit defaults need them.
 * @internal
 */

/** A quantity as written in a profile: `"500m"`, `"2Gi"`, `4`. @internal */
export type QuantityValue = string | number;

const SUFFIX: Record<string, number> = {
  m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4,
};

/** Parses a quantity to a number of base units, or undefined when it is not one. @internal */
export function parseQuantity(value: QuantityValue): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  const m = /^(\d+(?:\.\d+)?)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/.exec(value);
  return m ? Number(m[1]) * SUFFIX[m[2] ?? ''] : undefined;
}

/** Returns why a value is not a quantity, or undefined when it is one. @internal */
export function quantityProblem(field: string, value: QuantityValue): string | undefined {
  return parseQuantity(value) === undefined
    ? `${field} ${JSON.stringify(value)} is not a Kubernetes quantity such as "500m", "2", "512Mi" or "4Gi"`
    : undefined;
}
