/**
 * Evaluates emitted Kyverno PolicyExceptions the way Kyverno does, read from the synthesized
 * objects (never from the profile): `policies.kyverno.io/v1` by `policyRefs`, `expiresAt` and its
 * CEL `matchConditions` (with @marcbachmann/cel-js); `kyverno.io/v2` by `exceptions[]`, its
 * `match.any[].resources` (kinds, names with Kyverno's wildcards, namespaces, selector) and the
 * `time_before(time_now_utc(), …)` condition hardline writes. Anything else in an exception makes
 * the helper throw, so a change to the emitted shape cannot pass unevaluated.
 */
import { Environment } from '@marcbachmann/cel-js';
import { toCel } from './cel';

const env = new Environment({ enableOptionalTypes: true, unlistedVariablesAreDyn: true, homogeneousAggregateLiterals: false });

/** The admission request an exception is evaluated against. */
export interface ExceptionRequest {
  /** The object (Pod or controller). */
  readonly object: any;
  /** `request.namespace`. */
  readonly namespace: string;
  /** The time of the request, RFC 3339 (`2027-06-30T12:00:00Z`). */
  readonly now: string;
}

/** Whether one emitted PolicyException excepts the request from the policy (and, for v2, its rule). */
export function policyExceptionExcepts(pe: any, policy: string, rule: string, req: ExceptionRequest): boolean {
  if (pe.kind !== 'PolicyException') throw new Error(`not a PolicyException: ${pe.kind}`);
  if (pe.metadata.namespace !== req.namespace) return false; // a namespaced exception only applies in its namespace
  if (pe.apiVersion === 'policies.kyverno.io/v1') return v1Excepts(pe.spec, policy, req);
  if (pe.apiVersion === 'kyverno.io/v2') return v2Excepts(pe.spec, policy, rule, req);
  throw new Error(`unknown PolicyException API ${pe.apiVersion}`);
}

function v1Excepts(spec: any, policy: string, req: ExceptionRequest): boolean {
  const known = new Set(['policyRefs', 'expiresAt', 'matchConditions']);
  for (const k of Object.keys(spec)) if (!known.has(k)) throw new Error(`unevaluated v1 field ${k}`);
  if (!spec.policyRefs.some((r: any) => r.kind === 'ValidatingPolicy' && r.name === policy)) return false;
  if (spec.expiresAt !== undefined && Date.parse(req.now) > Date.parse(spec.expiresAt)) return false;
  const context = { object: toCel(req.object), request: { namespace: req.namespace } };
  return (spec.matchConditions ?? []).every((c: any) => {
    const result = env.evaluate(c.expression, context);
    if (typeof result !== 'boolean') throw new Error(`match condition ${c.name} is not a bool`);
    return result;
  });
}

function v2Excepts(spec: any, policy: string, rule: string, req: ExceptionRequest): boolean {
  const known = new Set(['background', 'exceptions', 'match', 'conditions']);
  for (const k of Object.keys(spec)) if (!known.has(k)) throw new Error(`unevaluated v2 field ${k}`);
  if (!spec.exceptions.some((e: any) => e.policyName === policy && e.ruleNames.includes(rule))) return false;
  if (!conditionsHold(spec.conditions, req)) return false;
  if (spec.match.all) throw new Error('unevaluated match.all');
  return spec.match.any.some((m: any) => resourcesMatch(m.resources, req));
}

function conditionsHold(conditions: any, req: ExceptionRequest): boolean {
  if (!conditions) return true;
  if (conditions.any) throw new Error('unevaluated conditions.any');
  return conditions.all.every((c: any) => {
    const m = /^\{\{ time_before\(time_now_utc\(\), '([^']+)'\) \}\}$/.exec(c.key);
    if (!m || c.operator !== 'Equals' || c.value !== true) throw new Error(`unevaluated condition ${JSON.stringify(c)}`);
    return Date.parse(req.now) < Date.parse(m[1]);
  });
}

function resourcesMatch(r: any, req: ExceptionRequest): boolean {
  const known = new Set(['kinds', 'names', 'namespaces', 'selector']);
  for (const k of Object.keys(r)) if (!known.has(k)) throw new Error(`unevaluated resources field ${k}`);
  const o = req.object;
  if (!r.kinds.includes(o.kind)) return false;
  if (r.names && !r.names.some((n: string) => wildcard(n, o.metadata?.name ?? ''))) return false;
  if (r.namespaces && !r.namespaces.some((n: string) => wildcard(n, req.namespace))) return false;
  if (r.selector) {
    if (Object.keys(r.selector).some((k) => k !== 'matchLabels')) throw new Error('unevaluated selector field');
    const labels = o.metadata?.labels ?? {};
    if (!Object.entries(r.selector.matchLabels).every(([k, v]) => labels[k] === v)) return false;
  }
  return true;
}

/** Kyverno's name and namespace wildcards: `*` any run, `?` one character. */
function wildcard(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(value);
}

/** Evaluates a native-engine match condition (the `notExceptedCel` hook) as the API server would. */
export function nativeConditionHolds(expression: string, req: ExceptionRequest): boolean {
  const result = env.evaluate(expression, { object: toCel(req.object), request: { namespace: req.namespace } });
  if (typeof result !== 'boolean') throw new Error('native match condition is not a bool');
  return result;
}
