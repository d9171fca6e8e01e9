/**
 * Entry point of dist/cli.js (`bulkhead`, `npx bulkhead`). Everything else lives in run.ts
 * so tests can call it in-process. exitCode rather than exit(): piped output is flushed.
 */
import { setFlagsFromString } from 'node:v8';
import { run } from './run';

/**
 * A scan is one short batch, and V8 tiers up for long-running programs: over the 1,737-file
 * corpus its optimising compiler spent about 5 s of CPU on the second core compiling engine
 * functions, more than the analyses themselves took on the main thread (about 4.5 s). With 8×
 * the default interrupt budget (132 KiB on Node 20) only the really hot functions are
 * optimised: 9.3–10.3 s → 5.8–6.8 s CPU for the corpus, the main thread no slower, the output
 * identical (JIT tiering never changes what the code computes). Only this entry sets it, never
 * the in-process tests; a budget the user gave Node (NODE_OPTIONS, node flags) wins.
 */
const INTERRUPT_BUDGET = 1024 * 1024;
if (![...process.execArgv, process.env['NODE_OPTIONS'] ?? ''].some((a) => a.includes('interrupt-budget'))) {
  try {
    setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
  } catch {
    // a runtime without the flag: default tiering
  }
}

process.exitCode = run(process.argv.slice(2), { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr });
