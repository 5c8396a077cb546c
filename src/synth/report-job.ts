/**
 * The compliance report as a job another thread can do: what it needs (the profile and each
 * object's identity and annotations, nothing else), and how it is built and written into the
 * staging directory. `report-worker.ts` runs it on a worker thread; the main thread runs it itself
 * when no worker is available, so both write the same bytes.
 */
import { HardlineError } from '../errors';
import { ResolvedProfile } from '../profile/types';
import { accessReviewRows, AccessReviewRow } from '../report/access-review';
import { buildReport } from '../report/build-report';
import { streamReportFiles } from '../report/reporters';
import { RenderedObject } from './collect-objects';
import { WriteFailure, writeFileInto } from './write-output';

/** What the report needs; structured-cloneable, so it can be posted to a worker. */
export interface ReportJob {
  /** The resolved profile, as plain data (see `reportJob`). */
  readonly profile: ResolvedProfile;
  /** Every object, with only what the report reads of its manifest. */
  readonly objects: readonly RenderedObject[];
  /** The staging directory the report files go to. */
  readonly dir: string;
  /** The access review rows, resolved on the main thread from the full RBAC manifests. */
  readonly accessReview: readonly AccessReviewRow[];
}

/** An error as it crosses threads: `HardlineError`s keep their code, exit code and hint. */
export interface ThrownError {
  readonly message: string;
  readonly stack?: string;
  readonly hardline?: { readonly code: string; readonly exitCode: number; readonly hint?: string };
}

/** How a report job ended. */
export interface ReportOutcome {
  /** The files written, relative to the staging directory, when it succeeded. */
  readonly files?: readonly string[];
  /** The errno code of a failed write. */
  readonly writeFailure?: string;
  /** An error thrown while building or rendering the report (a bug). */
  readonly thrown?: ThrownError;
}

/**
 * The job for a profile's objects: the profile without its lazily located fields (a getter that
 * re-reads positions; see `ResolvedProfile.clusterNameAt`), and each manifest cut down to
 * apiVersion, kind and metadata name, namespace and annotations — all `buildReport` reads.
 */
export function reportJob(profile: ResolvedProfile, objects: readonly RenderedObject[], dir: string): ReportJob {
  const plain = Object.fromEntries(Object.keys(profile).filter((k) => k !== 'clusterNameAt').map((k) => [k, profile[k as keyof ResolvedProfile]]));
  return {
    profile: plain as unknown as ResolvedProfile,
    objects: objects.map(({ file, kustomize, manifest }) => {
      const { name, namespace, annotations } = manifest.metadata as { name: string; namespace?: string; annotations?: unknown };
      const metadata = { name, ...(namespace === undefined ? {} : { namespace }), ...(annotations === undefined ? {} : { annotations }) };
      return { file, kustomize, manifest: { apiVersion: manifest.apiVersion, kind: manifest.kind, metadata } };
    }),
    dir,
    accessReview: accessReviewRows(profile, objects),
  };
}

/** Builds the report and writes every format into the job's directory; never throws. */
export function runReportJob(job: ReportJob): ReportOutcome {
  const files: string[] = [];
  const made = new Set<string>();
  try {
    for (const [rel, content] of streamReportFiles(buildReport(job.profile, job.objects, { accessReview: job.accessReview }))) {
      writeFileInto(job.dir, rel, content, made);
      files.push(rel);
    }
    return { files };
  } catch (e) {
    if (e instanceof WriteFailure) return { writeFailure: e.code };
    return { thrown: toThrownError(e) };
  }
}

/** An error made ready to cross threads. */
export function toThrownError(e: unknown): ThrownError {
  if (!(e instanceof Error)) return { message: String(e) };
  const hardline = e instanceof HardlineError ? { code: e.code, exitCode: e.exitCode, hint: e.hint } : undefined;
  return { message: e.message, stack: e.stack, hardline };
}

/** The error a `ThrownError` stands for, to rethrow on the main thread. */
export function fromThrownError(t: ThrownError): Error {
  const e = t.hardline ? new HardlineError(t.message, t.hardline) : new Error(t.message);
  if (t.stack) e.stack = t.stack;
  return e;
}
