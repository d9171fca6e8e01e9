/**
 * Edit builders handed to fix functions. Every edit is computed against the original text
 * the model was built from; builders keep the file's line endings and indentation.
 */
import type { Position, Range, TextEdit } from './types';
import type { TextIndex } from './text';

export interface EditBuilder {
  /** Replaces a span. */
  replace(range: Range, newText: string): TextEdit;
  insertAt(position: Position, text: string): TextEdit;
  /** Inserts whole lines before the line of `range.start`, indented like that line. */
  insertLinesBefore(range: Range, lines: readonly string[]): TextEdit;
  /** Inserts whole lines after the last line of `range`, indented like its first line. */
  insertLinesAfter(range: Range, lines: readonly string[]): TextEdit;
  /** Removes the span and, when it is preceded by whitespace, one run of that whitespace. */
  removeWithLeadingSpace(range: Range): TextEdit;
  /** Removes whole lines covering `range` (line breaks included). */
  removeLines(range: Range): TextEdit;
  readonly eol: string;
}

/**
 * `bomSpace`: the text's first character is a space standing in for a byte-order mark (see
 * analyze()), so it is no indentation of the first line.
 */
export function createEditBuilder(index: TextIndex, bomSpace = false): EditBuilder {
  const eol = index.eol;
  const indentation = (line: number) => (bomSpace && line === 0 ? index.indentation(0).slice(1) : index.indentation(line));
  return {
    eol,
    replace: (range, newText) => ({ range, newText }),
    insertAt: (position, text) => ({ range: { start: position, end: position }, newText: text }),
    insertLinesBefore(range, lines) {
      const indent = indentation(range.start.line);
      const at = { line: range.start.line, character: 0 };
      return { range: { start: at, end: at }, newText: lines.map((l) => indent + l + eol).join('') };
    },
    insertLinesAfter(range, lines) {
      const indent = indentation(range.start.line);
      const endOffset = index.lineEnd(range.end.line);
      const at = index.positionAt(endOffset);
      return { range: { start: at, end: at }, newText: lines.map((l) => eol + indent + l).join('') };
    },
    removeWithLeadingSpace(range) {
      let start = index.offsetAt(range.start);
      const text = index.text;
      while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
      return { range: { start: index.positionAt(start), end: range.end }, newText: '' };
    },
    removeLines(range) {
      const start = { line: range.start.line, character: 0 };
      const next = range.end.line + 1;
      const end = next < index.lineCount ? { line: next, character: 0 } : index.positionAt(index.lineEnd(range.end.line));
      return { range: { start, end }, newText: '' };
    },
  };
}

/** Applies non-overlapping edits to a text; throws on overlap (a fix bug, never user input). */
export function applyEdits(index: TextIndex, edits: readonly TextEdit[]): string {
  const sorted = edits
    .map((e) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.start < pos) throw new Error('Overlapping edits');
    out += index.text.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return out + index.text.slice(pos);
}
