/**
 * Validates objects that are not built-in Kubernetes kinds against their own schemas in
 * ../shared/schemas: Velero CRDs (OpenAPI v3 extracts, made strict like `kubeconform -strict`)
 * and the hand-written audit.k8s.io/v1 Policy schema (draft-07, Ajv strict mode); and the
 * EncryptionConfiguration schema hardline's tests hand-wrote from the upstream Go types (test/schemas/).
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** A schema validator for the non-Kubernetes kinds hardline emits. */
export class CrdSchemas {
  private readonly validators = new Map<string, ValidateFunction>();

  /** Loads the Velero v1.18.1 Schedule and the audit Policy schemas from `<shared>/schemas`. */
  constructor(shared: string) {
    const crdAjv = new Ajv({ strict: false, allErrors: true });
    addFormats(crdAjv);
    const schedule = JSON.parse(fs.readFileSync(path.join(shared, 'schemas', 'velero', 'v1.18.1', 'openapi', 'Schedule.velero.io_v1.json'), 'utf8'));
    this.validators.set('velero.io/v1/Schedule', crdAjv.compile(strictify(schedule) as object));
    const auditAjv = new Ajv({ strict: true, allErrors: true });
    const audit = JSON.parse(fs.readFileSync(path.join(shared, 'schemas', 'audit', 'policy-v1.schema.json'), 'utf8'));
    this.validators.set('audit.k8s.io/v1/Policy', auditAjv.compile(audit));
    const encryption = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'schemas', 'encryption-configuration-v1.schema.json'), 'utf8'));
    this.validators.set('apiserver.config.k8s.io/v1/EncryptionConfiguration', auditAjv.compile(encryption));
  }

  /** Whether this helper has a schema for the object's kind. */
  knows(obj: { apiVersion: string; kind: string }): boolean {
    return this.validators.has(`${obj.apiVersion}/${obj.kind}`);
  }

  /** Returns the schema errors of an object (empty when valid); throws if its kind has no schema here. */
  errors(obj: { apiVersion: string; kind: string }): string[] {
    const validate = this.validators.get(`${obj.apiVersion}/${obj.kind}`);
    if (!validate) throw new Error(`no schema for ${obj.apiVersion}/${obj.kind}`);
    if (validate(obj)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  }
}

/**
 * Adds `additionalProperties: false` to every object schema that lists properties and does not
 * preserve unknown fields, so a misspelled field fails (the API server would prune it silently).
 */
export function strictify(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strictify);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as object).map(([p, s]) => [p, strictify(s)])) : strictify(v);
  }
  if (out.properties && out.additionalProperties === undefined && out['x-kubernetes-preserve-unknown-fields'] !== true) {
    out.additionalProperties = false;
  }
  return out;
}

/**
 * A validator for the served versions of the CRDs in `files` (paths to CRD YAML), keyed by
 * `group/version/Kind`, strict like the others: a misspelled field fails. Unknown kinds throw.
 */
export function crdValidator(files: readonly string[]): (obj: { apiVersion: string; kind: string }) => string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const yaml = require('js-yaml') as typeof import('js-yaml');
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const f of ['int32', 'int64', 'double', 'byte']) ajv.addFormat(f, true);
  const validators = new Map<string, ValidateFunction>();
  for (const file of files) {
    const crd = yaml.load(fs.readFileSync(file, 'utf8')) as any;
    for (const v of crd.spec.versions) {
      if (v.served) validators.set(`${crd.spec.group}/${v.name}/${crd.spec.names.kind}`, ajv.compile(strictify(v.schema.openAPIV3Schema) as object));
    }
  }
  return (obj) => {
    const validate = validators.get(`${obj.apiVersion}/${obj.kind}`);
    if (!validate) throw new Error(`no CRD schema for ${obj.apiVersion}/${obj.kind}`);
    if (validate(obj)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  };
}
