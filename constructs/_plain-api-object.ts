/**
 * The ApiObject every hardline construct emits: built from plain Kubernetes JSON and rendered
 * without cdk8s's resolver walk when nothing in it needs resolving.
 * @internal
 */
import { ApiObject, ApiObjectProps, App, ImplicitTokenResolver, JsonPatch, LazyResolver, NumberStringUnionResolver } from 'cdk8s';
import type { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { CUSTOM_RESOURCE_GITOPS_ANNOTATIONS, isCustomResource } from './_gitops';

/**
 * The Kubernetes JSON of a cdk8s-plus-28 L1 props type (`k8s.KubeNetworkPolicyProps`): the same
 * fields — for the kinds hardline emits the L1 property names are the JSON names — with
 * `IntOrString` and `Quantity` as the number or string they render to. Constructs write their
 * manifests as plain data checked by the compiler against the L1 types, without the L1 classes'
 * run-time property mappers (a fifth of composing time at thousands of namespaces, and the
 * 1.5 MB module that holds them need not be loaded).
 * @internal
 */
export type KubeJson<T> = T extends k8s.IntOrString | k8s.Quantity
  ? number | string
  : T extends readonly (infer U)[]
    ? readonly KubeJson<U>[]
    : T extends object
      ? { readonly [K in keyof T]: KubeJson<T[K]> }
      : T;

/**
 * The props of a `PlainApiObject` of the given API version and kind, with the rest of the object
 * (`metadata`, `spec`, …) checked against the cdk8s-plus-28 L1 props `P`.
 * @internal
 */
export function kubeManifest<P>(apiVersion: string, kind: string, props: KubeJson<P>): ApiObjectProps {
  return { apiVersion, kind, ...(props as object) };
}

/**
 * An ApiObject whose props are plain Kubernetes JSON (strings, numbers, booleans, arrays and
 * plain objects), such as `kubeManifest` builds.
 *
 * `toJson()` returns exactly what `ApiObject.toJson()` returns (same values, same key order),
 * but without cdk8s's resolver walk: that walk offers every value to every resolver, looking
 * the app up again for each one, and took a third of the synth time at thousands of namespaces.
 * Here the object is copied once with sorted keys, the way `ApiObject.toJson()` sanitizes it.
 * Whenever anything could come out differently, `ApiObject.toJson()` itself runs: a JSON patch,
 * a resolver the app adds, `CDK8S_DISABLE_SORT`, or any value that is not plain data (a `Lazy`,
 * a token, a class instance, a `null` inside an array), in the object or in its metadata.
 * `test/constructs/plain-api-object.test.ts` compares both renderings for every object hardline
 * emits. One deliberate difference: a map with a key named `constructor` (a valid label key)
 * renders as written, where cdk8s's walk takes the map for a class instance and throws, or keeps
 * only its `value` key (dropping, for a Namespace, every Pod Security label).
 * @internal
 */
export class PlainApiObject extends ApiObject {
  /**
   * Whether the object is cluster-scoped (a Namespace, a ClusterRole): its metadata never has the
   * namespace cdk8s copies into every object of a namespaced chart.
   */
  public readonly clusterScoped: boolean;
  private readonly plainProps: ApiObjectProps;
  private patched = false;

  constructor(scope: Construct, id: string, props: ApiObjectProps, options: PlainApiObjectOptions = {}) {
    super(scope, id, props);
    // GitOps tools and `kubectl get -l` find every hardline object by this label (issue 15).
    this.metadata.addLabel(MANAGED_BY_LABEL, MANAGED_BY);
    if (isCustomResource(props.apiVersion)) {
      for (const [key, value] of CUSTOM_RESOURCE_GITOPS_ANNOTATIONS) this.metadata.addAnnotation(key, value);
    }
    this.plainProps = props;
    this.clusterScoped = options.clusterScoped ?? false;
  }

  /** As `ApiObject.addJsonPatch`; the object is then rendered by `ApiObject.toJson()`. */
  public addJsonPatch(...ops: JsonPatch[]): void {
    this.patched = true;
    super.addJsonPatch(...ops);
  }

  /** As `ApiObject.toJson()`: the Kubernetes JSON of the object, keys sorted (without a namespace when cluster-scoped). */
  public toJson(): any {
    if (this.patched || process.env.CDK8S_DISABLE_SORT || !onlyBuiltInResolvers(this)) return this.generic();
    const metadata = plainMetadata(this, this.clusterScoped);
    if (metadata === NOT_PLAIN) return this.generic();
    const { metadata: _given, ...data } = this.plainProps;
    const rest = copyPlain(data, false);
    if (rest === NOT_PLAIN) return this.generic();
    // ApiObject.toJson() puts apiVersion, kind and metadata first, then the rest in sorted order.
    const fields = rest as Record<string, unknown>;
    const result: Record<string, unknown> = {};
    if ('apiVersion' in fields) result.apiVersion = fields.apiVersion;
    if ('kind' in fields) result.kind = fields.kind;
    if (metadata !== undefined) result.metadata = metadata;
    for (const k in fields) if (k !== 'apiVersion' && k !== 'kind') result[k] = fields[k];
    return result;
  }

  /** `ApiObject.toJson()`, without the namespace of a cluster-scoped object. */
  private generic(): any {
    const json = super.toJson();
    if (this.clusterScoped && json.metadata) delete json.metadata.namespace;
    return json;
  }
}

/** Options for `PlainApiObject`. @internal */
export interface PlainApiObjectOptions {
  /**
   * The object is cluster-scoped (a Namespace, a ClusterRole): its metadata never has the
   * namespace cdk8s copies into every object of a namespaced chart.
   *
   * @default false
   */
  readonly clusterScoped?: boolean;
}

/** The label every hardline object carries. @internal */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
/** Its value. @internal */
export const MANAGED_BY = 'hardline';

/** Returned by the copies below when they meet a value only cdk8s's resolver walk can render. */
const NOT_PLAIN: unique symbol = Symbol('not plain');

/** Whether the app resolves with cdk8s's built-in resolvers only (which leave plain data as it is). */
function onlyBuiltInResolvers(obj: ApiObject): boolean {
  return App.of(obj).resolvers.every(
    (r) => r instanceof LazyResolver || r instanceof ImplicitTokenResolver || r instanceof NumberStringUnionResolver,
  );
}

/**
 * The fields `ApiObjectMetadataDefinition.toJson()` renders. They are private in cdk8s, so they
 * are checked before use; if they are not what this expects, `metadata.toJson()` is called.
 */
interface MetadataFields {
  readonly name?: unknown;
  readonly namespace?: unknown;
  readonly labels?: unknown;
  readonly annotations?: unknown;
  readonly finalizers?: unknown;
  readonly ownerReferences?: unknown;
  readonly _additionalAttributes?: unknown;
}

/**
 * `obj.metadata.toJson()` for plain metadata: the same object that method builds, sanitized the
 * same way (keys sorted, empty objects and arrays dropped); without a namespace when `clusterScoped`.
 */
function plainMetadata(obj: ApiObject, clusterScoped: boolean): unknown {
  const m = obj.metadata as unknown as MetadataFields;
  const known =
    isPlainObject(m._additionalAttributes) &&
    isPlainObject(m.labels) &&
    isPlainObject(m.annotations) &&
    Array.isArray(m.finalizers) &&
    Array.isArray(m.ownerReferences);
  if (!known) {
    const rendered = obj.metadata.toJson();
    if (clusterScoped) delete rendered.namespace;
    return copyPlain(rendered, false);
  }
  const common = commonMetadata(m, clusterScoped);
  if (common !== NOT_PLAIN) return common;
  return copyPlain(
    {
      ...m._additionalAttributes,
      name: m.name,
      namespace: clusterScoped ? undefined : m.namespace,
      annotations: m.annotations,
      finalizers: m.finalizers,
      ownerReferences: m.ownerReferences,
      labels: m.labels,
    },
    true,
  );
}

/** The metadata fields `commonMetadata` renders. */
const COMMON_FIELDS = new Set(['name', 'namespace', 'annotations', 'labels', 'finalizers', 'ownerReferences']);

/**
 * `plainMetadata` for the metadata of nearly every object: a name, maybe a namespace, string
 * annotations and labels, nothing else (no finalizers, owner references or other fields), built
 * directly in sorted key order. Speed: it is the one part of every object's rendering that was
 * still a generic copy. `NOT_PLAIN` when the metadata has anything else.
 */
function commonMetadata(m: MetadataFields, clusterScoped: boolean): unknown {
  for (const key in m._additionalAttributes as object) if (!COMMON_FIELDS.has(key)) return NOT_PLAIN;
  if ((m.finalizers as unknown[]).length > 0 || (m.ownerReferences as unknown[]).length > 0) return NOT_PLAIN;
  if (typeof m.name !== 'string' || (m.namespace !== undefined && typeof m.namespace !== 'string')) return NOT_PLAIN;
  const annotations = sortedStrings(m.annotations as Record<string, unknown>);
  const labels = sortedStrings(m.labels as Record<string, unknown>);
  if (annotations === NOT_PLAIN || labels === NOT_PLAIN) return NOT_PLAIN;
  // Keys in sorted order: annotations, labels, name, namespace.
  const out: Record<string, unknown> = {};
  if (annotations !== undefined) out.annotations = annotations;
  if (labels !== undefined) out.labels = labels;
  out.name = m.name;
  if (m.namespace !== undefined && !clusterScoped) out.namespace = m.namespace;
  return out;
}

/** A copy of a map of strings with sorted keys; `undefined` when empty, `NOT_PLAIN` for any other value. */
function sortedStrings(map: Record<string, unknown>): Record<string, string> | undefined | typeof NOT_PLAIN {
  const keys = Object.keys(map);
  if (keys.length === 0) return undefined;
  keys.sort();
  const out: Record<string, string> = {};
  for (const k of keys) {
    const v = map[k];
    if (typeof v !== 'string') return NOT_PLAIN;
    out[k] = v;
  }
  return out;
}

/**
 * A copy of plain JSON data with object keys sorted and `null`/`undefined` members dropped, as
 * cdk8s's `sanitizeValue` makes it; with `filterEmpty`, empty objects and arrays are dropped too
 * (`undefined` is returned for them). `NOT_PLAIN` for anything else.
 */
function copyPlain(value: unknown, filterEmpty: boolean): unknown {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value;
    case 'object':
      break;
    default:
      return NOT_PLAIN;
  }
  if (Array.isArray(value)) {
    if (filterEmpty && value.length === 0) return undefined;
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = copyPlain(value[i], filterEmpty);
      // cdk8s keeps a dropped item as a hole in the array; leave that rare case to it.
      if (item === NOT_PLAIN || item === undefined) return NOT_PLAIN;
      out[i] = item;
    }
    return out;
  }
  if (!isPlainObject(value)) return NOT_PLAIN;
  const out: Record<string, unknown> = {};
  let kept = 0;
  for (const key of Object.keys(value).sort()) {
    const member = value[key];
    if (member === null || member === undefined) continue;
    const copied = copyPlain(member, filterEmpty);
    if (copied === NOT_PLAIN) return NOT_PLAIN;
    if (copied === undefined) continue;
    out[key] = copied;
    kept++;
  }
  return filterEmpty && kept === 0 ? undefined : out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}
