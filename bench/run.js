#!/usr/bin/env node
/**
 * `npm run bench`: synthesizes generated profiles of 100, 1,000 and 5,000 namespaces with the
 * compiled CLI, each run a whole child process, and prints the median wall time and peak RSS,
 * then the naive `app.synth()` baseline for 1,000 namespaces and the ratio.
 *
 * Wall time: measured around the child process (spawn to exit). Peak RSS and CPU time (user +
 * system): the child's own `process.resourceUsage()`, written at exit by the preloaded
 * bench/rss-probe.js. CPU time is printed too because wall time on a shared machine grows with
 * the other tenants' load (the load average is printed before and after).
 * Output goes to a tmpfs (/dev/shm) when there is one, so the figures measure hardline and not a
 * shared disk; set HARDLINE_BENCH_DIR to measure another filesystem.
 *
 * Options: --runs N (default 3), --sizes 100,1000,5000, --no-naive.
 */
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { generateProfile } = require('./generate-profile');

const ROOT = path.join(__dirname, '..');
const BIN = path.join(ROOT, 'lib', 'src', 'cli', 'bin.js');
const NAIVE = path.join(__dirname, 'naive.js');
const PROBE = path.join(__dirname, 'rss-probe.js');

const argv = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : fallback;
};
const runs = Number(flag('--runs', '3'));
const sizes = flag('--sizes', '100,1000,5000').split(',').map(Number);
const naive = !argv.includes('--no-naive');

function benchBase() {
  if (process.env.HARDLINE_BENCH_DIR) return process.env.HARDLINE_BENCH_DIR;
  try {
    fs.accessSync('/dev/shm', fs.constants.W_OK);
    return '/dev/shm';
  } catch {
    return os.tmpdir();
  }
}

/** Runs `node -r probe script args` once; returns wall seconds, CPU seconds and peak RSS bytes. */
function measure(work, script, args) {
  const rssFile = path.join(work, 'rss');
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-r', PROBE, script, ...args], {
    env: { ...process.env, HARDLINE_BENCH_RSS_FILE: rssFile },
    encoding: 'utf8',
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`${path.basename(script)} ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  const usage = JSON.parse(fs.readFileSync(rssFile, 'utf8'));
  return { seconds, cpu: usage.cpu, rss: usage.rss };
}

/** Median of `runs` measurements, each into a fresh output directory. */
function medianOf(work, label, script, argsFor) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const out = path.join(work, `${label}-out-${i}`);
    samples.push(measure(work, script, argsFor(out)));
    fs.rmSync(out, { recursive: true, force: true });
  }
  const mid = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return {
    seconds: mid(samples.map((s) => s.seconds)),
    cpu: mid(samples.map((s) => s.cpu)),
    rss: Math.max(...samples.map((s) => s.rss)),
    samples,
  };
}

function countFiles(dir) {
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) n += e.isDirectory() ? countFiles(path.join(dir, e.name)) : 1;
  return n;
}

const loadavg = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
const mib = (b) => `${(b / 1024 / 1024).toFixed(0)} MiB`;
const sec = (s) => `${s.toFixed(2)} s`;

function main() {
  if (!fs.existsSync(BIN)) throw new Error('run `npm run build` first (npm run bench does)');
  const work = fs.mkdtempSync(path.join(benchBase(), 'hardline-bench-'));
  try {
    console.log(`hardline bench: node ${process.version}, ${os.cpus().length} cores, ${mib(os.totalmem())} RAM, ` +
      `output on ${work}, median of ${runs} runs, load average ${loadavg()}\n`);
    const rows = [];
    const byN = new Map();
    for (const n of sizes) {
      const profile = path.join(work, `profile-${n}.yaml`);
      fs.writeFileSync(profile, generateProfile(n));
      const check = path.join(work, `check-${n}`);
      measure(work, BIN, ['synth', '--profile', profile, '--out', check]); // warm-up; counts the files
      const files = countFiles(check);
      fs.rmSync(check, { recursive: true, force: true });
      const m = medianOf(work, `hl-${n}`, BIN, (out) => ['synth', '--profile', profile, '--out', out]);
      byN.set(n, m);
      rows.push([`hardline synth`, n, files, sec(m.seconds), sec(m.cpu), mib(m.rss), m.samples.map((s) => s.seconds.toFixed(2)).join(' ')]);
    }
    let naiveM;
    if (naive && byN.has(1000)) {
      const profile = path.join(work, 'profile-1000.yaml');
      naiveM = medianOf(work, 'naive', NAIVE, (out) => [profile, out]);
      rows.push(['naive app.synth()', 1000, '', sec(naiveM.seconds), sec(naiveM.cpu), mib(naiveM.rss), naiveM.samples.map((s) => s.seconds.toFixed(2)).join(' ')]);
    }
    const header = ['run', 'namespaces', 'files', 'wall (median)', 'CPU (median)', 'peak RSS', 'wall samples (s)'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
    const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
    console.log(line(header));
    console.log(line(widths.map((w) => '-'.repeat(w))));
    rows.forEach((r) => console.log(line(r)));
    console.log('');
    const t1k = byN.get(1000)?.seconds;
    const t5k = byN.get(5000)?.seconds;
    const peak = Math.max(...[...byN.values()].map((m) => m.rss));
    const verdict = (ok) => (ok ? 'ok' : 'MISSED');
    if (t1k !== undefined) console.log(`1,000 namespaces: ${sec(t1k)} (target ≤ 1.50 s) ${verdict(t1k <= 1.5)}`);
    if (naiveM && t1k !== undefined) {
      const ratio = naiveM.seconds / t1k;
      console.log(`naive / hardline at 1,000: ${ratio.toFixed(1)}× wall (target ≥ 8×) ${verdict(ratio >= 8)}; ${(naiveM.cpu / byN.get(1000).cpu).toFixed(1)}× CPU`);
    }
    if (t1k !== undefined && t5k !== undefined) {
      console.log(`5,000 / 1,000: ${(t5k / t1k).toFixed(2)}× (target ≤ 5.5×) ${verdict(t5k / t1k <= 5.5)}`);
    }
    console.log(`peak RSS: ${mib(peak)} (target < 1024 MiB) ${verdict(peak < 1024 * 1024 * 1024)}`);
    console.log(`load average after: ${loadavg()} (on ${os.cpus().length} cores; wall times grow with it)`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main();
