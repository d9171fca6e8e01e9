/**
 * Custom messages between client and server. Each entry: the method string, its params,
 * and who sends it.
 */

/** Server → client notification after each analysis of a document (feeds the language status item). */
export const StatusNotification = 'bulkhead/status';
export interface StatusParams {
  readonly uri: string;
  /** Findings by severity in the document. */
  readonly counts: Readonly<Record<string, number>>;
  readonly findings: number;
  /** Wall time of the last analysis, milliseconds. */
  readonly durationMs: number;
  /** Rules that failed internally during the last analysis (rule id + message). */
  readonly errors: readonly { readonly ruleId: string; readonly message: string }[];
  /** Parse problems (binary, too large, syntax) in the last analysis. */
  readonly problems: number;
  readonly rules: number;
  /** ISO time of the analysis. */
  readonly at: string;
  /** The analysis went over `bulkhead.timeBudget.onValidation` (its `warn` or `error` limit). */
  readonly budget?: 'warn' | 'error';
}

/** Client → server request: re-analyse every open document now (command `bulkhead.revalidate`). */
export const RevalidateRequest = 'bulkhead/revalidate';
export interface RevalidateResult {
  readonly documents: number;
}

// ---------------------------------------------------------------------------------------------
// Hardening checklist (issue 7). The wire shapes mirror server/src/engine/checklist.ts (a test
// asserts they stay assignable); shared/ cannot import the engine.

export type ChecklistStatus = 'pass' | 'fail' | 'na' | 'human' | 'confirmed';

export interface WireRange {
  readonly start: { readonly line: number; readonly character: number };
  readonly end: { readonly line: number; readonly character: number };
}

export interface ChecklistEvidence {
  readonly text: string;
  /** Set when the evidence is in another file (a CI config), relative to the workspace folder. */
  readonly path?: string;
  readonly range?: WireRange;
}

export interface ChecklistFinding {
  /** Folder-relative path when the finding is in another file than the subject (the Dockerfile a Compose service builds). */
  readonly path?: string;
  readonly ruleId: string;
  readonly message: string;
  readonly severity: string;
  readonly range: WireRange;
}

export interface ChecklistConfirmation {
  readonly item: string;
  readonly subject?: string;
  readonly note: string;
  readonly by?: string;
  readonly date?: string;
}

export interface ChecklistItemResult {
  readonly id: string;
  readonly status: ChecklistStatus;
  readonly summary: string;
  readonly evidence: readonly ChecklistEvidence[];
  readonly findings: readonly ChecklistFinding[];
  readonly rules: readonly string[];
  readonly question?: string;
  readonly confirmation?: ChecklistConfirmation;
}

export interface ChecklistSubject {
  /** `path` (Dockerfile) or `path#service` (Compose service); paths relative to the folder. */
  readonly id: string;
  readonly path: string;
  readonly kind: 'dockerfile' | 'compose';
  readonly service?: string;
  readonly range: WireRange;
  readonly items: readonly ChecklistItemResult[];
  readonly counts: Readonly<Record<ChecklistStatus, number>>;
  readonly score: number;
}

export interface ChecklistItemInfo {
  readonly id: string;
  readonly title: string;
  readonly why: string;
  readonly how: string;
  readonly cis: readonly string[];
  readonly scopes: readonly string[];
  readonly question?: string;
  readonly rules: readonly string[];
}

export interface ChecklistReport {
  readonly items: readonly ChecklistItemInfo[];
  readonly subjects: readonly ChecklistSubject[];
  readonly workspace: readonly ChecklistItemResult[];
  readonly counts: Readonly<Record<ChecklistStatus, number>>;
}

export interface ChecklistFolder {
  readonly name: string;
  /** The workspace folder URI; subject and evidence paths are relative to it. */
  readonly uri: string;
  readonly report: ChecklistReport;
}

/**
 * Client → server request: the hardening checklist of every workspace folder (command
 * `bulkhead.showChecklist`, the checklist tree view, the export commands). The first request
 * scans the workspace; later ones answer from the incrementally updated results.
 */
export const ChecklistRequest = 'bulkhead/checklist';
export interface ChecklistParams {
  /** `markdown`: also render the report as Markdown (export). */
  readonly format?: 'json' | 'markdown';
}
export interface ChecklistResult {
  readonly folders: readonly ChecklistFolder[];
  /** Present when `format` was `markdown`. */
  readonly markdown?: string;
  /** Files analysed in the workspace scan. */
  readonly files: number;
}

/** Server → client notification: a file's analysis changed the checklist; the client asks again. */
export const ChecklistChangedNotification = 'bulkhead/checklistChanged';
export interface ChecklistChangedParams {
  /** URIs whose results changed. */
  readonly uris: readonly string[];
}

/** Client → server request: re-read and re-analyse every Dockerfile and Compose file in the workspace (command `bulkhead.scanWorkspace`). */
export const ScanWorkspaceRequest = 'bulkhead/scanWorkspace';
export interface ScanWorkspaceResult {
  readonly files: number;
  readonly durationMs: number;
}

/** Where human confirmations are stored, relative to each workspace folder (data only, reviewed like code). */
export const CHECKLIST_CONFIRMATIONS_PATH = '.bulkhead/checklist.json';
