/**
 * Builds the `ComplianceReport` of a profile once, from the catalog, the rendered objects (their
 * `compliance.hardline.dev/*` annotations) and the resolved profile. Reporters only format it.
 */
import { ANNOTATIONS, cisAnnotationKeys } from '../../constructs/_annotate-controls';
import { accessReviewRows, AccessReviewRow } from './access-review';
import { constructsUnder, enforcedBy, evidenceUnder } from './admission-engines';
import { BACKUP_SCHEDULE, benchmarkInfo, cisIdIn, cisIdsFor, compareIds, Control, ControlException, CONTROLS, describeScope, exceptionId, isWorkloadScoped, liftsRule } from '../controls';
import { hardlineVersion } from '../package-root';
import { ResolvedProfile } from '../profile/types';
import { RenderedObject } from '../synth/collect-objects';
import { gapReason } from './cis-gaps';
import { evidenceCommands } from './evidence-commands';
import { assessedRecommendations, benchmarkScope } from './benchmark-scope';
import { platformEvidence } from './platform-evidence';
import { ControlObserver, evaluateControls, EvaluationScope } from './evaluate-controls';
import { IMPLEMENTATIONS } from './implementations';
import { CisEntry, ComplianceReport, CONTROL_STATUSES, ControlEntry, ControlStatus, disclaimerFor, ExceptionEntry, ObjectEntry, ObjectRef, Soc2Entry } from './model';
import { SOC2_CRITERIA } from './soc2-criteria';
import { processEvidence } from './soc2-process-evidence';
import { normalizeException } from '../profile/exceptions';
import { EXCEPTABLE_RULES } from '../profile/exceptable-rules';

/** Options for `buildReport`. */
export interface BuildReportOptions {
  /**
   * Date (`YYYY-MM-DD`) to count exception days left from; flags those expiring within 30 days.
   *
   * @default - no date: the report carries expiry dates only (the deterministic copy in dist/)
   */
  readonly asOf?: string;
  /**
   * The catalog to report on.
   *
   * @default CONTROLS
   */
  readonly controls?: readonly Control[];
  /**
   * The hardline version the report names.
   *
   * @default - the version in hardline's package.json
   */
  readonly hardlineVersion?: string;
  /**
   * The access review rows, when computed elsewhere (a report worker gets objects without their RBAC rules).
   *
   * @default - resolved from `rendered` (which must then carry the Role, ClusterRole and binding manifests in full)
   */
  readonly accessReview?: readonly AccessReviewRow[];
}

/** Days before expiry from which an exception is flagged. */
export const EXPIRY_WARNING_DAYS = 30;

/** Builds the report. Pure and deterministic: same inputs, same report. */
export function buildReport(profile: ResolvedProfile, rendered: readonly RenderedObject[], options: BuildReportOptions = {}): ComplianceReport {
  const catalog = [...(options.controls ?? CONTROLS)].sort((a, b) => compareIds(a.id, b.id));
  const lists = new Map<string, readonly string[]>();
  const cisKey = cisAnnotationKeys(profile.cisVersion).ids;
  const objects = rendered.map((o) => readObject(o, lists, cisKey)).sort((a, b) => cmp(a.file, b.file));
  const benchmark = benchmarkInfo(profile.cisVersion);
  const scope = benchmarkScope(profile.cisVersion);
  const exceptions = profile.exceptions.map((e) => exceptionEntry(e, objects, options.asOf));
  const controls = collectControls(profile, catalog, objects, exceptions);
  const status = new Map(controls.map((c) => [c.id, c.status]));
  const cis = cisEntries(profile, catalog, objects, status);
  const soc2 = soc2Entries(catalog, objects, status);
  const count = (s: ControlStatus) => controls.filter((c) => c.status === s).length;
  const soon = exceptions.filter((e) => e.expiringSoon).length;
  return {
    apiVersion: 'hardline.dev/v1alpha1',
    kind: 'ComplianceReport',
    profile: {
      name: profile.name,
      ...(profile.description ? { description: profile.description } : {}),
      cluster: { name: profile.cluster.name, kubernetesVersion: profile.cluster.kubernetesVersion, provider: profile.cluster.provider },
      ...(profile.admission ? { admissionEngine: profile.admission.engine } : {}),
    },
    cisBenchmark: { version: profile.cisVersion, label: benchmark.label, ...(scope ? { scope } : {}) },
    provenance: {
      hardlineVersion: options.hardlineVersion ?? hardlineVersion(),
      profileSources: profile.sourceDigests.map((s) => ({ file: s.file, sha256: s.sha256 })),
      cisBenchmark: benchmark.label,
      ...(profile.checkedOn ? { date: profile.checkedOn } : {}),
    },
    ...(options.asOf ? { asOf: options.asOf } : {}),
    disclaimer: disclaimerFor(benchmark.label),
    summary: {
      controls: { total: controls.length, ...(Object.fromEntries(CONTROL_STATUSES.map((s) => [s, count(s)])) as { [S in ControlStatus]: number }) },
      objects: objects.length,
      cis: {
        total: cis.length,
        supported: cis.filter((c) => c.status === 'supported').length,
        'emitted-apply-by-hand': cis.filter((c) => c.status === 'emitted-apply-by-hand').length,
        'provided-by-platform': cis.filter((c) => c.status === 'provided-by-platform').length,
        gaps: cis.filter((c) => c.status === 'gap').length,
      },
      soc2Criteria: soc2.length,
      exceptions: exceptions.length,
      ...(options.asOf ? { exceptionsExpiringSoon: soon } : {}),
    },
    controls,
    cis,
    soc2,
    exceptions,
    accessReview: options.accessReview ?? accessReviewRows(profile, rendered),
    objects,
  };
}

/**
 * Reads an object's identity and annotations. `lists` caches the split annotation values:
 * thousands of objects carry the same few values, so each is split once (the lists are
 * read-only and shared between entries).
 */
function readObject(o: RenderedObject, lists: Map<string, readonly string[]>, cisKey: string): ObjectEntry {
  const m = o.manifest;
  const a = ((m.metadata as { annotations?: Record<string, string> }).annotations ?? {}) as Record<string, string>;
  const list = (key: string): readonly string[] => {
    const value = a[key] ?? '';
    let ids = lists.get(value);
    if (!ids) {
      ids = value.split(',').filter(Boolean);
      lists.set(value, ids);
    }
    return ids;
  };
  const rest = {
    file: o.file,
    apiVersion: m.apiVersion,
    kustomize: o.kustomize,
    controls: list(ANNOTATIONS.controls),
    excepted: list(ANNOTATIONS.exceptions),
    cis: list(cisKey),
    soc2: list(ANNOTATIONS.soc2),
  };
  // `namespace` sits between `kind` and `name` when there is one. Choosing between two literals
  // keeps that key order without building and spreading a `{ namespace }` object per object.
  const namespace = m.metadata.namespace;
  return namespace ? { kind: m.kind, namespace, name: m.metadata.name, ...rest } : { kind: m.kind, name: m.metadata.name, ...rest };
}

function ref(o: ObjectRef): ObjectRef {
  return { kind: o.kind, ...(o.namespace ? { namespace: o.namespace } : {}), name: o.name, file: o.file };
}

/** The namespace an object belongs to for exceptions: its own, or its name for a Namespace. */
function scopeOf(o: ObjectEntry): string | undefined {
  return o.namespace ?? (o.kind === 'Namespace' ? o.name : undefined);
}

function exceptionEntry(e: ControlException, objects: readonly ObjectEntry[], asOf: string | undefined): ExceptionEntry {
  const applied = objects.filter((o) => {
    if (!o.excepted.includes(e.control)) return false;
    const scope = scopeOf(o);
    return !e.namespaces || (scope !== undefined && e.namespaces.includes(scope));
  });
  const daysLeft = asOf ? daysBetween(asOf, e.expires) : undefined;
  const { control, namespaces, scope: _written, ...rest } = normalizeException(e);
  return {
    id: exceptionId(e),
    control,
    ...(namespaces ? { namespaces } : {}),
    scope: isWorkloadScoped(e) ? 'workloads' : 'namespace',
    scopeDescription: describeScope(e),
    ...rest,
    lifts: EXCEPTABLE_RULES.filter((r) => liftsRule(e, r)).map((r) => r.id).sort(),
    objects: applied.map(ref),
    ...(daysLeft !== undefined ? { daysLeft, expiringSoon: daysLeft <= EXPIRY_WARNING_DAYS } : {}),
  };
}

/** Whole days from `from` to `to`, both `YYYY-MM-DD` (UTC). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function collectControls(
  profile: ResolvedProfile,
  catalog: readonly Control[],
  objects: readonly ObjectEntry[],
  exceptions: readonly ExceptionEntry[],
): ControlEntry[] {
  const cisVersion = profile.cisVersion;
  const out: ControlEntry[] = [];
  const byFile = new Map(objects.map((o) => [o.file, o]));
  // Commands about the objects that implement the control (none when nothing does).
  // A control the managed control plane provides is shown by the provider's own command instead.
  const evidenceFor = (control: Control, status: ControlStatus, governed: ControlEntry['objects']): string[] => {
    if (status === 'provided-by-platform') return platformEvidence(control, profile.cluster.provider, profile.cluster.name);
    const active = governed.filter((g) => !g.excepted).map((g) => byFile.get(g.file)!);
    return active.length === 0 ? [] : evidenceCommands(evidenceUnder(control, profile.admission?.engine), active);
  };
  const constructsOf = (id: string) => constructsUnder(IMPLEMENTATIONS.find((i) => i.control === id), profile.admission?.engine);
  const entry = (control: Control, status: ControlStatus, statusReason: string, governed: ControlEntry['objects']): ControlEntry => {
    const commands = evidenceFor(control, status, governed);
    return {
      id: control.id,
      title: control.title,
      status,
      statusReason,
      rationale: control.rationale,
      // The catalog's kubectl template reads the API server's static pod, which a managed control plane does not show.
      evidence: status === 'provided-by-platform' && commands.length > 0 ? commands[0] : evidenceUnder(control, profile.admission?.engine),
      evidenceCommands: commands,
      constructs: [...constructsOf(control.id)],
      ...engineOf(control.id),
      cis: control.cis.flatMap((r) => { const id = cisIdIn(r, cisVersion); return id ? [{ id, why: r.why }] : []; }),
      soc2: control.soc2.map((s) => ({ id: s.id, why: s.why })).sort((a, b) => compareIds(a.id, b.id)),
      objects: governed,
      exceptions: exceptions.filter((e) => e.control === control.id),
    };
  };
  const observer: ControlObserver = {
    onImplemented: (c, governed, reason) => out.push(entry(c, 'implemented', reason, governed)),
    onEmitted: (c, governed, reason) => out.push(entry(c, 'emitted-apply-by-hand', reason, governed)),
    onProvidedByPlatform: (c, governed, reason) => out.push(entry(c, 'provided-by-platform', reason, governed)),
    onExcepted: (c, governed, _named, reason) => out.push(entry(c, 'excepted', reason, governed)),
    onGap: (c, reason) => out.push(entry(c, 'gap', reason, [])),
    onNotApplicable: (c, reason) => out.push(entry(c, 'not-applicable', reason, [])),
  };
  const engineOf = (id: string) => {
    const by = enforcedBy(id, profile);
    return by ? { enforcedBy: by } : {};
  };
  evaluateControls(catalog, objects, profile.exceptions, constructsOf, observer, evaluationScope(profile));
  return out;
}

/** Constructs whose objects are control-plane files (never applied by kubectl; not emitted for a managed control plane). */
const CONTROL_PLANE_CONSTRUCTS: ReadonlySet<string> = new Set(['AuditPolicy', 'EncryptionConfiguration', 'KubeApiServerFlags']);

/** What the engine needs of the profile beyond its objects: who runs the control plane, and scope gaps. */
function evaluationScope(profile: ResolvedProfile): EvaluationScope {
  const provider = profile.cluster.provider;
  return {
    ...(provider !== 'self-managed' ? { managedBy: provider } : {}),
    controlPlaneOnly: (control) => {
      const by = IMPLEMENTATIONS.find((i) => i.control === control.id)?.constructs ?? [];
      return by.length > 0 && by.every((c) => CONTROL_PLANE_CONSTRUCTS.has(c));
    },
    gapOf: (control) => (control.id === BACKUP_SCHEDULE.id ? backupGap(profile) : undefined),
  };
}

/**
 * HL-BAK-001 in a profile without `spec.backup`: its production namespaces are in scope (SOC 2 A1.2
 * asks for their backup), so they are a gap unless an exception names them.
 */
function backupGap(profile: ResolvedProfile): string | undefined {
  if (profile.operations?.backup) return undefined; // the loader refused every uncovered, unexcepted namespace
  const excepted = (ns: string) => profile.exceptions.some((e) => e.control === BACKUP_SCHEDULE.id && (!e.namespaces || e.namespaces.includes(ns)));
  const uncovered = profile.namespaces.filter((n) => n.tier === 'production' && !excepted(n.name)).map((n) => n.name);
  if (uncovered.length === 0) return undefined;
  return (
    `Production namespace${uncovered.length === 1 ? '' : 's'} ${uncovered.join(', ')} ${uncovered.length === 1 ? 'has' : 'have'} no backup schedule ` +
    '(SOC 2 A1.2): declare spec.backup with a Velero schedule covering them, or add an exception for HL-BAK-001 naming them with a reason, owner and expiry.'
  );
}

function cisEntries(
  profile: ResolvedProfile,
  catalog: readonly Control[],
  objects: readonly ObjectEntry[],
  status: ReadonlyMap<string, ControlStatus>,
): CisEntry[] {
  const v = profile.cisVersion;
  const byCis = groupByIds(objects, (o) => o.cis);
  return assessedRecommendations(v).map((rec): CisEntry => {
    const mapped = catalog.filter((c) => cisIdsFor(c, v).includes(rec.id));
    const supporting = byCis.get(rec.id) ?? [];
    const carrying = (c: Control) => supporting.some((o) => o.controls.includes(c.id) && !o.excepted.includes(c.id));
    const base = { id: rec.id, title: rec.title, section: rec.section, type: rec.type };
    if (supporting.length > 0) {
      // Supported only by objects applied to the cluster; control-plane files alone are applied by hand (or by the provider).
      const applied = supporting.some((o) => o.kustomize);
      const cisStatus: CisEntry['status'] = applied ? 'supported' : profile.cluster.provider !== 'self-managed' ? 'provided-by-platform' : 'emitted-apply-by-hand';
      const wanted: ControlStatus = applied ? 'implemented' : cisStatus === 'provided-by-platform' ? 'provided-by-platform' : 'emitted-apply-by-hand';
      const controls = mapped.filter((c) => status.get(c.id) === wanted && carrying(c));
      return { ...base, status: cisStatus, controls: controls.map((c) => c.id), files: supporting.map((o) => o.file) };
    }
    const platform = profile.cluster.provider !== 'self-managed' ? mapped.filter((c) => status.get(c.id) === 'provided-by-platform') : [];
    if (platform.length > 0) return { ...base, status: 'provided-by-platform', controls: platform.map((c) => c.id), files: [] };
    const reason = gapReason(rec);
    if (!reason) throw new Error(`no gap reason for CIS ${v} ${rec.id} (${rec.section}); add one to src/report/cis-gaps.ts`);
    const why =
      mapped.length > 0
        ? `${mapped.map((c) => `${c.id} (${status.get(c.id)})`).join(', ')} would support it, but no object of this profile does. ${reason.why}`
        : reason.why;
    return { ...base, status: 'gap', controls: [], files: [], gap: { why, action: reason.action } };
  });
}

function soc2Entries(catalog: readonly Control[], objects: readonly ObjectEntry[], status: ReadonlyMap<string, ControlStatus>): Soc2Entry[] {
  const ids = [...new Set(catalog.flatMap((c) => c.soc2.map((s) => s.id)))].sort(compareIds);
  const bySoc2 = groupByIds(objects, (o) => o.soc2);
  return ids.map((id) => ({
    id,
    area: SOC2_CRITERIA.find((s) => s.id === id)?.area ?? 'unknown',
    controls: catalog.filter((c) => c.soc2.some((s) => s.id === id)).map((c) => ({ id: c.id, status: status.get(c.id)! })),
    files: (bySoc2.get(id) ?? []).map((o) => o.file),
    processEvidence: processEvidence(id),
  }));
}

/** Objects grouped under each ID they carry, in object order: one pass instead of one per ID. */
function groupByIds(objects: readonly ObjectEntry[], ids: (o: ObjectEntry) => readonly string[]): Map<string, ObjectEntry[]> {
  const out = new Map<string, ObjectEntry[]>();
  for (const o of objects) {
    ids(o).forEach((id, i, all) => {
      if (all.indexOf(id) !== i) return; // a repeated ID (cheaper than a Set per object)
      const list = out.get(id);
      if (list) list.push(o);
      else out.set(id, [o]);
    });
  }
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
