/**
 * Evaluates emitted admission objects the way their engine does, read from the synthesized objects
 * (never from the rule model), for one admission request:
 * - native: `ValidatingAdmissionPolicy` `matchConstraints` (resourceRules, operations,
 *   namespaceSelector/objectSelector), `matchConditions`, `variables`, `validations` (and
 *   `messageExpression`), and each `ValidatingAdmissionPolicyBinding`'s `matchResources` and
 *   `validationActions`, as the API server does;
 * - Kyverno: `policies.kyverno.io/v1` `ValidatingPolicy` `matchConstraints`, `validationActions`,
 *   `variables`, `validations`, and `kyverno.io/v1` ClusterPolicy CEL rules, lifted by the emitted
 *   PolicyExceptions (`policy-exceptions.ts`).
 * CEL runs on @marcbachmann/cel-js with optional types. Any field the helper does not evaluate
 * makes it throw, so a change to the emitted shape cannot pass unevaluated.
 */
import { Environment } from '@marcbachmann/cel-js';
import { toCel } from './cel';
import { policyExceptionExcepts } from './policy-exceptions';

const env = new Environment({ enableOptionalTypes: true, unlistedVariablesAreDyn: true, homogeneousAggregateLiterals: false });
const compiled = new Map<string, (ctx: unknown) => unknown>();

/** Evaluates a CEL expression (compiled once per text). */
export function celEval(expression: string, context: unknown): unknown {
  let fn = compiled.get(expression);
  if (!fn) {
    fn = env.parse(expression) as unknown as (ctx: unknown) => unknown;
    compiled.set(expression, fn);
  }
  return fn(context);
}

/** What admission does with an object for one rule: reject it, admit it with an audit record (or warning), or admit it. */
export type Verdict = 'deny' | 'audit' | 'admit';

/** One admission request. */
export interface AdmissionRequest {
  /** The object (Pod or controller). */
  readonly object: any;
  /** `request.namespace`. */
  readonly namespace: string;
  /** Labels of that namespace (with `kubernetes.io/metadata.name`, as the API server sets it). */
  readonly namespaceLabels: { readonly [key: string]: string };
  /** CREATE (default) or UPDATE. */
  readonly operation?: 'CREATE' | 'UPDATE';
  /** `ephemeralcontainers` for an update of a Pod's ephemeral containers. */
  readonly subresource?: string;
  /** Time of the request (for Kyverno PolicyExceptions), RFC 3339. */
  readonly now: string;
}

/** The result of one policy. */
export interface PolicyResult {
  readonly verdict: Verdict;
  /** Messages of the failed validations (messageExpression when it evaluates to a string). */
  readonly messages: readonly string[];
}

const RESOURCES: { readonly [kind: string]: { group: string; version: string; resource: string } } = {
  Pod: { group: '', version: 'v1', resource: 'pods' },
  ReplicationController: { group: '', version: 'v1', resource: 'replicationcontrollers' },
  Deployment: { group: 'apps', version: 'v1', resource: 'deployments' },
  ReplicaSet: { group: 'apps', version: 'v1', resource: 'replicasets' },
  StatefulSet: { group: 'apps', version: 'v1', resource: 'statefulsets' },
  DaemonSet: { group: 'apps', version: 'v1', resource: 'daemonsets' },
  Job: { group: 'batch', version: 'v1', resource: 'jobs' },
  CronJob: { group: 'batch', version: 'v1', resource: 'cronjobs' },
};

function only(obj: any, known: readonly string[], where: string): void {
  for (const k of Object.keys(obj ?? {})) if (!known.includes(k)) throw new Error(`unevaluated field ${where}.${k}`);
}

/** Whether a Kubernetes label selector (matchLabels, matchExpressions) selects these labels; an absent selector selects all. */
export function selects(selector: any, labels: { readonly [key: string]: string }): boolean {
  if (selector === undefined) return true;
  only(selector, ['matchLabels', 'matchExpressions'], 'selector');
  if (!Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v)) return false;
  return (selector.matchExpressions ?? []).every((x: any) => {
    const has = Object.prototype.hasOwnProperty.call(labels, x.key);
    switch (x.operator) {
      case 'In':
        return has && x.values.includes(labels[x.key]);
      case 'NotIn':
        return !has || !x.values.includes(labels[x.key]);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      default:
        throw new Error(`unevaluated selector operator ${x.operator}`);
    }
  });
}

/** Whether resource rules match the request's group, version, resource (with subresource) and operation. */
function rulesMatch(rules: any[] | undefined, req: AdmissionRequest): boolean {
  const r = RESOURCES[req.object.kind];
  if (!r) throw new Error(`no resource known for kind ${req.object.kind}`);
  const resource = req.subresource ? `${r.resource}/${req.subresource}` : r.resource;
  const op = req.operation ?? 'CREATE';
  const any = (list: string[], v: string) => list.includes('*') || list.includes(v);
  return (rules ?? []).some((rule) => {
    only(rule, ['apiGroups', 'apiVersions', 'operations', 'resources', 'scope'], 'resourceRules[]');
    return any(rule.apiGroups, r.group) && any(rule.apiVersions, r.version) && any(rule.operations, op) && any(rule.resources, resource);
  });
}

function celContext(req: AdmissionRequest): Record<string, unknown> {
  return {
    object: toCel(req.object),
    oldObject: null,
    request: toCel({ namespace: req.namespace, operation: req.operation ?? 'CREATE', kind: { kind: req.object.kind }, subResource: req.subresource ?? '' }),
  };
}

/** Runs the variables and validations; returns the messages of the failed ones (empty: all pass). */
function failures(spec: any, req: AdmissionRequest): string[] {
  const context: any = { ...celContext(req), variables: {} };
  for (const v of spec.variables ?? []) context.variables[v.name] = celEval(v.expression, context);
  const out: string[] = [];
  for (const val of spec.validations ?? []) {
    only(val, ['expression', 'message', 'messageExpression', 'reason'], 'validations[]');
    const ok = celEval(val.expression, context);
    if (typeof ok !== 'boolean') throw new Error(`validation did not return a bool: ${val.expression}`);
    if (ok) continue;
    let message = val.message;
    if (val.messageExpression) {
      try {
        const m = celEval(val.messageExpression, context);
        if (typeof m === 'string' && m !== '') message = m;
      } catch {
        // Kubernetes falls back to the static message when messageExpression fails.
      }
    }
    out.push(message);
  }
  return out;
}

function verdictOf(actions: Set<string>): Verdict {
  return actions.has('Deny') ? 'deny' : actions.has('Audit') || actions.has('Warn') ? 'audit' : 'admit';
}

/** The verdict of every native ValidatingAdmissionPolicy among the manifests, by policy name. */
export function nativeResults(manifests: readonly any[], req: AdmissionRequest): Map<string, PolicyResult> {
  const out = new Map<string, PolicyResult>();
  const bindings = manifests.filter((m) => m.kind === 'ValidatingAdmissionPolicyBinding');
  for (const p of manifests.filter((m) => m.kind === 'ValidatingAdmissionPolicy')) {
    only(p.spec, ['failurePolicy', 'matchConstraints', 'matchConditions', 'variables', 'validations'], 'ValidatingAdmissionPolicy.spec');
    const mc = p.spec.matchConstraints;
    only(mc, ['resourceRules', 'matchPolicy', 'namespaceSelector', 'objectSelector'], 'matchConstraints');
    const name = p.metadata.name;
    if (!rulesMatch(mc.resourceRules, req) || !selects(mc.namespaceSelector, req.namespaceLabels) || !selects(mc.objectSelector, req.object.metadata?.labels ?? {})) {
      out.set(name, { verdict: 'admit', messages: [] });
      continue;
    }
    let skipped = false;
    for (const c of p.spec.matchConditions ?? []) {
      const r = celEval(c.expression, celContext(req));
      if (typeof r !== 'boolean') throw new Error(`match condition ${c.name} is not a bool`);
      if (!r) skipped = true;
    }
    if (skipped) {
      out.set(name, { verdict: 'admit', messages: [] });
      continue;
    }
    const actions = new Set<string>();
    const messages: string[] = [];
    for (const b of bindings.filter((x) => x.spec.policyName === name)) {
      only(b.spec, ['policyName', 'validationActions', 'matchResources'], 'ValidatingAdmissionPolicyBinding.spec');
      const mr = b.spec.matchResources ?? {};
      only(mr, ['namespaceSelector', 'objectSelector', 'resourceRules', 'matchPolicy'], 'matchResources');
      if (!selects(mr.namespaceSelector, req.namespaceLabels) || !selects(mr.objectSelector, req.object.metadata?.labels ?? {})) continue;
      if (mr.resourceRules && !rulesMatch(mr.resourceRules, req)) continue;
      const failed = failures(p.spec, req);
      if (failed.length === 0) continue;
      for (const a of b.spec.validationActions) actions.add(a);
      messages.push(...failed);
    }
    out.set(name, { verdict: verdictOf(actions), messages });
  }
  return out;
}

/** The verdict of every Kyverno `policies.kyverno.io/v1` ValidatingPolicy among the manifests, after the PolicyExceptions, by policy name. */
export function kyvernoResults(manifests: readonly any[], req: AdmissionRequest): Map<string, PolicyResult> {
  const out = new Map<string, PolicyResult>();
  const exceptions = manifests.filter((m) => m.kind === 'PolicyException');
  for (const p of manifests.filter((m) => m.kind === 'ValidatingPolicy')) {
    only(p.spec, ['autogen', 'evaluation', 'matchConstraints', 'validationActions', 'variables', 'validations'], 'ValidatingPolicy.spec');
    if (p.spec.autogen?.podControllers?.controllers?.length) throw new Error('unevaluated autogen');
    const mc = p.spec.matchConstraints;
    only(mc, ['resourceRules', 'namespaceSelector', 'objectSelector'], 'matchConstraints');
    const name = p.metadata.name;
    const rule = name.replace(/^hl-/, '').replace(/-(enforce-scoped|enforce|audit|warn)$/, '');
    const matched = rulesMatch(mc.resourceRules, req) && selects(mc.namespaceSelector, req.namespaceLabels) && selects(mc.objectSelector, req.object.metadata?.labels ?? {});
    const excepted = () => exceptions.some((pe) => policyExceptionExcepts(pe, name, rule, { object: req.object, namespace: req.namespace, now: req.now }));
    const failed = matched ? failures(p.spec, req) : [];
    if (failed.length === 0 || excepted()) {
      out.set(name, { verdict: 'admit', messages: [] });
      continue;
    }
    out.set(name, { verdict: verdictOf(new Set(p.spec.validationActions)), messages: failed });
  }
  return out;
}

/**
 * The verdict of every Kyverno ClusterPolicy (Kyverno 1.13–1.16, one CEL rule each) among the
 * manifests, after the `kyverno.io/v2` PolicyExceptions, by policy name. A subresource request
 * matches only a kind written with it (`Pod/ephemeralcontainers`), as Kyverno matches kinds.
 */
export function clusterPolicyResults(manifests: readonly any[], req: AdmissionRequest): Map<string, PolicyResult> {
  const out = new Map<string, PolicyResult>();
  const exceptions = manifests.filter((m) => m.kind === 'PolicyException');
  for (const p of manifests.filter((m) => m.kind === 'ClusterPolicy')) {
    // emitWarning only adds a warning to an audited request; it does not change the verdict.
    only(p.spec, ['background', 'emitWarning', 'rules'], 'ClusterPolicy.spec');
    if (p.spec.rules.length !== 1) throw new Error('unevaluated: more than one rule');
    const rule = p.spec.rules[0];
    only(rule, ['name', 'match', 'validate'], 'rules[]');
    only(rule.match, ['any'], 'match');
    only(rule.validate, ['cel', 'failureAction'], 'validate');
    const kind = req.subresource ? `${req.object.kind}/${req.subresource}` : req.object.kind;
    const matched = rule.match.any.some((m: any) => {
      only(m.resources, ['kinds', 'namespaceSelector', 'operations'], 'resources');
      return m.resources.kinds.includes(kind) && m.resources.operations.includes(req.operation ?? 'CREATE') && selects(m.resources.namespaceSelector, req.namespaceLabels);
    });
    const spec = { variables: rule.validate.cel.variables, validations: rule.validate.cel.expressions };
    const failed = matched ? failures(spec, req) : [];
    const excepted = () => exceptions.some((pe) => policyExceptionExcepts(pe, p.metadata.name, rule.name, { object: req.object, namespace: req.namespace, now: req.now }));
    if (failed.length === 0 || excepted()) {
      out.set(p.metadata.name, { verdict: 'admit', messages: [] });
      continue;
    }
    out.set(p.metadata.name, { verdict: rule.validate.failureAction === 'Enforce' ? 'deny' : 'audit', messages: failed });
  }
  return out;
}

/** Combines policy results into one verdict per rule (`hl-<rule>[-<mode>]` → `<rule>`): the strongest wins. */
export function byRule(results: Map<string, PolicyResult>, ruleOf: (policy: string) => string): Map<string, Verdict> {
  const rank: Record<Verdict, number> = { admit: 0, audit: 1, deny: 2 };
  const out = new Map<string, Verdict>();
  for (const [policy, r] of results) {
    const rule = ruleOf(policy);
    const seen = out.get(rule) ?? 'admit';
    out.set(rule, rank[r.verdict] > rank[seen] ? r.verdict : seen);
  }
  return out;
}
