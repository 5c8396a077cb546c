/**
 * The one place that writes compliance annotations onto emitted objects.
 * @internal
 */
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { assertExceptionValid, benchmarkInfo, cisIdIn, exceptionId, CisVersion, compareIds, Control, ControlClaim, ControlException, isControlClaim } from '../src/controls';
import { ComplianceContext } from './compliance-context';

/**
 * Annotation keys of the hardline annotation contract. `cis` and `cisVersion` are the keys of the
 * CIS Kubernetes Benchmark; under a managed-provider benchmark the keys name that benchmark instead
 * (`cis-eks` / `cis-eks-version`, …), see `cisAnnotationKeys`.
 */
export const ANNOTATIONS = {
  controls: 'compliance.hardline.dev/controls',
  cis: 'compliance.hardline.dev/cis-kubernetes',
  cisVersion: 'compliance.hardline.dev/cis-kubernetes-version',
  soc2: 'compliance.hardline.dev/soc2',
  profile: 'compliance.hardline.dev/profile',
  exceptions: 'compliance.hardline.dev/exceptions',
  approvals: 'compliance.hardline.dev/exception-approvals',
  exceptionIds: 'compliance.hardline.dev/exception-ids',
} as const;

/**
 * The keys an object's CIS claim is written under for a benchmark: `compliance.hardline.dev/cis-<family>`
 * (the IDs) and `compliance.hardline.dev/cis-<family>-version` (the CIS document version), where the
 * family is `kubernetes` for the CIS Kubernetes Benchmark and `eks`, `gke` or `aks` for the provider
 * benchmarks, so an EKS ID can never be read as a CIS Kubernetes ID.
 * @internal
 */
export function cisAnnotationKeys(benchmark: CisVersion): { readonly ids: string; readonly version: string } {
  const { family } = benchmarkInfo(benchmark);
  return { ids: `compliance.hardline.dev/cis-${family}`, version: `compliance.hardline.dev/cis-${family}-version` };
}

/**
 * Stamps the annotation contract on an object: the controls that govern it, the CIS IDs (for the
 * benchmark in force) and SOC 2 criteria of those it implements, the profile name, and the
 * controls relaxed by an applied exception, with the ids of those exceptions
 * (`compliance.hardline.dev/exception-ids`: the report lists each under its id). An excepted control stays in `controls` and is
 * listed in `exceptions`; its CIS and SOC 2 IDs are not claimed. An object whose every control
 * is excepted carries no CIS or SOC 2 annotation.
 *
 * A whole `Control` claims all of its IDs; a `ControlClaim` (see `claimOf`) claims only the part of
 * the control this object implements, which is what an object should claim.
 * @internal
 */
export function annotateControls(
  obj: ApiObject,
  implemented: readonly (Control | ControlClaim)[],
  exceptions: readonly ControlException[] = [],
): void {
  const claims = implemented.map((x) => (isControlClaim(x) ? x : { control: x, cis: x.cis, soc2: x.soc2 }));
  const controls = claims.map((c) => c.control);
  if (controls.length === 0) {
    throw new Error(`${obj.kind} "${obj.name}" implements no control; every hardline object must implement one.`);
  }
  const settings = ComplianceContext.of(obj);
  // Every applied exception passes the one validator, whichever construct applied it.
  for (const e of exceptions) assertValid(obj, e);
  const excepted = new Set(exceptions.map((e) => e.control));
  // Thousands of objects share a handful of control sets: compute each set's annotations once.
  const key = [settings.cisVersion, settings.profile, ...claims.map(claimKey), '|', ...[...excepted].sort()].join(',');
  let annotations = computed.get(key);
  if (!annotations) {
    annotations = annotationsFor(claims, excepted, settings.cisVersion, settings.profile);
    if (computed.size > 1000) computed.clear();
    computed.set(key, annotations);
  }
  for (const [name, value] of annotations) obj.metadata.addAnnotation(name, value);
  const approvals = approvalsOf(exceptions);
  if (approvals) obj.metadata.addAnnotation(ANNOTATIONS.approvals, approvals);
  // The ids of the applied exceptions: the report holds each one whole (reason, owner, scope) once.
  if (exceptions.length > 0) obj.metadata.addAnnotation(ANNOTATIONS.exceptionIds, unique(exceptions.map(exceptionId)).sort().join(','));
  claimed.set(obj, claims);
}

/**
 * The approval records of the applied exceptions, one per control in ID order:
 * `HL-POD-001 approved by ciso@acme.example (SEC-123)`, joined with `; `. Undefined when none has one.
 */
function approvalsOf(exceptions: readonly ControlException[]): string | undefined {
  const records = new Map<string, string>();
  for (const e of exceptions) {
    if (e.approvedBy === undefined && e.ticket === undefined) continue;
    const record = `${e.control} approved by ${e.approvedBy ?? 'nobody recorded'}${e.ticket !== undefined ? ` (${e.ticket})` : ''}`;
    const seen = records.get(e.control);
    records.set(e.control, seen && seen !== record ? `${seen}; ${record}` : record);
  }
  return records.size > 0 ? [...records.keys()].sort(compareIds).map((c) => records.get(c)).join('; ') : undefined;
}

/** The claims each annotated object was stamped with (weakly held: no leak across synths). */
const claimed = new WeakMap<ApiObject, readonly ControlClaim[]>();

/**
 * The claims `annotateControls` stamped on an object (empty for an object it never saw): which part
 * of which control the object implements. Tests use it to prove each control is the union of them.
 * @internal
 */
export function claimsOf(obj: ApiObject): readonly ControlClaim[] {
  return claimed.get(obj) ?? [];
}

/** Annotation values by control set, computed once each (controls are immutable catalog data). */
const computed = new Map<string, ReadonlyArray<readonly [string, string]>>();

/** A claim's identity for the cache: its control and the IDs it picks. */
function claimKey(c: ControlClaim): string {
  return `${c.control.id}[${c.cis.map((r) => Object.values(r.ids).join('/')).join(';')}|${c.soc2.map((s) => s.id).join(';')}]`;
}

function annotationsFor(
  claims: readonly ControlClaim[],
  excepted: ReadonlySet<string>,
  cisVersion: CisVersion,
  profile: string,
): ReadonlyArray<readonly [string, string]> {
  const implemented = claims.filter((c) => !excepted.has(c.control.id));
  const ids = unique([...claims.map((c) => c.control.id), ...excepted]).sort();
  const cis = unique(
    implemented.flatMap((c) => c.cis.map((r) => cisIdIn(r, cisVersion)).filter((id): id is string => id !== undefined)),
  ).sort(compareIds);
  const soc2 = unique(implemented.flatMap((c) => c.soc2.map((s) => s.id))).sort(compareIds);
  const out: [string, string][] = [[ANNOTATIONS.controls, ids.join(',')]];
  const keys = cisAnnotationKeys(cisVersion);
  if (cis.length > 0) out.push([keys.ids, cis.join(',')]);
  out.push([keys.version, benchmarkInfo(cisVersion).version]);
  if (soc2.length > 0) out.push([ANNOTATIONS.soc2, soc2.join(',')]);
  out.push([ANNOTATIONS.profile, profile]);
  if (excepted.size > 0) out.push([ANNOTATIONS.exceptions, [...excepted].sort().join(',')]);
  return out;
}

/**
 * Returns the exception for a control, or undefined. The exception found must pass the exception
 * validator under the scope's compliance date and lifetime limit (a real, unexpired date at most
 * `maxExceptionDays` away, a visible reason and owner); an invalid one throws, it never applies.
 * @internal
 */
export function exceptionFor(
  exceptions: readonly ControlException[] | undefined,
  control: Control,
  scope: IConstruct,
): ControlException | undefined {
  const found = exceptions?.find((e) => e.control === control.id);
  if (found) assertValid(scope, found);
  return found;
}

/** Throws, naming the construct, when an exception fails the exception validator. */
function assertValid(scope: IConstruct, e: ControlException): void {
  const { complianceDate, maxExceptionDays } = ComplianceContext.of(scope);
  try {
    assertExceptionValid(e, { today: complianceDate, maxDays: maxExceptionDays });
  } catch (err) {
    throw new Error(`${scope.node.path}: ${(err as Error).message}`);
  }
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
