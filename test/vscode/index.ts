/**
 * Entry point VS Code's extension host loads as `extensionTestsPath` (code-server through the
 * workbench payload, or desktop VS Code through @vscode/test-electron). Runs the mocha suite of
 * one pass and prints a machine-readable result line the runners parse:
 *   [bulkhead-vscode] result {"pass":"main","passed":N,"failed":N,"pending":N}
 *
 * Passes (environment variable BULKHEAD_VSCODE_PASS, set through extensionEnvironment):
 *   main        *.test.js here; the workspace is a copy of test/fixtures/vscode-workspace
 *   first-file  first-file/*.test.js; the workspace is empty and BULKHEAD_VSCODE_FIRST_FILE
 *               (Dockerfile or compose.yaml) names the file whose opening must activate the
 *               extension; one VS Code session per file kind, as activation happens once
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import Mocha from 'mocha';

const FIRST = 'activation.test.js';

export function run(): Promise<void> {
  const pass = process.env['BULKHEAD_VSCODE_PASS'] ?? 'main';
  const dir = pass === 'first-file' ? path.join(__dirname, 'first-file') : __dirname;
  // Tag mocha's lines so the code-server runner can pick them out of the workbench log.
  const tag = process.env['BULKHEAD_VSCODE_TAG'];
  if (tag) Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(tag + util.format(...args));
  const mocha = new Mocha({ ui: 'bdd', color: false, reporter: 'spec', timeout: 120_000 });
  const grep = process.env['BULKHEAD_VSCODE_GREP'];
  if (grep) mocha.grep(grep);
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.test.js'))
    // Activation is tested first: later files rely on the running server.
    .sort((a, b) => Number(b === FIRST) - Number(a === FIRST) || a.localeCompare(b));
  for (const f of files) mocha.addFile(path.join(dir, f));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const stats = runner.stats;
      const result = { pass, passed: stats?.passes ?? 0, failed: failures, pending: stats?.pending ?? 0 };
      console.log(`[bulkhead-vscode] result ${JSON.stringify(result)}`);
      // The desktop runner cannot read the extension host's console; it reads this file.
      const resultFile = process.env['BULKHEAD_VSCODE_RESULT_FILE'];
      if (resultFile) fs.writeFileSync(resultFile, JSON.stringify(result));
      if (files.length === 0) reject(new Error(`no test files in ${dir}`));
      else if (failures > 0) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    });
  });
}
