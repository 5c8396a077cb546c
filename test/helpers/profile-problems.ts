/** Expecting profile errors in tests. */
import { ProfileError } from '../../src/errors';

/** Runs `fn`, expecting a ProfileError, and returns its formatted problem lines. */
export function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ProfileError) return e.message.split('\n').slice(1);
    throw e;
  }
  throw new Error('expected a ProfileError');
}
