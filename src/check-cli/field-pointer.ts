/** Turns a finding's field path (`spec.containers[0].image`) into a JSON pointer into the object. */
import { escapePointer } from '../profile/yaml-source';

/**
 * The JSON pointer of `field` in `object`. A key that holds dots (an annotation such as
 * `container.apparmor.security.beta.kubernetes.io/app`) is matched against the object's keys; a
 * part the object does not have is kept as written, so a position lookup stops at the nearest parent.
 */
export function fieldPointer(object: unknown, field: string): string {
  const parts = field.split(/\.|(?=\[)/).filter((p) => p !== '');
  let here: unknown = object;
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const index = /^\[(\d+)\]$/.exec(parts[i]);
    if (index) {
      out += `/${index[1]}`;
      here = Array.isArray(here) ? here[Number(index[1])] : undefined;
      continue;
    }
    let key = parts[i];
    if (here && typeof here === 'object' && !Array.isArray(here) && !(key in here)) {
      // Try the longest run of the following parts joined with dots that names a key.
      for (let j = parts.length; j > i + 1; j--) {
        const joined = parts.slice(i, j).join('.');
        if (!joined.includes('[') && joined in here) {
          key = joined;
          i = j - 1;
          break;
        }
      }
    }
    out += `/${escapePointer(key)}`;
    here = here && typeof here === 'object' ? (here as Record<string, unknown>)[key] : undefined;
  }
  return out;
}
