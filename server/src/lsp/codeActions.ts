/**
 * Code actions, in vscode-eslint's order. Per finding: its fix (preferred only when safe),
 * its suggestions, "Fix all <id> problems in this file" (more than one fixable), "Ignore <id>
 * for this instruction" (Dockerfile) or "… for this service" (Compose), "Ignore <id> for
 * this file", "Show documentation for <id>". Per document: "Fix all auto-fixable problems",
 * as a quick fix and as `source.fixAll.bulkhead` for editor.codeActionsOnSave (safe fixes
 * only, repeated passes over fresh analysis, returned as minimal edits against the text).
 *
 * Quick fixes come from the cached analysis the diagnostic points at (`data.version`), never
 * from a re-analysis; when the document has moved on they are not offered (stale).
 */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Commands } from '../../../shared/src/ids';
import { collectFixEdits, fixAll, TextIndex, type AnyRule, type EngineConfig, type FileKind, type Finding } from '../engine/index';
import type { Settings } from '../../../shared/src/settings';
import type { Analysis } from './documents';
import { isDiagnosticData } from './diagnostics';
import { minimalEdits } from './diff';
import type { RuleGuard } from '../node/guard';

export interface CodeActionEnv {
  /** Client accepts versioned `documentChanges` (edits for an older version are then rejected). */
  readonly documentChanges: boolean;
  readonly rules: readonly AnyRule[] | undefined;
  /**
   * The server's rule guard (node/guard.ts): fix-all runs under its time budget, and findings
   * of a rule it stopped offer no fixes (its cached findings linger until the re-analysis).
   */
  readonly guard?: RuleGuard;
}

/** Placeholder the user replaces with the reason; the ignore comment parses with or without it. */
export const REASON_PLACEHOLDER = '<reason>';

/** The comment an "Ignore … for this instruction/service" action inserts (server/src/engine/suppress.ts). */
export function ignoreComment(ruleId: string): string {
  return `# bulkhead ignore=${ruleId} -- ${REASON_PLACEHOLDER}`;
}

/** Docker parser directives must stay the first lines of a Dockerfile. */
const DIRECTIVE = /^[ \t]*#[ \t]*(syntax|escape|check)[ \t]*=/i;

function workspaceEdit(doc: TextDocument, edits: readonly TextEdit[], env: CodeActionEnv): WorkspaceEdit {
  return env.documentChanges
    ? { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: [...edits] }] }
    : { changes: { [doc.uri]: [...edits] } };
}

/** `only` filter: a requested kind covers its sub-kinds (`source` covers `source.fixAll.bulkhead`). */
export function wants(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
}

/**
 * Where an ignore comment for the finding goes: above the first line of the instruction
 * holding it (Dockerfile), above the key of the service holding it (Compose); undefined
 * when the finding is in no service (top-level keys: only "for this file" is offered).
 */
function ignoreTarget(analysis: Analysis, finding: Finding): { line: number; scope: 'instruction' | 'service' } | undefined {
  const line = finding.range.start.line;
  const model = analysis.result?.model;
  if (model?.kind === 'compose') {
    let best: number | undefined;
    for (const service of model.services) {
      const d = service.definitionIn(model.file);
      if (!d) continue;
      const from = d.keyRange.start.line;
      const to = Math.max(from, d.map.range.end.line);
      if (from <= line && line <= to && (best === undefined || from > best)) best = from;
    }
    return best === undefined ? undefined : { line: best, scope: 'service' };
  }
  if (model?.kind === 'dockerfile') {
    // ONBUILD triggers are covered through their ONBUILD line, which suppression keys on.
    const ins = model.instructions.find((i) => !i.onbuild && i.range.start.line <= line && line <= i.range.end.line);
    if (ins) return { line: ins.range.start.line, scope: 'instruction' };
  }
  return { line, scope: 'instruction' };
}

export function ignoreHereEdit(text: string, analysis: Analysis, finding: Finding): TextEdit | undefined {
  const target = ignoreTarget(analysis, finding);
  if (!target) return undefined;
  const index = new TextIndex(text);
  const at = { line: target.line, character: 0 };
  return { range: { start: at, end: at }, newText: `${index.indentation(target.line)}${ignoreComment(finding.ruleId)}${index.eol}` };
}

function ignoreHereTitle(analysis: Analysis, finding: Finding): string {
  return `Ignore ${finding.ruleId} for this ${ignoreTarget(analysis, finding)?.scope ?? 'instruction'}`;
}

export function ignoreFileEdit(text: string, kind: FileKind, ruleId: string): TextEdit {
  const index = new TextIndex(text);
  let after = 0;
  if (kind === 'dockerfile') while (after < index.lineCount && DIRECTIVE.test(index.lineText(after))) after++;
  const comment = `# bulkhead ignore-file=${ruleId}`;
  if (after === 0) {
    const at = { line: 0, character: 0 };
    return { range: { start: at, end: at }, newText: comment + index.eol };
  }
  // After the last directive's line break (which may be missing at the end of the file).
  const at = index.positionAt(index.lineEnd(after - 1));
  return { range: { start: at, end: at }, newText: index.eol + comment };
}

/** Safe fixes of the whole document, computed from the current text, as minimal edits. */
export function fixAllEdits(doc: TextDocument, kind: FileKind, config: EngineConfig, rules: readonly AnyRule[] | undefined, guard?: RuleGuard): TextEdit[] {
  const text = doc.getText();
  const options = { kind, config, safeOnly: true, ...(rules ? { rules } : {}) };
  const result = guard ? guard.fixAll(text, options, { file: doc.uri }) : fixAll(text, options);
  return minimalEdits(text, result.text);
}

export function fixAllAction(doc: TextDocument, kind: FileKind, kindName: string, config: EngineConfig, env: CodeActionEnv): CodeAction | undefined {
  const edits = fixAllEdits(doc, kind, config, env.rules, env.guard);
  if (edits.length === 0) return undefined;
  return { title: 'Fix all auto-fixable problems', kind: kindName, edit: workspaceEdit(doc, edits, env) };
}

/** `codeActionsOnSave.mode: problems`: the safe fixes of the findings in this analysis only, one pass. */
export function fixProblemsAction(doc: TextDocument, analysis: Analysis, kindName: string, env: CodeActionEnv): CodeAction | undefined {
  if (!analysis.result || analysis.version !== doc.version) return undefined;
  const edits = collectFixEdits(live(analysis.result.findings, env), true);
  if (edits.length === 0) return undefined;
  return { title: 'Fix all auto-fixable problems', kind: kindName, edit: workspaceEdit(doc, edits, env) };
}

export function configOf(settings: Settings): EngineConfig {
  return { customizations: settings.rules.customizations };
}

/** Findings whose rule the guard has not stopped: a stopped rule's fix is never run again. */
function live(findings: readonly Finding[], env: CodeActionEnv): readonly Finding[] {
  const guard = env.guard;
  return guard ? findings.filter((f) => !guard.isStopped(f.ruleId)) : findings;
}

/** Quick fixes for the diagnostics in the request, in the documented order, without duplicates. */
export function quickFixes(params: CodeActionParams, doc: TextDocument, analysis: Analysis, env: CodeActionEnv): CodeAction[] {
  const result = analysis.result;
  if (!result || analysis.version !== doc.version) return [];
  const text = doc.getText();
  const out: CodeAction[] = [];
  const seen = new Set<string>();
  const add = (action: CodeAction) => {
    const key = action.title + '\u0000' + JSON.stringify(action.edit ?? action.command);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(action);
  };
  const quickfix = (title: string, diagnostic: Diagnostic, edits: readonly TextEdit[], preferred = false): CodeAction => ({
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    ...(preferred ? { isPreferred: true } : {}),
    edit: workspaceEdit(doc, edits, env),
  });
  for (const diagnostic of params.context.diagnostics) {
    const data: unknown = diagnostic.data;
    if (!isDiagnosticData(data) || data.version !== analysis.version) continue;
    const finding = result.findings[data.index];
    if (!finding || finding.ruleId !== data.ruleId || env.guard?.isStopped(finding.ruleId)) continue;
    const id = finding.ruleId;
    if (finding.fix) {
      const edits = finding.fix.edits();
      if (edits.length > 0) add(quickfix(finding.fix.title, diagnostic, edits, finding.fix.safety === 'safe'));
    }
    for (const s of finding.suggestions) {
      const edits = s.edits();
      if (edits.length > 0) add(quickfix(s.title, diagnostic, edits));
    }
    if (result.findings.filter((f) => f.ruleId === id && f.fix).length > 1) {
      const edits = collectFixEdits(result.findings, false, [id]);
      if (edits.length > 0) add(quickfix(`Fix all ${id} problems in this file`, diagnostic, edits));
    }
    const ca = analysis.settings.codeAction;
    if (ca.disableRuleComment.enable) {
      // location is always separateLine: Docker has no trailing comments.
      const here = ignoreHereEdit(text, analysis, finding);
      if (here) add(quickfix(ignoreHereTitle(analysis, finding), diagnostic, [here]));
      add(quickfix(`Ignore ${id} for this file`, diagnostic, [ignoreFileEdit(text, analysis.kind, id)]));
    }
    if (!ca.showDocumentation.enable) continue;
    add({
      title: `Show documentation for ${id}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      command: { title: `Show documentation for ${id}`, command: Commands.showRuleDocumentation, arguments: [id] },
    });
  }
  // The document-wide fix-all joins the list when it does more than a single quick fix would.
  if (out.length > 0 && result.findings.filter((f) => f.fix?.safety === 'safe').length > 1) {
    const action = fixAllAction(doc, analysis.kind, CodeActionKind.QuickFix, analysis.config ?? configOf(analysis.settings), env);
    if (action) out.push(action);
  }
  return out;
}
