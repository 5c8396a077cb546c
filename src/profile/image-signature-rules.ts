/**
 * The located checks of `spec.admission.imageSignatures` beyond the schema: unique DNS-1123 names, at
 * least one public key or keyless identity per rule, PEM public keys, and a Kyverno version that serves
 * `ImageValidatingPolicy` v1 (1.17+).
 */
import { dns1123LabelProblem } from '../../constructs/_names';
import { ProfileProblem } from '../errors';
import { Origin, problemAt } from './namespace-rules';
import { ImageSignatureSpec } from './types';

const PEM_KEY = /^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+\n-----END PUBLIC KEY-----\n?$/;

/** Problems of the merged signed-image rules; `kyvernoMinor` is the profile's Kyverno minor version. */
export function imageSignatureProblems(
  rules: readonly { spec: ImageSignatureSpec; origin: Origin }[],
  kyvernoMinor: number,
  versionOrigin: Origin | undefined,
): ProfileProblem[] {
  const out: ProfileProblem[] = [];
  if (rules.length > 0 && kyvernoMinor < 17) {
    out.push(
      problemAt(
        versionOrigin ?? rules[0].origin,
        '',
        'imageSignatures needs Kyverno 1.17 or later (ImageValidatingPolicy policies.kyverno.io/v1); raise kyvernoVersion',
      ),
    );
  }
  for (const { spec, origin } of rules) {
    const nameProblem = dns1123LabelProblem(spec.name);
    if (nameProblem) out.push(problemAt(origin, '/name', nameProblem));
    else if (spec.name.length > 40) out.push(problemAt(origin, '/name', `"${spec.name}" is longer than 40 characters (it names hl-signed-<name>-enforce)`));
    if (!spec.publicKeys?.length && !spec.keyless?.length) {
      out.push(problemAt(origin, '', `image signature rule "${spec.name}" has neither publicKeys nor keyless identities, so no image could pass (HL-IMG-001)`));
    }
    (spec.publicKeys ?? []).forEach((k, i) => {
      if (!PEM_KEY.test(k)) out.push(problemAt(origin, `/publicKeys/${i}`, 'not a PEM public key ("-----BEGIN PUBLIC KEY-----" … "-----END PUBLIC KEY-----")'));
    });
  }
  return out;
}
