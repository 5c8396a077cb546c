import { ApiObject } from 'cdk8s';
import { PlainApiObject } from './_plain-api-object';
import { Construct } from 'constructs';
import { BACKUP_SCHEDULE, ControlException } from '../src/controls';
import { annotateControls } from './_annotate-controls';
import { cronProblem } from './_cron';
import { dns1123LabelProblem } from './_names';

/** Properties for `VeleroBackupSchedule`. */
export interface VeleroBackupScheduleProps {
  /**
   * Name of the Schedule (Velero names its backups `<name>-<timestamp>`).
   */
  readonly name: string;
  /**
   * Namespace Velero runs in; Schedules must live there.
   *
   * @default 'velero'
   */
  readonly namespace?: string;
  /**
   * When to back up: a five-field cron expression in UTC, e.g. `0 2 * * *`.
   *
   * @see https://velero.io/docs/v1.18/backup-reference/#schedule-a-backup
   */
  readonly schedule: string;
  /**
   * Days each backup is kept; becomes the backup TTL (`720h0m0s` for 30 days).
   */
  readonly retentionDays: number;
  /**
   * Namespaces backed up; written sorted.
   */
  readonly includedNamespaces: readonly string[];
  /**
   * Name of the Velero BackupStorageLocation the backups are written to.
   *
   * @default 'default'
   */
  readonly storageLocation?: string;
  /**
   * Whether persistent volumes are snapshotted with the cloud provider's snapshots.
   *
   * @default - true, unless defaultVolumesToFsBackup is true
   */
  readonly snapshotVolumes?: boolean;
  /**
   * Whether every pod volume is backed up by Velero's file-system backup (Kopia) instead of snapshots.
   *
   * @default false
   */
  readonly defaultVolumesToFsBackup?: boolean;
  /**
   * Exceptions to HL-BAK-001 in force (production namespaces left out of every schedule); recorded on the object.
   *
   * @default - none
   */
  readonly exceptions?: readonly ControlException[];
}

/**
 * A Velero `Schedule` (`velero.io/v1`) that backs up the given namespaces on a cron schedule and keeps
 * each backup for the retention. Implements HL-BAK-001.
 */
export class VeleroBackupSchedule extends Construct {
  /** Schedule name. */
  public readonly name: string;
  /** Velero namespace. */
  public readonly namespace: string;
  /** Namespaces backed up, sorted. */
  public readonly includedNamespaces: readonly string[];
  /** The emitted Schedule. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: VeleroBackupScheduleProps) {
    super(scope, id);
    this.name = props.name;
    this.namespace = props.namespace ?? 'velero';
    const problems = [
      dns1123LabelProblem(this.name) && `name ${dns1123LabelProblem(this.name)}`,
      dns1123LabelProblem(this.namespace) && `namespace ${dns1123LabelProblem(this.namespace)}`,
      cronProblem(props.schedule),
      Number.isInteger(props.retentionDays) && props.retentionDays >= 1
        ? undefined
        : `retentionDays ${props.retentionDays} must be a whole number of days, at least 1`,
      props.includedNamespaces.length === 0 ? 'includedNamespaces is empty; a schedule must back up at least one namespace' : undefined,
      props.snapshotVolumes && props.defaultVolumesToFsBackup
        ? 'snapshotVolumes and defaultVolumesToFsBackup are both true; choose snapshots or file-system backup'
        : undefined,
    ].filter((p): p is string => typeof p === 'string' && p.length > 0);
    if (problems.length > 0) throw new Error(`Velero Schedule "${this.name}": ${problems.join('; ')}.`);
    this.includedNamespaces = [...new Set(props.includedNamespaces)].sort();
    const fsBackup = props.defaultVolumesToFsBackup ?? false;
    this.apiObject = new PlainApiObject(this, 'Resource', {
      apiVersion: 'velero.io/v1',
      kind: 'Schedule',
      metadata: { name: this.name, namespace: this.namespace },
      spec: {
        schedule: props.schedule.trim().split(/\s+/).join(' '),
        useOwnerReferencesInBackup: false,
        template: {
          includedNamespaces: this.includedNamespaces,
          storageLocation: props.storageLocation ?? 'default',
          ttl: retentionTtl(props.retentionDays),
          snapshotVolumes: props.snapshotVolumes ?? !fsBackup,
          defaultVolumesToFsBackup: fsBackup,
        },
      },
    });
    annotateControls(
      this.apiObject,
      [BACKUP_SCHEDULE],
      (props.exceptions ?? []).filter((e) => e.control === BACKUP_SCHEDULE.id),
    );
  }
}

/** Turns whole days into a Go duration string, as Velero writes TTLs: 30 → `720h0m0s`. */
function retentionTtl(days: number): string {
  return `${days * 24}h0m0s`;
}
