#!/usr/bin/env node
/** The `hardline` executable: the only code that touches the process. */
import { OutputStaging } from '../synth/write-output';
import { run } from './program';

// A reader that goes away (`hardline report | head`) ends the command quietly: nothing is left to print to.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    OutputStaging.abortAll();
    process.exit(0);
  });
}

// Interrupted, hardline removes its staging directory (the previous output stays as it was) and
// exits as a shell expects (128 + the signal number). Synthesis is synchronous: a signal that arrives
// meanwhile is handled at the turn of the event loop synth takes just before the swap
// (`yieldToSignals`), so the output is either swapped in whole or left untouched.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.once(signal, () => {
    OutputStaging.abortAll();
    process.exit(code);
  });
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`internal error: ${String(e)}\n`);
    process.exitCode = 70;
  },
);
