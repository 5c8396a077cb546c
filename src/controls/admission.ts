/**
 * Controls implemented by Kyverno admission policies (issue 8). Pod Security Admission labels
 * (HL-POD-001/002) stay the first layer; these policies add what PSA cannot check (image
 * provenance, labels, resources, secret usage, ServiceAccounts) and re-check the Pod Security
 * Standards with one enforcement point and owned, expiring exceptions.
 */
import { Control } from './types';

const EVIDENCE_POLICIES = 'kubectl get validatingpolicies,clusterpolicies -l app.kubernetes.io/managed-by=hardline';

/** Kyverno re-checks the baseline Pod Security Standard on Pods and Pod controllers. */
export const ADM_PSS_BASELINE: Control = {
  id: 'HL-ADM-001',
  title: 'Admission policies reject Pods and Pod controllers that break the baseline Pod Security Standard',
  rationale:
    'Pod Security Admission sees only Pods, so a Deployment that can never start is accepted and fails later; ' +
    'Kyverno checks Pod templates too and reports existing violations in the background, for every container kind. ' +
    'The rules are those of Pod Security Admission at the cluster\'s Kubernetes version (1.28 to 1.36: sysctls, SELinux types, ' +
    'host probes, user namespaces) and deny only where the namespace enforces baseline, auditing or warning where it audits or warns.',
  evidence: EVIDENCE_POLICIES,
  cis: [
    { ids: { '1.10': '5.2.2', '1.11': '5.2.2', '1.12': '5.2.2' }, why: 'A policy rejects privileged containers.' },
    { ids: { '1.10': '5.2.3', '1.11': '5.2.3', '1.12': '5.2.3' }, why: 'A policy rejects hostPID.' },
    { ids: { '1.10': '5.2.4', '1.11': '5.2.4', '1.12': '5.2.4' }, why: 'A policy rejects hostIPC.' },
    { ids: { '1.10': '5.2.5', '1.11': '5.2.5', '1.12': '5.2.5' }, why: 'A policy rejects hostNetwork.' },
    { ids: { '1.10': '5.2.9', '1.11': '5.2.9', '1.12': undefined }, why: 'A policy rejects adding capabilities beyond the default set.' },
    { ids: { '1.10': '5.2.11', '1.11': '5.2.11', '1.12': '5.2.10' }, why: 'A policy rejects Windows HostProcess containers.' },
    { ids: { '1.10': '5.2.12', '1.11': '5.2.12', '1.12': '5.2.11' }, why: 'A policy rejects hostPath volumes.' },
    { ids: { '1.10': '5.2.13', '1.11': '5.2.13', '1.12': '5.2.12' }, why: 'A policy rejects host ports.' },
  ],
  soc2: [{ id: 'CC6.8', why: 'Admission refuses workloads that could escape to the node.' }],
};

/** Kyverno re-checks the restricted Pod Security Standard on Pods and Pod controllers. */
export const ADM_PSS_RESTRICTED: Control = {
  id: 'HL-ADM-002',
  title: 'Admission policies reject Pods and Pod controllers that break the restricted Pod Security Standard',
  rationale:
    'The restricted checks (non-root, no privilege escalation, capabilities dropped, seccomp, volume types) are ' +
    'enforced on Pod templates as well as Pods, so violations surface when a Deployment is applied, not at rollout. ' +
    'They follow Pod Security Admission at the cluster\'s Kubernetes version (Windows Pods exempt where upstream exempts them, ' +
    'user namespaces from 1.35) and deny only where the namespace enforces restricted, auditing or warning elsewhere.',
  evidence: EVIDENCE_POLICIES,
  cis: [
    { ids: { '1.10': '5.2.6', '1.11': '5.2.6', '1.12': '5.2.6' }, why: 'A policy requires allowPrivilegeEscalation: false.' },
    { ids: { '1.10': '5.2.7', '1.11': '5.2.7', '1.12': '5.2.7' }, why: 'Policies require runAsNonRoot and refuse runAsUser 0.' },
    { ids: { '1.10': '5.2.8', '1.11': '5.2.8', '1.12': '5.2.8' }, why: 'A policy requires dropping ALL capabilities, NET_RAW included.' },
    { ids: { '1.10': '5.2.9', '1.11': '5.2.9', '1.12': undefined }, why: 'A policy allows adding only NET_BIND_SERVICE.' },
    { ids: { '1.10': '5.2.10', '1.11': '5.2.10', '1.12': '5.2.9' }, why: 'A policy requires capabilities.drop to contain ALL.' },
    { ids: { '1.10': '5.2.12', '1.11': '5.2.12', '1.12': '5.2.11' }, why: 'The volume-type policy admits no hostPath volume.' },
    { ids: { '1.10': '5.7.2', '1.11': '5.6.2', '1.12': '5.6.2' }, why: 'A policy requires a RuntimeDefault or Localhost seccomp profile.' },
    { ids: { '1.10': '5.7.3', '1.11': '5.6.3', '1.12': '5.6.3' }, why: 'The policies admit only Pods whose security context sets these fields.' },
  ],
  soc2: [{ id: 'CC6.8', why: 'Admission refuses workloads that could run unauthorized software with elevated privileges.' }],
};

/** Images come only from the registries the profile allows. */
export const ADM_ALLOWED_REGISTRIES: Control = {
  id: 'HL-ADM-003',
  title: 'Container images come only from the registries the profile allows',
  rationale:
    'Pulling only from registries the organisation controls (and scans) keeps unreviewed public images out of the ' +
    'cluster. CIS 5.5.1 asks for an ImagePolicyWebhook; this is a Kyverno policy instead, so 5.5.1 is not claimed.',
  evidence: EVIDENCE_POLICIES,
  cis: [],
  soc2: [{ id: 'CC6.8', why: 'Only software from approved sources can be deployed.' }],
};

/** Image references are immutable: never latest or untagged, and by digest where the profile asks. */
export const ADM_IMAGE_PINNING: Control = {
  id: 'HL-ADM-004',
  title: 'Image references are never `:latest` or untagged, and are pinned by digest in production',
  rationale:
    'A mutable tag can change what runs without a change record; a digest names exactly the image that was ' +
    'reviewed and tested, so rollbacks and audits see the same bytes.',
  evidence: EVIDENCE_POLICIES,
  cis: [],
  soc2: [
    { id: 'CC6.8', why: 'An image cannot be swapped under an existing reference.' },
    { id: 'CC8.1', why: 'What is deployed is exactly the reviewed and tested artifact.' },
  ],
};

/** Workloads carry the labels the profile requires. */
export const ADM_REQUIRED_LABELS: Control = {
  id: 'HL-ADM-005',
  title: 'Pods and Pod templates carry the labels the profile requires (for example app, owner, environment)',
  rationale:
    'Ownership and environment labels make every running workload attributable to a team, which incident ' +
    'response, cost reports and access reviews depend on.',
  evidence: EVIDENCE_POLICIES,
  cis: [],
  soc2: [{ id: 'CC6.1', why: 'Workloads are inventoried with an owner as part of logical access security.' }],
};

/** Containers declare CPU and memory requests and a memory limit. */
export const ADM_RESOURCES: Control = {
  id: 'HL-ADM-006',
  title: 'Containers declare CPU and memory requests and a memory limit',
  rationale:
    'Without requests the scheduler overcommits nodes, and without a memory limit one container can exhaust a ' +
    'node and evict its neighbours: a noisy neighbour becomes an availability incident.',
  evidence: EVIDENCE_POLICIES,
  cis: [],
  soc2: [{ id: 'A1.1', why: 'Declared requests and limits make capacity measurable and protect it.' }],
};

/** Secrets are mounted as files, never consumed as environment variables. */
export const ADM_NO_SECRET_ENV: Control = {
  id: 'HL-ADM-007',
  title: 'Containers do not consume Secrets as environment variables',
  rationale:
    'Environment variables leak into logs, crash dumps and child processes; Secrets mounted as files are ' +
    'readable only where the application opens them.',
  evidence: EVIDENCE_POLICIES,
  cis: [{ ids: { '1.10': '5.4.1', '1.11': '5.4.1', '1.12': '5.4.1' }, why: 'A policy rejects secretKeyRef and secretRef in env/envFrom.' }],
  soc2: [{ id: 'CC6.1', why: 'Credentials are protected from disclosure through process environments.' }],
};

/** Pods never run as the namespace's default ServiceAccount. */
export const ADM_NO_DEFAULT_SA: Control = {
  id: 'HL-ADM-008',
  title: "Pods do not run as their namespace's default ServiceAccount",
  rationale:
    'Permissions granted to default are granted to every pod that forgets to name an identity; requiring a ' +
    'named ServiceAccount keeps every grant deliberate.',
  evidence: EVIDENCE_POLICIES,
  cis: [{ ids: { '1.10': '5.1.5', '1.11': '5.1.5', '1.12': '5.1.5' }, why: 'A policy rejects pods that use the default ServiceAccount.' }],
  soc2: [{ id: 'CC6.3', why: 'Each workload gets its own least-privilege identity.' }],
};

/** Admission policies deny (not just audit) in production and staging. */
export const ADM_ENFORCEMENT: Control = {
  id: 'HL-ADM-009',
  title: 'Admission policies deny violations: Pod Security rules where the namespace enforces their level, the other rules in production and staging',
  rationale:
    'An audit-only policy reports a violation after it runs; denying at admission in the tiers that carry ' +
    'customer data is what makes the other admission controls preventive.',
  evidence: 'kubectl get <objects> -o custom-columns=NAME:.metadata.name,ACTIONS:.spec.validationActions',
  cis: [
    {
      ids: { '1.10': '5.2.1', '1.11': '5.2.1', '1.12': '5.2.1' },
      why: 'The policy control mechanism is active, not advisory.',
      // The crosswalk's GKE counterpart of 5.2.1 is 4.2.1 (reworded): a namespace's PSA label is that, a denying policy is not.
      notIn: { 'gke-1.9.0': 'GKE 4.2.1 asks for the Pod Security Standard Baseline in every namespace; a denying admission policy is an active mechanism, not that standard.' },
    },
  ],
  soc2: [{ id: 'CC6.8', why: 'Unauthorized configurations are prevented, not only detected.' }],
};

/** Every admission control, in ID order. */
export const ADMISSION_CONTROLS: readonly Control[] = [
  ADM_PSS_BASELINE,
  ADM_PSS_RESTRICTED,
  ADM_ALLOWED_REGISTRIES,
  ADM_IMAGE_PINNING,
  ADM_REQUIRED_LABELS,
  ADM_RESOURCES,
  ADM_NO_SECRET_ENV,
  ADM_NO_DEFAULT_SA,
  ADM_ENFORCEMENT,
];
