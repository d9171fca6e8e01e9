/**
 * Plain data types shared by every part of the engine. Positions are zero-based
 * line/character pairs (LSP convention, UTF-16 code units); ranges are end-exclusive.
 */

export type FileKind = 'dockerfile' | 'compose';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

/** A problem with the input itself (not a rule finding): binary file, unknown instruction, ... */
export interface ParseProblem {
  readonly code:
    | 'binary'
    | 'too-large'
    | 'empty'
    | 'no-from'
    | 'unknown-instruction'
    | 'unterminated-continuation'
    | 'unterminated-heredoc'
    | 'syntax'
    | 'suppression-forbidden'
    | 'unused-suppression';
  readonly message: string;
  readonly range: Range;
  /** `hint`: advice about the file itself (an unused or unknown-id ignore comment). */
  readonly severity: 'error' | 'warning' | 'hint';
}

export function compareRanges(a: Range, b: Range): number {
  return a.start.line - b.start.line || a.start.character - b.start.character || a.end.line - b.end.line || a.end.character - b.end.character;
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function rangeContains(outer: Range, pos: Position): boolean {
  return comparePositions(outer.start, pos) <= 0 && comparePositions(pos, outer.end) <= 0;
}
