// The unified-diff printer behind `bulkhead fix --dry-run` (server/src/cli/unifiedDiff.ts):
// exact output for the shapes a fix produces, and every diff applies with `patch` to give
// the new text byte for byte.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { unifiedDiff } from '../../server/src/cli/unifiedDiff';

/** Applies `diff` with `patch -p1` to a file holding `before`, returns the result. */
function patched(before: string, diff: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'bulkhead-diff-'));
  try {
    writeFileSync(join(dir, 'Dockerfile'), before);
    const r = spawnSync('patch', ['-p1', '--binary', '--quiet'], { cwd: dir, input: diff, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr + r.stdout);
    return readFileSync(join(dir, 'Dockerfile'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('unifiedDiff', () => {
  test('equal texts give no diff', () => {
    assert.equal(unifiedDiff('Dockerfile', 'FROM a\n', 'FROM a\n'), '');
  });
  test('one changed line with three lines of context', () => {
    const a = 'FROM alpine:3.20\nWORKDIR /app\nENV A=1\nADD ./app /app\nENV B=2\nRUN make\nCMD ["app"]\nUSER 10001\n';
    const b = a.replace('ADD ./app', 'COPY ./app');
    const d = unifiedDiff('Dockerfile', a, b);
    assert.equal(
      d,
      '--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,7 +1,7 @@\n FROM alpine:3.20\n WORKDIR /app\n ENV A=1\n-ADD ./app /app\n+COPY ./app /app\n ENV B=2\n RUN make\n CMD ["app"]\n',
    );
    assert.equal(patched(a, d), b);
  });
  test('distant changes are separate hunks; close ones merge', () => {
    const a = ['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7', 'L8', 'L9', 'L10', 'L11', 'L12', 'L13', 'L14'].join('\n') + '\n';
    const b = a.replace('L1\n', 'X1\n').replace('L14\n', 'X14\n');
    const d = unifiedDiff('Dockerfile', a, b);
    assert.equal(d, '--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,4 +1,4 @@\n-L1\n+X1\n L2\n L3\n L4\n@@ -11,4 +11,4 @@\n L11\n L12\n L13\n-L14\n+X14\n');
    assert.equal(patched(a, d), b);
    const c = a.replace('L1\n', 'X1\n').replace('L8\n', 'X8\n');
    const merged = unifiedDiff('Dockerfile', a, c);
    assert.equal(merged.match(/^@@/gm)?.length, 1);
    assert.equal(patched(a, merged), c);
  });
  test('inserted lines (empty old side names the line before)', () => {
    const a = 'FROM alpine:3.20\n';
    const b = 'FROM alpine:3.20\nUSER 10001\n';
    const d = unifiedDiff('Dockerfile', a, b);
    assert.equal(d, '--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1 +1,2 @@\n FROM alpine:3.20\n+USER 10001\n');
    assert.equal(patched(a, d), b);
    assert.equal(unifiedDiff('f', '', 'A\n'), '--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+A\n');
  });
  test('CRLF lines keep their \\r, and the patch reproduces the file', () => {
    const a = 'FROM alpine:3.20\r\nADD ./app /app\r\n';
    const b = 'FROM alpine:3.20\r\nCOPY ./app /app\r\n';
    const d = unifiedDiff('Dockerfile', a, b);
    assert.equal(d, '--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,2 +1,2 @@\n FROM alpine:3.20\r\n-ADD ./app /app\r\n+COPY ./app /app\r\n');
    assert.equal(patched(a, d), b);
  });
  test('a last line without a line break is marked', () => {
    const a = 'FROM alpine:3.20\nADD ./app /app';
    const b = 'FROM alpine:3.20\nCOPY ./app /app';
    const d = unifiedDiff('Dockerfile', a, b);
    assert.equal(
      d,
      '--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,2 +1,2 @@\n FROM alpine:3.20\n-ADD ./app /app\n\\ No newline at end of file\n+COPY ./app /app\n\\ No newline at end of file\n',
    );
    assert.equal(patched(a, d), b);
  });
  test('a BOM stays on the first line', () => {
    const a = '\ufeffFROM alpine:3.20\nADD ./app /app\n';
    const b = '\ufeffFROM alpine:3.20\nCOPY ./app /app\n';
    assert.equal(patched(a, unifiedDiff('Dockerfile', a, b)), b);
  });
  test('a multi-line replacement (continuation lines) and a deletion', () => {
    const a = 'FROM debian:12\nRUN apt-get update \\\n && apt-get install -y curl\nRUN echo gone\nCMD ["x"]\n';
    const b = 'FROM debian:12\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*\nCMD ["x"]\n';
    const d = unifiedDiff('Dockerfile', a, b);
    assert.equal(
      d,
      '--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,5 +1,5 @@\n FROM debian:12\n RUN apt-get update \\\n- && apt-get install -y curl\n-RUN echo gone\n+ && apt-get install -y --no-install-recommends curl \\\n+ && rm -rf /var/lib/apt/lists/*\n CMD ["x"]\n',
    );
    assert.equal(patched(a, d), b);
  });
});
