/**
 * The one meaning of an exception's scope: which (admission rule, object) pairs it lifts. Every
 * layer derives from these pure functions — the Kyverno PolicyException's match conditions
 * (`scopeCel`, `kyvernoMatchAny`), the build-time check and `Hardline.check` (`liftingException`),
 * the native engine's hook (`notExceptedCel`) and the report (`describeScope`) — so a
 * workload-scoped exception admits its workload and still denies the workload next to it
 * everywhere. Pure data and functions: no I/O, safe for `constructs/`.
 *
 * Matching, decided once:
 * - `selector.matchLabels` matches an object's OWN `metadata.labels` (Kubernetes label-selector
 *   semantics, as Kyverno's `match.resources.selector` and a binding's `objectSelector`). A Pod
 *   carries its template's labels and a Deployment's ReplicaSet copies them, so the selector is
 *   how the generated objects of a workload are reached.
 * - `workloads: [{kind, name}]` matches the named objects by kind and exact name. Pods, the
 *   ReplicaSets of a Deployment and the Jobs of a CronJob carry generated names (`billing-7d9f-x2`,
 *   empty at admission with `generateName`), so a name can never reach them: an exception naming a
 *   controller must also give `selector`, and then matches the generated kinds of the named
 *   controllers (Deployment → ReplicaSet, Pod; CronJob → Job, Pod; the others → Pod) by labels.
 * - Narrowest wins: every field narrows, none widens. An object is in scope when it is in one of
 *   the exception's namespaces AND matches the selector (when given) AND is a named workload or a
 *   generated kind of one (when workloads are given); a rule is lifted when the control lifts it
 *   AND `rules` (when given) names it.
 * @internal
 */
import { ControlException, ExceptedWorkload } from './types';

/** Kinds an exception may name, and the kinds their controllers create (generated names). */
export const WORKLOAD_DESCENDANTS: { readonly [kind: string]: readonly string[] } = {
  CronJob: ['Job', 'Pod'],
  DaemonSet: ['Pod'],
  Deployment: ['Pod', 'ReplicaSet'],
  Job: ['Pod'],
  Pod: [],
  ReplicaSet: ['Pod'],
  ReplicationController: ['Pod'],
  StatefulSet: ['Pod'],
};

/** Kinds the admission rules evaluate (Pods and the built-in Pod controllers), sorted. */
export const SCOPED_KINDS: readonly string[] = Object.keys(WORKLOAD_DESCENDANTS).sort();

/**
 * The admission controls an exception to a control lifts: an admission control lifts itself; a
 * Pod Security control lifts the admission rules of the levels it relaxes (HL-POD-001: restricted;
 * HL-POD-002: baseline and restricted), so Pod Security Admission and Kyverno agree.
 */
export const ADMISSION_LIFTS: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ...['HL-ADM-001', 'HL-ADM-002', 'HL-ADM-003', 'HL-ADM-004', 'HL-ADM-005', 'HL-ADM-006', 'HL-ADM-007', 'HL-ADM-008'].map(
    (id) => [id, [id]] as const,
  ),
  ['HL-POD-001', ['HL-ADM-002']],
  ['HL-POD-002', ['HL-ADM-001', 'HL-ADM-002']],
]);

/**
 * Namespace label holding the Pod Security level hardline's admission policies keep denying for
 * every workload no workload-scoped exception names, where such an exception had the namespace's
 * PSA enforce label lowered (PSA cannot exempt one workload). Absent everywhere else.
 */
export const SCOPED_ENFORCE_LABEL = 'hardline.dev/pod-security-enforce';

/** Controls whose exceptions relax Pod Security (namespace-wide in production needs `scope: namespace`). */
export const POD_SECURITY_CONTROLS: readonly string[] = ['HL-ADM-001', 'HL-ADM-002', 'HL-POD-001', 'HL-POD-002'];

/** An admission rule as far as exceptions are concerned: its id and the admission control it implements. */
export interface ExceptableRule {
  /** Rule id, e.g. `require-run-as-nonroot`. */
  readonly id: string;
  /** The admission control it implements, e.g. `HL-ADM-002`. */
  readonly control: string;
}

/** The parts of an object (Pod or controller) an exception's scope reads. */
export interface ScopedObject {
  /** `kind`. */
  readonly kind: string;
  /** Namespace (the request's namespace when the object names none). */
  readonly namespace: string;
  /** `metadata.name`; empty for a Pod created with `generateName` before the API server names it. */
  readonly name: string;
  /** `metadata.labels`. */
  readonly labels: { readonly [key: string]: string };
}

/** Reads the scoped parts of a manifest; `namespace` is used when the manifest names none. */
export function scopedObjectOf(manifest: unknown, namespace = 'default'): ScopedObject {
  const m = (manifest && typeof manifest === 'object' ? manifest : {}) as { kind?: unknown; metadata?: Record<string, unknown> };
  const meta = m.metadata && typeof m.metadata === 'object' ? m.metadata : {};
  const labels = meta.labels && typeof meta.labels === 'object' ? (meta.labels as Record<string, unknown>) : {};
  return {
    kind: typeof m.kind === 'string' ? m.kind : '',
    namespace: typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : namespace,
    name: typeof meta.name === 'string' ? meta.name : '',
    labels: Object.fromEntries(Object.entries(labels).filter((e): e is [string, string] => typeof e[1] === 'string')),
  };
}

/**
 * Why a workload scope cannot mean what it says, or undefined: a named controller without a
 * selector (its Pods carry generated names, so nothing would reach them and its rollout would be
 * denied), or `scope` contradicting the fields.
 */
export function workloadScopeProblem(e: ControlException): { field: string; message: string } | undefined {
  const controllers = (e.workloads ?? []).filter((w) => w.kind !== 'Pod');
  if (controllers.length > 0 && !e.selector) {
    const w = controllers[0];
    return {
      field: 'selector',
      message:
        `the Pods of ${w.kind} "${w.name}" carry generated names, so a name cannot reach them; add selector.matchLabels ` +
        `with labels of its Pod template (and of the ${w.kind} itself) so the workload and its Pods are excepted together`,
    };
  }
  if (e.scope === 'namespace' && isWorkloadScoped(e)) {
    return { field: 'scope', message: 'scope "namespace" says the exception covers every workload, but workloads or selector narrow it; remove one' };
  }
  if (e.scope === 'workloads' && !isWorkloadScoped(e)) {
    return { field: 'scope', message: 'scope "workloads" needs workloads or selector naming the workloads' };
  }
  return undefined;
}

/** Whether the exception is narrowed to workloads (by `workloads` or `selector`). */
export function isWorkloadScoped(e: ControlException): boolean {
  return (e.workloads?.length ?? 0) > 0 || e.selector !== undefined;
}

/** The generated kinds of the named workloads, sorted (empty without workloads). */
export function generatedKinds(workloads: readonly ExceptedWorkload[] | undefined): string[] {
  return [...new Set((workloads ?? []).flatMap((w) => WORKLOAD_DESCENDANTS[w.kind] ?? []))].sort();
}

/** Whether the object is in one of the exception's namespaces and inside its workload scope. */
export function inScope(e: ControlException, o: ScopedObject): boolean {
  if (e.namespaces && !e.namespaces.includes(o.namespace)) return false;
  if (!SCOPED_KINDS.includes(o.kind)) return false;
  if (e.selector && !Object.entries(e.selector.matchLabels).every(([k, v]) => o.labels[k] === v)) return false;
  if (e.workloads?.length) {
    const named = e.workloads.some((w) => w.kind === o.kind && w.name === o.name && o.name !== '');
    return named || (e.selector !== undefined && generatedKinds(e.workloads).includes(o.kind));
  }
  return true;
}

/** Whether the exception lifts the rule (its control lifts the rule's control and `rules`, if any, names it). */
export function liftsRule(e: ControlException, rule: ExceptableRule): boolean {
  const lifted = ADMISSION_LIFTS.get(e.control);
  return lifted !== undefined && lifted.includes(rule.control) && (!e.rules || e.rules.includes(rule.id));
}

/**
 * Whether the exception is in force on `asOf` (`YYYY-MM-DD`): through the whole of its `expires`
 * day (UTC), as the PolicyException's `expiresAt` of `<expires>T23:59:59Z` says.
 */
export function inForce(e: ControlException, asOf: string | undefined): boolean {
  return asOf === undefined || asOf <= e.expires;
}

/**
 * Whether the exception lifts the rule for the object (on `asOf`, when given): the one question
 * every layer answers.
 */
export function exceptionLifts(e: ControlException, rule: ExceptableRule, o: ScopedObject, asOf?: string): boolean {
  return inForce(e, asOf) && liftsRule(e, rule) && inScope(e, o);
}

/**
 * The exception that lifts the rule for the object, or undefined: the narrowest when several do
 * (workload-scoped before namespace-wide, then those naming rules, then the earliest expiry), so
 * messages and the report name the record that applies most specifically.
 */
export function liftingException(
  exceptions: readonly ControlException[],
  rule: ExceptableRule,
  o: ScopedObject,
  asOf?: string,
): ControlException | undefined {
  const rank = (e: ControlException) => (isWorkloadScoped(e) ? 0 : 2) + (e.rules ? 0 : 1);
  return exceptions
    .filter((e) => exceptionLifts(e, rule, o, asOf))
    .sort((a, b) => rank(a) - rank(b) || (a.expires < b.expires ? -1 : a.expires > b.expires ? 1 : 0))[0];
}

/** A CEL string literal of a value the profile rules already checked (names, label keys and values). */
function lit(value: string): string {
  if (/['\\\n\r]/.test(value)) throw new Error(`"${value}" cannot be written into a CEL string literal`);
  return `'${value}'`;
}

/**
 * The exception's workload scope as one CEL expression over `object` (true when the object is in
 * scope), or undefined for a namespace-wide exception. Namespaces are not part of it (a
 * PolicyException is placed per namespace). Used in Kyverno PolicyException `matchConditions`
 * and, negated, by the native engine.
 */
export function scopeCel(e: ControlException): string | undefined {
  if (!isWorkloadScoped(e)) return undefined;
  const parts: string[] = [];
  if (e.selector) {
    for (const [k, v] of Object.entries(e.selector.matchLabels).sort(([a], [b]) => (a < b ? -1 : 1))) {
      parts.push(`${lit(k)} in object.metadata.?labels.orValue({}) && object.metadata.labels[${lit(k)}] == ${lit(v)}`);
    }
  }
  if (e.workloads?.length) {
    const byKind = new Map<string, string[]>();
    for (const w of e.workloads) byKind.set(w.kind, [...(byKind.get(w.kind) ?? []), w.name]);
    const alternatives = [...byKind.keys()].sort().map((kind) => {
      const names = [...new Set(byKind.get(kind)!)].sort().map(lit);
      return `(object.kind == ${lit(kind)} && object.metadata.?name.orValue('') in [${names.join(', ')}])`;
    });
    const generated = e.selector ? generatedKinds(e.workloads) : [];
    if (generated.length > 0) alternatives.push(`object.kind in [${generated.map(lit).join(', ')}]`);
    parts.push(alternatives.length === 1 ? alternatives[0] : `(${alternatives.join(' || ')})`);
  }
  return parts.join(' && ');
}

/**
 * A CEL expression that is true when none of the exceptions lifts the rule for `object` in
 * namespace `ns` (`request.namespace`): the hook for the native engine (issue 17), which puts it
 * in a ValidatingAdmissionPolicy's `matchConditions` so the policy skips exactly what the Kyverno
 * PolicyExceptions lift. Returns undefined when no exception applies.
 */
export function notExceptedCel(exceptions: readonly ControlException[], rule: ExceptableRule, today: string): string | undefined {
  const relevant = exceptions.filter((e) => liftsRule(e, rule) && inForce(e, today));
  if (relevant.length === 0) return undefined;
  const covered = relevant.map((e) => {
    const ns = e.namespaces ? `request.namespace in [${[...e.namespaces].sort().map(lit).join(', ')}]` : 'true';
    const scope = scopeCel(e);
    return scope ? `(${ns} && ${scope})` : `(${ns})`;
  });
  return `!(${covered.join(' || ')})`;
}

/** One entry of a Kyverno `kyverno.io/v2` PolicyException `match.any`. */
export interface KyvernoResourceMatch {
  readonly resources: {
    readonly kinds: string[];
    readonly names?: string[];
    readonly namespaces: string[];
    readonly selector?: { readonly matchLabels: { [key: string]: string } };
  };
}

/**
 * The exception's scope in namespace `ns` as Kyverno `kyverno.io/v2` `match.any` entries (any of
 * them matching excepts the object): the named workloads by kinds and names, their generated
 * kinds by selector, or every scoped kind for a namespace-wide exception.
 */
export function kyvernoMatchAny(e: ControlException, ns: string): KyvernoResourceMatch[] {
  const selector = e.selector ? { selector: { matchLabels: sortedLabels(e.selector.matchLabels) } } : {};
  if (!e.workloads?.length) return [{ resources: { kinds: [...SCOPED_KINDS], namespaces: [ns], ...selector } }];
  const byKind = new Map<string, string[]>();
  for (const w of e.workloads) byKind.set(w.kind, [...(byKind.get(w.kind) ?? []), w.name]);
  const out: KyvernoResourceMatch[] = [...byKind.keys()].sort().map((kind) => ({
    resources: { kinds: [kind], names: [...new Set(byKind.get(kind)!)].sort(), namespaces: [ns], ...selector },
  }));
  const generated = e.selector ? generatedKinds(e.workloads) : [];
  if (generated.length > 0) out.push({ resources: { kinds: generated, namespaces: [ns], ...selector } });
  return out;
}

function sortedLabels(labels: { readonly [key: string]: string }): { [key: string]: string } {
  return Object.fromEntries(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * The scope in words, for annotations, messages and the report: `namespace-wide`, or the named
 * workloads and labels, and the rules when `rules` narrows it.
 */
export function describeScope(e: ControlException): string {
  const parts: string[] = [];
  if (e.workloads?.length) {
    const generated = e.selector ? generatedKinds(e.workloads) : [];
    const named = [...e.workloads].map((w) => `${w.kind}/${w.name}`).sort().join(', ');
    parts.push(generated.length > 0 ? `${named} (and the ${generated.join(', ')} objects they create)` : named);
  }
  if (e.selector) {
    const labels = Object.entries(e.selector.matchLabels).sort(([a], [b]) => (a < b ? -1 : 1));
    parts.push(`${e.workloads?.length ? '' : 'objects '}labelled ${labels.map(([k, v]) => `${k}=${v}`).join(', ')}`);
  }
  const where = parts.length > 0 ? parts.join(', ') : 'namespace-wide';
  return e.rules ? `${where}; rules ${[...e.rules].sort().join(', ')}` : where;
}
