/**
 * Rules a PodDisruptionBudget must meet so that it protects a workload without blocking node drains.
 * Shared by the construct (which throws) and the profile loader (which reports located problems).
 * @internal
 */

/** A PodDisruptionBudget value: a count or a percentage such as `"25%"`. @internal */
export type IntOrPercent = number | string;

/** The budget fields checked. @internal */
export interface DisruptionBudgetInput {
  /** Replicas the workload runs. */
  readonly replicas: number;
  /** Pods that must stay available. */
  readonly minAvailable?: IntOrPercent;
  /** Pods that may be unavailable. */
  readonly maxUnavailable?: IntOrPercent;
}

/** A problem and the field it is about. @internal */
export interface DisruptionBudgetProblem {
  /** `replicas`, `minAvailable` or `maxUnavailable`, or `''` for the entry as a whole. */
  readonly field: 'replicas' | 'minAvailable' | 'maxUnavailable' | '';
  /** What is wrong and why. */
  readonly message: string;
}

const DRAIN = 'a budget that allows no eviction blocks `kubectl drain`, so node upgrades and patching stall';

/** Pods the budget keeps available, resolved for `replicas` (percentages round up, as Kubernetes does). @internal */
function asCount(value: IntOrPercent, replicas: number): number | undefined {
  if (typeof value === 'number') return value;
  const m = /^(\d+)%$/.exec(value);
  return m ? Math.ceil((Number(m[1]) * replicas) / 100) : undefined;
}

/** Returns every problem of a budget (empty when it is sound). @internal */
export function disruptionBudgetProblems(b: DisruptionBudgetInput): DisruptionBudgetProblem[] {
  const out: DisruptionBudgetProblem[] = [];
  if (!Number.isInteger(b.replicas) || b.replicas < 2) {
    out.push({
      field: 'replicas',
      message:
        `replicas ${b.replicas}: a PodDisruptionBudget needs at least 2 replicas; with one, any budget either ` +
        'blocks node drains or protects nothing. Run 2 or more replicas, or leave the workload out of workloads',
    });
  }
  const given = [b.minAvailable, b.maxUnavailable].filter((v) => v !== undefined).length;
  if (given !== 1) {
    out.push({
      field: '',
      message: `set exactly one of minAvailable or maxUnavailable (${given === 0 ? 'neither is set' : 'both are set'})`,
    });
    return out;
  }
  for (const field of ['minAvailable', 'maxUnavailable'] as const) {
    const value = b[field];
    if (value === undefined) continue;
    const valid = typeof value === 'number' ? Number.isInteger(value) && value >= 0 : /^(\d+)%$/.test(value) && Number(value.slice(0, -1)) <= 100;
    if (!valid) {
      out.push({ field, message: `${field} ${JSON.stringify(value)} must be a whole number or a percentage from "0%" to "100%"` });
      continue;
    }
    if (out.some((p) => p.field === 'replicas')) continue;
    const count = asCount(value, b.replicas)!;
    if (field === 'maxUnavailable' && count === 0) {
      out.push({ field, message: `maxUnavailable ${JSON.stringify(value)} lets no pod be evicted: ${DRAIN}. Allow at least 1` });
    }
    if ((field === 'minAvailable' && count === 0) || (field === 'maxUnavailable' && count >= b.replicas)) {
      out.push({
        field,
        message: `${field} ${JSON.stringify(value)} lets all ${b.replicas} replicas be evicted at once, so the budget protects nothing. ` +
          (field === 'minAvailable' ? 'Keep at least 1 available' : `Allow at most ${b.replicas - 1}`),
      });
    }
    if (field === 'minAvailable' && count >= b.replicas) {
      out.push({
        field,
        message:
          `minAvailable ${JSON.stringify(value)} is not below replicas ${b.replicas}: ${DRAIN}. ` +
          `Keep it at most ${b.replicas - 1}, or use maxUnavailable`,
      });
    }
  }
  return out;
}
