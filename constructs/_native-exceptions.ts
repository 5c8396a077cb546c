/**
 * How a native admission object (ValidatingAdmissionPolicy, ValidatingAdmissionPolicyBinding) shows
 * the profile exceptions it realises: the annotations a Kyverno PolicyException carries for its one
 * exception, here one `<control> in <namespaces>: <value>` entry per exception, joined with `; `.
 * A ValidatingAdmissionPolicy has no clock, so the expiry is a record: the exclusion lasts until the
 * next synth, and the synth fails once the exception has expired.
 * @internal
 */
import { ApiObject } from 'cdk8s';
import { ControlException, describeScope } from '../src/controls';
import { EXCEPTION_ANNOTATIONS } from './kyverno-policy-exception';

/** Writes the reason, owner, expiry and scope of each exception onto the object (nothing without exceptions). */
export function stampExceptions(obj: ApiObject, exceptions: readonly ControlException[]): void {
  if (exceptions.length === 0) return;
  const where = (e: ControlException) => `${e.control} in ${e.namespaces ? [...e.namespaces].sort().join(', ') : 'every namespace'}`;
  const sorted = [...exceptions].sort((a, b) => (where(a) < where(b) ? -1 : where(a) > where(b) ? 1 : 0));
  const entries = (value: (e: ControlException) => string) => [...new Set(sorted.map((e) => `${where(e)}: ${value(e)}`))].join('; ');
  obj.metadata.addAnnotation(EXCEPTION_ANNOTATIONS.reason, entries((e) => e.reason));
  obj.metadata.addAnnotation(EXCEPTION_ANNOTATIONS.owner, entries((e) => e.owner));
  obj.metadata.addAnnotation(EXCEPTION_ANNOTATIONS.expires, entries((e) => e.expires));
  obj.metadata.addAnnotation(EXCEPTION_ANNOTATIONS.scope, entries(describeScope));
}
