import { Testing } from 'cdk8s';
import { VeleroBackupSchedule, VeleroBackupScheduleProps } from '../../constructs';
import { complianceChart, exception } from '../helpers/chart';
import { CrdSchemas } from '../helpers/crd-schema';
import { describeWithShared } from '../helpers/shared';

const base: VeleroBackupScheduleProps = { name: 'daily', schedule: '0 2 * * *', retentionDays: 30, includedNamespaces: ['payments', 'checkout'] };

function synth(props: Partial<VeleroBackupScheduleProps> = {}) {
  const chart = complianceChart();
  new VeleroBackupSchedule(chart, 'schedule', { ...base, ...props });
  return Testing.synth(chart)[0];
}

describe('VeleroBackupSchedule', () => {
  describe('HL-BAK-001: production namespaces are backed up on a schedule with a retention', () => {
    test('compliant: a velero.io/v1 Schedule in the velero namespace, TTL from days, namespaces sorted, snapshots on', () => {
      const s = synth();
      expect(s.apiVersion).toBe('velero.io/v1');
      expect(s.kind).toBe('Schedule');
      expect(s.metadata).toMatchObject({ name: 'daily', namespace: 'velero' });
      expect(s.spec.schedule).toBe('0 2 * * *');
      expect(s.spec.template).toEqual({
        includedNamespaces: ['checkout', 'payments'],
        storageLocation: 'default',
        ttl: '720h0m0s',
        snapshotVolumes: true,
        defaultVolumesToFsBackup: false,
      });
      expect(s.metadata.annotations['compliance.hardline.dev/controls']).toBe('HL-BAK-001');
      expect(s.metadata.annotations['compliance.hardline.dev/soc2']).toBe('A1.2');
    });

    test('compliant: namespace, storage location, retention and file-system backup are configurable', () => {
      const s = synth({ namespace: 'backups', storageLocation: 's3-eu', retentionDays: 1, defaultVolumesToFsBackup: true });
      expect(s.metadata.namespace).toBe('backups');
      expect(s.spec.template).toMatchObject({ storageLocation: 's3-eu', ttl: '24h0m0s', snapshotVolumes: false, defaultVolumesToFsBackup: true });
    });

    test.each([
      [{ schedule: '0 2 * *' }, /has 4 fields; write five/],
      [{ schedule: '@daily' }, /has 1 fields/],
      [{ schedule: '61 2 * * *' }, /minute "61" is not a number from 0 to 59/],
      [{ schedule: '0 2 * 13 *' }, /month "13"/],
      [{ retentionDays: 0 }, /retentionDays 0 must be a whole number of days/],
      [{ includedNamespaces: [] }, /includedNamespaces is empty/],
      [{ snapshotVolumes: true, defaultVolumesToFsBackup: true }, /choose snapshots or file-system backup/],
      [{ name: 'Daily' }, /not a DNS-1123 label/],
    ])('non-compliant: %j throws', (props, message) => {
      expect(() => synth(props as Partial<VeleroBackupScheduleProps>)).toThrow(message);
    });

    test('cron ranges, lists and steps are accepted', () => {
      expect(synth({ schedule: '*/15 1-5 1,15 * 0-6' }).spec.schedule).toBe('*/15 1-5 1,15 * 0-6');
    });

    test('non-compliant when exception: a production namespace left out under HL-BAK-001 is recorded and A1.2 is not claimed', () => {
      const s = synth({ exceptions: [exception('HL-BAK-001', ['legacy'])] });
      const a = s.metadata.annotations;
      expect(a['compliance.hardline.dev/exceptions']).toBe('HL-BAK-001');
      expect(a['compliance.hardline.dev/soc2']).toBeUndefined();
    });
  });
});

describeWithShared('VeleroBackupSchedule against ../shared/schemas/velero/v1.18.1', (shared) => {
  test('the Schedule validates strictly against the v1.18.1 Schedule CRD schema', () => {
    const schemas = new CrdSchemas(shared);
    expect(schemas.errors(synth())).toEqual([]);
    expect(schemas.errors(synth({ defaultVolumesToFsBackup: true }))).toEqual([]);
  });
});
