/**
 * Validates custom resources (Kyverno) against the openAPIV3Schema of their real CRDs in
 * ../shared/schemas. Unknown fields are errors wherever the CRD lists properties and does not
 * preserve unknown fields, like the API server's structural pruning would silently drop them.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import * as yaml from 'js-yaml';

/** The CRD files hardline's custom resources are checked against, per Kyverno version. */
const CRD_FILES: Record<string, string[]> = {
  'v1.15.3': ['kyverno.io_clusterpolicies.yaml', 'kyverno.io_policyexceptions.yaml'],
  'v1.19.0': [
    'kyverno.io_clusterpolicies.yaml',
    'policies.kyverno.io_validatingpolicies.yaml',
    'policies.kyverno.io_imagevalidatingpolicies.yaml',
    'policies.kyverno.io_policyexceptions.yaml',
  ],
};

/** A validator over the CRDs of one Kyverno release. */
export class KyvernoSchemas {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly schemas = new Map<string, { schema: object; raw: any; deprecated: boolean }>();
  private readonly compiled = new Map<string, ValidateFunction>();

  /** Loads `<shared>/schemas/kyverno/<version>/*.yaml`. */
  constructor(shared: string, public readonly version: string) {
    addFormats(this.ajv);
    for (const f of ['int32', 'int64', 'double', 'byte']) this.ajv.addFormat(f, true);
    for (const file of CRD_FILES[version] ?? []) {
      const crd = yaml.load(fs.readFileSync(path.join(shared, 'schemas', 'kyverno', version, file), 'utf8')) as any;
      for (const v of crd.spec.versions) {
        if (!v.served) continue;
        const key = `${crd.spec.group}/${v.name}/${crd.spec.names.kind}`;
        this.schemas.set(key, { schema: strictify(v.schema.openAPIV3Schema), raw: v.schema.openAPIV3Schema, deprecated: v.deprecated === true });
      }
    }
  }

  /** Whether this release serves the object's apiVersion and kind. */
  serves(obj: { apiVersion: string; kind: string }): boolean {
    return this.schemas.has(`${obj.apiVersion}/${obj.kind}`);
  }

  /** Whether the served version is marked deprecated in the CRD. */
  deprecated(obj: { apiVersion: string; kind: string }): boolean {
    return this.schemas.get(`${obj.apiVersion}/${obj.kind}`)?.deprecated ?? false;
  }

  /** Paths of the fields the object sets whose CRD description marks them deprecated. */
  deprecatedFields(obj: { apiVersion: string; kind: string }): string[] {
    const entry = this.schemas.get(`${obj.apiVersion}/${obj.kind}`);
    if (!entry) throw new Error(`${obj.apiVersion}/${obj.kind} is not served by the Kyverno ${this.version} CRDs`);
    const out: string[] = [];
    const walk = (value: any, schema: any, at: string): void => {
      if (!schema || value === null || value === undefined) return;
      if (/\bdeprecated\b/i.test(schema.description ?? '')) out.push(at || '/');
      if (Array.isArray(value)) value.forEach((v, i) => walk(v, schema.items, `${at}/${i}`));
      else if (typeof value === 'object' && schema.properties) {
        for (const [k, v] of Object.entries(value)) walk(v, schema.properties[k], `${at}/${k}`);
      }
    };
    walk(obj, entry.raw, '');
    return out;
  }

  /** Schema errors of an object (empty when valid); throws when the kind is not served. */
  errors(obj: { apiVersion: string; kind: string }): string[] {
    const key = `${obj.apiVersion}/${obj.kind}`;
    const entry = this.schemas.get(key);
    if (!entry) throw new Error(`${key} is not served by the Kyverno ${this.version} CRDs`);
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(entry.schema);
      this.compiled.set(key, validate);
    }
    if (validate(obj)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  }
}

/** Adds `additionalProperties: false` where a schema lists properties and keeps no unknown fields. */
function strictify(node: any): any {
  if (Array.isArray(node)) return node.map(strictify);
  if (!node || typeof node !== 'object') return node;
  const out: any = {};
  for (const [k, v] of Object.entries(node)) {
    out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as object).map(([p, s]) => [p, strictify(s)])) : strictify(v);
  }
  if (out.properties && out.additionalProperties === undefined && !out['x-kubernetes-preserve-unknown-fields']) {
    // metadata is a plain object in CRD schemas; everything else that lists properties is closed.
    out.additionalProperties = false;
  }
  return out;
}
