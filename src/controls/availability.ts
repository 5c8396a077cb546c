/**
 * Controls implemented by PodDisruptionBudgets.
 */
import { Control } from './types';

/** Critical workloads keep a minimum of replicas through voluntary disruptions. */
export const DISRUPTION_BUDGET: Control = {
  id: 'HL-AVL-001',
  title: 'Critical workloads declared in the profile have a PodDisruptionBudget that still lets nodes drain',
  rationale:
    'Node upgrades and autoscaling evict pods; a PodDisruptionBudget keeps enough replicas of a critical ' +
    'workload serving while that happens. A budget that allows no eviction at all (maxUnavailable 0, or ' +
    'minAvailable equal to the replicas) blocks node drains and so blocks patching, so it is refused. ' +
    'unhealthyPodEvictionPolicy AlwaysAllow lets crash-looping pods be evicted too.',
  evidence: 'kubectl get <objects> -o \'custom-columns=NS:.metadata.namespace,NAME:.metadata.name,MIN:.spec.minAvailable,MAX:.spec.maxUnavailable,EVICT:.spec.unhealthyPodEvictionPolicy\'',
  cis: [],
  // Not A1.2 (backup and recovery infrastructure): a budget keeps replicas serving, it backs up and recovers nothing.
  soc2: [
    {
      id: 'A1.1',
      why: 'Serving capacity of critical workloads is kept during maintenance and scaling.',
    },
  ],
};
