/**
 * The enforcement enum, shared by the policy constructs and re-exported by `kyverno-validating-policy.ts`.
 * @internal
 */

/** What a Kyverno policy does with a violation. */
export enum KyvernoEnforcement {
  /** Reject the request (`validationActions: [Deny]`, `failureAction: Enforce`). */
  ENFORCE = 'Enforce',
  /** Admit it, record it in a policy report and warn the client. */
  AUDIT = 'Audit',
}
