/**
 * A simple check of five-field cron expressions, as Velero schedules take them.
 * @internal
 */

const FIELDS: readonly { name: string; min: number; max: number }[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day of week', min: 0, max: 7 },
];

/** Returns why `expr` is not a five-field cron expression, or undefined when it is one. @internal */
export function cronProblem(expr: string): string | undefined {
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 5) {
    return `schedule "${expr}" has ${parts.length} fields; write five (minute hour day-of-month month day-of-week), e.g. "0 2 * * *"`;
  }
  for (let i = 0; i < 5; i++) {
    const { name, min, max } = FIELDS[i];
    for (const item of parts[i].split(',')) {
      const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(item);
      const nums = m ? [m[2], m[3]].filter((n): n is string => n !== undefined).map(Number) : [];
      const stepOk = !m?.[4] || Number(m[4]) >= 1;
      if (!m || !stepOk || nums.some((n) => n < min || n > max) || (nums.length === 2 && nums[0] > nums[1])) {
        return `schedule "${expr}": ${name} "${item}" is not a number from ${min} to ${max}, a range, a list or */step`;
      }
    }
  }
  return undefined;
}
