/**
 * Controls implemented by the NetworkPolicies of declared flows (on top of HL-NET-001's default-deny).
 */
import { Control } from './types';

/** Only declared flows are opened, and never to the cloud metadata endpoint. */
export const NET_DECLARED_FLOWS: Control = {
  id: 'HL-NET-002',
  title: 'Traffic beyond default-deny flows only where the profile declares it; metadata and API server stay closed',
  rationale:
    'Each allowed flow names its peers (namespaces, pods or CIDRs), ports and protocols, so the network policy ' +
    'is a reviewable allow list. CIDR rules always exclude the cloud metadata address 169.254.169.254, which ' +
    'hands out node credentials, and the API server is reachable only through an explicit apiServer flow.',
  evidence: 'kubectl get <objects> -o yaml',
  cis: [
    {
      ids: { '1.10': '5.3.2', '1.11': '5.3.2', '1.12': '5.3.2' },
      why: 'Every declared flow is a NetworkPolicy in its namespace, next to the default-deny policy.',
    },
  ],
  soc2: [
    { id: 'CC6.1', why: 'Network access between workloads is restricted to declared, reviewed paths.' },
    { id: 'CC6.6', why: 'Connections crossing the namespace boundary are limited to declared peers and ports.' },
  ],
};

/** Production namespaces accept no traffic from development namespaces. */
export const NET_TIER_ISOLATION: Control = {
  id: 'HL-NET-003',
  title: 'Production namespaces accept no ingress from development namespaces unless excepted',
  rationale:
    'Development namespaces run unreviewed code under a weaker Pod Security level; letting them reach ' +
    'production workloads would make the weakest tier a path into the strongest.',
  evidence: 'kubectl get <objects> -o yaml',
  cis: [],
  soc2: [
    { id: 'CC6.1', why: 'Every ingress flow into production names only peers outside development, keeping the environments apart.' },
    { id: 'CC6.6', why: 'No flow opens production to connections from the less trusted development boundary.' },
  ],
};
