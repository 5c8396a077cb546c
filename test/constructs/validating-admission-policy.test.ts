import { Testing } from 'cdk8s';
import { NativeAdmissionPolicySet } from '../../constructs/native-admission-policy-set';
import { complianceChart } from '../helpers/chart';

test('validating-admission-policy: emitted by the native set with pods/ephemeralcontainers matched and claims stamped', () => {
  const chart = complianceChart({ profile: 'native', kubernetesVersion: '1.32' });
  new NativeAdmissionPolicySet(chart, 'set');
  const out = Testing.synth(chart);
  const vap = out.find((m: any) => m.kind === 'ValidatingAdmissionPolicy')!;
  expect(JSON.stringify(vap.spec.matchConstraints)).toContain('pods/ephemeralcontainers');
  const b = out.find((m: any) => m.kind === 'ValidatingAdmissionPolicyBinding')!;
  expect(b.metadata.annotations['compliance.hardline.dev/controls']).toMatch(/HL-ADM/);
});
