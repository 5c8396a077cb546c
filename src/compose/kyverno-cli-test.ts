/**
 * The Kyverno CLI test shipped next to the policies (`kyverno test cluster/kyverno/tests`): one
 * compliant Pod and Deployment that every policy passes and, per rule, a Pod and a Deployment that
 * break that rule.
 * The same resources are evaluated by hardline's own CEL semantics tests.
 */
import { Yaml } from 'cdk8s';
import { KyvernoPolicySet } from '../../constructs/kyverno-policy-set';
import { ResolvedAdmission } from '../profile/types';
import { GENERATED_MARKER } from '../synth/render-files';

/** Namespace the test resources live in; the values file labels it as a production namespace. */
export const TEST_NAMESPACE = 'hardline-test';

/** A Pod as plain data. */
export type PodManifest = { apiVersion: 'v1'; kind: 'Pod'; metadata: any; spec: any };

/** A Pod that satisfies every rule for these profile settings. */
export function compliantPod(admission: Pick<ResolvedAdmission, 'allowedRegistries' | 'requiredLabels'>, name = 'goodpod01'): PodManifest {
  const registry = admission.allowedRegistries[0] ?? 'registry.example';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: TEST_NAMESPACE, labels: Object.fromEntries(admission.requiredLabels.map((l) => [l, 'hardline-test'])) },
    spec: {
      serviceAccountName: 'app',
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [
        {
          name: 'app',
          image: `${registry}/app@sha256:${'0123456789abcdef'.repeat(4)}`,
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
          resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } },
        },
      ],
    },
  };
}

const c0 = (p: PodManifest) => p.spec.containers[0];
const csc = (p: PodManifest) => c0(p).securityContext;

/** Per rule, how to break a compliant Pod so that this rule rejects it. */
export const BREAK_RULE: { readonly [rule: string]: (pod: PodManifest) => void } = {
  'disallow-privileged-containers': (p) => (csc(p).privileged = true),
  'disallow-host-namespaces': (p) => (p.spec.hostPID = true),
  'disallow-host-path': (p) => (p.spec.volumes = [{ name: 'host', hostPath: { path: '/var/run' } }]),
  'disallow-host-ports': (p) => (c0(p).ports = [{ containerPort: 8080, hostPort: 8080 }]),
  'disallow-host-process': (p) => (p.spec.securityContext.windowsOptions = { hostProcess: true }),
  'disallow-capabilities': (p) => (csc(p).capabilities.add = ['SYS_ADMIN']),
  'disallow-proc-mount': (p) => (csc(p).procMount = 'Unmasked'),
  'disallow-selinux': (p) => (p.spec.securityContext.seLinuxOptions = { type: 'spc_t' }),
  'restrict-apparmor-profiles': (p) => (csc(p).appArmorProfile = { type: 'Unconfined' }),
  'restrict-seccomp': (p) => (p.spec.securityContext.seccompProfile = { type: 'Unconfined' }),
  'restrict-sysctls': (p) => (p.spec.securityContext.sysctls = [{ name: 'kernel.msgmax', value: '65536' }]),
  'disallow-privilege-escalation': (p) => (csc(p).allowPrivilegeEscalation = true),
  'require-run-as-nonroot': (p) => (csc(p).runAsNonRoot = false),
  'require-run-as-non-root-user': (p) => (csc(p).runAsUser = 0),
  'disallow-capabilities-strict': (p) => (csc(p).capabilities.add = ['NET_RAW']),
  'restrict-seccomp-strict': (p) => delete p.spec.securityContext.seccompProfile,
  'restrict-volume-types': (p) => (p.spec.volumes = [{ name: 'nfs', nfs: { server: 'nfs.example', path: '/export' } }]),
  'restrict-image-registries': (p) => (c0(p).image = `docker.io/library/nginx@sha256:${'0123456789abcdef'.repeat(4)}`),
  'disallow-latest-tag': (p) => (c0(p).image = c0(p).image.replace(/@sha256:.*$/, ':latest')),
  'require-image-digest': (p) => (c0(p).image = c0(p).image.replace(/@sha256:.*$/, ':1.4.2')),
  'require-labels': (p) => (p.metadata.labels = {}),
  'require-pod-requests-limits': (p) => delete c0(p).resources.limits,
  'disallow-secrets-from-env-vars': (p) => (c0(p).env = [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }]),
  'restrict-default-serviceaccount': (p) => delete p.spec.serviceAccountName,
};

/** The Pod that breaks one rule. */
export function brokenPod(admission: Pick<ResolvedAdmission, 'allowedRegistries' | 'requiredLabels'>, rule: string): PodManifest {
  const breakIt = BREAK_RULE[rule];
  if (!breakIt) throw new Error(`no broken example for rule "${rule}"`);
  const pod = compliantPod(admission, `bad-${rule}`.slice(0, 63));
  breakIt(pod);
  return pod;
}

/** A Deployment whose Pod template is `pod`. */
export function deploymentOf(pod: PodManifest, name: string): { apiVersion: string; kind: string; metadata: any; spec: any } {
  const labels = pod.metadata.labels;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: pod.metadata.namespace, labels },
    spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: pod.spec } },
  };
}

/** The files of the shipped Kyverno CLI test, keyed by output path. */
export function kyvernoCliTestFiles(
  folder: string,
  profileName: string,
  policySet: KyvernoPolicySet,
  admission: ResolvedAdmission,
): Map<string, string> {
  const header = `${GENERATED_MARKER} from profile "${profileName}". Run: kyverno test ${folder}/tests\n`;
  const tested = policySet.policies.filter((p) => p.tiers.includes('production'));
  const good = compliantPod(admission);
  const goodDeployment = deploymentOf(good, 'gooddeployment01');
  const rules = [...new Set(tested.map((p) => p.rule))];
  const bad = rules.map((rule) => brokenPod(admission, rule));
  const badDeployments = bad.map((pod) => deploymentOf(pod, pod.metadata.name.replace(/^bad-/, 'baddeploy-').slice(0, 63)));
  const validating = policySet.api === 'ValidatingPolicy';
  const result = (p: (typeof tested)[number], kind: string, resources: string[], outcome: 'pass' | 'fail') => ({
    ...(validating ? { isValidatingPolicy: true } : {}),
    kind,
    policy: p.name,
    ...(validating ? {} : { rule: p.rule }),
    resources,
    result: outcome,
  });
  const test = {
    apiVersion: 'cli.kyverno.io/v1alpha1',
    kind: 'Test',
    metadata: { name: `${profileName}-admission` },
    policies: tested.map((p) => `../${p.kind.toLowerCase()}-${p.name}.yaml`),
    resources: ['resources.yaml'],
    variables: 'values.yaml',
    results: tested.flatMap((p) => {
      const i = rules.indexOf(p.rule);
      return [
        result(p, 'Pod', [good.metadata.name], 'pass'),
        result(p, 'Deployment', [goodDeployment.metadata.name], 'pass'),
        result(p, 'Pod', [bad[i].metadata.name], 'fail'),
        result(p, 'Deployment', [badDeployments[i].metadata.name], 'fail'),
      ];
    }),
  };
  const values = {
    apiVersion: 'cli.kyverno.io/v1alpha1',
    kind: 'Value',
    metadata: { name: 'values' },
    namespaceSelector: [{ name: TEST_NAMESPACE, labels: { 'hardline.dev/tier': 'production' } }],
  };
  return new Map([
    [`${folder}/tests/kyverno-test.yaml`, header + Yaml.stringify(test)],
    [`${folder}/tests/resources.yaml`, header + Yaml.stringify(good, goodDeployment, ...bad, ...badDeployments)],
    [`${folder}/tests/values.yaml`, header + Yaml.stringify(values)],
  ]);
}
