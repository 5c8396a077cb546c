/**
 * `synthesizeProfileInParallel` (the CLI's synth) writes exactly what `synthesizeProfile` writes,
 * with the report written by a worker thread or, without one, by the main thread; and its
 * failures leave the previous output as it was.
 */
// The real module objects (not `import *` copies), so jest.spyOn reaches the code under test.
import fs = require('fs');
import buildReportModule = require('../../../src/report/build-report');
import * as os from 'os';
import * as path from 'path';
import { OutputError } from '../../../src/errors';
import { loadProfile } from '../../../src/profile/load-profile';
import { buildReport } from '../../../src/report/build-report';
import { reportFiles } from '../../../src/report/reporters';
import { composeAndCollect } from '../../../src/synth/collect-objects';
import { reportJob, runReportJob } from '../../../src/synth/report-job';
import { synthesizeProfileInParallel } from '../../../src/synth/synthesize-in-parallel';
import { synthesizeProfile } from '../../../src/synth/synthesize-profile';
import { readTree } from '../../helpers/files';
import { ROOT, TODAY } from '../../helpers/synth';

const { generateProfile } = require('../../../bench/generate-profile') as { generateProfile: (n: number, expires?: string) => string };

/** The compiled module, whose worker script exists next to it once `tsc` has built lib/ (as `npm test` does first). */
const COMPILED = path.join(ROOT, 'lib', 'src', 'synth', 'synthesize-in-parallel.js');

describe('synthesizeProfileInParallel', () => {
  let work: string;
  let bench: string;
  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hardline-parallel-'));
    bench = path.join(work, 'bench.yaml');
    fs.writeFileSync(bench, generateProfile(40, '2027-06-30'));
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  const profiles = () => [path.join(ROOT, 'profiles', 'default.yaml'), bench];

  test('writes the bytes synthesizeProfile writes (report by the main thread when there is no worker)', async () => {
    for (const profile of profiles()) {
      const sync = synthesizeProfile({ profile, out: path.join(work, 'sync'), today: TODAY });
      const parallel = await synthesizeProfileInParallel({ profile, out: path.join(work, 'parallel'), today: TODAY, worker: false });
      expect(parallel.files).toEqual(sync.files);
      expect(parallel.objects.length).toBe(sync.objects.length);
      expect(readTree(path.join(work, 'parallel'))).toEqual(readTree(path.join(work, 'sync')));
    }
  });

  const compiledTest = fs.existsSync(COMPILED) ? test : test.skip;
  if (!fs.existsSync(COMPILED)) console.log(`skipped the worker-thread test: ${COMPILED} is not built (npm test builds it first)`);
  compiledTest('writes the same bytes with the report written by a worker thread', async () => {
    const compiled = require(COMPILED) as { synthesizeProfileInParallel: typeof synthesizeProfileInParallel };
    for (const profile of profiles()) {
      synthesizeProfile({ profile, out: path.join(work, 'sync'), today: TODAY });
      await compiled.synthesizeProfileInParallel({ profile, out: path.join(work, 'worker'), today: TODAY, worker: true });
      expect(readTree(path.join(work, 'worker'))).toEqual(readTree(path.join(work, 'sync')));
    }
  });

  compiledTest('when the worker dies, the main thread writes the report: the same bytes', async () => {
    // A copy of the compiled package whose report worker exits as soon as it is given the job.
    const copy = path.join(work, 'package');
    fs.cpSync(path.join(ROOT, 'lib'), path.join(copy, 'lib'), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(copy, 'package.json'));
    for (const linked of ['node_modules', 'profiles']) fs.symlinkSync(path.join(ROOT, linked), path.join(copy, linked));
    fs.writeFileSync(
      path.join(copy, 'lib', 'src', 'synth', 'report-worker.js'),
      "require('worker_threads').parentPort.once('message', () => process.exit(3));\n",
    );
    const compiled = require(path.join(copy, 'lib', 'src', 'synth', 'synthesize-in-parallel.js')) as {
      synthesizeProfileInParallel: typeof synthesizeProfileInParallel;
    };
    synthesizeProfile({ profile: bench, out: path.join(work, 'sync'), today: TODAY });
    await compiled.synthesizeProfileInParallel({ profile: bench, out: path.join(work, 'died'), today: TODAY, worker: true });
    expect(readTree(path.join(work, 'died'))).toEqual(readTree(path.join(work, 'sync')));
  });

  compiledTest('a failed manifest write while the worker writes the report: OutputError, nothing left behind', async () => {
    const compiled = require(COMPILED) as { synthesizeProfileInParallel: typeof synthesizeProfileInParallel };
    const out = path.join(work, 'raced');
    await compiled.synthesizeProfileInParallel({ profile: bench, out, today: TODAY, worker: true });
    const before = readTree(out);
    const realWrite = fs.writeFileSync;
    // The main thread's writes fail from the tenth manifest on; the worker's are its own fs calls.
    for (const failAt of [10, 100, 300]) {
      let calls = 0;
      const spy = jest.spyOn(fs, 'writeFileSync').mockImplementation(((...args: Parameters<typeof fs.writeFileSync>) => {
        if (++calls >= failAt) throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
        return realWrite(...args);
      }) as typeof fs.writeFileSync);
      try {
        await expect(compiled.synthesizeProfileInParallel({ profile: bench, out, today: TODAY, worker: true })).rejects.toThrow(
          `writing the output failed (ENOSPC); ${out} was left as it was`,
        );
      } finally {
        spy.mockRestore();
      }
      expect(readTree(out)).toEqual(before);
      expect(fs.readdirSync(work).filter((f) => f.startsWith('.hardline-'))).toEqual([]);
    }
  });

  test('the report job carries only what the report reads, and renders the same report', () => {
    const profile = loadProfile(bench, { today: TODAY });
    const { objects } = composeAndCollect(profile);
    const dir = path.join(work, 'job');
    const job = reportJob(profile, objects, dir);
    expect(Object.keys(job.objects[0].manifest).sort()).toEqual(['apiVersion', 'kind', 'metadata']);
    expect(JSON.parse(JSON.stringify(job))).toEqual(job); // plain data: it can be posted to a worker
    expect(runReportJob(job)).toEqual({ files: ['compliance/report.md', 'compliance/report.json', 'compliance/report.csv', 'compliance/report.html', 'compliance/access-review.csv', 'compliance/exceptions.csv'] });
    const expected = Object.fromEntries(reportFiles(buildReport(profile, objects)));
    expect(readTree(dir)).toEqual(expected);
  });

  describe('failures leave the previous output as it was', () => {
    let out: string;
    let before: Record<string, string>;
    beforeEach(async () => {
      out = path.join(work, 'kept');
      await synthesizeProfileInParallel({ profile: profiles()[0], out, today: TODAY, worker: false });
      before = readTree(out);
    });
    afterEach(() => jest.restoreAllMocks());

    test('a failed write of the report is an OutputError', async () => {
      // The report files are written in pieces through writeSync; the manifests with writeFileSync.
      jest.spyOn(fs, 'writeSync').mockImplementation(() => {
        throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
      });
      const run = synthesizeProfileInParallel({ profile: profiles()[0], out, today: TODAY, worker: false });
      await expect(run).rejects.toThrow(OutputError);
      await expect(run).rejects.toThrow(`writing the output failed (ENOSPC); ${out} was left as it was`);
      jest.restoreAllMocks();
      expect(readTree(out)).toEqual(before);
      expect(fs.readdirSync(work).filter((f) => f.startsWith('.hardline-'))).toEqual([]);
    });

    test('an error thrown while building the report is rethrown as it is', async () => {
      jest.spyOn(buildReportModule, 'buildReport').mockImplementation(() => {
        throw new Error('report bug');
      });
      await expect(synthesizeProfileInParallel({ profile: profiles()[0], out, today: TODAY, worker: false })).rejects.toThrow('report bug');
      jest.restoreAllMocks();
      expect(readTree(out)).toEqual(before);
      expect(fs.readdirSync(work).filter((f) => f.startsWith('.hardline-'))).toEqual([]);
    });
  });
});
