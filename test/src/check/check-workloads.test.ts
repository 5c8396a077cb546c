import { checkWorkloads, WORKLOAD_RULES } from '../../../src/check/check-workloads';
import { parseProfile } from '../../../src/profile/load-profile';
import { compliantDeployment, rootDeployment } from '../../helpers/workloads';
import { defaultProfile, ROOT, TODAY } from '../../helpers/synth';

const profile = defaultProfile(TODAY);
const rules = (manifests: unknown[]) => checkWorkloads(manifests, profile).map((v) => v.rule.id);
const podSpec = (d: Record<string, any>) => d.spec.template.spec;

/** A one-namespace profile with admission policies and extra spec lines. */
function inline(extra: string[] = [], version = '1.28') {
  const text = [
    'apiVersion: hardline.dev/v1alpha1',
    'kind: Profile',
    'metadata: { name: t }',
    'spec:',
    `  cluster: { name: c, kubernetesVersion: "${version}" }`,
    '  namespaces: [{ name: payments }, { name: web-staging, tier: staging }]',
    '  admission: { allowedRegistries: [ghcr.io/acme], requiredLabels: [app, owner, environment] }',
    ...extra,
  ].join('\n');
  return parseProfile(text, 'inline.yaml', { today: TODAY, baseDir: ROOT });
}

describe('checkWorkloads', () => {
  test('HL-ADM-002: compliant: a non-root Deployment with a pinned image, own ServiceAccount, labels and resources passes in production', () => {
    expect(checkWorkloads([compliantDeployment()], profile)).toEqual([]);
  });

  test('HL-ADM-002: a Deployment running as root in a production namespace fails, naming workload, namespace, control, rule, container and field', () => {
    const violations = checkWorkloads([rootDeployment('payments', 'billing-api')], profile);
    expect(violations.map((v) => [v.rule.id, v.field])).toEqual([
      ['require-run-as-nonroot', 'spec.template.spec.containers[0].securityContext.runAsNonRoot'],
      ['require-run-as-non-root-user', 'spec.template.spec.securityContext.runAsUser'],
    ]);
    expect(violations[0].message).toBe(
      'Deployment "billing-api" in namespace "payments" breaks HL-ADM-002 (require-run-as-nonroot: Require runAsNonRoot, restricted Pod Security enforced in ' +
        'production namespace "payments" at 1.28): container "app" must run as non-root (runAsNonRoot: true on the Pod or the container) ' +
        '(spec.template.spec.containers[0].securityContext.runAsNonRoot)',
    );
  });

  test('HL-POD-001: non-compliant when exception names the workload: billing-engine may run as root, its sibling may not (legacy-billing)', () => {
    const engine = rootDeployment('legacy-billing', 'billing-engine');
    engine.metadata.labels = { app: 'billing-engine' };
    expect(checkWorkloads([engine], profile)).toEqual([]);
    // PSA enforces baseline there (it cannot exempt one workload); the admission policies keep restricted for the rest.
    const sibling = checkWorkloads([rootDeployment('legacy-billing', 'billing-reports')], profile);
    expect(sibling.map((v) => [v.rule.control?.id, v.rule.id])).toEqual([
      ['HL-ADM-002', 'require-run-as-nonroot'],
      ['HL-ADM-002', 'require-run-as-non-root-user'],
    ]);
    expect(sibling[0].message).toMatch(/restricted Pod Security kept by the admission policies in production namespace "legacy-billing"/);
    // rules: only the two run-as rules are lifted for billing-engine.
    podSpec(engine).containers[0].securityContext.allowPrivilegeEscalation = true;
    expect(checkWorkloads([engine], profile).map((v) => v.rule.id)).toEqual(['disallow-privilege-escalation']);
    const privileged = rootDeployment('legacy-billing', 'billing-engine');
    privileged.metadata.labels = { app: 'billing-engine' };
    podSpec(privileged).containers[0].securityContext.privileged = true;
    expect(checkWorkloads([privileged], profile).map((v) => [v.rule.control?.id, v.rule.id, v.field])).toEqual([
      ['HL-ADM-001', 'disallow-privileged-containers', 'spec.template.spec.containers[0].securityContext.privileged'],
    ]);
  });

  test('HL-ADM-001: staging enforces baseline as PSA does: restricted-only breaches pass, baseline breaches fail', () => {
    expect(checkWorkloads([rootDeployment('storefront-staging')], profile)).toEqual([]);
    const d = rootDeployment('storefront-staging');
    Object.assign(podSpec(d), { hostNetwork: true, hostPID: true, volumes: [{ name: 'root', hostPath: { path: '/' } }] });
    Object.assign(podSpec(d).containers[0], { ports: [{ containerPort: 80, hostPort: 80 }] });
    Object.assign(podSpec(d).containers[0].securityContext, { privileged: true, capabilities: { add: ['SYS_ADMIN'] } });
    const v = checkWorkloads([d], profile);
    expect(v.every((x) => x.admissionRule?.level === 'baseline')).toBe(true);
    expect(v.map((x) => x.field.replace('spec.template.spec.', ''))).toEqual([
      'containers[0].securityContext.privileged',
      'hostNetwork',
      'hostPID',
      'volumes[0].hostPath',
      'containers[0].ports[0].hostPort',
      'containers[0].securityContext.capabilities.add',
    ]);
    expect(v[0].message).toContain('HL-ADM-001 (disallow-privileged-containers: Disallow Privileged Containers, baseline Pod Security enforced in staging namespace "storefront-staging" at 1.28)');
  });

  test('restricted rules: privilege escalation, capabilities, seccomp and volume types are checked on every container', () => {
    const d = compliantDeployment();
    const spec = podSpec(d);
    spec.securityContext = { runAsNonRoot: true };
    spec.initContainers = [{ name: 'setup', image: spec.containers[0].image, resources: spec.containers[0].resources }];
    spec.volumes = [{ name: 'nfs', nfs: { server: 'x', path: '/' } }];
    const v = checkWorkloads([d], profile).map((x) => x.field.replace('spec.template.spec.', ''));
    expect(v).toEqual([
      'initContainers[0].securityContext.allowPrivilegeEscalation',
      'initContainers[0].securityContext.capabilities.drop',
      'initContainers[0].securityContext.seccompProfile.type',
      'containers[0].securityContext.seccompProfile.type',
      'volumes[0].nfs',
    ]);
  });

  test('the Pod Security rules follow the pinned Kubernetes version (tcp_rmem is safe from 1.32)', () => {
    const d = compliantDeployment();
    podSpec(d).securityContext.sysctls = [{ name: 'net.ipv4.tcp_rmem', value: '4096 87380 6291456' }];
    expect(checkWorkloads([d], inline([], '1.31')).map((v) => v.rule.id)).toEqual(['restrict-sysctls']);
    expect(checkWorkloads([d], inline([], '1.32'))).toEqual([]);
  });

  test('a volume without a source is the emptyDir the API server defaults it to', () => {
    const d = compliantDeployment();
    podSpec(d).volumes = [{ name: 'scratch' }];
    expect(checkWorkloads([d], profile)).toEqual([]);
  });

  test('HL-ADM-003..008: registries, digest, labels, Secrets in env, default ServiceAccount and requests are checked as Kyverno denies them', () => {
    const d = compliantDeployment();
    const c = podSpec(d).containers[0];
    c.image = 'docker.io/library/nginx:latest';
    c.env = [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }];
    c.resources = { requests: { cpu: '100m' } };
    d.spec.template.metadata.labels = { app: 'api' };
    delete podSpec(d).serviceAccountName;
    const v = checkWorkloads([d], profile);
    expect(v.map((x) => [x.rule.control?.id, x.rule.id, x.field.replace('spec.template.', '')])).toEqual([
      ['HL-ADM-003', 'restrict-image-registries', 'spec.containers[0].image'],
      ['HL-ADM-004', 'disallow-latest-tag', 'spec.containers[0].image'],
      ['HL-ADM-004', 'require-image-digest', 'spec.containers[0].image'],
      ['HL-ADM-005', 'require-labels', 'metadata.labels'],
      ['HL-ADM-006', 'require-pod-requests-limits', 'spec.containers[0].resources'],
      ['HL-ADM-007', 'disallow-secrets-from-env-vars', 'spec.containers[0].env[0].valueFrom.secretKeyRef'],
      ['HL-ADM-008', 'restrict-default-serviceaccount', 'spec.serviceAccountName'],
    ]);
    expect(v[4].message).toContain('container "app" must set resources.requests.memory, resources.limits.memory');
  });

  test('HL-ADM-004: the digest is required only in the digest tiers, and development only audits', () => {
    const d = compliantDeployment('storefront-staging');
    podSpec(d).containers[0].image = 'ghcr.io/acme/api:1.4.2';
    expect(checkWorkloads([d], profile)).toEqual([]);
    const dev = compliantDeployment('data-sandbox');
    podSpec(dev).containers[0].image = 'docker.io/library/nginx:latest';
    expect(checkWorkloads([dev], profile).map((v) => v.rule.id)).toEqual([]);
  });

  test('HL-ADM-008: non-compliant when exception lifts the Kyverno policy: the build check is lifted in the same namespace only', () => {
    const excepted = inline([
      '  exceptions:',
      '    - { control: HL-ADM-008, namespaces: [payments], reason: "vendor chart uses default (OPS-2)", owner: ops@x.example, approvedBy: ciso@x.example, ticket: OPS-1, expires: 2027-06-30 }',
    ]);
    const d = compliantDeployment();
    delete podSpec(d).serviceAccountName;
    expect(checkWorkloads([d], excepted).map((v) => v.rule.id)).toEqual([]);
    d.metadata.namespace = 'web-staging';
    expect(checkWorkloads([d], excepted).map((v) => v.rule.id)).toEqual(['restrict-default-serviceaccount']);
  });

  test('HL-SA-002: a token is automounted through the ServiceAccount unless it or the pod says false', () => {
    const d = compliantDeployment();
    delete podSpec(d).automountServiceAccountToken;
    const sa = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'api', namespace: 'payments' } };
    expect(rules([d])).toEqual(['no-automounted-token']);
    expect(rules([d, sa])).toEqual(['no-automounted-token']);
    expect(rules([d, { ...sa, automountServiceAccountToken: false }])).toEqual([]);
    podSpec(d).automountServiceAccountToken = true;
    expect(checkWorkloads([d], profile)[0].message).toContain('the pod sets automountServiceAccountToken: true');
  });

  test('HL-SA-002: non-compliant when exception for HL-SA-002 covers the namespace: the token rule is lifted', () => {
    const excepted = inline([
      '  exceptions:',
      '    - { control: HL-SA-002, namespaces: [payments], reason: "operator needs the API (OPS-1)", owner: ops@x.example, approvedBy: ciso@x.example, ticket: OPS-1, expires: 2027-06-30 }',
    ]);
    const d = compliantDeployment();
    podSpec(d).automountServiceAccountToken = true;
    expect(checkWorkloads([d], excepted)).toEqual([]);
    expect(rules([d])).toEqual(['no-automounted-token']);
  });

  test('HL-NS-001: a workload in a namespace the profile does not declare fails and is checked as production', () => {
    const d = rootDeployment('scratch');
    const v = checkWorkloads([d], profile);
    expect(v.map((x) => x.rule.id)).toEqual(['declared-namespace', 'require-run-as-nonroot', 'require-run-as-non-root-user']);
    expect(v[0].message).toBe(
      'Deployment "api" in namespace "scratch" breaks HL-NS-001 (declared-namespace: workloads run in a namespace the profile declares): namespace "scratch" is not declared in profile "acme-prod"; declare it or deploy into a declared namespace (metadata.namespace)',
    );
    expect(v[0].rule).toBe(WORKLOAD_RULES.namespace);
    delete d.metadata.namespace;
    expect(checkWorkloads([d], profile)[0].namespace).toBe('default');
  });

  test.each([
    ['Pod', (s: object) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'payments', labels: { app: 'a', owner: 'o', environment: 'e' } }, spec: s }), 'spec'],
    [
      'Job',
      (s: object) => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'payments' }, spec: { template: { metadata: { labels: { app: 'a', owner: 'o', environment: 'e' } }, spec: s } } }),
      'spec.template.spec',
    ],
    [
      'CronJob',
      (s: object) => ({
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'c', namespace: 'payments' },
        spec: { schedule: '@daily', jobTemplate: { spec: { template: { metadata: { labels: { app: 'a', owner: 'o', environment: 'e' } }, spec: s } } } },
      }),
      'spec.jobTemplate.spec.template.spec',
    ],
  ])('%s pod specs are found where the kind keeps them', (kind, wrap, at) => {
    const spec = podSpec(rootDeployment());
    const v = checkWorkloads([wrap(spec)], profile);
    expect(v.map((x) => x.field)).toEqual([`${at}.containers[0].securityContext.runAsNonRoot`, `${at}.securityContext.runAsUser`]);
    expect(v[0].message).toMatch(new RegExp(`^${kind} "`));
    expect(checkWorkloads([wrap(podSpec(compliantDeployment()))], profile)).toEqual([]);
  });

  test('hostile input: any field of a workload replaced by a value of the wrong type never throws', () => {
    const base = compliantDeployment();
    podSpec(base).initContainers = [{ ...podSpec(base).containers[0], name: 'init', ports: [{ containerPort: 1 }], env: [{ name: 'A', value: 'b' }] }];
    podSpec(base).volumes = [{ name: 'v', emptyDir: {} }];
    podSpec(base).securityContext.sysctls = [{ name: 'kernel.shm_rmid_forced', value: '1' }];
    const paths: string[][] = [];
    const walk = (x: any, at: string[]) => {
      if (at.length) paths.push(at);
      if (x && typeof x === 'object') for (const k of Object.keys(x)) walk(x[k], [...at, k]);
    };
    walk(base, []);
    let runs = 0;
    for (const at of paths) {
      for (const hostile of [null, 'x', 5, [], {}, [1, 'a', null]]) {
        const d = JSON.parse(JSON.stringify(base));
        at.slice(0, -1).reduce((acc, k) => acc[k], d)[at[at.length - 1]] = hostile;
        expect(() => checkWorkloads([d], profile)).not.toThrow();
        runs++;
      }
    }
    expect(runs).toBeGreaterThan(200);
  });

  test('objects that are not workloads are ignored', () => {
    expect(checkWorkloads([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }, null, 'text'], profile)).toEqual([]);
  });
});
