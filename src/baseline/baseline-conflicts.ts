/**
 * What `HardlineBaseline` reports about the user's own objects next to it (issue 15): an object
 * that collides with a baseline object (same API group, kind, namespace and name: one would
 * overwrite the other when applied), and a workload in a managed namespace that runs as a
 * ServiceAccount neither the profile declares nor the app defines (the API server refuses to create
 * its pods, so it would never run). Pure: plain JSON in, messages out.
 */
import { ResolvedProfile } from '../profile/types';

/** Loosely typed manifest. */
type Json = Record<string, any>;

/** An object and where it is in the construct tree. */
export interface PlacedObject {
  /** The object's Kubernetes JSON. */
  readonly manifest: Json;
  /** Its construct path, for the message. */
  readonly path: string;
}

/** Where the pod template of each workload kind keeps its spec. */
const POD_SPEC: Record<string, readonly string[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** The identity two applied objects must not share: API group (not version), kind, namespace, name. */
function identity(m: Json): string | undefined {
  if (typeof m.apiVersion !== 'string' || typeof m.kind !== 'string' || typeof m.metadata?.name !== 'string') return undefined;
  const slash = m.apiVersion.indexOf('/');
  const group = slash < 0 ? '' : m.apiVersion.slice(0, slash);
  return [group, m.kind, m.metadata.namespace ?? '', m.metadata.name].join('\u0000');
}

function describe(m: Json): string {
  return m.metadata.namespace ? `${m.kind} "${m.metadata.namespace}/${m.metadata.name}"` : `${m.kind} "${m.metadata.name}"`;
}

/** User objects that collide with a baseline object, one message each. */
export function collisionProblems(baseline: readonly PlacedObject[], user: readonly PlacedObject[], profile: ResolvedProfile): string[] {
  const ours = new Map<string, PlacedObject>();
  for (const b of baseline) {
    const id = identity(b.manifest);
    if (id !== undefined) ours.set(id, b);
  }
  const out: string[] = [];
  for (const u of user) {
    const id = identity(u.manifest);
    const hit = id === undefined ? undefined : ours.get(id);
    if (!hit) continue;
    out.push(
      `${describe(u.manifest)} at ${u.path} collides with the hardline baseline's ${describe(hit.manifest)} (profile "${profile.name}", ${hit.path}): ` +
        'objects with the same kind, namespace and name overwrite each other when applied; rename yours, or drop it and let the profile declare it',
    );
  }
  return out;
}

/**
 * Workloads of `user` in managed namespaces whose ServiceAccount neither the profile declares nor
 * any object of the app (`all`: the baseline's and the user's) defines, one message each.
 */
export function undeclaredServiceAccountProblems(user: readonly PlacedObject[], all: readonly PlacedObject[], profile: ResolvedProfile): string[] {
  const declared = new Map(profile.namespaces.map((n) => [n.name, new Set((n.serviceAccounts ?? []).map((s) => s.name))]));
  for (const { manifest: m } of all) {
    if (m.kind === 'ServiceAccount' && m.apiVersion === 'v1' && typeof m.metadata?.name === 'string') {
      declared.get(m.metadata.namespace ?? 'default')?.add(m.metadata.name);
    }
  }
  const out: string[] = [];
  for (const { manifest: m, path } of user) {
    const at = POD_SPEC[m.kind];
    if (!at || typeof m.apiVersion !== 'string') continue;
    const namespace: string = m.metadata?.namespace ?? 'default';
    const accounts = declared.get(namespace);
    if (!accounts) continue; // an undeclared namespace is reported by the workload check
    const spec: Json = at.reduce<Json | undefined>((acc, k) => acc?.[k], m) ?? {};
    const sa: unknown = spec.serviceAccountName ?? spec.serviceAccount;
    if (typeof sa !== 'string' || sa === 'default' || accounts.has(sa)) continue; // "default" is the workload check's
    out.push(
      `${m.kind} "${namespace}/${m.metadata?.name ?? '<unnamed>'}" at ${path} runs as ServiceAccount "${sa}", which neither profile "${profile.name}" declares ` +
        `nor the app defines in namespace "${namespace}": the API server refuses to create pods naming a missing ServiceAccount, so it would never run; ` +
        `add { name: ${sa} } under serviceAccounts of namespace "${namespace}" in the profile (HL-SA-002: no automounted token)`,
    );
  }
  return out;
}
