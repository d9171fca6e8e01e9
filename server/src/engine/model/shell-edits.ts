/**
 * Edit helpers for fixes that change shell words in place: remove a flag (or one letter of a
 * combined short flag) together with the separator before it, across line continuations, so
 * the remaining command keeps its layout.
 */
import type { TextIndex } from '../text';
import type { Range, TextEdit } from '../types';
import type { FlagHit } from './commands';
import type { Word } from './shell';

/** True when the word is written exactly as its value on one line (no quotes, escapes or continuations). */
function isPlain(index: TextIndex, word: Word): boolean {
  const { start, end } = word.range;
  return word.raw === word.value && start.line === end.line && end.character - start.character === word.value.length && index.slice(word.range) === word.value;
}

/** Range of the character at `at` in the word's value, or undefined when the word is not written plainly. */
export function letterRange(index: TextIndex, word: Word, at: number): Range | undefined {
  if (!isPlain(index, word)) return undefined;
  const { line, character } = word.range.start;
  return { start: { line, character: character + at }, end: { line, character: character + at + 1 } };
}

/** The range a flag finding points at: the letter of a combined short flag, else the whole word. */
export function flagRange(index: TextIndex, hit: FlagHit): Range {
  return (hit.at !== undefined ? letterRange(index, hit.word, hit.at) : undefined) ?? hit.word.range;
}

/**
 * Start offset of the separator before `offset`: spaces and tabs, and line continuations
 * (escape character, optional spaces, line break, indentation). Comment lines stop the scan.
 */
function separatorStart(index: TextIndex, offset: number, escapeChar: string): number {
  const text = index.text;
  let start = offset;
  for (;;) {
    let i = start;
    while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
    if (i > 0 && text[i - 1] === '\n') {
      let j = i - 1;
      if (j > 0 && text[j - 1] === '\r') j--;
      while (j > 0 && (text[j - 1] === ' ' || text[j - 1] === '\t')) j--;
      if (j > 0 && text[j - 1] === escapeChar) {
        start = j - 1;
        continue;
      }
      return i === offset ? offset : i;
    }
    return i;
  }
}

/** Edits removing a flag: the letter of a combined flag, or the word(s) with the separator before them. */
export function removeFlag(index: TextIndex, hit: FlagHit, escapeChar: string): TextEdit[] {
  if (hit.at !== undefined) {
    const r = letterRange(index, hit.word, hit.at);
    return r ? [{ range: r, newText: '' }] : [];
  }
  const last = hit.value ?? hit.word;
  const startOffset = index.offsetAt(hit.word.range.start);
  const from = separatorStart(index, startOffset, escapeChar);
  // A flag that is the first word after the command name keeps the name's separator.
  return [{ range: { start: index.positionAt(from), end: last.range.end }, newText: '' }];
}
