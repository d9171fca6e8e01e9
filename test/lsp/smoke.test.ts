/**
 * Smoke test of the shipped bundle: spawns dist/server.js over stdio as an editor would,
 * initialises it, opens a Dockerfile and receives diagnostics, then shuts it down cleanly.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
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

const SERVER = path.join(REPO_ROOT, 'dist', 'server.js');

describe('bundled server (dist/server.js over --stdio)', () => {
  before(() => {
    if (existsSync(SERVER)) return;
    try {
      execFileSync(process.execPath, ['esbuild.mjs'], { cwd: REPO_ROOT, stdio: 'pipe' });
    } catch (e) {
      throw new Error(`dist/server.js is missing and \`node esbuild.mjs\` failed; build it first: ${e instanceof Error ? e.message : String(e)}`);
    }
    assert.ok(existsSync(SERVER), 'dist/server.js is missing after `node esbuild.mjs`');
  });

  it('starts, publishes diagnostics for an opened Dockerfile and exits cleanly', async () => {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const uri = 'file:///smoke/Dockerfile';
    const diagnostics = new Promise<PublishDiagnosticsParams>((resolve) => {
      connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
        if (p.uri === uri) resolve(p);
      });
    });
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    connection.listen();
    try {
      const init = await connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: null,
        workspaceFolders: null,
        capabilities: { workspace: { configuration: true } },
      });
      assert.equal(init.serverInfo?.name, 'bulkhead');
      await connection.sendNotification(InitializedNotification.type, {});
      await connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'dockerfile', version: 1, text: 'FROM alpine:3.20\nADD ./app /app\n' },
      });
      const published = await Promise.race([diagnostics, exited.then((code) => Promise.reject(new Error(`server exited (${code}): ${stderr}`)))]);
      const d = published.diagnostics.find((x) => x.code === 'prefer-copy');
      assert.ok(d, `no prefer-copy diagnostic in ${JSON.stringify(published.diagnostics)}`);
      assert.deepEqual(d.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } });
      // The bundle resolves docs from its own location: dist/../docs/rules/<id>.md.
      assert.equal(d.codeDescription?.href, pathToFileURL(path.join(REPO_ROOT, 'docs', 'rules', 'prefer-copy.md')).href);
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
      assert.equal(await exited, 0);
    } finally {
      connection.dispose();
      child.kill();
    }
  });
});
