/**
 * Groups a report's CIS gaps that share a subsection and a reason, so the human-readable formats
 * state each reason once instead of once per recommendation. Groups are ordered by their first
 * recommendation, and recommendations keep benchmark order inside a group.
 */
import { CisEntry, ComplianceReport, ObjectRef } from './model';

/** Gaps of one subsection with the same reason and action. */
export interface GapGroup {
  /** Subsection, e.g. `1.2 API Server`. */
  readonly section: string;
  /** Why the manifests do not satisfy them. */
  readonly why: string;
  /** What to do instead. */
  readonly action: string;
  /** The recommendations, in benchmark order. */
  readonly items: readonly CisEntry[];
}

/** Groups the gaps of a report. */
export function groupGaps(report: ComplianceReport): GapGroup[] {
  const groups = new Map<string, { section: string; why: string; action: string; items: CisEntry[] }>();
  for (const c of report.cis) {
    if (c.status !== 'gap' || !c.gap) continue;
    const key = JSON.stringify([c.section, c.gap.why, c.gap.action]);
    const group = groups.get(key) ?? { section: c.section, why: c.gap.why, action: c.gap.action, items: [] };
    group.items.push(c);
    groups.set(key, group);
  }
  return [...groups.values()];
}

const indexes = new WeakMap<ComplianceReport, ReadonlyMap<string, ObjectRef>>();

/**
 * The objects of a report at `files` (CIS and SOC 2 entries list files only), looked up in its
 * `objects` list; indexed once per report.
 */
export function objectsAt(report: ComplianceReport, files: readonly string[]): ObjectRef[] {
  let byFile = indexes.get(report);
  if (!byFile) {
    byFile = new Map(report.objects.map((o) => [o.file, o]));
    indexes.set(report, byFile);
  }
  return files.map((file) => byFile.get(file) ?? { kind: 'unknown', name: file, file });
}

/** Most objects a human-readable cell lists by file before it summarises them by kind. */
export const MAX_LISTED_OBJECTS = 12;

/** Files of a few objects, or a count per kind for many (the per-control sections list them all). */
export function summariseObjects(objects: readonly ObjectRef[]): { files?: string[]; summary?: string } {
  if (objects.length <= MAX_LISTED_OBJECTS) return { files: objects.map((o) => o.file) };
  const kinds = new Map<string, number>();
  for (const o of objects) kinds.set(o.kind, (kinds.get(o.kind) ?? 0) + 1);
  const parts = [...kinds.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, n]) => `${n} ${k}`);
  return { summary: `${objects.length} objects (${parts.join(', ')}), listed under their controls` };
}
