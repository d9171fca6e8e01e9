/**
 * The server survives malformed and out-of-order traffic (issue 8 item 4): changes for documents
 * it never saw, stale versions, ranges far outside the text, bogus code-action context, unknown
 * methods and missing parameters. After each, it still answers with diagnostics for the latest
 * text of an open document.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
} from 'vscode-languageserver/node';
import { getRule, type AnyRule } from '../../server/src/engine/index';
import { startTestServer, type TestClient } from '../harness/lsp';

const rules = ['prefer-copy', 'no-sudo', 'compose-privileged'].map((id) => getRule(id) as AnyRule);
const DOC = 'file:///abuse/Dockerfile';
const TEXT = 'FROM alpine:3.20\nADD ./a /a\n';

describe('LSP: malformed and out-of-order messages', () => {
  let client: TestClient;

  /** The server still works: the open document's diagnostics match `codes`. */
  const stillAnswers = async (codes: string[], uri = DOC) => {
    const items = await client.pull(uri);
    assert.deepEqual(items.map((d) => d.code).sort(), [...codes].sort());
  };

  before(async () => {
    client = await startTestServer({ rules, debounceMs: 0 });
    await client.open(DOC, TEXT, 'dockerfile', 1);
    await stillAnswers(['prefer-copy']);
  });
  after(() => client.dispose());

  it('didChange and didClose for a document that was never opened', async () => {
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: 'file:///abuse/never/Dockerfile', version: 2 },
      contentChanges: [{ text: 'RUN sudo x\n' }],
    });
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: 'file:///abuse/never/Dockerfile' } });
    await stillAnswers(['prefer-copy']);
  });

  it('a pull for a document that is not open answers an empty report', async () => {
    const r = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: 'file:///abuse/closed/Dockerfile' } });
    assert.equal(r.kind, 'full');
    assert.deepEqual(r.kind === 'full' ? r.items : undefined, []);
  });

  it('a change with a stale version still leaves the diagnostics of the text the server holds', async () => {
    await client.change(DOC, 'FROM alpine:3.20\nRUN sudo apk add curl\n', 5);
    await stillAnswers(['no-sudo']);
    // Version 3 arrives late: the server keeps a consistent document (the text it was sent) and answers for it.
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: DOC, version: 3 },
      contentChanges: [{ text: TEXT }],
    });
    const items = await client.pull(DOC);
    assert.ok(['prefer-copy', 'no-sudo'].includes(String(items[0]?.code)), `diagnostics for one of the two texts: ${items.map((d) => d.code).join(', ')}`);
    await client.change(DOC, TEXT, 10);
    await stillAnswers(['prefer-copy']);
  });

  it('an incremental change whose range lies far outside the document is clamped, not fatal', async () => {
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: DOC, version: 11 },
      contentChanges: [{ range: { start: { line: 1_000_000_000, character: 0 }, end: { line: 1_000_000_000, character: 5 } }, text: 'RUN sudo true\n' }],
    });
    await stillAnswers(['prefer-copy', 'no-sudo']);
    await client.change(DOC, TEXT, 12);
    await stillAnswers(['prefer-copy']);
  });

  it('code actions for a huge range and bogus diagnostics (unknown code, wrong data) answer without error', async () => {
    const actions = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: DOC },
      range: { start: { line: 0, character: 0 }, end: { line: 2_000_000_000, character: 2_000_000_000 } },
      context: {
        diagnostics: [
          {
            range: { start: { line: 99, character: 0 }, end: { line: 99, character: 1 } },
            message: 'x',
            source: 'bulkhead',
            code: 'no-such-rule',
            data: { nonsense: true },
          },
          { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }, message: 'x', source: 'bulkhead', code: 'prefer-copy', data: 42 },
          { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }, message: 'x', source: 'other-linter', code: 'DL3020' },
        ],
      },
    });
    assert.ok(Array.isArray(actions ?? []));
    await stillAnswers(['prefer-copy']);
  });

  it('an unknown request gets MethodNotFound; missing parameters get an error response; the server goes on', async () => {
    await assert.rejects(client.connection.sendRequest('bulkhead/noSuchMethod', { x: 1 }), (e: { code?: number }) => e.code === -32601);
    // Missing parameters: an error response or an empty answer, never a dead server.
    const outcome = (p: Promise<unknown>) =>
      p.then(
        (r) =>
          r === null ||
          (Array.isArray(r) && r.length === 0) ||
          (typeof r === 'object' && r !== null && 'items' in r && (r as { items: unknown[] }).items.length === 0)
            ? 'empty'
            : `answer ${JSON.stringify(r)}`,
        (e: { code?: number }) => `error ${e.code}`,
      );
    const diagnostic = await outcome(client.connection.sendRequest('textDocument/diagnostic', {}));
    const codeAction = await outcome(client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: DOC } }));
    assert.match(diagnostic, /^(empty|error -3\d+)$/, diagnostic);
    assert.match(codeAction, /^(empty|error -3\d+)$/, codeAction);
    await stillAnswers(['prefer-copy']);
  });

  it('opening the same document twice, and with an unknown language id, is harmless', async () => {
    const uri = 'file:///abuse/twice/compose.yaml';
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockercompose', version: 1, text: 'services:\n  a:\n    image: x:1\n' },
    });
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockercompose', version: 2, text: 'services:\n  a:\n    image: x:1\n    privileged: true\n' },
    });
    await stillAnswers(['compose-privileged'], uri);
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: 'file:///abuse/odd/Dockerfile', languageId: 'cobol', version: 1, text: 'ADD a b' },
    });
    await stillAnswers(['prefer-copy']);
  });

  it('a burst of 500 changes answers for the last text', async () => {
    for (let v = 100; v < 600; v++) await client.change(DOC, v % 2 ? TEXT : 'FROM alpine:3.20\nRUN sudo x\n', v);
    await stillAnswers(['prefer-copy']);
  });
});
