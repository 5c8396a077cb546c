/**
 * Controls implemented by the kube-apiserver encryption configuration (encryption at rest).
 */
import { CisRecommendation, Control } from './types';

/** `--encryption-provider-config` and the CIS recommendation that it is set (same ID in 1.10, 1.11 and 1.12). */
export const ENCRYPTION_PROVIDER_CONFIG_FLAG: { readonly flag: string; readonly cis: CisRecommendation } = {
  flag: '--encryption-provider-config',
  cis: {
    ids: { '1.10': '1.2.27', '1.11': '1.2.27', '1.12': '1.2.27' },
    why: 'The flags file sets --encryption-provider-config to the emitted EncryptionConfiguration.',
  },
};

/** Secrets (and optionally ConfigMaps) are encrypted in etcd, by a KMS v2 provider first. */
export const ENCRYPTION_AT_REST: Control = {
  id: 'HL-ENC-001',
  title: 'Secrets (and ConfigMaps when asked) are encrypted at rest in etcd, by a KMS v2 provider first and never identity first',
  rationale:
    'Secrets are only Base64-encoded in etcd unless the API server encrypts them: anyone with a copy of etcd or ' +
    'of its backups reads every credential. The EncryptionConfiguration puts a KMS v2 envelope provider first, so ' +
    'new writes are encrypted with data keys wrapped by a key that never leaves the KMS. hardline never generates ' +
    'or embeds a key: a local aescbc or secretbox provider is only a reference to a key file the operator ' +
    'supplies, and identity (no encryption) may only come last, to read data written before encryption was on. ' +
    'On a control-plane node, `ETCDCTL_API=3 etcdctl get /registry/secrets/<namespace>/<name> | hexdump -C | head` ' +
    'shows the k8s:enc:kms:v2: prefix of an encrypted Secret.',
  // A kubectl command (the evidence a reviewer runs against the cluster): the API server runs with the flag.
  evidence: 'kubectl get pods -n kube-system -l component=kube-apiserver -o \'jsonpath={range .items[*]}{.metadata.name}{": "}{.spec.containers[0].command}{"\\n"}{end}\'',
  cis: [
    ENCRYPTION_PROVIDER_CONFIG_FLAG.cis,
    {
      ids: { '1.10': '1.2.28', '1.11': '1.2.28', '1.12': '1.2.28' },
      why: 'The first provider for Secrets is kms (v2), or aescbc/secretbox with an operator-supplied key; identity is never first.',
    },
  ],
  soc2: [
    {
      id: 'CC6.1',
      why: 'Encryption at rest is a logical access control protecting credentials stored in etcd and its backups.',
    },
    {
      id: 'C1.1',
      why: 'Confidential information kept in Secrets stays unreadable to anyone who obtains the etcd data files.',
    },
  ],
};
