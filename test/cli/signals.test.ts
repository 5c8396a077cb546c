/**
 * Issue 14 item 5: SIGINT or SIGTERM at any moment of a large synth (`node lib/src/cli/bin.js synth`,
 * as many namespaces as make it use the report worker)
 * leaves no `.hardline-*` staging directory and no stack trace; interrupted, the process exits 130
 * (SIGINT) or 143 (SIGTERM) and the previous output is there byte for byte; a signal that comes only
 * once the new output is swapped in finds the process done (exit 0, the whole new output). Composition
 * is synchronous, so a signal during it is handled at the turn of the event loop hardline takes before
 * the swap (`yieldToSignals`): never after it, and never lost.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readTree } from '../helpers/files';
import { ROOT, TODAY } from '../helpers/synth';
import { REPORT_WORKER_MIN_NAMESPACES } from '../../src/synth/synthesize-in-parallel';

const BIN = path.join(ROOT, 'lib', 'src', 'cli', 'bin.js');
const maybe = fs.existsSync(BIN) ? describe : describe.skip;
if (!fs.existsSync(BIN)) console.warn('skipping the signal tests: run `npm run build` (npm test does)');

/** A profile of `n` production namespaces with admission policies; `description` tells two outputs apart. */
function bigProfile(n: number, description: string): string {
  const ns = Array.from({ length: n }, (_, i) => `    - { name: ns-${i}, tier: production }`).join('\n');
  return `apiVersion: hardline.dev/v1alpha1\nkind: Profile\nmetadata: { name: big, description: "${description}" }\nspec:\n  cluster: { name: c, kubernetesVersion: "1.28" }\n  admission: { kyvernoVersion: "1.17" }\n  namespaces:\n${ns}\n`;
}

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
  readonly ms: number;
}

/** Runs `synth` and sends `signal` after `delay` ms (never, when undefined). */
function synth(profile: string, out: string, env: NodeJS.ProcessEnv, signal?: NodeJS.Signals, delay = 0): Promise<Run> {
  const start = Date.now();
  const child = spawn(process.execPath, [BIN, 'synth', '--profile', profile, '--out', out, '--date', TODAY], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = signal ? setTimeout(() => child.kill(signal), delay) : undefined;
  return new Promise((resolve) =>
    child.on('exit', (code, sig) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal: sig, stderr, ms: Date.now() - start });
    }),
  );
}

maybe('SIGINT and SIGTERM during a large synth (issue 14)', () => {
  let dir: string;
  let out: string;
  let previous: Record<string, string>;
  let next: Record<string, string>;
  let full: Record<string, number>;
  const profiles = { previous: '', next: '' };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hardline-signals-'));
    out = path.join(dir, 'out');
    profiles.previous = path.join(dir, 'previous.yaml');
    profiles.next = path.join(dir, 'next.yaml');
    fs.writeFileSync(profiles.previous, bigProfile(REPORT_WORKER_MIN_NAMESPACES, 'previous'));
    fs.writeFileSync(profiles.next, bigProfile(REPORT_WORKER_MIN_NAMESPACES, 'next'));
    const first = await synth(profiles.next, path.join(dir, 'reference'), {});
    expect(first.code).toBe(0);
    next = readTree(path.join(dir, 'reference'));
    const withoutWorker = await synth(profiles.next, path.join(dir, 'reference-1'), { HARDLINE_THREADS: '1' });
    full = { worker: first.ms, main: withoutWorker.ms };
    expect(await synth(profiles.previous, out, {})).toMatchObject({ code: 0 });
    previous = readTree(out);
    expect(previous).not.toEqual(next);
  }, 240_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const outcomes: { main: string[]; worker: string[] } = { main: [], worker: [] };
  const cases = [
    ...[0.15, 0.5, 0.8].map((f) => ['main', 'SIGINT', f] as const),
    ...[0.4, 0.7].map((f) => ['worker', 'SIGTERM', f] as const),
  ];
  test.each(cases)('report written by the %s thread, %s at %s of an uninterrupted run', async (mode, signal, fraction) => {
    const env = mode === 'main' ? { HARDLINE_THREADS: '1' } : {};
    const delay = Math.round(full[mode] * fraction);
    const r = await synth(profiles.next, out, env, signal, delay);
    expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
    expect(fs.readdirSync(dir).filter((n) => n.startsWith('.hardline-'))).toEqual([]);
    const now = readTree(out);
    if (r.code === 0) {
      // The signal came after the swap: the whole new output, and the run was over then (not a signal
      // ignored while composing: the process would have gone on for seconds after it).
      expect(now).toEqual(next);
      expect(r.ms - delay).toBeLessThan(1500);
      outcomes[mode].push('finished');
    } else {
      // Interrupted: 128 + the signal number from hardline's handler, or the signal itself before the handler was installed.
      expect(r.code === (signal === 'SIGINT' ? 130 : 143) || r.signal === signal).toBe(true);
      expect(now).toEqual(previous);
      outcomes[mode].push(r.code !== null ? 'handled' : 'killed');
    }
    if (r.code === 0) {
      fs.rmSync(out, { recursive: true, force: true });
      expect(await synth(profiles.previous, out, {})).toMatchObject({ code: 0 });
    }
  }, 120_000);

  test('with and without the report worker, at least one signal was handled by hardline during the synth', () => {
    expect(outcomes.main.length + outcomes.worker.length).toBe(cases.length);
    expect(outcomes.main).toContain('handled');
    expect(outcomes.worker).toContain('handled');
  });
});
