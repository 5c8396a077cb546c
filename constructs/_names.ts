/**
 * Kubernetes name rules shared by the constructs.
 * @internal
 */

/** Namespaces a hardline profile may never manage: they belong to Kubernetes itself. @internal */
export const RESERVED_NAMESPACES: readonly string[] = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

/**
 * Returns why `name` is not a DNS-1123 label (with a suggestion), or undefined when it is one.
 * @internal
 */
export function dns1123LabelProblem(name: string): string | undefined {
  if (name.length > 63) return `"${name}" is ${name.length} characters long; a DNS-1123 label has at most 63.`;
  if (/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name)) return undefined;
  const suggestion = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
  const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
  return `"${name}" is not a DNS-1123 label (lower-case letters, digits and '-', starting and ending alphanumeric).${hint}`;
}

/**
 * Returns why `name` is not a DNS-1123 subdomain (the rule for most object names, such as a
 * Velero BackupStorageLocation), or undefined when it is one.
 * @internal
 */
export function dns1123SubdomainProblem(name: string): string | undefined {
  if (name.length > 253) return `"${name.slice(0, 20)}…" is ${name.length} characters long; a DNS-1123 subdomain has at most 253.`;
  if (/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(name)) return undefined;
  return `"${name}" is not a DNS-1123 subdomain (lower-case letters, digits, '-' and '.', starting and ending alphanumeric).`;
}
