import * as yaml from 'js-yaml';
import { parseProfile } from '../../../src/profile/load-profile';
import { renderProfile } from '../../../src/synth/synthesize-profile';
import { problems } from '../../helpers/profile-problems';
import { profileYaml, ROOT, TODAY } from '../../helpers/synth';

const NS = '    - { name: payments, tier: production }';
const parse = (extra: string) => parseProfile(profileYaml({ namespaces: NS, extra }), 'inline.yaml', { today: TODAY, baseDir: ROOT });
const KMS = '  encryption:\n    kms: { name: acme-kms, endpoint: "unix:///var/run/kmsplugin/socket.sock" }';

describe('spec.encryption', () => {
  test('absent → no EncryptionConfiguration and no --encryption-provider-config flag', () => {
    const { files, objects } = renderProfile(parse(''));
    expect(objects.some((o) => o.manifest.kind === 'EncryptionConfiguration')).toBe(false);
    expect(files.has('control-plane/kubeapiserverflags-encryption-at-rest.yaml')).toBe(false);
    expect(files.get('control-plane/kubeapiserverflags-audit-log.yaml')).not.toContain('encryption');
  });

  test('KMS v2 → control-plane/ gets the EncryptionConfiguration (not in the kustomization), the flag and the notes', () => {
    const { files, objects } = renderProfile(parse(KMS));
    const enc = objects.find((o) => o.manifest.kind === 'EncryptionConfiguration')!;
    expect(enc.file).toBe('control-plane/encryptionconfiguration-encryption-config.yaml');
    expect(enc.kustomize).toBe(false);
    expect(files.get('kustomization.yaml')).not.toContain('encryption');
    const flags = yaml.load(files.get('control-plane/kubeapiserverflags-encryption-at-rest.yaml')!) as any;
    expect(flags.kind).toBe('KubeApiServerFlags');
    expect(flags.metadata.annotations['compliance.hardline.dev/controls']).toBe('HL-ENC-001');
    expect(flags.metadata.annotations['compliance.hardline.dev/cis-kubernetes']).toBe('1.2.27');
    expect(files.get('control-plane/kubeapiserverflags-audit-log.yaml')).not.toContain('encryption');
    expect(flags.args).toContain('--encryption-provider-config=/etc/kubernetes/enc/encryption-config.yaml');
    expect(flags.flags.find((f: any) => f.flag === '--encryption-provider-config').cis).toEqual(['1.2.27']);
    expect(files.get('control-plane/README.md')).toMatch(/## Encryption at rest[\s\S]*acme-kms/);
  });

  test('a local key becomes a placeholder naming the key file; no key material is ever written', () => {
    const { files } = renderProfile(
      parse('  encryption:\n    localKey: { provider: aescbc, name: key1, keyFile: /etc/kubernetes/enc/key1 }\n    readUnencrypted: true'),
    );
    const text = files.get('control-plane/encryptionconfiguration-encryption-config.yaml')!;
    const obj = yaml.load(text) as any;
    expect(obj.resources[0].providers).toEqual([
      { aescbc: { keys: [{ name: 'key1', secret: 'hardline-key-file:/etc/kubernetes/enc/key1' }] } },
      { identity: {} },
    ]);
    expect(files.get('control-plane/README.md')).toMatch(/KMS is\s+preferred/);
  });

  test('no provider that encrypts is a located error', () => {
    expect(problems(() => parse('  encryption:\n    configMaps: true'))).toEqual([
      expect.stringMatching(/^inline\.yaml:7:\d+: spec\.encryption: encryption declares no provider that encrypts/),
    ]);
  });

  test('hostile values are refused by the schema with their location: TCP endpoint, ":" in a v2 name, relative key file, zero timeout', () => {
    const lines = problems(() =>
      parse(
        [
          '  encryption:',
          '    kms: { name: "a:b", endpoint: "tcp://10.0.0.1:1", timeout: 0s }',
          '    localKey: { provider: aesgcm, name: k, keyFile: relative/k }',
        ].join('\n'),
      ),
    ).join('\n');
    expect(lines).toMatch(/spec\.encryption\.kms\.name/);
    expect(lines).toMatch(/spec\.encryption\.kms\.endpoint/);
    expect(lines).toMatch(/spec\.encryption\.localKey\.provider/);
    expect(lines).toMatch(/spec\.encryption\.localKey\.keyFile/);
    expect(problems(() => parse('  encryption:\n    kms: { name: k, endpoint: "unix:///s.sock", timeout: 0s }')).join()).toMatch(
      /spec\.encryption\.kms\.timeout: timeout "0s" must be a positive duration/,
    );
  });
});
