import { ApiObject } from 'cdk8s';
import { PlainApiObject } from './_plain-api-object';
import { Construct } from 'constructs';
import { cisIdIn, claimOf, ENCRYPTION_AT_REST, ENCRYPTION_PROVIDER_CONFIG_FLAG } from '../src/controls';
import { API_SERVER_FLAGS_KIND } from './audit-policy';
import { annotateControls } from './_annotate-controls';
import { ComplianceContext } from './compliance-context';

/** The local providers a key file can back (never generated or embedded by hardline). */
export enum LocalKeyProvider {
  /** AES-CBC with PKCS#7 padding, a 32-byte key. */
  AESCBC = 'aescbc',
  /** XSalsa20 and Poly1305, a 32-byte key. */
  SECRETBOX = 'secretbox',
}

/** A KMS v2 plugin the API server wraps data keys with. */
export interface KmsPluginProps {
  /** Name of the KMS plugin (no `:`; it is written into every stored object's prefix). */
  readonly name: string;
  /** gRPC endpoint of the plugin, a `unix://` socket, e.g. `unix:///var/run/kmsplugin/socket.sock`. */
  readonly endpoint: string;
  /**
   * Timeout of gRPC calls to the plugin, a Go duration.
   *
   * @default '3s'
   */
  readonly timeout?: string;
}

/** A local key the operator supplies in a file; hardline writes only a reference to it. */
export interface LocalKeyProps {
  /** The provider the key is for. */
  readonly provider: LocalKeyProvider;
  /** Key name (stored in every object it encrypts). */
  readonly name: string;
  /** Absolute path of the file holding the Base64 key on the control-plane node. */
  readonly keyFile: string;
}

/** Properties for `EncryptionConfiguration`. */
export interface EncryptionConfigurationProps {
  /**
   * The KMS v2 plugin, the first provider when set.
   *
   * @default - none: `localKey` is then required and first
   * @see https://kubernetes.io/docs/tasks/administer-cluster/kms-provider/
   */
  readonly kms?: KmsPluginProps;
  /**
   * A local aescbc or secretbox key given by file: the first provider without `kms`, the second with it
   * (to read data written before KMS was configured).
   *
   * @default - none
   */
  readonly localKey?: LocalKeyProps;
  /**
   * Encrypt ConfigMaps as well as Secrets.
   *
   * @default false
   */
  readonly configMaps?: boolean;
  /**
   * Add `identity` as the last provider, so data written before encryption was on stays readable until it
   * is rewritten (`kubectl get secrets -A -o json | kubectl replace -f -`). Writes are still encrypted.
   *
   * @default false
   */
  readonly readUnencrypted?: boolean;
  /**
   * Path the file is mounted at on the control-plane node (`--encryption-provider-config`).
   *
   * @default '/etc/kubernetes/enc/encryption-config.yaml'
   * @see CIS 1.2.27
   */
  readonly configPath?: string;
}

/** The placeholder written in place of a local key: the operator substitutes the key file's contents. */
export function localKeyPlaceholder(keyFile: string): string {
  return `hardline-key-file:${keyFile}`;
}

const GO_DURATION = /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/;
const KEY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const PLUGIN_NAME = /^[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/;
const ABSOLUTE_PATH = /^\/[A-Za-z0-9._/-]+$/;

/**
 * The kube-apiserver encryption configuration (`apiserver.config.k8s.io/v1` EncryptionConfiguration), a
 * control-plane file rather than a cluster object, and the `--encryption-provider-config` flag that loads it.
 *
 * Providers for Secrets (and ConfigMaps when asked), in order: the KMS v2 plugin; a local aescbc or secretbox
 * key referenced by file; identity last, only with `readUnencrypted`. identity is never first, and hardline
 * never generates or embeds a key. Implements HL-ENC-001.
 */
export class EncryptionConfiguration extends Construct {
  /** The KMS v2 plugin, if any. */
  public readonly kms?: Required<KmsPluginProps>;
  /** The local key reference, if any. */
  public readonly localKey?: LocalKeyProps;
  /** The resources encrypted, sorted. */
  public readonly resources: readonly string[];
  /** Whether identity is the last provider. */
  public readonly readUnencrypted: boolean;
  /** Path of the file on the control-plane node. */
  public readonly configPath: string;
  /** The provider names in the order the API server tries them (the first encrypts writes). */
  public readonly providerOrder: readonly string[];
  /** The kube-apiserver flag that loads the file, with the CIS IDs (benchmark in force) it supports. */
  public readonly flag: { readonly flag: string; readonly value: string; readonly cis: readonly string[] };
  /** The emitted kube-apiserver flags file (`hardline.dev/v1alpha1` KubeApiServerFlags) that sets `flag`. */
  public readonly flagsObject: ApiObject;
  /** The emitted EncryptionConfiguration. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: EncryptionConfigurationProps) {
    super(scope, id);
    if (!props.kms && !props.localKey) {
      throw new Error('EncryptionConfiguration needs a kms plugin or a localKey; hardline never falls back to identity (no encryption).');
    }
    if (props.kms) {
      const { name, endpoint } = props.kms;
      const timeout = props.kms.timeout ?? '3s';
      if (!PLUGIN_NAME.test(name)) {
        throw new Error(`EncryptionConfiguration kms.name "${name}" must be letters, digits, '.', '_' or '-' (KMS v2 forbids ":").`);
      }
      if (!/^unix:\/\/[A-Za-z0-9._/@-]+$/.test(endpoint)) {
        throw new Error(`EncryptionConfiguration kms.endpoint "${endpoint}" must be a unix socket, e.g. "unix:///var/run/kmsplugin/socket.sock".`);
      }
      if (!GO_DURATION.test(timeout) || !/[1-9]/.test(timeout)) {
        throw new Error(`EncryptionConfiguration kms.timeout "${timeout}" must be a positive Go duration such as "3s".`);
      }
      this.kms = { name, endpoint, timeout };
    }
    if (props.localKey) {
      const k = props.localKey;
      if (!Object.values(LocalKeyProvider).includes(k.provider)) {
        throw new Error(`EncryptionConfiguration localKey.provider "${k.provider}" must be aescbc or secretbox.`);
      }
      if (!KEY_NAME.test(k.name)) throw new Error(`EncryptionConfiguration localKey.name "${k.name}" must be letters, digits, '.', '_' or '-'.`);
      if (!ABSOLUTE_PATH.test(k.keyFile)) {
        throw new Error(`EncryptionConfiguration localKey.keyFile "${k.keyFile}" must be an absolute path of letters, digits, '.', '_', '-' and '/'.`);
      }
      this.localKey = { ...k };
    }
    this.resources = props.configMaps ? ['configmaps', 'secrets'] : ['secrets'];
    this.readUnencrypted = props.readUnencrypted ?? false;
    this.configPath = props.configPath ?? '/etc/kubernetes/enc/encryption-config.yaml';
    if (!ABSOLUTE_PATH.test(this.configPath)) {
      throw new Error(`EncryptionConfiguration configPath "${this.configPath}" must be an absolute path of letters, digits, '.', '_', '-' and '/'.`);
    }

    const providers: Record<string, unknown>[] = [];
    if (this.kms) providers.push({ kms: { apiVersion: 'v2', name: this.kms.name, endpoint: this.kms.endpoint, timeout: this.kms.timeout } });
    if (this.localKey) {
      providers.push({ [this.localKey.provider]: { keys: [{ name: this.localKey.name, secret: localKeyPlaceholder(this.localKey.keyFile) }] } });
    }
    if (this.readUnencrypted) providers.push({ identity: {} });
    this.providerOrder = providers.map((p) => Object.keys(p)[0]);

    const version = ComplianceContext.of(this).cisVersion;
    const flagCis = cisIdIn(ENCRYPTION_PROVIDER_CONFIG_FLAG.cis, version);
    this.flag = { flag: ENCRYPTION_PROVIDER_CONFIG_FLAG.flag, value: this.configPath, cis: flagCis ? [flagCis] : [] };

    this.apiObject = new PlainApiObject(this, 'Resource', {
      apiVersion: 'apiserver.config.k8s.io/v1',
      kind: 'EncryptionConfiguration',
      // Not part of the Go type: kube-apiserver's non-strict decoder ignores it; it carries hardline's claims.
      metadata: { name: 'encryption-config' },
      resources: [{ resources: [...this.resources], providers }],
    }, { clusterScoped: true });
    // The file claims what it configures (1.2.28); the flags file claims the flag that loads it (1.2.27).
    annotateControls(this.apiObject, [claimOf(ENCRYPTION_AT_REST, { cis: ['1.2.28'] })]);

    this.flagsObject = new PlainApiObject(this, 'Flags', {
      ...API_SERVER_FLAGS_KIND,
      metadata: { name: 'encryption-at-rest' },
      description:
        'kube-apiserver flag that loads the encryption configuration in encryptionconfiguration-encryption-config.yaml ' +
        '(self-managed control planes; managed clusters configure envelope encryption in the provider, see README.md)',
      flags: [{ flag: this.flag.flag, value: this.flag.value, cis: [...this.flag.cis] }],
      args: [`${this.flag.flag}=${this.flag.value}`],
    }, { clusterScoped: true });
    annotateControls(this.flagsObject, [claimOf(ENCRYPTION_AT_REST, { cis: ['1.2.27'], soc2: [] })]);
  }
}
