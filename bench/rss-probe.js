/**
 * Preloaded into a measured process (`node -r bench/rss-probe.js …`): at exit it writes the
 * process's peak resident set size (bytes) to the file named by HARDLINE_BENCH_RSS_FILE.
 */
'use strict';
const fs = require('fs');
process.on('exit', () => {
  const file = process.env.HARDLINE_BENCH_RSS_FILE;
  if (file) fs.writeFileSync(file, String(process.resourceUsage().maxRSS * 1024));
});
