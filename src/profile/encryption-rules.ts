/**
 * The located checks of `spec.encryption` that the schema cannot express: a provider that encrypts
 * must be declared (kms or localKey), and a KMS v2 timeout must be positive.
 */
import { ProfileProblem } from '../errors';
import { Origin, problemAt } from './namespace-rules';
import { EncryptionSpec } from './types';

/** Problems of the `spec.encryption` that takes effect (the last file of the chain that declares one). */
export function encryptionProblems(spec: EncryptionSpec, origin: Origin): ProfileProblem[] {
  const out: ProfileProblem[] = [];
  if (!spec.kms && !spec.localKey) {
    out.push(
      problemAt(
        origin,
        '',
        'encryption declares no provider that encrypts; add kms (a KMS v2 plugin name and unix:// endpoint), or localKey ' +
          '(an aescbc or secretbox key file you supply). hardline never makes identity (no encryption) the first provider',
      ),
    );
  }
  const timeout = spec.kms?.timeout;
  if (timeout !== undefined && !/[1-9]/.test(timeout)) {
    out.push(problemAt(origin, '/kms/timeout', `timeout "${timeout}" must be a positive duration such as "3s"`));
  }
  return out;
}
