import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { CodeActionResolveRequest, type CodeAction, type Range } from 'vscode-languageserver/node';
import { getRule, type AnyRule } from '../../server/src/engine/index';
import { actionEdits, applyTextEdits, startTestServer, type TestClient } from '../harness/lsp';

const preferMultiStage = getRule('prefer-multi-stage') as AnyRule;
const URI = 'file:///work/api/Dockerfile';
const KIND = 'refactor.rewrite.bulkhead.multiStage';

const GO = ['FROM golang:1.22', 'WORKDIR /src', 'COPY . .', 'RUN go build -o /bin/app .', 'ENTRYPOINT ["/bin/app"]', ''].join('\n');
const GO_FIXED = [
  'FROM golang:1.22 AS build',
  'WORKDIR /src',
  'COPY . .',
  'RUN CGO_ENABLED=0 go build -o /bin/app .',
  '',
  'FROM gcr.io/distroless/static-debian12:nonroot',
  'WORKDIR /src',
  'COPY --from=build /bin/app /bin/app',
  'ENTRYPOINT ["/bin/app"]',
  '',
].join('\n');

function lineRange(line: number): Range {
  return { start: { line, character: 0 }, end: { line, character: 0 } };
}

function refactors(actions: readonly unknown[]): CodeAction[] {
  return (actions as CodeAction[]).filter((a) => a.kind === KIND);
}

describe('multi-stage refactoring over codeAction/resolve', () => {
  let client: TestClient;
  before(async () => {
    client = await startTestServer({ rules: [preferMultiStage], codeActionResolve: true });
  });
  after(() => client.dispose());

  it('is offered without an edit on the finding, and resolve fills in the rewrite', async () => {
    await client.open(URI, GO, 'dockerfile', 1);
    const [diagnostic] = await client.pull(URI);
    assert.ok(diagnostic);
    const actions = await client.codeActions(URI, diagnostic.range, [diagnostic]);
    const [action] = refactors(actions);
    assert.ok(action, 'refactoring offered');
    assert.equal(action.title, 'Convert to a multi-stage build (Go: distroless runtime)');
    assert.equal(action.edit, undefined, 'the edit is computed on resolve only');
    const resolved = await client.connection.sendRequest(CodeActionResolveRequest.type, action);
    assert.deepEqual(
      resolved.edit?.documentChanges?.map((c) => ('textDocument' in c ? c.textDocument : undefined)),
      [{ uri: URI, version: 1 }],
    );
    assert.equal(applyTextEdits(GO, actionEdits(resolved)), GO_FIXED);
  });

  it('the quick fix of the finding is the same rewrite, marked as not preferred (unsafe)', async () => {
    await client.open(URI, GO, 'dockerfile', 1);
    const [diagnostic] = await client.pull(URI);
    assert.ok(diagnostic);
    const fix = (await client.codeActions(URI, diagnostic.range, [diagnostic], ['quickfix']))[0] as CodeAction;
    assert.equal(fix.title, 'Convert to a multi-stage build (review the runtime stage)');
    assert.equal(fix.isPreferred, undefined);
    assert.equal(applyTextEdits(GO, actionEdits(fix)), GO_FIXED);
  });

  it('is not offered away from the finding unless refactorings are asked for', async () => {
    await client.open(URI, GO, 'dockerfile', 1);
    await client.pull(URI);
    assert.deepEqual(refactors(await client.codeActions(URI, lineRange(3), [])), []);
    assert.equal(refactors(await client.codeActions(URI, lineRange(3), [], ['refactor'])).length, 1);
    assert.deepEqual(await client.codeActions(URI, lineRange(0), [], ['quickfix']), []);
  });

  it('resolving after the document changed returns the action without an edit (stale)', async () => {
    await client.open(URI, GO, 'dockerfile', 1);
    await client.pull(URI);
    const [action] = refactors(await client.codeActions(URI, lineRange(0), [], ['refactor.rewrite']));
    assert.ok(action);
    await client.change(URI, GO.replace('/bin/app', '/bin/api'), 2);
    await client.pull(URI);
    const resolved = await client.connection.sendRequest(CodeActionResolveRequest.type, action);
    assert.equal(resolved.edit, undefined);
  });

  it('is not offered for multi-stage files', async () => {
    await client.open(URI, GO_FIXED, 'dockerfile', 1);
    await client.pull(URI);
    assert.deepEqual(await client.codeActions(URI, lineRange(0), [], ['refactor']), []);
  });
});

describe('multi-stage refactoring for clients without resolve support', () => {
  let client: TestClient;
  before(async () => {
    client = await startTestServer({ rules: [preferMultiStage] });
  });
  after(() => client.dispose());

  it('comes with its edit', async () => {
    await client.open(URI, GO, 'dockerfile', 1);
    await client.pull(URI);
    const [action] = refactors(await client.codeActions(URI, lineRange(0), [], ['refactor']));
    assert.ok(action?.edit);
    assert.equal(applyTextEdits(GO, actionEdits(action)), GO_FIXED);
  });
});
