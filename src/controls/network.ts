/**
 * Controls implemented by NetworkPolicies.
 */
import { Control } from './types';

/** Every namespace denies all ingress and egress unless a policy allows it. */
export const NET_DEFAULT_DENY: Control = {
  id: 'HL-NET-001',
  title: 'Every namespace denies all ingress and egress by default; only DNS to cluster DNS is opened',
  rationale:
    'A default-deny policy turns network access into an explicit allow list, so a compromised pod cannot ' +
    'reach other workloads or the internet unless a flow was declared and reviewed.',
  evidence: 'kubectl get <objects> -o yaml',
  cis: [
    {
      ids: { '1.10': '5.3.2', '1.11': '5.3.2', '1.12': '5.3.2' },
      why: 'Every declared namespace gets a NetworkPolicy selecting all its pods.',
    },
  ],
  soc2: [
    {
      id: 'CC6.1',
      why: 'Network segmentation is part of the logical access security architecture protecting workloads.',
    },
    {
      id: 'CC6.6',
      why: 'Default-deny restricts connections from outside the namespace boundary to declared flows only.',
    },
  ],
};
