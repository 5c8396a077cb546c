/**
 * Preloaded into a measured process (`node -r bench/rss-probe.js …`): at exit it writes the
 * process's peak resident set size (bytes) and CPU time (user + system, seconds) as JSON to the
 * file named by HARDLINE_BENCH_RSS_FILE.
 */
'use strict';
const fs = require('fs');
process.on('exit', () => {
  const file = process.env.HARDLINE_BENCH_RSS_FILE;
  if (!file) return;
  const u = process.resourceUsage();
  fs.writeFileSync(file, JSON.stringify({ rss: u.maxRSS * 1024, cpu: (u.userCPUTime + u.systemCPUTime) / 1e6 }));
});
