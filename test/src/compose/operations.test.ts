import { ProfileError } from '../../../src/errors';
import { parseProfile } from '../../../src/profile/load-profile';
import { renderProfile } from '../../../src/synth/synthesize-profile';
import { findObject, profileYaml, renderYaml, ROOT, TODAY } from '../../helpers/synth';

const namespaces = [
  '    - name: payments',
  '      workloads:',
  '        - { name: api, selector: { matchLabels: { app: api } }, replicas: 3, minAvailable: 2 }',
  '    - name: legacy',
  '    - name: web-staging',
  '      tier: staging',
].join('\n');
const backup = '  backup:\n    storageLocation: s3\n    schedules:\n      - { name: nightly, schedule: "0 1 * * *", retentionDays: 7, includedNamespaces: [payments] }';
const EXPIRES = 'reason: "decommissioned in Q1, no data worth keeping (OPS-7)", owner: ops@acme.example, approvedBy: ciso@acme.example, ticket: OPS-7, expires: 2027-06-30';

describe('operations composition', () => {
  test('each namespace gets its budgets, a ResourceQuota and a LimitRange from its tier', () => {
    const objects = renderYaml(profileYaml({ namespaces }));
    expect(findObject(objects, 'PodDisruptionBudget', 'api', 'payments').spec).toMatchObject({ minAvailable: 2, unhealthyPodEvictionPolicy: 'AlwaysAllow' });
    expect((findObject(objects, 'ResourceQuota', 'compute', 'payments').spec as any).hard.pods).toBe('100');
    expect((findObject(objects, 'ResourceQuota', 'compute', 'web-staging').spec as any).hard.pods).toBe('50');
    expect(findObject(objects, 'LimitRange', 'container-defaults', 'legacy').kind).toBe('LimitRange');
  });

  test('the audit policy goes to control-plane/, out of the kustomization, with its flags and managed-cluster notes', () => {
    const { objects, files } = renderProfile(parseProfile(profileYaml({ namespaces, extra: '  audit: { retentionDays: 45 }' }), 'p.yaml', { today: TODAY, baseDir: ROOT }));
    const policy = objects.find((o) => o.manifest.kind === 'Policy')!;
    expect(policy.file).toBe('control-plane/policy-audit-policy.yaml');
    expect(policy.kustomize).toBe(false);
    expect(files.get('kustomization.yaml')).not.toContain('control-plane/');
    const flagsObject = objects.find((o) => o.manifest.kind === 'KubeApiServerFlags')!;
    expect(flagsObject.file).toBe('control-plane/kubeapiserverflags-audit-log.yaml');
    expect(flagsObject.kustomize).toBe(false);
    const flags = files.get(flagsObject.file)!;
    expect(flags).toContain('--audit-log-maxage=45');
    expect(flags).toMatch(/- cis:\n\s+- 1\.2\.16\n\s+flag: --audit-log-path\n\s+value: \/var\/log\/kubernetes\/audit\/audit.log/);
    const readme = files.get('control-plane/README.md')!;
    for (const provider of ['EKS', 'GKE', 'AKS']) expect(readme).toContain(provider);
  });

  test('Velero schedules go to backup/, in the Velero namespace, listed in the kustomization', () => {
    const text = profileYaml({ namespaces, extra: backup, exceptions: `    - { control: HL-BAK-001, namespaces: [legacy], ${EXPIRES} }` });
    const { objects, files } = renderProfile(parseProfile(text, 'p.yaml', { today: TODAY, baseDir: ROOT }));
    const schedule = findObject(objects, 'Schedule', 'nightly', 'velero');
    expect((schedule.spec as any).template).toMatchObject({ includedNamespaces: ['payments'], storageLocation: 's3', ttl: '168h0m0s' });
    expect(files.get('kustomization.yaml')).toContain('backup/schedule-nightly.yaml');
    // legacy is left out under the exception, so the schedule records it and claims no SOC 2 criteria.
    expect((schedule.metadata as any).annotations['compliance.hardline.dev/exceptions']).toBe('HL-BAK-001');
  });

  test('without the exception the uncovered production namespace fails the profile', () => {
    expect(() => renderYaml(profileYaml({ namespaces, extra: backup }))).toThrow(ProfileError);
    expect(() => renderYaml(profileYaml({ namespaces, extra: backup }))).toThrow(/production namespace "legacy" is not backed up/);
  });
});

describe('operations composition on a managed control plane (issue 15)', () => {
  test.each(['eks', 'gke', 'aks'])('%s: no control-plane files are emitted; the self-managed default still writes them', (provider) => {
    const exception = `    - { control: HL-BAK-001, namespaces: [legacy], ${EXPIRES} }`;
    const text = (p: string) => profileYaml({ namespaces, extra: backup, exceptions: exception }).replace('kubernetesVersion: "1.28" }', `kubernetesVersion: "1.28", provider: ${p} }`);
    const managed = renderProfile(parseProfile(text(provider), 'p.yaml', { today: TODAY, baseDir: ROOT }));
    expect([...managed.files.keys()].filter((f) => f.startsWith('control-plane/'))).toEqual([]);
    expect(managed.objects.some((o) => o.manifest.kind === 'Policy')).toBe(false);
    expect(managed.objects.some((o) => o.manifest.kind === 'Schedule')).toBe(true);
    const selfManaged = renderProfile(parseProfile(text('self-managed'), 'p.yaml', { today: TODAY, baseDir: ROOT }));
    expect([...selfManaged.files.keys()].filter((f) => f.startsWith('control-plane/')).sort()).toEqual([
      'control-plane/README.md',
      'control-plane/kubeapiserverflags-audit-log.yaml',
      'control-plane/policy-audit-policy.yaml',
    ]);
  });
});
