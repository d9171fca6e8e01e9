import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver/node';
import { getRule, type AnyRule } from '../../server/src/engine/index';
import { actionEdits, applyTextEdits, startTestServer, type TestClient } from '../harness/lsp';

const preferCopy = getRule('prefer-copy') as AnyRule;
const URI = 'file:///work/app/Dockerfile';

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

describe('code actions', () => {
  let client: TestClient;
  before(async () => {
    client = await startTestServer({ rules: [preferCopy] });
  });
  after(() => client.dispose());

  /** Opens `text`, pulls, and returns the quick fixes for the diagnostic on `line`. */
  async function actionsAt(text: string, line: number): Promise<{ actions: CodeAction[]; diagnostic: Diagnostic; all: Diagnostic[] }> {
    await client.open(URI, text);
    const all = await client.pull(URI);
    const diagnostic = all.find((d) => d.range.start.line === line);
    assert.ok(diagnostic, `no diagnostic on line ${line}`);
    const actions = (await client.codeActions(URI, diagnostic.range, [diagnostic])) as CodeAction[];
    return { actions, diagnostic, all };
  }

  it('lists fix, ignore here, ignore in file, show docs, in that order, for a single finding', async () => {
    const { actions } = await actionsAt('FROM alpine:3.20\nADD ./app /app\n', 1);
    assert.deepEqual(titles(actions), [
      'Replace ADD with COPY',
      'Ignore prefer-copy for this instruction',
      'Ignore prefer-copy for this file',
      'Show documentation for prefer-copy',
    ]);
    assert.equal(actions[0]?.isPreferred, true);
    assert.equal(actions[0]?.kind, 'quickfix');
    assert.deepEqual(
      actions[0]?.edit?.documentChanges?.[0] && 'textDocument' in actions[0].edit.documentChanges[0]
        ? actions[0].edit.documentChanges[0].textDocument
        : undefined,
      { uri: URI, version: 1 },
    );
    assert.deepEqual(actions[3]?.command, {
      title: 'Show documentation for prefer-copy',
      command: 'bulkhead.showRuleDocumentation',
      arguments: ['prefer-copy'],
    });
    await client.close(URI);
  });

  it('adds "fix all of this rule" and the document fix-all when more than one problem is fixable', async () => {
    const text = 'FROM alpine:3.20\nADD ./a /a\nADD ./b /b\n';
    const { actions } = await actionsAt(text, 1);
    assert.deepEqual(titles(actions), [
      'Replace ADD with COPY',
      'Fix all prefer-copy problems in this file',
      'Ignore prefer-copy for this instruction',
      'Ignore prefer-copy for this file',
      'Show documentation for prefer-copy',
      'Fix all auto-fixable problems',
    ]);
    const expected = 'FROM alpine:3.20\nCOPY ./a /a\nCOPY ./b /b\n';
    assert.equal(applyTextEdits(text, actionEdits(byTitle(actions, 'Fix all prefer-copy problems in this file'))), expected);
    assert.equal(applyTextEdits(text, actionEdits(byTitle(actions, 'Fix all auto-fixable problems'))), expected);
    await client.close(URI);
  });

  it('inserts the ignore comment above the instruction with its indentation', async () => {
    const text = 'FROM alpine:3.20\n  ADD --chown=1:1 \\\n      ./app /app\n';
    const { actions } = await actionsAt(text, 1);
    const edits = actionEdits(byTitle(actions, 'Ignore prefer-copy for this instruction'));
    const fixed = applyTextEdits(text, edits);
    assert.equal(fixed, 'FROM alpine:3.20\n  # bulkhead ignore=prefer-copy -- <reason>\n  ADD --chown=1:1 \\\n      ./app /app\n');
    // The comment really suppresses the finding.
    await client.change(URI, fixed, 2);
    assert.deepEqual(await client.pull(URI), []);
    await client.close(URI);
  });

  it('keeps CRLF line endings in the inserted comments', async () => {
    const text = 'FROM alpine:3.20\r\nADD ./app /app\r\n';
    const { actions } = await actionsAt(text, 1);
    assert.equal(
      applyTextEdits(text, actionEdits(byTitle(actions, 'Ignore prefer-copy for this instruction'))),
      'FROM alpine:3.20\r\n# bulkhead ignore=prefer-copy -- <reason>\r\nADD ./app /app\r\n',
    );
    assert.equal(
      applyTextEdits(text, actionEdits(byTitle(actions, 'Ignore prefer-copy for this file'))),
      '# bulkhead ignore-file=prefer-copy\r\nFROM alpine:3.20\r\nADD ./app /app\r\n',
    );
    await client.close(URI);
  });

  it('puts the file-level ignore after parser directives, which must stay first', async () => {
    const text = '# syntax=docker/dockerfile:1\n# escape=\\\nFROM alpine:3.20\nADD ./app /app\n';
    const { actions } = await actionsAt(text, 3);
    const fixed = applyTextEdits(text, actionEdits(byTitle(actions, 'Ignore prefer-copy for this file')));
    assert.equal(fixed, '# syntax=docker/dockerfile:1\n# escape=\\\n# bulkhead ignore-file=prefer-copy\nFROM alpine:3.20\nADD ./app /app\n');
    await client.change(URI, fixed, 2);
    assert.deepEqual(await client.pull(URI), []);
    await client.close(URI);
  });

  it('offers no edits for a diagnostic from an older version (stale)', async () => {
    const { diagnostic } = await actionsAt('FROM alpine:3.20\nADD ./app /app\n', 1);
    await client.change(URI, 'FROM alpine:3.20\n\nADD ./app /app\n', 2);
    await client.pull(URI);
    assert.deepEqual(await client.codeActions(URI, diagnostic.range, [diagnostic]), []);
    await client.close(URI);
  });
});

describe('source.fixAll.bulkhead', () => {
  let client: TestClient;
  before(async () => {
    client = await startTestServer({ rules: [preferCopy] });
  });
  after(() => client.dispose());

  it('applies every safe fix as minimal edits against the current text', async () => {
    const text = 'FROM alpine:3.20\nADD ./a /a\nRUN echo ok\nadd ["b c", "/d/"]\n';
    await client.open(URI, text);
    const actions = (await client.codeActions(URI, lineRange(0), [], ['source.fixAll.bulkhead'])) as CodeAction[];
    assert.deepEqual(titles(actions), ['Fix all auto-fixable problems']);
    assert.equal(actions[0]?.kind, 'source.fixAll.bulkhead');
    const edits = actionEdits(actions[0]!);
    assert.deepEqual(edits, [
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }, newText: 'COPY' },
      { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 3 } }, newText: 'copy' },
    ]);
    assert.equal(applyTextEdits(text, edits), 'FROM alpine:3.20\nCOPY ./a /a\nRUN echo ok\ncopy ["b c", "/d/"]\n');
    await client.close(URI);
  });

  it('is offered for `source` and `source.fixAll` requests, never in the plain quick-fix list', async () => {
    await client.open(URI, 'FROM alpine:3.20\nADD ./a /a\n');
    assert.deepEqual(titles(await client.codeActions(URI, lineRange(0), [], ['source'])), ['Fix all auto-fixable problems']);
    assert.deepEqual(titles(await client.codeActions(URI, lineRange(0), [], ['source.fixAll'])), ['Fix all auto-fixable problems']);
    assert.deepEqual(await client.codeActions(URI, lineRange(0), []), []);
    await client.close(URI);
  });

  it('returns nothing when there is nothing to fix', async () => {
    await client.open(URI, 'FROM alpine:3.20\nCOPY ./a /a\n');
    assert.deepEqual(await client.codeActions(URI, lineRange(0), [], ['source.fixAll.bulkhead']), []);
    await client.close(URI);
  });
});
