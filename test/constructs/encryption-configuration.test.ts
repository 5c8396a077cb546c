import { Testing } from 'cdk8s';
import { EncryptionConfiguration, EncryptionConfigurationProps, LocalKeyProvider, localKeyPlaceholder } from '../../constructs';
import { complianceChart } from '../helpers/chart';
import { CrdSchemas } from '../helpers/crd-schema';
import { describeWithShared } from '../helpers/shared';

const KMS = { name: 'acme-kms', endpoint: 'unix:///var/run/kmsplugin/socket.sock' };

function synth(props: EncryptionConfigurationProps, kubernetesVersion = '1.28') {
  const chart = complianceChart({ profile: 'unit-test', kubernetesVersion });
  const enc = new EncryptionConfiguration(chart, 'enc', props);
  const [obj] = Testing.synth(chart);
  return { enc, obj, providers: obj.resources[0].providers as Record<string, any>[] };
}

describe('EncryptionConfiguration', () => {
  describe('HL-ENC-001: Secrets are encrypted at rest by a KMS v2 provider first, never identity first', () => {
    test('compliant: an apiserver.config.k8s.io/v1 EncryptionConfiguration for secrets whose only provider is KMS v2', () => {
      const { obj, providers } = synth({ kms: KMS });
      expect(obj.apiVersion).toBe('apiserver.config.k8s.io/v1');
      expect(obj.kind).toBe('EncryptionConfiguration');
      expect(obj.metadata.namespace).toBeUndefined();
      expect(obj.resources).toHaveLength(1);
      expect(obj.resources[0].resources).toEqual(['secrets']);
      expect(providers).toEqual([{ kms: { apiVersion: 'v2', name: 'acme-kms', endpoint: KMS.endpoint, timeout: '3s' } }]);
      expect(obj.metadata.annotations['compliance.hardline.dev/controls']).toBe('HL-ENC-001');
      expect(obj.metadata.annotations['compliance.hardline.dev/cis-kubernetes']).toBe('1.2.28');
      expect(obj.metadata.annotations['compliance.hardline.dev/soc2']).toBe('C1.1,CC6.1');
    });

    test('compliant: ConfigMaps are encrypted too when asked, with the same providers', () => {
      const { obj } = synth({ kms: KMS, configMaps: true });
      expect(obj.resources[0].resources).toEqual(['configmaps', 'secrets']);
    });

    test('compliant: identity is only ever last, after a provider that encrypts', () => {
      for (const props of [{ kms: KMS, readUnencrypted: true }, { localKey: { provider: LocalKeyProvider.AESCBC, name: 'key1', keyFile: '/etc/k/key1' }, readUnencrypted: true }]) {
        const { enc, providers } = synth(props);
        expect(Object.keys(providers[0])).not.toEqual(['identity']);
        expect(providers[providers.length - 1]).toEqual({ identity: {} });
        expect(enc.providerOrder.indexOf('identity')).toBe(providers.length - 1);
      }
      expect(synth({ kms: KMS }).enc.providerOrder).not.toContain('identity');
    });

    test('compliant: a local key is only a reference to the operator\'s key file, never key material', () => {
      const { providers, enc } = synth({ kms: KMS, localKey: { provider: LocalKeyProvider.SECRETBOX, name: 'old-key', keyFile: '/etc/kubernetes/enc/old-key' } });
      expect(enc.providerOrder).toEqual(['kms', 'secretbox']);
      expect(providers[1]).toEqual({ secretbox: { keys: [{ name: 'old-key', secret: localKeyPlaceholder('/etc/kubernetes/enc/old-key') }] } });
      // The placeholder is not Base64 of a 32-byte key, so the API server cannot start on it by mistake.
      expect(Buffer.from(providers[1].secretbox.keys[0].secret, 'base64').length).not.toBe(32);
    });

    test('compliant: the flag points at the config path and carries the CIS ID of the benchmark in force', () => {
      for (const v of ['1.28', '1.30', '1.33']) {
        const { enc } = synth({ kms: KMS, configPath: '/etc/kubernetes/enc/config.yaml' }, v);
        expect(enc.flag).toEqual({ flag: '--encryption-provider-config', value: '/etc/kubernetes/enc/config.yaml', cis: ['1.2.27'] });
      }
    });

    test('non-compliant: without kms or a local key the construct refuses, rather than emit identity', () => {
      expect(() => synth({})).toThrow(/needs a kms plugin or a localKey/);
      expect(() => synth({ readUnencrypted: true })).toThrow(/never falls back to identity/);
    });

    test.each([
      [{ kms: { ...KMS, name: 'a:b' } }, /kms.name "a:b"/],
      [{ kms: { ...KMS, name: '' } }, /kms.name/],
      [{ kms: { ...KMS, name: 'kms`$(id)`' } }, /kms.name/],
      [{ kms: { ...KMS, endpoint: 'unix:///run/k.sock\n- identity: {}' } }, /must be a unix socket/],
      [{ localKey: { provider: LocalKeyProvider.AESCBC, name: 'k', keyFile: '/etc/k"; rm -rf /' } }, /absolute path/],
      [{ kms: { ...KMS, endpoint: 'tcp://10.0.0.1:9000' } }, /must be a unix socket/],
      [{ kms: { ...KMS, timeout: '0s' } }, /positive Go duration/],
      [{ kms: { ...KMS, timeout: 'soon' } }, /positive Go duration/],
      [{ localKey: { provider: 'aesgcm' as LocalKeyProvider, name: 'k', keyFile: '/k' } }, /aescbc or secretbox/],
      [{ localKey: { provider: LocalKeyProvider.AESCBC, name: 'k', keyFile: 'relative/k' } }, /absolute path/],
      [{ kms: KMS, configPath: 'enc.yaml' }, /configPath "enc.yaml" must be an absolute path/],
    ])('invalid (or hostile) props throw naming the field: %j', (props, message) => {
      expect(() => synth(props as EncryptionConfigurationProps)).toThrow(message);
    });
  });
});

describeWithShared('EncryptionConfiguration against test/schemas/encryption-configuration-v1.schema.json', (shared) => {
  test('every emitted variant validates strictly (draft-07, Ajv strict mode)', () => {
    const schemas = new CrdSchemas(shared);
    const local = { provider: LocalKeyProvider.AESCBC, name: 'key1', keyFile: '/etc/k/key1' };
    for (const props of [{ kms: KMS }, { kms: KMS, configMaps: true, readUnencrypted: true }, { localKey: local }, { kms: { ...KMS, timeout: '1m30s' }, localKey: local }]) {
      expect({ props, errors: schemas.errors(synth(props).obj) }).toEqual({ props, errors: [] });
    }
  });

  test('the schema rejects what the API server would: two provider types in one entry, a v2 cachesize, a TCP endpoint, a misspelled field', () => {
    const schemas = new CrdSchemas(shared);
    const { obj } = synth({ kms: KMS });
    const withProviders = (providers: unknown[]) => ({ ...obj, resources: [{ resources: ['secrets'], providers }] });
    const kms = obj.resources[0].providers[0].kms;
    expect(schemas.errors(withProviders([{ kms, identity: {} }])).join()).toMatch(/maxProperties|more than 1/);
    expect(schemas.errors(withProviders([{ kms: { ...kms, cachesize: 1000 } }])).join()).not.toBe('');
    expect(schemas.errors(withProviders([{ kms: { ...kms, name: 'a:b' } }])).join()).toMatch(/pattern/);
    expect(schemas.errors(withProviders([{ kms: { ...kms, endpoint: 'tcp://1.2.3.4:1' } }])).join()).toMatch(/pattern/);
    expect(schemas.errors(withProviders([{ kms: { ...kms, endpont: 'x' } }])).join()).toMatch(/additionalProperty/);
    expect(schemas.errors(withProviders([])).join()).toMatch(/fewer than 1/);
  });
});
