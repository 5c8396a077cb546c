/**
 * Controls implemented by ResourceQuotas and LimitRanges.
 */
import { Control } from './types';

/** Every namespace has a ResourceQuota on compute and pods. */
export const NAMESPACE_QUOTA: Control = {
  id: 'HL-QTA-001',
  title: 'Every namespace has a ResourceQuota on CPU, memory and pods',
  rationale:
    'A quota caps what one namespace can take from the cluster, so a runaway deployment, a fork bomb of pods ' +
    'or a compromised workload mining on the nodes cannot starve the other teams: it bounds the blast radius.',
  evidence: 'kubectl get <objects> -o yaml',
  cis: [],
  // Not CC6.8 (preventing unauthorized or malicious software): a quota caps capacity, whatever software uses it.
  soc2: [
    {
      id: 'A1.1',
      why: 'Capacity is managed per namespace, so demand in one cannot exhaust the cluster.',
    },
  ],
};

/** Containers get default requests and limits. */
export const CONTAINER_DEFAULTS: Control = {
  id: 'HL-QTA-002',
  title: 'Every namespace has a LimitRange giving containers default CPU and memory requests and limits',
  rationale:
    'Containers without requests are scheduled blind and without limits can take a whole node; the ' +
    'LimitRange fills in defaults so every pod is schedulable under the quota and bounded on its node.',
  evidence: 'kubectl get <objects> -o yaml',
  cis: [],
  soc2: [
    {
      id: 'A1.1',
      why: 'Every container has a capacity request and a ceiling, so node capacity is planned and protected.',
    },
  ],
};

/** No LoadBalancer or NodePort Services unless excepted. */
export const NO_EXTERNAL_SERVICES: Control = {
  id: 'HL-QTA-003',
  title: 'Namespaces may create no LoadBalancer or NodePort Services unless an exception allows it',
  rationale:
    'A LoadBalancer or NodePort Service exposes a workload outside the cluster, bypassing the ingress that ' +
    'is reviewed and protected; the quota sets both counts to 0 so exposure is an explicit, owned decision.',
  evidence: 'kubectl get <objects> -o \'custom-columns=NS:.metadata.namespace,NAME:.metadata.name,LB:.spec.hard.services\\.loadbalancers,NP:.spec.hard.services\\.nodeports\'',
  cis: [],
  soc2: [
    {
      id: 'CC6.6',
      why: 'Connections from outside the system boundary reach workloads only through declared entry points.',
    },
  ],
};
