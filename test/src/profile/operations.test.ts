import * as path from 'path';
import { loadProfile, parseProfile } from '../../../src/profile/load-profile';
import { DEFAULT_AUDIT_RETENTION_DAYS, TIER_QUOTA_DEFAULTS } from '../../../src/profile/operations';
import { defaultProfile, ROOT, TODAY } from '../../helpers/synth';
import { problems } from '../../helpers/profile-problems';

const parse = (text: string) => parseProfile(text, 'p.yaml', { today: TODAY, baseDir: ROOT });


/** A profile; `spec` lines go after cluster, each indented by two spaces. */
function profile(spec: string): string {
  return ['apiVersion: hardline.dev/v1alpha1', 'kind: Profile', 'metadata: { name: ops }', 'spec:', '  cluster: { name: c, kubernetesVersion: "1.28" }', spec, ''].join('\n');
}

const NS = ['  namespaces:', '    - name: payments', '    - name: checkout', '    - name: tools', '      tier: development'].join('\n');
const EXPIRES = 'reason: "vendor needs it until the rewrite (SEC-9)", owner: ops@acme.example, approvedBy: ciso@acme.example, ticket: SEC-9, expires: 2027-06-30';

describe('operations settings of a profile', () => {
  test('defaults: 90-day audit retention, tier quota defaults, no backups or budgets unless declared', () => {
    const p = parse(profile(NS));
    expect(p.operations?.audit.retentionDays).toBe(DEFAULT_AUDIT_RETENTION_DAYS);
    expect(p.operations?.backup).toBeUndefined();
    expect(p.operations?.quotas.payments).toEqual(TIER_QUOTA_DEFAULTS.production);
    expect(p.operations?.quotas.tools).toEqual(TIER_QUOTA_DEFAULTS.development);
    expect(p.operations?.workloads.payments).toEqual([]);
  });

  test('quota: namespace keys override tier keys, which override the built-in defaults', () => {
    const p = parse(
      profile(
        [
          '  tiers:',
          '    production: { quota: { pods: 70, requests.cpu: "6", defaultLimit: { memory: 1Gi } } }',
          NS,
          '      quota: { pods: 20 }',
          '    - name: api',
          '      quota: { requests.cpu: 500m, defaultRequest: { cpu: 50m } }',
        ].join('\n'),
      ),
    );
    expect(p.operations?.quotas.api).toMatchObject({ pods: 70, 'requests.cpu': '500m', defaultRequest: { cpu: '50m', memory: '128Mi' }, defaultLimit: { cpu: '500m', memory: '1Gi' } });
    expect(p.operations?.quotas.payments).toMatchObject({ pods: 70, 'requests.cpu': '6' });
    expect(p.operations?.quotas.tools).toMatchObject({ pods: 20, 'requests.cpu': '2' });
  });

  test('extends: tier quota keys merge, the leaf retention wins, schedules are replaced by name, Velero settings merge', () => {
    const p = loadProfile(path.join(ROOT, 'test', 'fixtures', 'profiles', 'valid', 'ops-leaf.yaml'), { today: TODAY });
    const ops = p.operations!;
    expect(ops.audit.retentionDays).toBe(45);
    expect(ops.quotas.api).toMatchObject({ pods: 120, 'requests.cpu': '6', 'limits.cpu': '16' });
    expect(ops.backup).toMatchObject({ namespace: 'backups', storageLocation: 'base-bucket', uncovered: [] });
    expect(ops.backup?.schedules.map((s) => [s.name, s.schedule, s.retentionDays])).toEqual([
      ['daily', '30 1 * * *', 14],
      ['weekly', '0 4 * * 0', 90],
    ]);
  });

  test('the default profile resolves budgets, a quota override and schedules covering every production namespace', () => {
    const ops = defaultProfile(TODAY).operations!;
    expect(ops.workloads.payments.map((w) => w.name)).toEqual(['ledger', 'payments-api']);
    expect(ops.workloads.checkout.map((w) => w.name)).toEqual(['checkout-web']);
    expect(ops.quotas.payments.pods).toBe(200);
    expect(ops.backup?.uncovered).toEqual([]);
    expect(ops.backup?.schedules.find((s) => s.name === 'production-daily')?.includedNamespaces).toEqual(['checkout', 'legacy-billing', 'payments']);
  });

  describe('HL-AUD-002 in the profile: audit retention', () => {
    test('retention below 30 days is an error citing CIS 1.2.17, at the value', () => {
      expect(problems(() => parse(profile(`${NS}\n  audit: { retentionDays: 14 }`)))).toEqual([
        'p.yaml:11:27: spec.audit.retentionDays: audit logs kept 14 days; CIS 1.2.17 asks for at least 30 (HL-AUD-002). Raise it, or add an exception for HL-AUD-002 with a reason, owner and expiry',
      ]);
    });

    test('non-compliant when exception: an HL-AUD-002 exception allows it', () => {
      const p = parse(profile(`${NS}\n  audit: { retentionDays: 14 }\n  exceptions:\n    - { control: HL-AUD-002, ${EXPIRES} }`));
      expect(p.operations?.audit.retentionDays).toBe(14);
    });
  });

  describe('HL-AVL-001 in the profile: PodDisruptionBudgets that block drains are errors', () => {
    const workloads = (lines: string[]) => profile([NS, '      workloads:', ...lines.map((l) => `        ${l}`)].join('\n'));
    test.each([
      ['maxUnavailable 0', '- { name: api, selector: { matchLabels: { app: api } }, replicas: 3, maxUnavailable: 0 }', 'p.yaml:12:94: spec.namespaces[2].workloads[0].maxUnavailable: PodDisruptionBudget of "tools/api": maxUnavailable 0 lets no pod be evicted'],
      ['maxUnavailable "0%"', '- { name: api, selector: { matchLabels: { app: api } }, replicas: 3, maxUnavailable: "0%" }', 'p.yaml:12:94: spec.namespaces[2].workloads[0].maxUnavailable: PodDisruptionBudget of "tools/api": maxUnavailable "0%" lets no pod be evicted'],
      ['minAvailable = replicas', '- { name: api, selector: { matchLabels: { app: api } }, replicas: 3, minAvailable: 3 }', 'p.yaml:12:92: spec.namespaces[2].workloads[0].minAvailable: PodDisruptionBudget of "tools/api": minAvailable 3 is not below replicas 3'],
      ['minAvailable 100%', '- { name: api, selector: { matchLabels: { app: api } }, replicas: 3, minAvailable: "100%" }', 'p.yaml:12:92: spec.namespaces[2].workloads[0].minAvailable: PodDisruptionBudget of "tools/api": minAvailable "100%" is not below replicas 3'],
      ['both set', '- { name: api, selector: { matchLabels: { app: api } }, replicas: 3, minAvailable: 1, maxUnavailable: 1 }', 'p.yaml:12:11: spec.namespaces[2].workloads[0]: PodDisruptionBudget of "tools/api": set exactly one of minAvailable or maxUnavailable (both are set)'],
      ['neither set', '- { name: api, selector: { matchLabels: { app: api } }, replicas: 3 }', 'p.yaml:12:11: spec.namespaces[2].workloads[0]: PodDisruptionBudget of "tools/api": set exactly one of minAvailable or maxUnavailable (neither is set)'],
      ['minAvailable 0 protects nothing', '- { name: api, selector: { matchLabels: { app: api } }, replicas: 3, minAvailable: 0 }', 'p.yaml:12:92: spec.namespaces[2].workloads[0].minAvailable: PodDisruptionBudget of "tools/api": minAvailable 0 lets all 3 replicas be evicted at once'],
      ['one replica', '- { name: api, selector: { matchLabels: { app: api } }, replicas: 1, maxUnavailable: 1 }', 'p.yaml:12:75: spec.namespaces[2].workloads[0].replicas: PodDisruptionBudget of "tools/api": replicas 1: a PodDisruptionBudget needs at least 2 replicas'],
    ])('%s', (_name, line, expected) => {
      const lines = problems(() => parse(workloads([line])));
      expect(lines).toHaveLength(1);
      expect(lines[0].startsWith(expected)).toBe(true);
      expect(lines[0]).toMatch(/HL-AVL-001/);
    });

    test('drain-blocking budgets explain why: node drains and patching', () => {
      const [line] = problems(() => parse(workloads(['- { name: api, selector: { matchLabels: { app: api } }, replicas: 2, maxUnavailable: 0 }'])));
      expect(line).toMatch(/blocks `kubectl drain`, so node upgrades and patching stall/);
    });

    test('non-compliant when exception: an HL-AVL-001 exception does not make a drain-blocking budget acceptable', () => {
      const text = workloads(['- { name: api, selector: { matchLabels: { app: api } }, replicas: 2, minAvailable: 2 }']) + `  exceptions:\n    - { control: HL-AVL-001, ${EXPIRES} }\n`;
      expect(problems(() => parse(text)).join('\n')).toMatch(/minAvailable 2 is not below replicas 2/);
    });

    test('a duplicate workload name and a bad name are located', () => {
      const lines = problems(() =>
        parse(workloads(['- { name: api, selector: { matchLabels: { a: b } }, replicas: 2, maxUnavailable: 1 }', '- { name: api, selector: { matchLabels: { a: b } }, replicas: 2, maxUnavailable: 1 }'])),
      );
      expect(lines).toEqual(['p.yaml:13:19: spec.namespaces[2].workloads[1].name: workload "api" is declared twice in namespace "tools"']);
    });
  });

  describe('HL-QTA-003 in the profile: load balancers and node ports', () => {
    test('a load balancer without an exception is an error at the value, naming the namespace', () => {
      expect(problems(() => parse(profile(`${NS}\n      quota: { services.loadbalancers: 1 }`)))).toEqual([
        'p.yaml:11:40: spec.namespaces[2].quota.services.loadbalancers: namespace "tools" would allow 1 services.loadbalancers, exposing workloads outside the cluster; add an exception for HL-QTA-003 naming this namespace with a reason, owner and expiry',
      ]);
    });

    test('a tier-level node port allowance is reported at the tier, once per namespace it reaches', () => {
      const lines = problems(() => parse(profile(`  tiers:\n    development: { quota: { services.nodeports: 2 } }\n${NS}`)));
      expect(lines).toEqual([expect.stringMatching(/^p\.yaml:7:49: spec\.tiers\.development\.quota\.services\.nodeports: namespace "tools" would allow 2 services\.nodeports/)]);
    });

    test('non-compliant when exception: an HL-QTA-003 exception naming the namespace allows it', () => {
      const p = parse(profile(`${NS}\n      quota: { services.loadbalancers: 1 }\n  exceptions:\n    - { control: HL-QTA-003, namespaces: [tools], ${EXPIRES} }`));
      expect(p.operations?.quotas.tools['services.loadbalancers']).toBe(1);
    });

    test('bad quantities and a default limit below the request are located', () => {
      const lines = problems(() => parse(profile(`${NS}\n      quota: { requests.cpu: two, defaultRequest: { memory: 1Gi }, defaultLimit: { memory: 256Mi } }`)));
      expect(lines).toEqual([
        'p.yaml:11:30: spec.namespaces[2].quota.requests.cpu: requests.cpu "two" is not a Kubernetes quantity such as "500m", "2", "512Mi" or "4Gi"',
        'p.yaml:11:92: spec.namespaces[2].quota.defaultLimit.memory: namespace "tools": default limit memory is below the default request memory',
      ]);
    });
  });

  describe('HL-BAK-001 in the profile: backup coverage', () => {
    const backup = (schedules: string[], extra: string[] = []) =>
      profile([NS, '  backup:', ...extra, '    schedules:', ...schedules.map((s) => `      ${s}`)].join('\n'));

    test('includedNamespaces defaults to every production namespace; velero and default are the defaults', () => {
      const p = parse(backup(['- { name: daily, schedule: "0 2 * * *", retentionDays: 30 }']));
      expect(p.operations?.backup).toEqual({
        namespace: 'velero',
        storageLocation: 'default',
        uncovered: [],
        schedules: [{ name: 'daily', schedule: '0 2 * * *', retentionDays: 30, includedNamespaces: ['checkout', 'payments'] }],
      });
    });

    test('a production namespace covered by no schedule is an error at the namespace', () => {
      expect(problems(() => parse(backup(['- { name: daily, schedule: "0 2 * * *", retentionDays: 30, includedNamespaces: [payments, tools] }'])))).toEqual([
        `p.yaml:8:13: spec.namespaces[1].name: production namespace "checkout" is not backed up by any schedule under spec.backup.schedules (HL-BAK-001); add it to a schedule's includedNamespaces, or add an exception for HL-BAK-001 naming it with a reason, owner and expiry`,
      ]);
    });

    test('non-compliant when exception: an HL-BAK-001 exception naming it leaves it uncovered, and the schedules record it', () => {
      const text = backup(['- { name: daily, schedule: "0 2 * * *", retentionDays: 30, includedNamespaces: [payments] }']) + `\n  exceptions:\n    - { control: HL-BAK-001, namespaces: [checkout], ${EXPIRES} }`;
      expect(parse(text).operations?.backup?.uncovered).toEqual(['checkout']);
    });

    test('an unknown namespace, a bad cron, a bad Velero namespace and contradictory volume choices are located', () => {
      const lines = problems(() =>
        parse(
          backup(
            ['- { name: daily, schedule: "0 2 * *", retentionDays: 30, includedNamespaces: [payments, checkout, ghost], snapshotVolumes: true, defaultVolumesToFsBackup: true }'],
            ['    namespace: Velero_NS'],
          ),
        ),
      );
      expect(lines).toEqual([
        expect.stringMatching(/^p\.yaml:12:16: spec\.backup\.namespace: "Velero_NS" is not a DNS-1123 label/),
        'p.yaml:14:34: spec.backup.schedules[0].schedule: schedule "0 2 * *" has 4 fields; write five (minute hour day-of-month month day-of-week), e.g. "0 2 * * *"',
        'p.yaml:14:105: spec.backup.schedules[0].includedNamespaces[2]: namespace "ghost" is not declared under spec.namespaces',
        'p.yaml:14:162: spec.backup.schedules[0].defaultVolumesToFsBackup: snapshotVolumes and defaultVolumesToFsBackup are both true; choose snapshots or file-system backup',
      ]);
    });
  });
});
