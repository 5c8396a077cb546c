/**
 * The control of the baseline tamper-protection admission policy: hardline's objects change only
 * through the GitOps identities the profile names.
 */
import { Control } from './types';

/** Objects hardline manages are updated and deleted only by the profile's GitOps identities. */
export const ADM_TAMPER_PROTECTION: Control = {
  id: 'HL-ADM-010',
  title: 'Objects hardline manages are updated or deleted only by the GitOps identities the profile names',
  rationale:
    'RBAC decides who may write a kind, not which object; anyone with delete on NetworkPolicies, or a broad ' +
    'ClusterRole, could remove the default-deny policy or relax a namespace label. An admission policy that denies ' +
    'UPDATE and DELETE of annotated objects to everyone but the GitOps controller keeps the baseline as reviewed; ' +
    'without a named identity it audits every such change.',
  evidence: 'kubectl get <objects> -o yaml',
  cis: [],
  soc2: [
    { id: 'CC8.1', why: 'Baseline objects change only through the authorized, reviewed deployment path.' },
    { id: 'CC6.1', why: 'Logical access to security configuration is restricted to the deployment identity.' },
  ],
};
