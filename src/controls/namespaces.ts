/**
 * Controls implemented by Namespaces and their Pod Security Admission labels.
 */
import { Control } from './types';

/** Workloads are separated into dedicated, labelled namespaces. */
export const NS_ADMINISTRATIVE_BOUNDARY: Control = {
  id: 'HL-NS-001',
  title: 'Workloads run in dedicated namespaces declared in the profile, never in default or kube-* namespaces',
  rationale:
    'Namespaces are the unit that RBAC, NetworkPolicies, quotas and Pod Security Admission attach to; ' +
    'declaring every workload namespace and refusing the reserved ones keeps those boundaries explicit.',
  evidence: 'kubectl get <objects> -L hardline.dev/tier -L pod-security.kubernetes.io/enforce',
  cis: [
    {
      ids: { '1.10': '5.7.1', '1.11': '5.6.1', '1.12': '5.6.1' },
      why: 'Each declared namespace is an administrative boundary with its own policies.',
    },
    {
      ids: { '1.10': '5.7.4', '1.11': '5.6.4', '1.12': '5.6.4' },
      why: 'The profile loader refuses the default namespace, so the baseline never places workloads there.',
    },
  ],
  soc2: [
    {
      id: 'CC6.1',
      why: 'Logical segmentation of workloads is part of the logical access security architecture.',
    },
  ],
};

/** Production namespaces enforce the restricted Pod Security Standard. */
export const POD_SECURITY_RESTRICTED: Control = {
  id: 'HL-POD-001',
  title: 'Namespaces enforce the restricted Pod Security Standard (required for production)',
  rationale:
    'The restricted profile refuses privilege escalation, root users, added capabilities and missing seccomp ' +
    'profiles at admission, so a compromised image gets as little of the node as possible.',
  evidence: 'kubectl get <objects> -o \'custom-columns=NAME:.metadata.name,ENFORCE:.metadata.labels.pod-security\\.kubernetes\\.io/enforce,VERSION:.metadata.labels.pod-security\\.kubernetes\\.io/enforce-version\'',
  cis: [
    {
      ids: { '1.10': '5.2.6', '1.11': '5.2.6', '1.12': '5.2.6' },
      why: 'Restricted refuses containers that allow privilege escalation.',
    },
    {
      ids: { '1.10': '5.2.7', '1.11': '5.2.7', '1.12': '5.2.7' },
      why: 'Restricted requires runAsNonRoot and refuses runAsUser 0.',
    },
    {
      ids: { '1.10': '5.2.8', '1.11': '5.2.8', '1.12': '5.2.8' },
      why: 'Restricted requires dropping ALL capabilities, NET_RAW included.',
    },
    {
      ids: { '1.10': '5.2.9', '1.11': '5.2.9', '1.12': undefined },
      why: 'Restricted allows adding only NET_BIND_SERVICE.',
    },
    {
      ids: { '1.10': '5.2.10', '1.11': '5.2.10', '1.12': '5.2.9' },
      why: 'Restricted requires capabilities.drop to contain ALL.',
    },
    {
      ids: { '1.10': '5.7.2', '1.11': '5.6.2', '1.12': '5.6.2' },
      why: 'Restricted requires a RuntimeDefault or Localhost seccomp profile.',
    },
    {
      ids: { '1.10': '5.7.3', '1.11': '5.6.3', '1.12': '5.6.3' },
      why: 'Restricted admits only pods whose security context sets these fields.',
    },
  ],
  soc2: [
    {
      id: 'CC6.8',
      why: 'Admission refuses workloads that could run unauthorized or malicious software with host privileges.',
    },
  ],
};

/** Every namespace enforces at least the baseline Pod Security Standard. */
export const POD_SECURITY_BASELINE: Control = {
  id: 'HL-POD-002',
  title: 'Every namespace enforces at least the baseline Pod Security Standard',
  rationale:
    'Pod Security Admission is the built-in policy control mechanism; the baseline profile blocks privileged ' +
    'containers, host namespaces, hostPath volumes, host ports and Windows HostProcess pods in every tier.',
  evidence: 'kubectl get <objects> -o \'custom-columns=NAME:.metadata.name,ENFORCE:.metadata.labels.pod-security\\.kubernetes\\.io/enforce,VERSION:.metadata.labels.pod-security\\.kubernetes\\.io/enforce-version\'',
  cis: [
    {
      ids: { '1.10': '5.2.1', '1.11': '5.2.1', '1.12': '5.2.1' },
      why: 'Pod Security Admission labels put an active policy control mechanism on every namespace.',
    },
    {
      ids: { '1.10': '5.2.2', '1.11': '5.2.2', '1.12': '5.2.2' },
      why: 'Baseline refuses privileged containers.',
    },
    {
      ids: { '1.10': '5.2.3', '1.11': '5.2.3', '1.12': '5.2.3' },
      why: 'Baseline refuses hostPID.',
    },
    {
      ids: { '1.10': '5.2.4', '1.11': '5.2.4', '1.12': '5.2.4' },
      why: 'Baseline refuses hostIPC.',
    },
    {
      ids: { '1.10': '5.2.5', '1.11': '5.2.5', '1.12': '5.2.5' },
      why: 'Baseline refuses hostNetwork.',
    },
    {
      ids: { '1.10': '5.2.11', '1.11': '5.2.11', '1.12': '5.2.10' },
      why: 'Baseline refuses Windows HostProcess containers.',
    },
    {
      ids: { '1.10': '5.2.12', '1.11': '5.2.12', '1.12': '5.2.11' },
      why: 'Baseline refuses hostPath volumes.',
    },
    {
      ids: { '1.10': '5.2.13', '1.11': '5.2.13', '1.12': '5.2.12' },
      why: 'Baseline refuses host ports.',
    },
  ],
  soc2: [
    {
      id: 'CC6.8',
      why: 'Admission refuses workloads that could escape to the node, limiting what unauthorized software can reach.',
    },
  ],
};

/** Pod Security audit and warn levels are never lowered below the tier's secure default or the base profile. */
export const POD_SECURITY_AUDIT_WARN: Control = {
  id: 'HL-POD-003',
  title: "Pod Security audit and warn levels never fall below the tier's secure default or the base profile's",
  rationale:
    'audit and warn are how a namespace learns which pods would fail the stricter level before it is enforced; ' +
    'lowering them silently hides the violations a reviewer relies on to tighten enforcement.',
  evidence: 'kubectl get namespaces -L pod-security.kubernetes.io/audit -L pod-security.kubernetes.io/warn',
  cis: [],
  soc2: [{ id: 'CC7.2', why: 'Pods that violate the stricter level are recorded and reported, so anomalies are detected.' }],
};
