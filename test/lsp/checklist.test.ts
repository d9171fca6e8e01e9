/**
 * The checklist over the protocol (issue 7): the workspace scan finds files that are not
 * open, an open document's edits flip an item from fail to pass without saving, watched-file
 * events re-read one file, CI files and confirmations are picked up, Markdown export.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver/node';
import {
  ChecklistChangedNotification,
  ChecklistRequest,
  ScanWorkspaceRequest,
  type ChecklistChangedParams,
  type ChecklistItemResult,
  type ChecklistResult,
  type ScanWorkspaceResult,
} from '../../shared/src/protocol';
import { allRules } from '../../server/src/engine/index';
import { startTestServer, type TestClient } from '../harness/lsp';

/** A fixed rule set: these tests pin the protocol and the scan, not the growing registry. */
const RULES = allRules().filter((r) => ['missing-user', 'last-user-root', 'missing-healthcheck', 'from-latest', 'exec-form', 'compose-privileged'].includes(r.meta.id));

const ROOT_DOCKERFILE = ['FROM node:latest', 'CMD ["node", "server.js"]', ''].join('\n');
const FIXED_DOCKERFILE = ['FROM node:20.18-bookworm-slim', 'USER 10001', 'HEALTHCHECK CMD ["node", "health.js"]', 'CMD ["node", "server.js"]', ''].join('\n');
const COMPOSE = ['services:', '  web:', '    build: .', '    read_only: true', '  cache:', '    image: redis:7.2', ''].join('\n');
const WORKFLOW = ['jobs:', '  build:', '    steps:', '      - name: Scan', '        uses: aquasecurity/trivy-action@0.24.0', ''].join('\n');

function item(result: ChecklistResult, subject: string, id: string): ChecklistItemResult {
  const s = result.folders[0]?.report.subjects.find((x) => x.id === subject);
  const i = s?.items.find((x) => x.id === id) ?? (subject === '' ? result.folders[0]?.report.workspace.find((x) => x.id === id) : undefined);
  assert.ok(i, `${subject} ${id}`);
  return i;
}

describe('LSP: bulkhead/checklist', () => {
  let dir: string;
  let client: TestClient;
  const changed: ChecklistChangedParams[] = [];
  let onChanged: (() => void) | undefined;
  const nextChange = () =>
    new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('no bulkhead/checklistChanged within 5 s')), 5000);
      onChanged = () => {
        clearTimeout(t);
        onChanged = undefined;
        resolve();
      };
    });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bulkhead-checklist-'));
    writeFileSync(join(dir, 'Dockerfile'), ROOT_DOCKERFILE);
    mkdirSync(join(dir, 'deploy'));
    writeFileSync(join(dir, 'deploy', 'compose.yaml'), COMPOSE);
    mkdirSync(join(dir, 'node_modules', 'x'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'x', 'Dockerfile'), 'FROM scratch\n');
    mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
    writeFileSync(join(dir, '.github', 'workflows', 'ci.yml'), WORKFLOW);
    client = await startTestServer({ rules: RULES, workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'app' }] });
    client.connection.onNotification(ChecklistChangedNotification, (p: ChecklistChangedParams) => {
      changed.push(p);
      onChanged?.();
    });
  });

  after(() => {
    client.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('scans files that are not open, skipping node_modules, per service for Compose', async () => {
    const r = await client.connection.sendRequest<ChecklistResult>(ChecklistRequest, {});
    assert.equal(r.files, 2);
    assert.equal(r.folders[0]?.name, 'app');
    assert.deepEqual(r.folders[0]?.report.subjects.map((s) => s.id), ['Dockerfile', 'deploy/compose.yaml#web', 'deploy/compose.yaml#cache']);
    const user = item(r, 'Dockerfile', 'non-root-user');
    assert.equal(user.status, 'fail');
    assert.deepEqual(user.findings.map((f) => [f.ruleId, f.range.start.line]), [['missing-user', 0]]);
    assert.equal(item(r, 'deploy/compose.yaml#web', 'read-only-rootfs').status, 'pass');
    assert.equal(item(r, 'deploy/compose.yaml#cache', 'read-only-rootfs').status === 'pass', false);
  });

  it('names the CI file and step that scans images', async () => {
    const r = await client.connection.sendRequest<ChecklistResult>(ChecklistRequest, {});
    const scan = item(r, '', 'base-image-scan');
    assert.equal(scan.status, 'pass');
    assert.deepEqual(scan.evidence.map((e) => e.text), ['Trivy scans images in .github/workflows/ci.yml, step "Scan" (line 5)']);
  });

  it('an edit in the open editor flips fail to pass without saving, and back on close', async () => {
    const uri = pathToFileURL(join(dir, 'Dockerfile')).toString();
    const opened = nextChange();
    await client.open(uri, ROOT_DOCKERFILE);
    await client.pull(uri);
    await opened;
    const flipped = nextChange();
    await client.change(uri, FIXED_DOCKERFILE, 2);
    await client.pull(uri);
    await flipped;
    let r = await client.connection.sendRequest<ChecklistResult>(ChecklistRequest, {});
    assert.equal(item(r, 'Dockerfile', 'non-root-user').status, 'pass');
    assert.deepEqual(item(r, 'Dockerfile', 'non-root-user').evidence.map((e) => e.text), ['USER 10001 on line 2']);
    assert.equal(item(r, 'Dockerfile', 'healthcheck').status, 'pass');
    assert.ok(changed.some((c) => c.uris.includes(uri)));
    const closed = nextChange();
    await client.close(uri);
    await closed;
    r = await client.connection.sendRequest<ChecklistResult>(ChecklistRequest, {});
    assert.equal(item(r, 'Dockerfile', 'non-root-user').status, 'fail');
  });

  it('a watched-file event re-reads only that file; deletes drop it', async () => {
    const path = join(dir, 'deploy', 'Dockerfile.worker');
    writeFileSync(path, FIXED_DOCKERFILE);
    const uri = pathToFileURL(path).toString();
    let wait = nextChange();
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri, type: FileChangeType.Created }] });
    await wait;
    let r = await client.connection.sendRequest<ChecklistResult>(ChecklistRequest, {});
    assert.equal(item(r, 'deploy/Dockerfile.worker', 'non-root-user').status, 'pass');
    rmSync(path);
    wait = nextChange();
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri, type: FileChangeType.Deleted }] });
    await wait;
    r = await client.connection.sendRequest<ChecklistResult>(ChecklistRequest, {});
    assert.equal(r.folders[0]?.report.subjects.some((s) => s.path === 'deploy/Dockerfile.worker'), false);
  });

  it('confirmations in .bulkhead/checklist.json turn human items into confirmed', async () => {
    mkdirSync(join(dir, '.bulkhead'), { recursive: true });
    writeFileSync(join(dir, '.bulkhead', 'checklist.json'), JSON.stringify({ confirmations: [{ item: 'secret-rotation', note: 'Vault, 30 days' }] }));
    const r = await client.connection.sendRequest<ChecklistResult>(ChecklistRequest, {});
    const rotation = item(r, '', 'secret-rotation');
    assert.equal(rotation.status, 'confirmed');
    assert.equal(rotation.confirmation?.note, 'Vault, 30 days');
  });

  it('scanWorkspace re-reads everything; markdown export', async () => {
    const s = await client.connection.sendRequest<ScanWorkspaceResult>(ScanWorkspaceRequest);
    assert.equal(s.files, 2);
    const r = await client.connection.sendRequest<ChecklistResult>(ChecklistRequest, { format: 'markdown' });
    assert.match(r.markdown ?? '', /^# Container hardening checklist\n/);
    assert.match(r.markdown ?? '', /## `deploy\/compose.yaml › service web` — \d+%/);
  });

  it('with no workspace folder the checklist is empty, not an error', async () => {
    const bare = await startTestServer();
    try {
      const r = await bare.connection.sendRequest<ChecklistResult>(ChecklistRequest, {});
      assert.deepEqual(r, { folders: [], files: 0 });
    } finally {
      bare.dispose();
    }
  });
});
