// The code-action menu beyond the single-rule basics of codeActions.test.ts: Compose
// "for this service", unsafe fixes never preferred nor in source.fixAll, multi-pass fix-all.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver/node';
import { getRule, type AnyRule } from '../../server/src/engine/index';
import { actionEdits, applyTextEdits, startTestServer, type TestClient } from '../harness/lsp';

const COMPOSE_URI = 'file:///work/app/compose.yaml';
const DOCKERFILE_URI = 'file:///work/app/Dockerfile';

function lineRange(line: number): Range {
  return { start: { line, character: 0 }, end: { line, character: 0 } };
}

function titles(actions: readonly unknown[]): string[] {
  return actions.map((a) => (a as CodeAction).title);
}

function byTitle(actions: readonly unknown[], title: string): CodeAction {
  const a = actions.find((x) => (x as CodeAction).title === title);
  assert.ok(a, `no action "${title}" in ${JSON.stringify(titles(actions))}`);
  return a as CodeAction;
}

describe('code actions: Compose', () => {
  let client: TestClient;
  before(async () => {
    client = await startTestServer({ rules: [getRule('compose-privileged') as AnyRule] });
  });
  after(() => client.dispose());

  async function actionsAt(text: string, line: number): Promise<{ actions: CodeAction[]; diagnostic: Diagnostic }> {
    await client.open(COMPOSE_URI, text, 'dockercompose');
    const diagnostic = (await client.pull(COMPOSE_URI)).find((d) => d.range.start.line === line);
    assert.ok(diagnostic, `no diagnostic on line ${line}`);
    return { actions: (await client.codeActions(COMPOSE_URI, diagnostic.range, [diagnostic])) as CodeAction[], diagnostic };
  }

  it('an unsafe fix is listed first but not preferred; ignore is "for this service"', async () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';
    const { actions } = await actionsAt(text, 3);
    assert.deepEqual(titles(actions), [
      'Set privileged: false',
      'Ignore compose-privileged for this service',
      'Ignore compose-privileged for this file',
      'Show documentation for compose-privileged',
    ]);
    assert.equal(actions[0]?.isPreferred, undefined);
    await client.close(COMPOSE_URI);
  });

  it('"for this service" puts the comment above the service key, which then hides the finding', async () => {
    const text = 'services:\r\n  db:\r\n    image: postgres:16\r\n  web:\r\n    image: nginx:1.27\r\n    privileged: true\r\n';
    const { actions } = await actionsAt(text, 5);
    const fixed = applyTextEdits(text, actionEdits(byTitle(actions, 'Ignore compose-privileged for this service')));
    assert.equal(
      fixed,
      'services:\r\n  db:\r\n    image: postgres:16\r\n  # bulkhead ignore=compose-privileged -- <reason>\r\n  web:\r\n    image: nginx:1.27\r\n    privileged: true\r\n',
    );
    await client.change(COMPOSE_URI, fixed, 2);
    assert.deepEqual(await client.pull(COMPOSE_URI), []);
    await client.close(COMPOSE_URI);
  });

  it('"for this file" puts ignore-file on the first line', async () => {
    const text = 'services:\n  web:\n    privileged: true\n';
    const { actions } = await actionsAt(text, 2);
    const fixed = applyTextEdits(text, actionEdits(byTitle(actions, 'Ignore compose-privileged for this file')));
    assert.equal(fixed, '# bulkhead ignore-file=compose-privileged\nservices:\n  web:\n    privileged: true\n');
    await client.change(COMPOSE_URI, fixed, 2);
    assert.deepEqual(await client.pull(COMPOSE_URI), []);
    await client.close(COMPOSE_URI);
  });

  it('source.fixAll applies no unsafe fix', async () => {
    await client.open(COMPOSE_URI, 'services:\n  web:\n    privileged: true\n  api:\n    privileged: true\n', 'dockercompose');
    assert.deepEqual(await client.codeActions(COMPOSE_URI, lineRange(0), [], ['source.fixAll.bulkhead']), []);
    await client.close(COMPOSE_URI);
  });

  it('"Fix all <id> problems" is offered for two unsafe-fixable findings and fixes both', async () => {
    const text = 'services:\n  web:\n    privileged: true\n  api:\n    privileged: true\n';
    const { actions } = await actionsAt(text, 2);
    assert.deepEqual(titles(actions).slice(0, 2), ['Set privileged: false', 'Fix all compose-privileged problems in this file']);
    assert.equal(
      applyTextEdits(text, actionEdits(byTitle(actions, 'Fix all compose-privileged problems in this file'))),
      'services:\n  web:\n    privileged: false\n  api:\n    privileged: false\n',
    );
    await client.close(COMPOSE_URI);
  });
});

describe('source.fixAll.bulkhead: passes', () => {
  let client: TestClient;
  before(async () => {
    client = await startTestServer({
      rules: [getRule('prefer-copy') as AnyRule, getRule('apt-no-recommends') as AnyRule, getRule('package-cache-left') as AnyRule],
    });
  });
  after(() => client.dispose());

  it('fixes of several rules on one instruction land in one answer, as few minimal edits', async () => {
    const text = 'FROM debian:12\nADD ./a /a\nWORKDIR /app\nRUN apt-get update && apt-get install -y curl\n';
    await client.open(DOCKERFILE_URI, text);
    const actions = (await client.codeActions(DOCKERFILE_URI, lineRange(0), [], ['source.fixAll.bulkhead'])) as CodeAction[];
    assert.deepEqual(titles(actions), ['Fix all auto-fixable problems']);
    const edits = actionEdits(actions[0]!);
    // Two passes (each rule's fix is computed on the text the other left), diffed back into
    // one edit per changed span of the original.
    assert.deepEqual(edits, [
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }, newText: 'COPY' },
      {
        range: { start: { line: 3, character: 39 }, end: { line: 3, character: 45 } },
        newText: '-no-install-recommends -y curl && rm -rf /var/lib/apt/lists/*',
      },
    ]);
    const fixed = applyTextEdits(text, edits);
    assert.equal(
      fixed,
      'FROM debian:12\nCOPY ./a /a\nWORKDIR /app\nRUN apt-get update && apt-get install --no-install-recommends -y curl && rm -rf /var/lib/apt/lists/*\n',
    );
    // Nothing left to fix: a second request is empty.
    await client.change(DOCKERFILE_URI, fixed, 2);
    assert.deepEqual(await client.codeActions(DOCKERFILE_URI, lineRange(0), [], ['source.fixAll.bulkhead']), []);
    await client.close(DOCKERFILE_URI);
  });
});
