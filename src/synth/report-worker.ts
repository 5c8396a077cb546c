/**
 * Worker thread of `synthesizeProfileInParallel`: started early so its modules are loaded by the
 * time the objects are rendered; then builds and writes the compliance report (`runReportJob`)
 * while the main thread writes the manifests, and posts the `ReportOutcome`.
 */
import { parentPort } from 'worker_threads';
import { ReportJob, runReportJob } from './report-job';

parentPort!.once('message', (job: ReportJob) => parentPort!.postMessage(runReportJob(job)));
