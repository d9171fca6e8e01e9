#!/usr/bin/env node
/**
 * The extension-host suite (test/vscode) in desktop VS Code through @vscode/test-electron, for
 * machines and CI that can download VS Code (or have one). The same mocha suite and passes as
 * scripts/vscode-test-run.mjs runs in code-server.
 *
 * Usage: npm run test:vscode-desktop [-- --no-build]
 * Environment:
 *   BULKHEAD_VSCODE_EXECUTABLE  path to a VS Code (Electron) executable; skips the download
 *   BULKHEAD_VSCODE_VERSION     version to download (default: stable)
 * Where no VS Code can be had (no executable given and the download fails, e.g. offline) it
 * says so and exits 1: use `npm run test:vscode` (code-server) there.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TESTS_INDEX = path.join(ROOT, 'out/vscode-test/index.js');
const FIXTURE_WS = path.join(ROOT, 'test/fixtures/vscode-workspace');
const USER_SETTINGS = path.join(ROOT, 'test/fixtures/vscode-user-settings.json');
const say = (m) => console.log(`[vscode-desktop] ${m}`);

function sh(cmd, argv, what) {
  const r = spawnSync(cmd, argv, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status ?? r.signal})`);
}

async function main() {
  let testElectron;
  try {
    testElectron = await import('@vscode/test-electron');
  } catch (e) {
    throw new Error(`@vscode/test-electron cannot be loaded (${e instanceof Error ? e.message : e}); run npm ci (it needs Node >= 22)`);
  }
  const { runTests, downloadAndUnzipVSCode } = testElectron;
  if (!process.argv.includes('--no-build')) {
    sh('npm', ['run', '--silent', 'build'], 'build');
    sh(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-b', '--force', 'test/vscode'], 'compile test/vscode');
  }

  let executable = process.env.BULKHEAD_VSCODE_EXECUTABLE;
  if (executable && !fs.existsSync(executable)) throw new Error(`BULKHEAD_VSCODE_EXECUTABLE=${executable} does not exist`);
  if (!executable) {
    const version = process.env.BULKHEAD_VSCODE_VERSION ?? 'stable';
    try {
      executable = await downloadAndUnzipVSCode({ version, cachePath: path.join(ROOT, '.vscode-test/desktop') });
    } catch (e) {
      console.error(
        `[vscode-desktop] No desktop VS Code is available: downloading VS Code ${version} failed (${e instanceof Error ? e.message : e}).\n` +
          '[vscode-desktop] Set BULKHEAD_VSCODE_EXECUTABLE to a VS Code executable, or run the same suite in code-server: npm run test:vscode',
      );
      return { passed: 0, failed: 1 };
    }
  }

  const passes = [
    { name: 'main', env: { BULKHEAD_VSCODE_PASS: 'main' }, workspace: FIXTURE_WS },
    { name: 'first-dockerfile', env: { BULKHEAD_VSCODE_PASS: 'first-file', BULKHEAD_VSCODE_FIRST_FILE: 'Dockerfile' }, workspace: null },
    { name: 'first-compose', env: { BULKHEAD_VSCODE_PASS: 'first-file', BULKHEAD_VSCODE_FIRST_FILE: 'compose.yaml' }, workspace: null },
  ];
  let passed = 0;
  let failed = 0;
  for (const p of passes) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bulkhead-vscode-desktop-${p.name}-`));
    const ws = path.join(dir, 'ws');
    fs.mkdirSync(path.join(dir, 'ud/User'), { recursive: true });
    fs.copyFileSync(USER_SETTINGS, path.join(dir, 'ud/User/settings.json'));
    if (p.workspace) fs.cpSync(p.workspace, ws, { recursive: true });
    else fs.mkdirSync(ws);
    const resultFile = path.join(dir, 'result.json');
    try {
      await runTests({
        vscodeExecutablePath: executable,
        extensionDevelopmentPath: ROOT,
        extensionTestsPath: TESTS_INDEX,
        extensionTestsEnv: { ...p.env, BULKHEAD_VSCODE_RESULT_FILE: resultFile },
        launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--user-data-dir', path.join(dir, 'ud'), '--extensions-dir', path.join(dir, 'exts')],
      });
    } catch (e) {
      console.error(`[vscode-desktop] ${p.name}: ${e instanceof Error ? e.message : e}`);
    }
    let r = { passed: 0, failed: 1 };
    try { r = JSON.parse(fs.readFileSync(resultFile, 'utf8')); } catch { console.error(`[vscode-desktop] ${p.name}: the suite wrote no result`); }
    say(`${p.name}: ${r.passed} passed, ${r.failed} failed`);
    passed += r.passed;
    failed += r.failed;
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { passed, failed };
}

main().then(
  ({ passed, failed }) => {
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed === 0 && passed > 0 ? 0 : 1);
  },
  (e) => {
    console.error(`[vscode-desktop] ERROR: ${e instanceof Error ? e.message : e}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
