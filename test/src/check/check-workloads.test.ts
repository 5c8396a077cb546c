import { checkWorkloads, imageProblem, WORKLOAD_RULES } from '../../../src/check/check-workloads';
import { parseProfile } from '../../../src/profile/load-profile';
import { compliantDeployment, rootDeployment } from '../../helpers/workloads';
import { defaultProfile, ROOT, TODAY } from '../../helpers/synth';

const profile = defaultProfile(TODAY);
const rules = (manifests: unknown[]) => checkWorkloads(manifests, profile).map((v) => v.rule.id);
const podSpec = (d: Record<string, any>) => d.spec.template.spec;

describe('checkWorkloads', () => {
  test('HL-POD-001: compliant: a non-root Deployment with a pinned image, own ServiceAccount and resources passes in production', () => {
    expect(checkWorkloads([compliantDeployment()], profile)).toEqual([]);
  });

  test('HL-POD-001: a Deployment running as root in a production namespace fails, naming the workload, namespace and control', () => {
    const violations = checkWorkloads([rootDeployment('payments', 'billing-api')], profile);
    expect(violations.map((v) => v.field)).toEqual([
      'spec.template.spec.securityContext.runAsUser',
      'spec.template.spec.containers[0].securityContext.runAsNonRoot',
    ]);
    for (const v of violations) {
      expect(v.message).toMatch(/^Deployment "billing-api" in namespace "payments" breaks HL-POD-001 \(restricted Pod Security, enforced in production namespace "payments"\): /);
    }
    expect(violations[0].message).toContain('must not run as user 0 (root)');
  });

  test('HL-POD-001: non-compliant when exception lowers the namespace to baseline: root is then allowed (legacy-billing)', () => {
    expect(checkWorkloads([rootDeployment('legacy-billing')], profile)).toEqual([]);
    const privileged = rootDeployment('legacy-billing');
    podSpec(privileged).containers[0].securityContext.privileged = true;
    expect(checkWorkloads([privileged], profile).map((v) => [v.rule.control?.id, v.field])).toEqual([
      ['HL-POD-002', 'spec.template.spec.containers[0].securityContext.privileged'],
    ]);
  });

  test('HL-POD-002: staging and development enforce baseline: host namespaces, hostPath, hostPort, privileged and added capabilities fail', () => {
    const d = rootDeployment('storefront-staging');
    Object.assign(podSpec(d), { hostNetwork: true, hostPID: true, volumes: [{ name: 'root', hostPath: { path: '/' } }] });
    Object.assign(podSpec(d).containers[0], { ports: [{ containerPort: 80, hostPort: 80 }] });
    Object.assign(podSpec(d).containers[0].securityContext, { privileged: true, capabilities: { add: ['SYS_ADMIN'] } });
    const v = checkWorkloads([d], profile);
    expect(v.every((x) => x.rule === WORKLOAD_RULES.baseline)).toBe(true);
    expect(v.map((x) => x.field.replace('spec.template.spec.', ''))).toEqual([
      'hostNetwork',
      'hostPID',
      'volumes[0].hostPath',
      'containers[0].securityContext.privileged',
      'containers[0].securityContext.capabilities.add',
      'containers[0].ports[0].hostPort',
    ]);
    expect(v[0].message).toContain('HL-POD-002 (baseline Pod Security, enforced in staging namespace "storefront-staging")');
  });

  test('restricted rules: privilege escalation, capabilities, seccomp and volume types are checked on every container', () => {
    const d = compliantDeployment();
    const spec = podSpec(d);
    spec.securityContext = { runAsNonRoot: true };
    spec.initContainers = [{ name: 'setup', image: 'busybox:1.36', resources: spec.containers[0].resources }];
    spec.volumes = [{ name: 'nfs', nfs: { server: 'x', path: '/' } }];
    const v = checkWorkloads([d], profile).map((x) => x.field.replace('spec.template.spec.', ''));
    expect(v).toEqual([
      'volumes[0].nfs',
      'initContainers[0].securityContext.allowPrivilegeEscalation',
      'initContainers[0].securityContext.seccompProfile.type',
      'initContainers[0].securityContext.capabilities.drop',
      'containers[0].securityContext.seccompProfile.type',
    ]);
  });

  test('HL-SA-001: the default ServiceAccount and HL-SA-002: automounted tokens are reported', () => {
    const d = compliantDeployment();
    delete podSpec(d).serviceAccountName;
    podSpec(d).automountServiceAccountToken = true;
    const v = checkWorkloads([d], profile);
    expect(v.map((x) => [x.rule.control?.id, x.field])).toEqual([
      ['HL-SA-001', 'spec.template.spec.serviceAccountName'],
      ['HL-SA-002', 'spec.template.spec.automountServiceAccountToken'],
    ]);
    expect(v[1].message).toContain('the pod sets automountServiceAccountToken: true');
  });

  test('HL-SA-002: a token is automounted through the ServiceAccount unless it or the pod says false', () => {
    const d = compliantDeployment();
    delete podSpec(d).automountServiceAccountToken;
    const sa = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'api', namespace: 'payments' } };
    expect(rules([d])).toEqual(['no-automounted-token']);
    expect(rules([d, sa])).toEqual(['no-automounted-token']);
    expect(rules([d, { ...sa, automountServiceAccountToken: false }])).toEqual([]);
  });

  test('HL-SA-002: non-compliant when exception for HL-SA-002 covers the namespace: the token rule is lifted', () => {
    const text = [
      'apiVersion: hardline.dev/v1alpha1',
      'kind: Profile',
      'metadata: { name: t }',
      'spec:',
      '  cluster: { name: c, kubernetesVersion: "1.28" }',
      '  namespaces: [{ name: payments }]',
      '  exceptions:',
      '    - { control: HL-SA-002, namespaces: [payments], reason: "operator needs the API (OPS-1)", owner: ops@x.example, approvedBy: ciso@x.example, ticket: OPS-1, expires: 2099-01-01 }',
    ].join('\n');
    const excepted = parseProfile(text, 'inline.yaml', { today: TODAY, baseDir: ROOT });
    const d = compliantDeployment();
    podSpec(d).automountServiceAccountToken = true;
    expect(checkWorkloads([d], excepted)).toEqual([]);
    expect(rules([d])).toEqual(['no-automounted-token']);
  });

  test('HL-NS-001: a workload in a namespace the profile does not declare fails and is checked as production', () => {
    const d = rootDeployment('scratch');
    const v = checkWorkloads([d], profile);
    expect(v.map((x) => x.rule.id)).toEqual(['declared-namespace', 'pod-security-restricted', 'pod-security-restricted']);
    expect(v[0].message).toBe(
      'Deployment "api" in namespace "scratch" breaks HL-NS-001 (workloads run in a namespace the profile declares): namespace "scratch" is not declared in profile "acme-prod"; declare it or deploy into a declared namespace',
    );
    delete d.metadata.namespace;
    expect(checkWorkloads([d], profile)[0].namespace).toBe('default');
  });

  test('missing CPU/memory requests or memory limit fail per container, naming the fields', () => {
    const d = compliantDeployment();
    podSpec(d).containers[0].resources = { requests: { cpu: '100m' } };
    const v = checkWorkloads([d], profile);
    expect(v.map((x) => x.message)).toEqual([
      'Deployment "api" in namespace "payments" breaks hardline rule resources-set (every container requests CPU and memory and limits memory): container "app" must set resources.requests.memory, resources.limits.memory',
    ]);
  });

  test('images must carry a tag other than latest, or a digest', () => {
    expect(imageProblem('nginx')).toMatch(/has no tag/);
    expect(imageProblem('registry:5000/team/nginx')).toMatch(/has no tag/);
    expect(imageProblem('nginx:latest')).toMatch(/:latest/);
    expect(imageProblem('registry:5000/nginx:1.27')).toBeUndefined();
    expect(imageProblem('nginx@sha256:abc')).toBeUndefined();
    const d = compliantDeployment();
    podSpec(d).containers[0].image = 'nginx:latest';
    expect(rules([d])).toEqual(['pinned-image']);
  });

  test.each([
    ['Pod', (s: object) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'payments' }, spec: s }), 'spec'],
    ['Job', (s: object) => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'payments' }, spec: { template: { spec: s } } }), 'spec.template.spec'],
    [
      'CronJob',
      (s: object) => ({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c', namespace: 'payments' }, spec: { schedule: '@daily', jobTemplate: { spec: { template: { spec: s } } } } }),
      'spec.jobTemplate.spec.template.spec',
    ],
  ])('%s pod specs are found where the kind keeps them', (kind, wrap, at) => {
    const spec = podSpec(rootDeployment());
    const v = checkWorkloads([wrap(spec)], profile);
    expect(v.map((x) => x.field)).toEqual([`${at}.securityContext.runAsUser`, `${at}.containers[0].securityContext.runAsNonRoot`]);
    expect(v[0].message).toMatch(new RegExp(`^${kind} "`));
    expect(checkWorkloads([wrap(podSpec(compliantDeployment()))], profile)).toEqual([]);
  });

  test('objects that are not workloads are ignored', () => {
    expect(checkWorkloads([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }, null, 'text'], profile)).toEqual([]);
  });
});
