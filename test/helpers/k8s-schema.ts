/**
 * Validates Kubernetes objects against the real OpenAPI definitions in ../shared/schemas/kubernetes.
 * Strict, like `kubeconform -strict`: unknown fields are errors, so a misspelled field fails.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

type Definitions = Record<string, Record<string, unknown>>;

/** A validator for one Kubernetes version. */
export class KubernetesSchemas {
  private readonly ajv: Ajv;
  private readonly byGvk = new Map<string, string>();
  private readonly compiled = new Map<string, ValidateFunction>();

  /** Loads `<shared>/schemas/kubernetes/<version>/_definitions.json`. */
  constructor(shared: string, public readonly version: string) {
    const file = path.join(shared, 'schemas', 'kubernetes', version, '_definitions.json');
    const definitions = strictify(JSON.parse(fs.readFileSync(file, 'utf8')).definitions as Definitions);
    for (const [name, def] of Object.entries(definitions)) {
      for (const gvk of (def['x-kubernetes-group-version-kind'] as { group: string; version: string; kind: string }[]) ?? []) {
        const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
        this.byGvk.set(`${apiVersion}/${gvk.kind}`, name);
      }
    }
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    for (const f of ['int32', 'int64', 'double', 'byte']) this.ajv.addFormat(f, true);
    this.ajv.addSchema({ $id: 'k8s', definitions });
  }

  /** Returns the schema errors of an object (empty when valid); throws if its kind is unknown in this version. */
  errors(obj: { apiVersion: string; kind: string }): string[] {
    const key = `${obj.apiVersion}/${obj.kind}`;
    const name = this.byGvk.get(key);
    if (!name) throw new Error(`${key} is not a kind of Kubernetes ${this.version}`);
    let validate = this.compiled.get(name);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `k8s#/definitions/${name}` });
      this.compiled.set(name, validate);
    }
    if (validate(obj)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  }
}

/** Adds `additionalProperties: false` to every object schema that lists its properties. */
function strictify(definitions: Definitions): Definitions {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = k === 'properties' ? mapValues(v as object, walk) : walk(v);
    if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
    return out;
  };
  const rewrite = (s: string) => s.replace('#/definitions/', 'k8s#/definitions/');
  const refs = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(refs);
    if (!node || typeof node !== 'object') return node;
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? rewrite(v) : refs(v)]));
  };
  return refs(walk(definitions)) as Definitions;
}

function mapValues(obj: object, fn: (v: unknown) => unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, fn(v)]));
}
