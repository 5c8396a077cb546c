/**
 * Controls implemented by Velero backup schedules.
 */
import { Control } from './types';

/** Every production namespace is backed up on a schedule. */
export const BACKUP_SCHEDULE: Control = {
  id: 'HL-BAK-001',
  title: 'Every production namespace is covered by a Velero backup schedule with a defined retention',
  rationale:
    'Recovery needs a recent backup: Velero Schedules back up the declared namespaces (every production ' +
    'namespace unless an exception names it) on a cron schedule and keep each backup for the retention in ' +
    'the profile, to a named storage location.',
  evidence: 'kubectl get <objects> -o \'custom-columns=NAME:.metadata.name,SCHEDULE:.spec.schedule,TTL:.spec.template.ttl,NAMESPACES:.spec.template.includedNamespaces\'',
  cis: [],
  // Not A1.3 (recovery plan testing): a Schedule takes backups; nothing here restores one or tests a recovery.
  soc2: [
    {
      id: 'A1.2',
      why: 'Data backup processes for production namespaces are defined and run on a schedule.',
    },
  ],
};
