/**
 * The compliant Pod every rule fixture starts from, and the helpers fixtures use to change it.
 * The same Pods become the shipped Kyverno CLI test and hardline's own semantics tests.
 */
import { Json, RuleParams } from './types';

/** Namespace fixture Pods live in. */
export const FIXTURE_NAMESPACE = 'hardline-test';

/** The profile inputs rule fixtures are written for. */
export const FIXTURE_PARAMS: RuleParams = {
  allowedRegistries: ['ghcr.io/acme', 'registry.acme.example'],
  requiredLabels: ['app', 'environment', 'owner'],
};

/** A digest that pins an image. */
export const FIXTURE_DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

/** A container that passes every rule (restricted Pod Security and the hardline rules). */
export function compliantContainer(name: string, params: RuleParams = FIXTURE_PARAMS): Json {
  const registry = params.allowedRegistries[0] ?? 'registry.example';
  return {
    name,
    image: `${registry}/app@${FIXTURE_DIGEST}`,
    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
    resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } },
  };
}

/** A Pod that every rule admits, for these profile inputs. */
export function compliantPod(params: RuleParams = FIXTURE_PARAMS, name = 'goodpod01'): Json {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: FIXTURE_NAMESPACE, labels: Object.fromEntries(params.requiredLabels.map((l) => [l, 'hardline-test'])) },
    spec: {
      serviceAccountName: 'app',
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [compliantContainer('app', params)],
    },
  };
}

/** The first regular container of a fixture Pod. */
export const app = (pod: Json): Json => pod.spec.containers[0];
/** Its securityContext. */
export const appSc = (pod: Json): Json => app(pod).securityContext;
/** The Pod securityContext. */
export const podSc = (pod: Json): Json => pod.spec.securityContext;

/** Adds a compliant init container and returns it, to be changed. */
export function addInit(pod: Json): Json {
  const c = compliantContainer('setup');
  pod.spec.initContainers = [...(pod.spec.initContainers ?? []), c];
  return c;
}

/** Adds a compliant ephemeral container (no resources: ephemeral containers cannot set them) and returns it. */
export function addEphemeral(pod: Json): Json {
  const { resources: _resources, ...c } = compliantContainer('debugger');
  pod.spec.ephemeralContainers = [...(pod.spec.ephemeralContainers ?? []), c];
  return c;
}

/** Makes the Pod a Windows Pod (`spec.os.name: windows`). */
export function windows(pod: Json): void {
  pod.spec.os = { name: 'windows' };
}

/** Every Pod controller kind, and how it wraps a Pod template. */
export const CONTROLLER_KINDS: readonly { kind: string; apiVersion: string; wrap: (template: Json) => Json }[] = [
  { kind: 'Deployment', apiVersion: 'apps/v1', wrap: (t) => ({ selector: { matchLabels: t.metadata.labels ?? {} }, template: t }) },
  { kind: 'StatefulSet', apiVersion: 'apps/v1', wrap: (t) => ({ serviceName: 'app', selector: { matchLabels: t.metadata.labels ?? {} }, template: t }) },
  { kind: 'DaemonSet', apiVersion: 'apps/v1', wrap: (t) => ({ selector: { matchLabels: t.metadata.labels ?? {} }, template: t }) },
  { kind: 'ReplicaSet', apiVersion: 'apps/v1', wrap: (t) => ({ selector: { matchLabels: t.metadata.labels ?? {} }, template: t }) },
  // A ReplicationController's selector is a plain label map (no matchLabels).
  { kind: 'ReplicationController', apiVersion: 'v1', wrap: (t) => ({ selector: t.metadata.labels ?? {}, template: t }) },
  { kind: 'Job', apiVersion: 'batch/v1', wrap: (t) => ({ template: { ...t, spec: { ...t.spec, restartPolicy: 'Never' } } }) },
  {
    kind: 'CronJob',
    apiVersion: 'batch/v1',
    wrap: (t) => ({ schedule: '0 3 * * *', jobTemplate: { spec: { template: { ...t, spec: { ...t.spec, restartPolicy: 'Never' } } } } }),
  },
];

/** A controller of `kind` whose Pod template is the Pod's metadata (labels, annotations) and spec. */
export function controllerOf(pod: Json, kind: string, name: string): Json {
  const k = CONTROLLER_KINDS.find((c) => c.kind === kind);
  if (!k) throw new Error(`unknown controller kind "${kind}"`);
  const { name: _n, namespace: _ns, ...templateMeta } = pod.metadata ?? {};
  const template = { metadata: templateMeta, spec: pod.spec };
  return { apiVersion: k.apiVersion, kind, metadata: { name, namespace: pod.metadata?.namespace, labels: pod.metadata?.labels }, spec: k.wrap(template) };
}

/** A fixture Pod: the compliant Pod changed by `apply`. */
export function fixturePod(apply: (pod: Json) => void, name: string, params: RuleParams = FIXTURE_PARAMS): Json {
  const pod = compliantPod(params, name);
  apply(pod);
  return pod;
}
