import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { bulkhead, byCode, codeOf, describeDiagnostic, describeParts, open, range, waitForDiagnostics } from './helpers';

/** test/fixtures/vscode-workspace/Dockerfile: what each line must produce. */
const EXPECTED: { code: string; range: vscode.Range; severity: vscode.DiagnosticSeverity }[] = [
  { code: 'missing-user', range: range(0, 0, 0, 18), severity: vscode.DiagnosticSeverity.Error }, // FROM debian:latest (high)
  { code: 'from-latest', range: range(0, 11, 0, 18), severity: vscode.DiagnosticSeverity.Warning }, // :latest (medium)
  { code: 'no-sudo', range: range(1, 4, 1, 8), severity: vscode.DiagnosticSeverity.Warning }, // RUN sudo … (medium)
  { code: 'prefer-copy', range: range(2, 0, 2, 3), severity: vscode.DiagnosticSeverity.Information }, // ADD ./app /app (low)
];

describe('diagnostics', () => {
  let uri: vscode.Uri;

  before(async () => {
    uri = (await open('Dockerfile')).document.uri;
    await waitForDiagnostics(uri, 'all expected rules', (ds) => EXPECTED.every((e) => ds.some((d) => codeOf(d) === e.code)));
  });

  for (const e of EXPECTED) {
    it(`${e.code}: code, range and severity`, () => {
      const found = byCode(uri, e.code);
      assert.equal(found.length, 1, `expected exactly one ${e.code}, got: ${found.map(describeDiagnostic).join(', ')}`);
      const d = found[0]!;
      assert.equal(describeDiagnostic(d), describeParts(e.code, e.range, e.severity));
      assert.ok(d.message.trim().length > 10, `${e.code} has no real message: "${d.message}"`);
    });
  }

  it('links every finding to its rule page, which exists on disk', () => {
    // The API carries LSP's codeDescription.href as `code: { value, target }`.
    const ds = bulkhead(uri);
    for (const d of ds) {
      assert.ok(typeof d.code === 'object', `${codeOf(d)} has no documentation link (codeDescription)`);
      const target = d.code.target;
      assert.equal(target.scheme, 'file', `${codeOf(d)}: docs link is not a file URI: ${target.toString()}`);
      assert.ok(target.path.endsWith(`/docs/rules/${codeOf(d)}.md`), `${codeOf(d)}: docs link ${target.toString()} is not docs/rules/${codeOf(d)}.md`);
      assert.ok(fs.existsSync(target.fsPath), `${codeOf(d)}: the docs page ${target.fsPath} does not exist`);
    }
  });

  it('gives every Bulkhead rule finding the source "bulkhead"', () => {
    const ours = vscode.languages.getDiagnostics(uri).filter((d) => EXPECTED.some((e) => e.code === codeOf(d)));
    assert.equal(ours.length, EXPECTED.length);
    for (const d of ours) assert.equal(d.source, 'bulkhead', describeDiagnostic(d));
  });
});
