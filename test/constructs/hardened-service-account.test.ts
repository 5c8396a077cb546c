import { Testing } from 'cdk8s';
import { HardenedServiceAccount } from '../../constructs';
import { complianceChart, exception } from '../helpers/chart';

describe('HardenedServiceAccount', () => {
  describe('HL-SA-001: the default ServiceAccount does not automount a token', () => {
    test('compliant: default is emitted with automountServiceAccountToken false', () => {
      // GIVEN
      const chart = complianceChart();
      // WHEN
      new HardenedServiceAccount(chart, 'sa');
      // THEN
      const [sa] = Testing.synth(chart);
      expect(sa.metadata).toMatchObject({ name: 'default', namespace: 'team-a' });
      expect(sa.automountServiceAccountToken).toBe(false);
      expect(sa.metadata.annotations['compliance.hardline.dev/controls']).toBe('HL-SA-001');
      expect(sa.metadata.annotations['compliance.hardline.dev/cis-kubernetes']).toBe('5.1.5,5.1.6');
    });

    test('non-compliant without an exception: automounting on default throws naming HL-SA-001', () => {
      expect(() => new HardenedServiceAccount(complianceChart(), 'sa', { automountToken: true })).toThrow(/HL-SA-001/);
    });
  });

  describe('HL-SA-002: workload ServiceAccounts do not automount tokens unless excepted', () => {
    test('compliant: a named service account does not automount', () => {
      const chart = complianceChart();
      new HardenedServiceAccount(chart, 'sa', { name: 'api', namespace: 'payments' });
      const [sa] = Testing.synth(chart);
      expect(sa.metadata).toMatchObject({ name: 'api', namespace: 'payments' });
      expect(sa.automountServiceAccountToken).toBe(false);
      expect(sa.metadata.annotations['compliance.hardline.dev/controls']).toBe('HL-SA-002');
      expect(sa.metadata.annotations['compliance.hardline.dev/cis-kubernetes']).toBe('5.1.6');
    });

    test('non-compliant without an exception: automountToken true throws naming HL-SA-002', () => {
      expect(() => new HardenedServiceAccount(complianceChart(), 'sa', { name: 'operator', automountToken: true })).toThrow(
        /automountToken: true needs an exception for HL-SA-002/,
      );
    });

    test('non-compliant when exception: the token is mounted, the exception recorded, no CIS or SOC 2 claimed', () => {
      const chart = complianceChart();
      new HardenedServiceAccount(chart, 'sa', { name: 'operator', automountToken: true, exceptions: [exception('HL-SA-002')] });
      const [sa] = Testing.synth(chart);
      expect(sa.automountServiceAccountToken).toBe(true);
      const a = sa.metadata.annotations;
      expect(a['compliance.hardline.dev/controls']).toBe('HL-SA-002');
      expect(a['compliance.hardline.dev/exceptions']).toBe('HL-SA-002');
      expect(a['compliance.hardline.dev/cis-kubernetes']).toBeUndefined();
      expect(a['compliance.hardline.dev/soc2']).toBeUndefined();
    });

    test('an invalid name throws with a suggestion', () => {
      expect(() => new HardenedServiceAccount(complianceChart(), 'sa', { name: 'My SA' })).toThrow(/Did you mean "my-sa"/);
    });
  });
});
