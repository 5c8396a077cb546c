/** How a rule names the part of its control it implements. */
import { claimOf } from '../controls/catalog';
import { Control, ControlClaim } from '../controls/types';

/**
 * The claim of one rule: the CIS recommendations picked by their CIS 1.10 IDs (every admission
 * recommendation exists there; the claim carries the 1.11 and 1.12 IDs with it) and SOC 2 criteria.
 */
export function ruleClaim(control: Control, cis: readonly string[], soc2: readonly string[]): ControlClaim {
  return claimOf(control, { cis, soc2 }, '1.10');
}
