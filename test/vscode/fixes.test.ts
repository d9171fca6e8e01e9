/**
 * Every fixable rule, in a real VS Code (issue 6 "done when"): for each rule that declares a fix,
 * the `### Incorrect` examples of its doc page are written into the workspace and opened; the
 * finding's fix must be in the lightbulb (code actions at the diagnostic) with the engine's
 * title, and applying it must give exactly the text the engine computes (the text the rule
 * tests pin). Then `editor.codeActionsOnSave` with `source.fixAll.bulkhead` hardens a file on save
 * to exactly the engine's safe fix-all output.
 *
 * Expectations come from the built engine (out/server/src/engine), loaded by path: the extension
 * host is Node, and the engine is pure.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { codeOf, waitForDiagnostics, workspaceUri } from './helpers';

interface Pos {
  line: number;
  character: number;
}
interface EngineRange {
  start: Pos;
  end: Pos;
}
interface EngineFinding {
  ruleId: string;
  range: EngineRange;
  fix?: { safety: 'safe' | 'unsafe'; title: string; edits(): { range: EngineRange; newText: string }[] };
}
interface Engine {
  allRules(): { meta: { id: string; kind: 'dockerfile' | 'compose'; fix?: string } }[];
  analyze(text: string, o: { kind: string }): { findings: EngineFinding[] };
  fixAll(text: string, o: { kind: string; unsafe?: boolean }): { text: string };
  applyEdits(index: unknown, edits: unknown[]): string;
  TextIndex: new (text: string) => unknown;
}

const ROOT = path.resolve(__dirname, '../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const engine = require(path.join(ROOT, 'out/server/src/engine/index.js')) as Engine;

/** `### Incorrect` fenced examples of a rule page. */
function incorrectExamples(id: string): string[] {
  const file = path.join(ROOT, 'docs/rules', `${id}.md`);
  if (!fs.existsSync(file)) return [];
  const out: string[] = [];
  let label = false;
  let fence: string[] | undefined;
  for (const l of fs.readFileSync(file, 'utf8').split('\n')) {
    if (l.startsWith('## ')) label = false;
    if (l.startsWith('### ')) label = l.includes('Incorrect');
    if (fence) {
      if (l.startsWith('```')) {
        if (label) out.push(fence.join('\n') + '\n');
        fence = undefined;
      } else fence.push(l);
    } else if (/^```(dockerfile|yaml)\s*$/.test(l)) fence = [];
  }
  return out;
}

interface Case {
  rule: string;
  kind: 'dockerfile' | 'compose';
  text: string;
  title: string;
  range: EngineRange;
  expected: string;
}

function cases(): Case[] {
  const list: Case[] = [];
  for (const r of engine.allRules()) {
    if (!r.meta.fix) continue;
    for (const text of incorrectExamples(r.meta.id)) {
      const finding = engine.analyze(text, { kind: r.meta.kind }).findings.find((f) => f.ruleId === r.meta.id && f.fix && f.fix.edits().length > 0);
      if (!finding?.fix) continue;
      const expected = engine.applyEdits(new engine.TextIndex(text), finding.fix.edits());
      list.push({ rule: r.meta.id, kind: r.meta.kind, text, title: finding.fix.title, range: finding.range, expected });
      break; // one example per rule
    }
  }
  return list;
}

const toRange = (r: EngineRange) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

describe('every fix in the lightbulb', function () {
  this.timeout(600_000);
  const all = cases();
  const fixable = engine.allRules().filter((r) => r.meta.fix).length;

  it(`has a case for most fixable rules (${all.length} of ${fixable})`, () => {
    // A fixable rule without an example whose finding has a fix is listed here, not skipped silently.
    const missing = engine
      .allRules()
      .filter((r) => r.meta.fix && !all.some((c) => c.rule === r.meta.id))
      .map((r) => r.meta.id);
    assert.ok(all.length >= fixable * 0.8, `fixable rules without a doc example that VS Code could check: ${missing.join(', ')}`);
  });

  all.forEach((c, i) => {
    it(`${c.rule}: "${c.title}" is offered on the finding and yields the engine's text`, async () => {
      const uri = workspaceUri(`fixcases/${i}-${c.rule}/${c.kind === 'dockerfile' ? 'Dockerfile' : 'compose.yaml'}`);
      await vscode.workspace.fs.writeFile(uri, Buffer.from(c.text));
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      const ds = await waitForDiagnostics(uri, c.rule, (d) => d.some((x) => codeOf(x) === c.rule && x.range.isEqual(toRange(c.range))));
      const diagnostic = ds.find((x) => codeOf(x) === c.rule && x.range.isEqual(toRange(c.range)))!;
      const actions =
        (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, diagnostic.range)) ?? [];
      const titles = actions.map((a) => a.title);
      const action = actions.find((a): a is vscode.CodeAction => a.title === c.title && 'edit' in a && a.edit !== undefined);
      assert.ok(action?.edit, `"${c.title}" not in the lightbulb; got: ${titles.join(' | ')}`);
      assert.ok(await vscode.workspace.applyEdit(action.edit), 'VS Code refused the edit');
      assert.equal(doc.getText(), c.expected);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  });
});

describe('fix-all on save', () => {
  const TEXT = 'FROM alpine:3.20\nADD ./app /app\nRUN apk add curl\nRUN apt-get install -y git\nCMD node server.js\n';

  after(async () => {
    await vscode.workspace
      .getConfiguration('editor', { languageId: 'dockerfile' })
      .update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace, true);
  });

  it('editor.codeActionsOnSave with source.fixAll.bulkhead applies every safe fix on save, as the engine does', async () => {
    const expected = engine.fixAll(TEXT, { kind: 'dockerfile' }).text;
    assert.notEqual(expected, TEXT, 'the sample has safe fixes');
    await vscode.workspace
      .getConfiguration('editor', { languageId: 'dockerfile' })
      .update('codeActionsOnSave', { 'source.fixAll.bulkhead': 'explicit' }, vscode.ConfigurationTarget.Workspace, true);
    const uri = workspaceUri('onsave/Dockerfile');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(''));
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(0, 0), TEXT)));
    await waitForDiagnostics(uri, 'prefer-copy before saving', (d) => d.some((x) => codeOf(x) === 'prefer-copy'));
    assert.ok(await doc.save(), 'save failed');
    assert.equal(doc.getText(), expected);
    assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), expected, 'the file on disk is the hardened text');
  });
});
