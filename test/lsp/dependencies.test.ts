// Issue #5 items 2 and 5: the server reads related files (open buffer, else disk) and refreshes
// the diagnostics of open documents when a file they depend on changes.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, FileChangeType, type Diagnostic } from 'vscode-languageserver/node';
import { startTestServer, type TestClient } from '../harness/lsp';

const uri = (p: string) => pathToFileURL(p).href;
const codes = (d: readonly Diagnostic[]) => d.map((x) => x.code).filter((c) => typeof c === 'string' && c.startsWith('compose-'));
const COMPOSE = 'services:\n  api:\n    build: ./api\n    image: example/api:1.0\n';
const ROOT_DOCKERFILE = 'FROM node:22-slim\nCMD ["node", "server.js"]\n';
const NON_ROOT_DOCKERFILE = 'FROM node:22-slim\nUSER 10001:10001\nCMD ["node", "server.js"]\n';

describe('lsp: related files and dependants', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'bulkhead-lsp-deps-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const project = (name: string) => {
    const dir = join(root, name);
    mkdirSync(join(dir, 'api'), { recursive: true });
    return dir;
  };

  it("editing the open Dockerfile's final USER makes the Compose file's X01 finding appear and disappear (pull)", async () => {
    const dir = project('pull');
    const client: TestClient = await startTestServer({ settings: {} });
    try {
      const compose = uri(join(dir, 'compose.yaml'));
      const dockerfile = uri(join(dir, 'api', 'Dockerfile'));
      await client.open(dockerfile, NON_ROOT_DOCKERFILE, 'dockerfile');
      await client.open(compose, COMPOSE, 'dockercompose');
      assert.ok(!codes(await client.pull(compose)).includes('compose-effective-user-root'), 'non-root image: no finding');

      let since = client.refreshes;
      await client.change(dockerfile, ROOT_DOCKERFILE, 2);
      await client.waitForRefresh(since);
      const withFinding = await client.pull(compose);
      const x01 = withFinding.find((d) => d.code === 'compose-effective-user-root');
      assert.ok(x01, `X01 expected after the Dockerfile lost its USER, got ${JSON.stringify(codes(withFinding))}`);
      assert.deepEqual(
        x01.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line]),
        [[dockerfile, 0]],
        'related information points at the Dockerfile FROM line',
      );

      since = client.refreshes;
      await client.change(dockerfile, NON_ROOT_DOCKERFILE, 3);
      await client.waitForRefresh(since);
      assert.ok(!codes(await client.pull(compose)).includes('compose-effective-user-root'), 'USER restored: finding gone');
    } finally {
      client.dispose();
    }
  });

  it('push clients get the Compose diagnostics re-published; a closed Dockerfile is read from disk', async () => {
    const dir = project('push');
    writeFileSync(join(dir, 'api', 'Dockerfile'), NON_ROOT_DOCKERFILE);
    const client = await startTestServer({ pull: false, settings: {} });
    try {
      const compose = uri(join(dir, 'compose.yaml'));
      const dockerfile = uri(join(dir, 'api', 'Dockerfile'));
      await client.open(compose, COMPOSE, 'dockercompose');
      const first = await client.waitForPublish(compose);
      assert.ok(!codes(first.diagnostics).includes('compose-effective-user-root'), 'the disk Dockerfile has a non-root USER');

      // The open buffer wins over the disk.
      await client.open(dockerfile, ROOT_DOCKERFILE, 'dockerfile');
      await client.waitForPublish(compose, (p) => codes(p.diagnostics).includes('compose-effective-user-root'));

      // Closing the buffer: the disk version stands in again.
      const before = client.published.length;
      await client.close(dockerfile);
      await client.waitForPublish(compose, (p) => client.published.indexOf(p) >= before && !codes(p.diagnostics).includes('compose-effective-user-root'));

      // A change on disk, reported by the file watcher.
      writeFileSync(join(dir, 'api', 'Dockerfile'), ROOT_DOCKERFILE);
      const mark = client.published.length;
      await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: dockerfile, type: FileChangeType.Changed }] });
      await client.waitForPublish(compose, (p) => client.published.indexOf(p) >= mark && codes(p.diagnostics).includes('compose-effective-user-root'));
    } finally {
      client.dispose();
    }
  });

  it('editing the override refreshes the base file', async () => {
    const dir = project('override');
    const client = await startTestServer({ settings: {} });
    try {
      const base = uri(join(dir, 'compose.yaml'));
      const override = uri(join(dir, 'compose.override.yaml'));
      await client.open(base, 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n', 'dockercompose');
      await client.open(override, 'services:\n  web:\n    environment:\n      DEBUG: "1"\n', 'dockercompose');
      assert.ok(codes(await client.pull(base)).includes('compose-privileged'));

      const since = client.refreshes;
      await client.change(override, 'services:\n  web:\n    privileged: false\n', 2);
      await client.waitForRefresh(since);
      assert.ok(!codes(await client.pull(base)).includes('compose-privileged'), 'the override turns privileged off for the merged service');
    } finally {
      client.dispose();
    }
  });
});
