/**
 * Warnings for exceptions about to expire: synth and validate print one line on stderr per
 * exception expiring within 30 days of the date they checked against, and still exit 0 (an expired
 * exception is already an error). The owner gets a month to renew or remove it.
 */
import { todayUtc } from '../profile/load-profile';
import { ResolvedProfile } from '../profile/types';
import { daysBetween, EXPIRY_WARNING_DAYS } from '../report/build-report';

/** The warning lines (each ending in a newline) for a profile's exceptions expiring within 30 days of `date`. */
export function expiryWarnings(profile: ResolvedProfile, date: string = todayUtc()): string[] {
  return profile.exceptions.flatMap((e) => {
    const left = daysBetween(date, e.expires);
    if (left < 0 || left > EXPIRY_WARNING_DAYS) return [];
    const where = e.namespaces ? ` (namespaces ${e.namespaces.join(', ')})` : '';
    const when = left === 0 ? 'today' : `in ${left} day${left === 1 ? '' : 's'}`;
    return [
      `warning: profile "${profile.name}": the exception for ${e.control}${where} expires ${when} (${e.expires}); ` +
        `${e.owner} should renew it with a new reason and expiry, or remove it, before synth starts failing\n`,
    ];
  });
}
