import { Testing } from 'cdk8s';
import { Environment } from '@marcbachmann/cel-js';
import { ADM_ENFORCEMENT } from '../../src/controls';
import { imageGlobRegex, KyvernoImageValidatingPolicy, KyvernoImageValidatingPolicyProps } from '../../constructs/kyverno-image-validating-policy';
import { KyvernoEnforcement } from '../../constructs/kyverno-validating-policy';
import { complianceChart } from '../helpers/chart';
import { toCel } from '../helpers/cel';
import { describeWithShared } from '../helpers/shared';
import { KyvernoSchemas } from '../helpers/kyverno-schema';

const KEY = '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE6QsNef3SKYhJVYSVj+ZfbPwJd0pv\nDLYNHXITZkhIzfE+apcxDjCCkDPcJ3A3zvhPATYOIsCxYPch7Q2JdJLsDQ==\n-----END PUBLIC KEY-----\n';
const GITHUB = { issuer: 'https://token.actions.githubusercontent.com', subject: 'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main' };
const base: KyvernoImageValidatingPolicyProps = { name: 'hl-signed-acme-enforce', images: ['registry.acme.example/*', 'ghcr.io/acme/*'], publicKeys: [KEY], keyless: [GITHUB] };

function synth(props: Partial<KyvernoImageValidatingPolicyProps> = {}) {
  const chart = complianceChart();
  const policy = new KyvernoImageValidatingPolicy(chart, 'p', { ...base, ...props });
  const [obj] = Testing.synth(chart);
  return { policy, obj };
}

/**
 * Evaluates the emitted variables and validation with a real CEL engine. `verifyImageSignatures` stands in for
 * Kyverno's: it returns how many of the given attestors signed the image (`signatures` maps image → attestors).
 */
function admits(obj: any, pod: unknown, signatures: Record<string, string[]>): boolean {
  const env = new Environment({ enableOptionalTypes: true, unlistedVariablesAreDyn: true, homogeneousAggregateLiterals: false });
  env.registerFunction('verifyImageSignatures(string, list): int', (image: string, attestors: string[]) =>
    BigInt(attestors.filter((a) => (signatures[image] ?? []).includes(a)).length),
  );
  const attestors = Object.fromEntries(obj.spec.attestors.map((a: any) => [a.name, a.name]));
  const context: any = { object: toCel(pod), variables: {}, attestors };
  for (const v of obj.spec.variables) context.variables[v.name] = env.evaluate(v.expression, context);
  const [validation] = obj.spec.validations;
  return env.evaluate(validation.expression, context) as boolean;
}

const pod = (images: string[], init: string[] = []) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'payments' },
  spec: { containers: images.map((image, i) => ({ name: `c${i}`, image })), ...(init.length ? { initContainers: init.map((image, i) => ({ name: `i${i}`, image })) } : {}) },
});
const deployment = (images: string[]) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { template: pod(images) } });
const cronJob = (images: string[]) => ({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { jobTemplate: { spec: { template: pod(images) } } } });

describe('KyvernoImageValidatingPolicy', () => {
  describe('HL-IMG-001: images matching a signing pattern are admitted only with a verified cosign signature', () => {
    test('compliant: an ImageValidatingPolicy with one attestor per key and one for the keyless identities, verifying every matched image', () => {
      const { obj, policy } = synth();
      expect(obj.apiVersion).toBe('policies.kyverno.io/v1');
      expect(obj.kind).toBe('ImageValidatingPolicy');
      expect(obj.metadata.namespace).toBeUndefined();
      expect(obj.spec.validationActions).toEqual(['Deny']);
      expect(obj.spec.failurePolicy).toBe('Fail');
      expect(obj.spec.matchImageReferences).toEqual([{ glob: 'ghcr.io/acme/*' }, { glob: 'registry.acme.example/*' }]);
      expect(obj.spec.attestors).toEqual([
        { name: 'key0', cosign: { key: { data: KEY } } },
        { name: 'keyless', cosign: { keyless: { identities: [GITHUB] } } },
      ]);
      expect(obj.spec.validationConfigurations).toEqual({ mutateDigest: false, verifyDigest: false, required: true });
      expect(obj.spec.autogen).toEqual({ podControllers: { controllers: [] } });
      expect(obj.spec.validations[0].expression).toBe(policy.expression);
      expect(policy.expression).toContain('verifyImageSignatures(i, [attestors.key0, attestors.keyless]) > 0');
      expect(obj.metadata.annotations['compliance.hardline.dev/controls']).toBe('HL-IMG-001');
      expect(obj.metadata.annotations['compliance.hardline.dev/cis-kubernetes']).toBe('5.5.1');
      expect(obj.metadata.annotations['compliance.hardline.dev/soc2']).toBe('CC6.8,CC8.1');
    });

    test('compliant: the CEL admits a Pod, Deployment or CronJob whose matched images are signed by any declared attestor', () => {
      const { obj } = synth();
      const a = 'registry.acme.example/payments/api@sha256:' + 'a'.repeat(64);
      const b = 'ghcr.io/acme/sidecar:1.2.3';
      const signed = { [a]: ['key0'], [b]: ['keyless'] };
      for (const o of [pod([a, b]), deployment([a, b]), cronJob([a, b]), pod([a], [b])]) {
        expect(admits(obj, o, signed)).toBe(true);
      }
    });

    test('non-compliant: an unsigned (or wrongly signed) matched image in any container list is refused', () => {
      const { obj } = synth();
      const a = 'registry.acme.example/payments/api:1.0';
      const b = 'ghcr.io/acme/sidecar:1.2.3';
      expect(admits(obj, pod([a, b]), { [a]: ['key0'] })).toBe(false);
      expect(admits(obj, pod([a], [b]), { [a]: ['key0'] })).toBe(false);
      expect(admits(obj, deployment([a]), { [a]: ['some-other-key'] })).toBe(false);
      expect(admits(obj, cronJob([a]), {})).toBe(false);
    });

    test('compliant: images no pattern matches are left to the other rules (registry allow-list), not verified here', () => {
      const { obj } = synth();
      expect(admits(obj, pod(['docker.io/library/busybox:1.36']), {})).toBe(true);
      // A look-alike registry does not match: the dot is literal, and the pattern is anchored.
      expect(admits(obj, pod(['registryXacme.example/x:1']), {})).toBe(true);
      expect(admits(obj, pod(['evil.example/registry.acme.example/x:1']), {})).toBe(true);
      expect(admits(obj, pod(['registry.acme.example/x:1']), {})).toBe(false);
    });

    test('image globs become anchored regular expressions with literal dots', () => {
      expect(imageGlobRegex('registry.acme.example/*')).toBe('^registry\\.acme\\.example/.*$');
      expect(imageGlobRegex('ghcr.io/acme/app:v?')).toBe('^ghcr\\.io/acme/app:v.$');
      expect(new RegExp(imageGlobRegex('ghcr.io/acme/*')).test('ghcr.io/acme/a/b:1')).toBe(true);
      expect(new RegExp(imageGlobRegex('ghcr.io/acme/*')).test('ghcr.io/acmeevil/a:1')).toBe(false);
    });

    test('compliant: Audit becomes Audit and Warn; HL-ADM-009 is claimed only when given', () => {
      const { obj } = synth({ enforcement: KyvernoEnforcement.AUDIT, tiers: ['development'] });
      expect(obj.spec.validationActions).toEqual(['Audit', 'Warn']);
      expect(obj.spec.matchConstraints.namespaceSelector.matchExpressions[0].values).toEqual(['development']);
      expect(synth({ extraControls: [ADM_ENFORCEMENT] }).obj.metadata.annotations['compliance.hardline.dev/controls']).toBe('HL-ADM-009,HL-IMG-001');
    });

    test.each([
      [{ images: [] }, /images is empty/],
      [{ images: ['Registry.ACME/*'] }, /image pattern "Registry.ACME\/\*"/],
      [{ images: ["x'/*"] }, /image pattern/],
      [{ publicKeys: [], keyless: [] }, /give publicKeys or keyless/],
      [{ publicKeys: ['not a key'] }, /publicKeys\[0\] is not a PEM/],
      [{ keyless: [{ issuer: 'http://insecure', subject: 'x' }] }, /issuer "http:\/\/insecure"/],
      [{ keyless: [{ issuer: GITHUB.issuer, subject: '' }] }, /subject must be/],
      [{ name: 'Bad_Name' }, /policy name/],
    ])('invalid props throw naming the field: %j', (props, message) => {
      expect(() => synth(props as Partial<KyvernoImageValidatingPolicyProps>)).toThrow(message);
    });
  });
});

describeWithShared('KyvernoImageValidatingPolicy against the Kyverno v1.19.0 CRD', (shared) => {
  test('keys only, keyless only and both validate against policies.kyverno.io/v1 ImageValidatingPolicy', () => {
    const crds = new KyvernoSchemas(shared, 'v1.19.0');
    for (const props of [{ keyless: [] }, { publicKeys: [] }, {}]) {
      const { obj } = synth(props);
      expect({ props, errors: crds.errors(obj), deprecated: crds.deprecated(obj) }).toEqual({ props, errors: [], deprecated: false });
    }
  });
});
