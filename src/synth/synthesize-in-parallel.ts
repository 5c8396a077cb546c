/**
 * The synth use case for the CLI: the output of `synthesizeProfile`, byte for byte, in less
 * time on a machine with a second core. The compliance report (a third of the work at thousands
 * of namespaces: tens of MiB in four formats) is built and written by a worker thread while the
 * main thread writes the manifests; then the output is swapped in.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { loadProfile } from '../profile/load-profile';
import { ResolvedProfile } from '../profile/types';
import { composeAndCollect } from './collect-objects';
import { assertSafeOutDir } from './out-dir-policy';
import { streamFiles } from './render-files';
import { fromThrownError, ReportJob, reportJob, ReportOutcome, runReportJob } from './report-job';
import { SynthesisResult, SynthesizeOptions } from './synthesize-profile';
import { OutputStaging, yieldToSignals } from './write-output';

/** Options for `synthesizeProfileInParallel`. */
export interface ParallelSynthesizeOptions extends SynthesizeOptions {
  /**
   * Whether the report is written by a worker thread.
   *
   * @default - for profiles of at least `REPORT_WORKER_MIN_NAMESPACES` namespaces, when the
   * machine has more than one core and `HARDLINE_THREADS` is not `1`
   */
  readonly worker?: boolean;
}

/** The compiled worker script; absent when running from the TypeScript sources (tests): the main thread then writes the report. */
const WORKER_SCRIPT = path.join(__dirname, 'report-worker.js');

/** Loads, validates and synthesizes a profile into `out`, like `synthesizeProfile`. Throws `HardlineError`s for user mistakes. */
export async function synthesizeProfileInParallel(options: ParallelSynthesizeOptions): Promise<SynthesisResult> {
  const profile = loadProfile(options.profile, { today: options.today });
  // Started now, the worker has loaded its modules by the time the objects are composed.
  const worker = useWorker(profile, options.worker) ? startWorker() : undefined;
  try {
    const { objects, extraFiles } = composeAndCollect(profile);
    assertSafeOutDir(options.out, profile.sources);
    const staging = OutputStaging.open(options.out);
    try {
      const job = reportJob(profile, objects, staging.dir);
      const report = worker ? worker.run(job) : undefined;
      const files = staging.writeAll(streamFiles(objects, profile.name, extraFiles));
      // Without a worker, or when it could not finish, the main thread writes the report itself.
      const outcome = (report && (await report)) ?? runReportJob(job);
      if (outcome.writeFailure) throw staging.failure(outcome.writeFailure);
      if (outcome.thrown) throw fromThrownError(outcome.thrown);
      const sums = staging.writeChecksums();
      // A SIGINT or SIGTERM that arrived while composing or writing runs its handler now, before the swap.
      await yieldToSignals();
      staging.commit();
      return { profile, objects, files: [...files, ...(outcome.files ?? []), sums].sort() };
    } catch (e) {
      // The worker may still be writing into the staging directory: stop it before removing it.
      await worker?.stop();
      staging.abort();
      throw e;
    }
  } finally {
    await worker?.stop();
  }
}

/**
 * Below this many namespaces the main thread writes the report: it is small, and a worker's
 * start-up (~0.1 s of a second core) would not be over before the objects are composed.
 */
export const REPORT_WORKER_MIN_NAMESPACES = 200;

/** Whether a profile's report is written by a worker (see `ParallelSynthesizeOptions.worker`). */
function useWorker(profile: ResolvedProfile, asked: boolean | undefined): boolean {
  const wanted = asked ?? (profile.namespaces.length >= REPORT_WORKER_MIN_NAMESPACES && os.availableParallelism() > 1 && process.env.HARDLINE_THREADS !== '1');
  return wanted && fs.existsSync(WORKER_SCRIPT);
}

/**
 * A started report worker: `run` hands it the job (`undefined` when it could not run to the end);
 * `stop` terminates it and resolves once its thread has stopped.
 */
interface ReportWorker {
  run(job: ReportJob): Promise<ReportOutcome | undefined>;
  stop(): Promise<void>;
}

function startWorker(): ReportWorker | undefined {
  let worker: Worker;
  try {
    worker = new Worker(WORKER_SCRIPT);
  } catch {
    return undefined;
  }
  // Until it is given a job, the worker must not keep the process alive (a failed synth exits at once).
  worker.unref();
  const ended = new Promise<ReportOutcome | undefined>((resolve) => {
    worker.once('message', (outcome: ReportOutcome) => resolve(outcome));
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
  return {
    run(job) {
      worker.ref();
      worker.postMessage(job);
      return ended;
    },
    async stop() {
      await worker.terminate();
    },
  };
}
