/**
 * Generates a benchmark profile with `n` namespaces, each with a workload, a flow, RBAC
 * bindings and a quota, over a mix of tiers, with one exception: what a large platform writes.
 */
'use strict';

const TIERS = ['production', 'production', 'staging', 'development'];

/** Name of the i-th namespace: DNS-1123, zero-padded so sorted order is numeric order. */
function namespaceName(i) {
  return `team-${String(i).padStart(5, '0')}`;
}

/**
 * The YAML lines of one namespace entry (indented for `spec.namespaces`): tier and labels, a
 * workload ServiceAccount, a critical workload with its PodDisruptionBudget, an egress flow and a
 * quota override. RBAC bindings for every namespace are added in `generateProfile`.
 */
function namespaceEntry(i) {
  const lines = [`  - name: ${namespaceName(i)}`, `    tier: ${TIERS[i % TIERS.length]}`];
  if (i === 0) lines.push('    podSecurity: baseline');
  lines.push(
    `    labels: { team: team-${i % 50}, cost-center: cc-${i % 7} }`,
    '    serviceAccounts: [{ name: app }]',
    '    workloads:',
    '      - { name: app, selector: { matchLabels: { app: app } }, replicas: 3, minAvailable: 2 }',
    '    allow:',
    '      egress:',
    '        - { name: to-partner-api, podSelector: { app: app }, to: [{ cidr: 198.51.100.0/24 }], ports: [{ port: 443, protocol: TCP }] }',
    '    quota: { pods: 60 }',
  );
  return lines;
}

/** The whole profile text for `n` namespaces. */
function generateProfile(n, expires = inDays(180)) {
  const lines = [
    'apiVersion: hardline.dev/v1alpha1',
    'kind: Profile',
    `metadata: { name: bench-${n} }`,
    'extends: [soc2]',
    'spec:',
    `  cluster: { name: bench-${n}, kubernetesVersion: "1.30" }`,
    '  namespaces:',
  ];
  for (let i = 0; i < n; i++) lines.push(...namespaceEntry(i));
  const all = Array.from({ length: n }, (_, i) => namespaceName(i));
  lines.push(
    '  rbac:',
    '    bindings:',
    `      - { namespaces: [${all.join(', ')}], access: read-only, subjects: [{ kind: Group, name: "oidc:sre" }] }`,
    ...all.map((ns) => `      - { namespaces: [${ns}], access: deployer, subjects: [{ kind: ServiceAccount, name: app, owner: team-${ns}@acme.example }] }`),
    '  exceptions:',
    '  - control: HL-POD-001',
    `    namespaces: [${namespaceName(0)}]`,
    '    reason: "benchmark: one legacy namespace stays on baseline"',
    '    scope: namespace',
    '    owner: bench@example.com',
    '    approvedBy: ciso@example.com',
    '    ticket: BENCH-1',
    `    expires: ${expires}`,
    '',
  );
  return lines.join('\n');
}

/** The date `days` after today (UTC), `YYYY-MM-DD`: exceptions live at most 365 days. */
function inDays(days) {
  return new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

module.exports = { generateProfile, namespaceName };
