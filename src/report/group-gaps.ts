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

/** What the human-readable reporters look up in a report, built once per report. */
interface ReportIndex {
  /** The report's objects by file. */
  readonly byFile: ReadonlyMap<string, ObjectRef>;
  /** `summariseFiles`' summaries of long lists of files, by list. */
  readonly summaries: Map<readonly string[], string>;
}

const indexes = new WeakMap<ComplianceReport, ReportIndex>();

function indexOf(report: ComplianceReport): ReportIndex {
  let index = indexes.get(report);
  if (!index) {
    index = { byFile: new Map(report.objects.map((o) => [o.file, o])), summaries: new Map() };
    indexes.set(report, index);
  }
  return index;
}

/** Most objects a human-readable cell lists by file before it summarises them by kind. */
export const MAX_LISTED_OBJECTS = 12;

/** How a human-readable cell shows some objects: their `files`, or a `summary` counting them by kind. */
export interface ObjectsSummary {
  /** The objects' files, when there are at most `MAX_LISTED_OBJECTS`. */
  readonly files?: string[];
  /** `N objects (n Kind, ...), listed under their controls`, when there are more. */
  readonly summary?: string;
}

/** Files of a few objects, or a count per kind for many (the per-control sections list them all). */
export function summariseObjects(objects: readonly ObjectRef[]): ObjectsSummary {
  if (objects.length <= MAX_LISTED_OBJECTS) return { files: objects.map((o) => o.file) };
  const kinds = new Map<string, number>();
  for (const o of objects) kinds.set(o.kind, (kinds.get(o.kind) ?? 0) + 1);
  return { summary: kindSummary(objects.length, kinds) };
}

/**
 * `summariseObjects` of the report's objects at `files` (CIS and SOC 2 entries list files only;
 * a file not in the report's `objects` counts as kind `unknown`), without building the list of
 * objects: a SOC 2 criterion of a large profile lists every object's file.
 */
export function summariseFiles(report: ComplianceReport, files: readonly string[]): ObjectsSummary {
  if (files.length <= MAX_LISTED_OBJECTS) return { files: [...files] };
  // Counting looks up every file; the Markdown and HTML reports summarise the same lists, so
  // each list is counted once per report (the report is read-only).
  const { byFile, summaries } = indexOf(report);
  let summary = summaries.get(files);
  if (summary === undefined) {
    const kinds = new Map<string, number>();
    for (const file of files) {
      const kind = byFile.get(file)?.kind ?? 'unknown';
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    summary = kindSummary(files.length, kinds);
    summaries.set(files, summary);
  }
  return { summary };
}

function kindSummary(count: number, kinds: ReadonlyMap<string, number>): string {
  const parts = [...kinds.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, n]) => `${n} ${k}`);
  return `${count} objects (${parts.join(', ')}), listed under their controls`;
}
