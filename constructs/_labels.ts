/**
 * Kubernetes label syntax, for the pod selectors of flows.
 * @internal
 */

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * Returns why `key: value` is not a valid Kubernetes label, or undefined when it is one.
 * @internal
 */
export function labelProblem(key: string, value: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length > 253 || !PREFIX.test(prefix))) {
    return `label key "${key}" has an invalid prefix; it must be a DNS subdomain such as app.kubernetes.io`;
  }
  if (name.length > 63 || !NAME.test(name)) {
    return `label key "${key}" is invalid: at most 63 letters, digits, '-', '_' or '.', starting and ending alphanumeric`;
  }
  if (value !== '' && (value.length > 63 || !NAME.test(value))) {
    return `label value "${value}" of "${key}" is invalid: at most 63 letters, digits, '-', '_' or '.', starting and ending alphanumeric`;
  }
  return undefined;
}
