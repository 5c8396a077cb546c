/**
 * Reading a Pod (template) the way Pod Security Admission does: containers in upstream's visit
 * order (init, regular, ephemeral) with their field paths, and the API server's defaulting where
 * a verdict depends on it.
 */
import { Json, PodTemplate } from './types';

/** A container of a Pod spec with where it is. */
export interface ContainerRef {
  /** The container. */
  readonly container: Json;
  /** Field path from the Pod (template) root, e.g. `spec.initContainers[0]`. */
  readonly path: string;
  /** Human name, e.g. `container "app"`, `init container "setup"`. */
  readonly label: string;
  /** Which list it is in. */
  readonly list: 'initContainers' | 'containers' | 'ephemeralContainers';
}

const LISTS = [
  ['initContainers', 'init container'],
  ['containers', 'container'],
  ['ephemeralContainers', 'ephemeral container'],
] as const;

/** The objects of a list field (anything else reads as empty: hostile input never throws). */
export const asList = (x: unknown): Json[] => (Array.isArray(x) ? x.map((i) => (typeof i === 'object' && i !== null && !Array.isArray(i) ? (i as Json) : {})) : []);
const asObject = (x: unknown): Json => (typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Json) : {});

/** Every container of a Pod spec, in upstream `visitContainers` order: init, regular, ephemeral. */
export function containersOf(spec: Json): ContainerRef[] {
  return LISTS.flatMap(([list, kind]) =>
    asList(spec[list]).map((container, i) => ({ container, path: `spec.${list}[${i}]`, label: `${kind} "${container.name}"`, list })),
  );
}

/** The securityContext of a Pod spec or container (empty when unset). */
export function securityContextOf(x: Json): Json {
  return asObject(x.securityContext);
}

/** A nested field, or undefined when any step is missing. */
export function dig(x: unknown, ...path: string[]): any {
  let at: any = x;
  for (const k of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = at[k];
  }
  return at;
}

/** Whether the Pod declares `spec.os.name: windows` (PSA exempts some restricted checks since 1.25). */
export function isWindowsPod(spec: Json): boolean {
  return dig(spec, 'os', 'name') === 'windows';
}

/** Whether the Pod runs in a user namespace (`hostUsers: false`; PSA relaxes some checks since 1.35). */
export function inUserNamespace(spec: Json): boolean {
  return spec.hostUsers === false;
}

/**
 * Every volume source field of core/v1 `Volume` (Kubernetes 1.36). A volume with none of them is
 * defaulted to `emptyDir` by the API server.
 */
export const VOLUME_SOURCES: readonly string[] = [
  'awsElasticBlockStore', 'azureDisk', 'azureFile', 'cephfs', 'cinder', 'configMap', 'csi', 'downwardAPI', 'emptyDir',
  'ephemeral', 'fc', 'flexVolume', 'flocker', 'gcePersistentDisk', 'gitRepo', 'glusterfs', 'hostPath', 'image', 'iscsi',
  'nfs', 'persistentVolumeClaim', 'photonPersistentDisk', 'portworxVolume', 'projected', 'quobyte', 'rbd', 'scaleIO',
  'secret', 'storageos', 'vsphereVolume',
];

/**
 * The Pod (template) as the API server hands it to admission, for the defaults a verdict depends on:
 * a volume without a source becomes `emptyDir: {}`, and `serviceAccountName` falls back to the
 * deprecated `serviceAccount`. The input is not changed.
 */
export function withApiServerDefaults(pod: PodTemplate): PodTemplate {
  const spec: Json = { ...asObject(pod.spec) };
  if (Array.isArray(spec.volumes)) {
    spec.volumes = spec.volumes.map((v: unknown) => {
      const volume = asObject(v);
      return VOLUME_SOURCES.some((s) => volume[s] !== undefined && volume[s] !== null) ? volume : { ...volume, emptyDir: {} };
    });
  }
  if ((spec.serviceAccountName === undefined || spec.serviceAccountName === '') && typeof spec.serviceAccount === 'string') {
    spec.serviceAccountName = spec.serviceAccount;
  }
  return { metadata: asObject(pod.metadata), spec };
}
