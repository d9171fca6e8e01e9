/**
 * "Convert to a multi-stage build" as a refactoring (`refactor.rewrite.bulkhead.multiStage`),
 * next to the prefer-multi-stage quick fix. The menu entry carries no edit: the rewrite is
 * computed only when the user picks it, through `codeAction/resolve` (style.md §3.3, expensive
 * fixes), from the cached analysis of the document version the entry was offered for. A client
 * without resolve support gets the edit at once.
 */
import type { CodeAction, CodeActionParams, Range, WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { createEditBuilder } from '../engine/edits';
import { multiStageEcosystem, multiStageEdits, type Ecosystem } from '../engine/fixes/multi-stage';
import type { TextEdit } from '../engine/index';
import type { Analysis } from './documents';

export const MULTI_STAGE_KIND = 'refactor.rewrite.bulkhead.multiStage';

/** Findings whose range offers the refactoring at the cursor (the conversion answers both). */
const RULES = new Set(['prefer-multi-stage', 'final-stage-build-tools']);

/** What a resolve request needs to find the analysis again. */
export interface MultiStageData {
  readonly bulkheadRefactor: 'multiStage';
  readonly uri: string;
  readonly version: number;
}

export function isMultiStageData(data: unknown): data is MultiStageData {
  const d = data as Partial<MultiStageData> | undefined;
  return !!d && d.bulkheadRefactor === 'multiStage' && typeof d.uri === 'string' && typeof d.version === 'number';
}

const TITLES: Readonly<Record<Ecosystem, string>> = {
  go: 'Convert to a multi-stage build (Go: distroless runtime)',
  node: 'Convert to a multi-stage build (Node: slim runtime)',
  python: 'Convert to a multi-stage build (Python: venv on -slim)',
  java: 'Convert to a multi-stage build (Java: JRE runtime)',
  generic: 'Convert to a multi-stage build',
};

function intersects(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function asWorkspaceEdit(doc: TextDocument, version: number, edits: readonly TextEdit[], documentChanges: boolean): WorkspaceEdit {
  return documentChanges ? { documentChanges: [{ textDocument: { uri: doc.uri, version }, edits: [...edits] }] } : { changes: { [doc.uri]: [...edits] } };
}

function edits(analysis: Analysis): readonly TextEdit[] {
  const model = analysis.result?.model;
  return model?.kind === 'dockerfile' ? multiStageEdits(model, createEditBuilder(model.index)) : [];
}

/**
 * The refactoring for this request, or undefined. Offered where a prefer-multi-stage or
 * final-stage-build-tools finding is under the cursor, or anywhere when the client asks for
 * refactorings explicitly (`only: ['refactor']`), for single-stage files the conversion handles.
 */
export function multiStageAction(
  params: CodeActionParams,
  doc: TextDocument,
  analysis: Analysis,
  documentChanges: boolean,
  resolveSupport: boolean,
): CodeAction | undefined {
  const result = analysis.result;
  const model = result?.model;
  if (!result || model?.kind !== 'dockerfile' || analysis.version !== doc.version) return undefined;
  const explicit = params.context.only?.some((o) => MULTI_STAGE_KIND === o || MULTI_STAGE_KIND.startsWith(o + '.')) ?? false;
  if (!explicit && !result.findings.some((f) => RULES.has(f.ruleId) && intersects(f.range, params.range))) return undefined;
  const ecosystem = multiStageEcosystem(model);
  if (!ecosystem) return undefined;
  const action: CodeAction = { title: TITLES[ecosystem], kind: MULTI_STAGE_KIND };
  if (!resolveSupport) {
    const e = edits(analysis);
    return e.length > 0 ? { ...action, edit: asWorkspaceEdit(doc, analysis.version, e, documentChanges) } : undefined;
  }
  const data: MultiStageData = { bulkheadRefactor: 'multiStage', uri: doc.uri, version: analysis.version };
  return { ...action, data };
}

/**
 * Fills in the edit of a multi-stage action. Stale (the document moved on) or not convertible:
 * the action comes back without an edit, and the client applies nothing.
 */
export function resolveMultiStage(action: CodeAction, doc: TextDocument | undefined, analysis: Analysis | undefined, documentChanges: boolean): CodeAction {
  if (!doc || !analysis || !isMultiStageData(action.data) || analysis.version !== action.data.version || doc.version !== action.data.version) return action;
  const e = edits(analysis);
  return e.length > 0 ? { ...action, edit: asWorkspaceEdit(doc, analysis.version, e, documentChanges) } : action;
}
