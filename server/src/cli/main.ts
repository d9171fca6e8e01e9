/**
 * Entry point of dist/cli.js (`bulkhead`, `npx bulkhead`). Everything else lives in run.ts
 * so tests can call it in-process. exitCode rather than exit(): piped output is flushed.
 */
import { run } from './run';

process.exitCode = run(process.argv.slice(2), { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr });
