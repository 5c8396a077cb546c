/**
 * Controls implemented by ServiceAccounts.
 */
import { Control } from './types';

/** The default ServiceAccount of every namespace mounts no API token. */
export const SA_DEFAULT_NO_TOKEN: Control = {
  id: 'HL-SA-001',
  title: "Each namespace's default ServiceAccount does not automount an API token",
  rationale:
    'Pods that do not name a ServiceAccount run as default; with automount off they get no credential ' +
    'to the API server, so the default identity is useless to an attacker.',
  evidence: 'kubectl get <objects> -o \'custom-columns=NS:.metadata.namespace,NAME:.metadata.name,AUTOMOUNT:.automountServiceAccountToken\'',
  cis: [
    {
      ids: { '1.10': '5.1.5', '1.11': '5.1.5', '1.12': '5.1.5' },
      why: 'The default ServiceAccount carries automountServiceAccountToken: false.',
    },
    {
      ids: { '1.10': '5.1.6', '1.11': '5.1.6', '1.12': '5.1.6' },
      why: 'Tokens of the default ServiceAccount are not mounted into pods.',
    },
  ],
  soc2: [
    {
      id: 'CC6.1',
      why: 'Credentials are issued only where needed, limiting access to the API server.',
    },
    {
      id: 'CC6.3',
      why: 'Access is least privilege: pods get no API identity unless one is granted.',
    },
  ],
};

/** Workload ServiceAccounts mount API tokens only where an exception says why. */
export const SA_NO_AUTOMOUNT: Control = {
  id: 'HL-SA-002',
  title: 'ServiceAccounts created by hardline do not automount API tokens unless excepted',
  rationale:
    'Most workloads never call the Kubernetes API; a mounted token is a credential an attacker can steal. ' +
    'Workloads that need one get it through an explicit, expiring exception.',
  evidence: 'kubectl get <objects> -o \'custom-columns=NS:.metadata.namespace,NAME:.metadata.name,AUTOMOUNT:.automountServiceAccountToken\'',
  cis: [
    {
      ids: { '1.10': '5.1.6', '1.11': '5.1.6', '1.12': '5.1.6' },
      why: 'ServiceAccount tokens are mounted only where an exception records the need.',
    },
  ],
  soc2: [
    {
      id: 'CC6.3',
      why: 'Access is least privilege: only workloads with a recorded need get an API credential.',
    },
  ],
};
