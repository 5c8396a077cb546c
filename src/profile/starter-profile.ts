/**
 * The commented starter profile `hardline init` writes: a small, valid profile that extends the
 * shipped SOC 2 baseline, with one namespace per tier and the fields a team changes first. Pure.
 */
import { benchmarkInfo, PROVIDER_BENCHMARK } from '../controls';

/** Where the cluster runs: `generic` is a self-managed control plane; eks, gke and aks set `spec.cluster.provider`. */
export const PROVIDERS = ['generic', 'eks', 'gke', 'aks'] as const;

/** A provider `hardline init` knows. */
export type Provider = (typeof PROVIDERS)[number];

/** Options of `starterProfile`. */
export interface StarterProfileOptions {
  /** Profile and cluster name, a DNS-1123 label. */
  readonly name: string;
  /** Where the cluster runs. */
  readonly provider: Provider;
  /** The `$schema` reference of the first line: a path relative to the profile file, or a URL. */
  readonly schemaRef: string;
}

const PROVIDER_NOTES: { readonly [P in Provider]: readonly string[] } = {
  generic: ['A self-managed cluster: you run the control plane, so spec.audit (the API-server audit policy) applies as it is.'],
  eks: [
    'Amazon EKS runs the control plane: CIS Section 1-3 items are AWS\'s, and audit logs are turned on through',
    'EKS control-plane logging (the "audit" log type); hardline\'s workload, RBAC and network controls are yours.',
  ],
  gke: [
    'Google GKE runs the control plane: CIS Section 1-3 items are Google\'s, and audit logs are Cloud Audit Logs;',
    'hardline\'s workload, RBAC and network controls are yours.',
  ],
  aks: [
    'Azure AKS runs the control plane: CIS Section 1-3 items are Microsoft\'s, and audit logs go through the',
    'cluster\'s diagnostic settings (kube-audit); hardline\'s workload, RBAC and network controls are yours.',
  ],
};

/** The text of the starter profile; its first line is the `# yaml-language-server: $schema=…` reference. */
export function starterProfile(options: StarterProfileOptions): string {
  const { name, provider } = options;
  // A managed provider's cluster is annotated with its own CIS benchmark (spec.cluster.provider picks it).
  const providerLines =
    provider === 'generic'
      ? ''
      : `    # ${provider.toUpperCase()} runs the control plane: no control-plane files, and the annotations cite the ${benchmarkInfo(PROVIDER_BENCHMARK[provider]).label}.\n    provider: ${provider}\n`;
  return `# yaml-language-server: $schema=${options.schemaRef}
# A hardline profile: the cluster, its namespaces and the exceptions that relax controls.
# Check it with \`hardline validate --profile <this file>\`; write manifests with \`hardline synth\`.
# ${PROVIDER_NOTES[provider].join('\n# ')}
apiVersion: hardline.dev/v1alpha1
kind: Profile
metadata:
  name: ${name}
  description: Starter profile for the ${name} cluster (${provider}).
# Shipped base profiles: soc2 builds on cis-level1 (Pod Security per tier, default-deny networking,
# no automounted tokens). Remove it and you get hardline's own secure defaults only.
extends: [soc2]
spec:
  cluster:
    name: ${name}
    # Kubernetes minor version, quoted; on a self-managed cluster it picks the CIS benchmark version the annotations cite.
    kubernetesVersion: "1.28"
${providerLines}  namespaces:
    # Each namespace gets Pod Security labels for its tier, a default-deny NetworkPolicy, a quota
    # and ServiceAccounts without automounted tokens. Tiers: production (restricted), staging and
    # development (baseline enforced, restricted warned).
    - name: app
      tier: production
      labels:
        team: app
      serviceAccounts:
        - name: app
    - name: app-staging
      tier: staging
  # An exception is the only way to relax a control: it names the control, why, who owns it and
  # when it expires (an expired exception fails the synth). \`hardline controls\` lists the ids.
  exceptions: []
  #  - control: HL-POD-001
  #    reason: "vendor agent needs root until v2 ships (TICKET-123)"
  #    owner: platform-team@example.com
  #    expires: "2026-12-31"
  #    namespaces: [app]
`;
}
