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
}

/** Client → server request: re-analyse every open document now (command `bulkhead.revalidate`). */
export const RevalidateRequest = 'bulkhead/revalidate';
export interface RevalidateResult {
  readonly documents: number;
}
