/**
 * A small unified-diff printer for `bulkhead fix --dry-run` (the format of `diff -u` and
 * `git diff`, which `patch -p1` and `git apply` accept).
 *
 * Why not a library: the only diff package in node_modules is `diff@7`, there only as a
 * transitive dev dependency of mocha, untyped and undeclared; shipping the CLI on it would
 * break the day mocha changes its dependencies. Fix output is a handful of changed lines in
 * a small file, so a line LCS with the common head and tail trimmed is exact and cheap.
 *
 * Lines keep their own line ending (a CRLF file's diff carries `\r`, as git's does), so
 * applying the diff reproduces the fixed file byte for byte; a last line without a line
 * break is followed by `\ No newline at end of file`.
 */

/** Above this many line pairs the LCS table is not built: the middle becomes one change (still a correct diff). */
const MAX_CELLS = 4_000_000;

function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

type Op = { readonly kind: ' ' | '-' | '+'; readonly line: string };

/** The edit script from `a` to `b`, one op per line, deletions before insertions in a change. */
export function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: Op[] = a.slice(0, start).map((line) => ({ kind: ' ', line }));
  const n = endA - start;
  const m = endB - start;
  if ((n + 1) * (m + 1) > MAX_CELLS) {
    for (let i = start; i < endA; i++) ops.push({ kind: '-', line: a[i] as string });
    for (let j = start; j < endB; j++) ops.push({ kind: '+', line: b[j] as string });
  } else {
    // lcs[i][j]: length of the LCS of a[start+i..endA) and b[start+j..endB).
    const w = m + 1;
    const lcs = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * w + j] =
          a[start + i] === b[start + j] ? (lcs[(i + 1) * w + j + 1] as number) + 1 : Math.max(lcs[(i + 1) * w + j] as number, lcs[i * w + j + 1] as number);
      }
    }
    let i = 0;
    let j = 0;
    const pendingAdds: Op[] = [];
    const flushAdds = () => ops.push(...pendingAdds.splice(0));
    while (i < n || j < m) {
      if (i < n && j < m && a[start + i] === b[start + j]) {
        flushAdds();
        ops.push({ kind: ' ', line: a[start + i] as string });
        i++;
        j++;
      } else if (i < n && (j === m || (lcs[(i + 1) * w + j] as number) >= (lcs[i * w + j + 1] as number))) {
        ops.push({ kind: '-', line: a[start + i] as string });
        i++;
      } else {
        pendingAdds.push({ kind: '+', line: b[start + j] as string });
        j++;
      }
    }
    flushAdds();
  }
  for (let i = endA; i < a.length; i++) ops.push({ kind: ' ', line: a[i] as string });
  return ops;
}

function range(start: number, count: number): string {
  // GNU diff: an empty side names the line before it; a count of 1 is omitted.
  const first = count === 0 ? start - 1 : start;
  return count === 1 ? `${first}` : `${first},${count}`;
}

function printLine(kind: string, line: string): string {
  return /(?:\r\n|\r|\n)$/.test(line) ? `${kind}${line}` : `${kind}${line}\n\\ No newline at end of file\n`;
}

/**
 * `--- a/<path>` / `+++ b/<path>` and the hunks turning `oldText` into `newText`, with
 * `context` unchanged lines around each change; '' when the texts are equal.
 */
export function unifiedDiff(path: string, oldText: string, newText: string, context = 3): string {
  if (oldText === newText) return '';
  const ops = diffLines(splitLines(oldText), splitLines(newText));
  const changed = ops.map((o, k) => (o.kind === ' ' ? -1 : k)).filter((k) => k >= 0);
  // Group changes whose context windows touch or overlap into one hunk.
  const groups: { from: number; to: number }[] = [];
  for (const k of changed) {
    const last = groups[groups.length - 1];
    if (last && k - last.to <= 2 * context + 1) last.to = k;
    else groups.push({ from: k, to: k });
  }
  let out = `--- a/${path}\n+++ b/${path}\n`;
  // Line numbers (1-based) of each op's position in the old and new text.
  const oldAt: number[] = [];
  const newAt: number[] = [];
  let o = 1;
  let nl = 1;
  for (const op of ops) {
    oldAt.push(o);
    newAt.push(nl);
    if (op.kind !== '+') o++;
    if (op.kind !== '-') nl++;
  }
  for (const g of groups) {
    const from = Math.max(0, g.from - context);
    const to = Math.min(ops.length - 1, g.to + context);
    const slice = ops.slice(from, to + 1);
    const oldCount = slice.filter((x) => x.kind !== '+').length;
    const newCount = slice.filter((x) => x.kind !== '-').length;
    out += `@@ -${range(oldAt[from] as number, oldCount)} +${range(newAt[from] as number, newCount)} @@\n`;
    for (const op of slice) out += printLine(op.kind, op.line);
  }
  return out;
}
