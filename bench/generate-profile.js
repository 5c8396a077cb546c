/**
 * Generates a benchmark profile with `n` namespaces: a mix of tiers, team labels and one
 * exception, as a realistic large platform would write it.
 */
'use strict';

const TIERS = ['production', 'production', 'staging', 'development'];

/** Name of the i-th namespace: DNS-1123, zero-padded so sorted order is numeric order. */
function namespaceName(i) {
  return `team-${String(i).padStart(5, '0')}`;
}

/**
 * The YAML lines of one namespace entry (indented for `spec.namespaces`).
 *
 * TODO(issue 3, issue 4): when the profile schema gains them, add here for every namespace
 * a workload (issue 4: `workloads` with a PodDisruptionBudget), a network flow (issue 3:
 * `flows`/`allow` to the next namespace), RBAC bindings (issue 3: `rbac`/`bindings` for the
 * team group) and a quota (issue 4: `quota`). This is the only place to change.
 */
function namespaceEntry(i) {
  const lines = [`  - name: ${namespaceName(i)}`, `    tier: ${TIERS[i % TIERS.length]}`];
  if (i === 0) lines.push('    podSecurity: baseline');
  lines.push(`    labels: { team: team-${i % 50}, cost-center: cc-${i % 7} }`);
  return lines;
}

/** The whole profile text for `n` namespaces. */
function generateProfile(n) {
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
  lines.push(
    '  exceptions:',
    '  - control: HL-POD-001',
    `    namespaces: [${namespaceName(0)}]`,
    '    reason: "benchmark: one legacy namespace stays on baseline"',
    '    owner: bench@example.com',
    '    expires: 2099-12-31',
    '',
  );
  return lines.join('\n');
}

module.exports = { generateProfile, namespaceName };
