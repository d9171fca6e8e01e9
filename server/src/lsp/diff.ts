/**
 * Minimal edits turning one text into another: a line diff (LCS) whose hunks are then
 * trimmed to the characters that differ. Fix-all results are returned this way so that
 * markers, folding and the cursor outside the changed spans stay put (vscode-eslint diffs
 * for the same reason).
 */
import { TextIndex, type TextEdit } from '../engine/index';

/** Above this many line pairs the LCS table is not built; one hunk covers the middle. */
const MAX_CELLS = 4_000_000;

function lines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

interface Hunk {
  a0: number;
  a1: number;
  b0: number;
  b1: number;
}

function hunks(a: readonly string[], b: readonly string[]): Hunk[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  if (n === 0 && m === 0) return [];
  if (n === 0 || m === 0 || (n + 1) * (m + 1) > MAX_CELLS) return [{ a0: start, a1: endA, b0: start, b1: endB }];
  // lcs[i][j]: LCS length of a[start+i..endA) and b[start+j..endB).
  const w = m + 1;
  const lcs = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] =
        a[start + i] === b[start + j] ? (lcs[(i + 1) * w + j + 1] as number) + 1 : Math.max(lcs[(i + 1) * w + j] as number, lcs[i * w + j + 1] as number);
    }
  }
  const out: Hunk[] = [];
  let i = 0;
  let j = 0;
  let open: Hunk | undefined;
  const flush = () => {
    if (open) out.push(open);
    open = undefined;
  };
  while (i < n || j < m) {
    if (i < n && j < m && a[start + i] === b[start + j]) {
      flush();
      i++;
      j++;
      continue;
    }
    open ??= { a0: start + i, a1: start + i, b0: start + j, b1: start + j };
    if (j < m && (i === n || (lcs[i * w + j + 1] as number) >= (lcs[(i + 1) * w + j] as number))) {
      j++;
      open.b1 = start + j;
    } else {
      i++;
      open.a1 = start + i;
    }
  }
  flush();
  return out;
}

export function minimalEdits(oldText: string, newText: string): TextEdit[] {
  if (oldText === newText) return [];
  const a = lines(oldText);
  const b = lines(newText);
  const aOff = [0];
  for (const l of a) aOff.push((aOff[aOff.length - 1] as number) + l.length);
  const bOff = [0];
  for (const l of b) bOff.push((bOff[bOff.length - 1] as number) + l.length);
  const index = new TextIndex(oldText);
  const edits: TextEdit[] = [];
  for (const h of hunks(a, b)) {
    let o0 = aOff[h.a0] as number;
    let o1 = aOff[h.a1] as number;
    let n0 = bOff[h.b0] as number;
    let n1 = bOff[h.b1] as number;
    // Trim characters common to both sides, never splitting a \r\n pair.
    while (o0 < o1 && n0 < n1 && oldText[o0] === newText[n0]) {
      o0++;
      n0++;
    }
    while (o0 > (aOff[h.a0] as number) && oldText[o0 - 1] === '\r') {
      o0--;
      n0--;
    }
    while (o1 > o0 && n1 > n0 && oldText[o1 - 1] === newText[n1 - 1]) {
      o1--;
      n1--;
    }
    while (o1 < (aOff[h.a1] as number) && oldText[o1] === '\n' && oldText[o1 - 1] === '\r') {
      o1++;
      n1++;
    }
    edits.push({ range: index.rangeOf(o0, o1), newText: newText.slice(n0, n1) });
  }
  return edits;
}
