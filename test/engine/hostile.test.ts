/**
 * Hostile and odd input (issue 8 item 3), beyond test/engine/bad-input.test.ts: each gets a clear
 * problem or a normal analysis, never an exception or a hang, and every range stays inside the
 * document. Durations are not asserted (style.md: speed is measured by test/bench, not tests).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, applyEdits, fixAll, MAX_TEXT_LENGTH, TextIndex, type AnalysisResult } from '../../server/src/engine/index';
import { checkBom, checkInput } from '../fuzz/gen';

const problems = (r: AnalysisResult) => r.problems.map((p) => `${p.code}/${p.severity}`);

function assertInside(text: string, r: AnalysisResult): void {
  const lens = text.split(/\r\n|\r|\n/).map((l) => l.length);
  for (const x of [...r.findings, ...r.problems]) {
    for (const p of [x.range.start, x.range.end]) {
      assert.ok(
        p.line < lens.length && p.character <= (lens[p.line] ?? 0),
        `${'ruleId' in x ? x.ruleId : x.code} at ${JSON.stringify(x.range)} is outside the document`,
      );
    }
  }
}

describe('engine: hostile and odd input', () => {
  it('whitespace-only files are "empty" (spaces, tabs, blank CRLF lines)', () => {
    for (const t of ['   ', '\t\t\n', '\r\n\r\n  \r\n', '\n\n\n']) {
      assert.deepEqual(problems(analyze(t, { kind: 'dockerfile' })), ['empty/warning'], JSON.stringify(t));
    }
    const compose = analyze('  \n\t\n', { kind: 'compose' });
    assert.equal(compose.findings.length, 0);
  });

  it('mixed LF, CRLF and lone CR endings in one file keep every position on its line', () => {
    const text = 'FROM alpine:3.20\r\nADD ./a /a\rRUN sudo apk add curl\nADD ./b /b\r\n';
    const r = analyze(text, { kind: 'dockerfile' });
    assertInside(text, r);
    assert.deepEqual(
      r.findings.filter((f) => f.ruleId === 'prefer-copy').map((f) => f.range.start.line),
      [1, 3],
    );
    assert.equal(r.findings.find((f) => f.ruleId === 'no-sudo')?.range.start.line, 2);
    assert.equal(checkInput(text, 'dockerfile'), undefined);
  });

  it('a 50 MB file is declined at once with a "too-large" problem that says the limit', () => {
    const big = 'RUN echo x\n'.repeat(Math.ceil((50 * 1024 * 1024) / 11));
    const r = analyze(big, { kind: 'dockerfile' });
    assert.deepEqual(problems(r), ['too-large/warning']);
    assert.match(r.problems[0]!.message, new RegExp(`limit is ${MAX_TEXT_LENGTH / 1024} KiB`));
    assert.equal(r.findings.length, 0);
    assert.equal(analyze(big.replace(/RUN echo x/g, 'a: b'), { kind: 'compose' }).problems[0]?.code, 'too-large');
  });

  it('a 100,000-line Dockerfile under the size limit is analysed', () => {
    const lines = ['FROM alpine:3.20'];
    for (let i = 0; lines.length < 100_000; i++) lines.push(i % 2 ? `RUN echo ${i}` : `# comment ${i}`);
    const text = lines.join('\n') + '\n';
    assert.ok(text.length < MAX_TEXT_LENGTH);
    const r = analyze(text, { kind: 'dockerfile' });
    assert.deepEqual(r.problems, []);
    assert.equal(r.errors.length, 0);
    assert.ok(r.findings.some((f) => f.ruleId === 'missing-user'));
  });

  it('10,000-deep YAML nesting (flow and block) is bounded with a problem, not a stack overflow', () => {
    const flow = 'services:\n  a:\n    x: ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n';
    const rf = analyze(flow, { kind: 'compose' });
    assert.ok(
      rf.problems.some((p) => p.code === 'too-large'),
      problems(rf).join(', '),
    );
    assertInside(flow, rf);
    // 10,000 levels by indentation would be 48 MB (too large anyway); 1,500 is past where the
    // yaml parser's recursion overflows the stack.
    let block = 'services:\n  a:\n';
    for (let d = 0; d < 1500; d++) block += ' '.repeat(4 + d) + `k${d}:\n`;
    const rb = analyze(block, { kind: 'compose' });
    assert.deepEqual(problems(rb), ['too-large/error']);
    assert.match(rb.problems[0]!.message, /deeper than 200 indentation levels/);
    assertInside(block, rb);
  });

  it('duplicate keys are a syntax error at the second key; the rest is still analysed', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n    image: nginx:latest\n';
    const r = analyze(text, { kind: 'compose' });
    const dup = r.problems.find((p) => p.code === 'syntax');
    assert.ok(dup, problems(r).join(', '));
    assert.equal(dup.range.start.line, 4);
    assert.match(dup.message, /unique|duplicate/i);
    assert.ok(
      r.findings.some((f) => f.ruleId === 'compose-privileged'),
      'the rest of the service is analysed',
    );
  });

  it('a tab in YAML indentation is a syntax error on that line', () => {
    const text = 'services:\n  web:\n\timage: nginx\n';
    const r = analyze(text, { kind: 'compose' });
    const tab = r.problems.find((p) => p.code === 'syntax');
    assert.ok(tab, problems(r).join(', '));
    assert.equal(tab.range.start.line, 2);
    assertInside(text, r);
  });

  it('unterminated heredocs, continuations and quotes: problems, no fix edits inside the broken RUN', () => {
    const text = 'FROM debian:12\nRUN apt-get update && apt-get install -y "curl \\\n  && echo done\nRUN <<EOF\napt-get install -y git\n';
    const r = analyze(text, { kind: 'dockerfile' });
    assert.ok(problems(r).includes('unterminated-heredoc/error') || problems(r).some((p) => p.startsWith('unterminated-heredoc')), problems(r).join(', '));
    assertInside(text, r);
    assert.equal(checkInput(text, 'dockerfile'), undefined);
    const apt = r.findings.filter((f) => f.range.start.line === 1);
    assert.ok(apt.length > 0, 'the RUN with an open quote still gets findings');
    assert.ok(
      apt.every((f) => !f.fix),
      `no fixes on it: ${apt
        .filter((f) => f.fix)
        .map((f) => f.ruleId)
        .join(', ')}`,
    );
  });

  it('a continuation followed only by comment lines runs to the end of the file: a problem, and no fix appends after it', () => {
    // Found by `npm run fuzz`: the add-USER fix inserted `USER` after the comment, inside the RUN.
    for (const text of ['FROM alpine:3.20\nRUN set -eux; \\\n\techo a; \\\n#', 'FROM alpine:3.20\r\nRUN apk add curl \\\r\n    # trailing note\r\n\r\n']) {
      const r = analyze(text, { kind: 'dockerfile' });
      assert.deepEqual(problems(r), ['unterminated-continuation/warning'], JSON.stringify(text));
      assert.match(r.problems[0]!.message, /only comment lines follow it/);
      assert.ok(
        r.findings.every((f) => !f.fix),
        'no fixes while the last instruction is unfinished',
      );
      assert.equal(checkInput(text, 'dockerfile'), undefined);
    }
    // A comment inside a continuation that does continue is fine.
    assert.deepEqual(problems(analyze('FROM alpine:3.20\nRUN echo \\\n  # c\n  b\n', { kind: 'dockerfile' })), []);
  });

  it('an unclosed ${…}, $(…) or backquote in RUN: no fix edits that RUN (found by `npm run fuzz`)', () => {
    for (const open of ['${install', '$(echo curl', '`echo curl']) {
      const text = `FROM debian:12\nRUN set -eux; \\\n\tapt-get update; \\\n\tapt-get install -y ${open} git\n`;
      const r = analyze(text, { kind: 'dockerfile' });
      assert.ok(
        r.findings.filter((f) => f.range.start.line >= 1).every((f) => !f.fix),
        `${open}: ${r.findings
          .filter((f) => f.fix)
          .map((f) => f.ruleId)
          .join(', ')}`,
      );
      assert.equal(checkInput(text, 'dockerfile'), undefined);
    }
  });

  it('fuzz regressions: an unclosed (( in RUN, and Compose services written inside a flow mapping', () => {
    for (const [kind, text] of [
      [
        'dockerfile',
        'FROM node:8.9-slim\n\nRUN apt-get update(( -qq && apt-get install -qy \\ \n    ca-certificates \\\n    --no-install-recommends\nCMD ["/app/tests.sh"]\n',
      ],
      ['compose', "version: '2'\nservices\t: {(}\n"],
      ['compose', 'x-defaults: &defaults\n  restart: unless-stopped\n  read_only: true\nservices: {\\}\nnetworks:\n'],
    ] as const) {
      assert.equal(checkInput(text, kind), undefined, JSON.stringify(text));
    }
    // A block service with no keys still gets its fix under the key line.
    const r = analyze('services:\n  web:   # empty\n', { kind: 'compose' });
    const f = r.findings.find((x) => x.ruleId === 'compose-cap-drop-all');
    assert.deepEqual(
      f?.fix?.edits().map((e) => e.newText),
      ['\n    cap_drop: [ALL]'],
    );
  });

  it('fuzz regression (issue #8): last-user-root with only VOLUME after CMD, before the root USER, converges', () => {
    const text = 'FROM alpine\nCMD ["/app/run"]\nVOLUME ["/data"]\nUSER root';
    assert.equal(checkInput(text, 'dockerfile'), undefined);
    const f = analyze(text, { kind: 'dockerfile' }).findings.find((x) => x.ruleId === 'last-user-root');
    assert.ok(f?.fix);
    assert.equal(
      applyEdits(new TextIndex(text), f.fix.edits()),
      'FROM alpine\nCMD ["/app/run"]\nRUN addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app app && mkdir -p /data && chown 10001:10001 /data\nVOLUME ["/data"]\nUSER 10001:10001',
    );
  });

  it('fuzz regression (issue #8): a key added to a block mapping whose first key carries a tag or anchor goes at the column of the tag', () => {
    for (const [text, output] of [
      ['services:\n 𐀀𐀀 svc:\n  !override  build: .', 'services:\n 𐀀𐀀 svc:\n  !override  build: .\n  cap_drop: [ALL]'],
      ['services:\n  svc:\n    &a build: .\n', 'services:\n  svc:\n    &a build: .\n    cap_drop: [ALL]\n'],
    ] as const) {
      assert.equal(checkInput(text, 'compose'), undefined, JSON.stringify(text));
      const f = analyze(text, { kind: 'compose' }).findings.find((x) => x.ruleId === 'compose-cap-drop-all');
      assert.ok(f?.fix, JSON.stringify(text));
      assert.equal(applyEdits(new TextIndex(text), f.fix.edits()), output);
    }
  });

  it("fuzz regression (issue #8): a U+FEFF at the start of a later line is text, and fixes keep the file's BOM", () => {
    // Only a BOM at the very start is dropped (as BuildKit does); `\uFEFFONBUILD` further down is
    // an unknown instruction. Removing the first line must not remove the BOM with it, or the
    // second line's U+FEFF becomes the BOM and its ONBUILD comes to life.
    const text = '\uFEFFONBUILD ENV NODE_TLS_REJECT_UNAUTHORIZED=0\n\uFEFFONBUILD ENV NODE_TLS_REJECT_UNAUTHORIZED=0';
    assert.equal(checkInput(text, 'dockerfile'), undefined);
    const r = analyze(text, { kind: 'dockerfile' });
    assert.deepEqual(problems(r), ['unknown-instruction/error', 'no-from/error']);
    const f = r.findings.find((x) => x.ruleId === 'env-disables-tls');
    assert.ok(f?.fix);
    assert.equal(applyEdits(new TextIndex(text), f.fix.edits()), '\uFEFF\uFEFFONBUILD ENV NODE_TLS_REJECT_UNAUTHORIZED=0');
  });

  it('a BOM at the start of a Compose file is not indentation: later top-level keys parse, fixes keep it', () => {
    const text = '\uFEFFversion: "3.8"\nservices:\n  web:\n    image: nginx:1.27\n';
    const r = analyze(text, { kind: 'compose' });
    assert.deepEqual(r.problems, []);
    const f = r.findings.find((x) => x.ruleId === 'compose-cap-drop-all');
    assert.ok(f?.fix);
    assert.equal(applyEdits(new TextIndex(text), f.fix.edits()), '\uFEFFversion: "3.8"\nservices:\n  web:\n    image: nginx:1.27\n    cap_drop: [ALL]\n');
    assert.equal(checkInput(text, 'compose', undefined, 50), undefined);
  });

  it('a BOM changes nothing but positions on the first line (checkBom, found by `npm run fuzz`)', () => {
    // The space standing in for a Dockerfile's BOM is no indentation for lines inserted after line 1.
    const text = '\uFEFFFROM node:20\n';
    const f = analyze(text, { kind: 'dockerfile' }).findings.find((x) => x.ruleId === 'missing-user');
    assert.ok(f?.fix);
    assert.equal(applyEdits(new TextIndex(text), f.fix.edits()), '\uFEFFFROM node:20\nUSER 1000:1000\n');
    // YAML whose first line is indented stays a syntax error after a BOM (`yaml` alone would not count that indentation).
    const compose = '    volumes:\nx-base: &base\nservices:\n  web:\n    image: nginx:1.27\n';
    assert.deepEqual(problems(analyze('\uFEFF' + compose, { kind: 'compose' })), problems(analyze(compose, { kind: 'compose' })));
    for (const [kind, t] of [
      ['dockerfile', text.slice(1)],
      ['compose', compose],
      ['compose', 'version: "3.8"\nservices:\n  web:\n    image: nginx:1.27\n'],
      ['compose', '\tnetwork_mode: "service:db"\n  web:\nservices:\n    user: root\n'],
      ['compose', 'services:\n  web:\n  \tx: 1\n'],
    ] as const)
      assert.equal(checkBom(t, kind), undefined, JSON.stringify(t));
  });

  it('`# escape=` with backtick and Windows paths with backslashes', () => {
    const text =
      '# escape=`\r\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\r\nCOPY C:\\src\\ C:\\app\\\r\nRUN dir C:\\app `\r\n    && echo done\r\nUSER ContainerUser\r\n';
    const r = analyze(text, { kind: 'dockerfile' });
    assert.deepEqual(r.problems, []);
    assertInside(text, r);
    assert.equal(checkInput(text, 'dockerfile'), undefined);
  });

  it('U+FFFD from invalid UTF-8, lone surrogates, zero-width and RTL marks are ordinary text', () => {
    for (const bad of ['\uFFFD\uFFFD', '\uD800', '\u200B\u200F', '\u202E']) {
      const text = `FROM alpine:3.20\nRUN echo ${bad}\nADD ./a${bad} /a\n`;
      const r = analyze(text, { kind: 'dockerfile' });
      assert.deepEqual(r.problems, [], JSON.stringify(bad));
      assert.equal(r.findings.filter((f) => f.ruleId === 'prefer-copy').length, 1);
      assert.equal(checkInput(text, 'dockerfile'), undefined);
      assert.equal(checkInput(`services:\n  w${bad}:\n    image: x${bad}\n    privileged: true\n`, 'compose'), undefined);
    }
  });

  it('UTF-16 text read as UTF-8 (NUL bytes) is "binary", not analysed', () => {
    const utf16 = Buffer.from('FROM alpine\n', 'utf16le').toString('utf8');
    assert.deepEqual(problems(analyze(utf16, { kind: 'dockerfile' })), ['binary/error']);
  });

  it('fixAll stops on a bounded number of passes on input made of many fixable findings', () => {
    const text = 'FROM alpine:3.20\n' + 'ADD ./a /a\n'.repeat(2000);
    const r = fixAll(text, { kind: 'dockerfile' });
    assert.equal(r.text, 'FROM alpine:3.20\n' + 'COPY ./a /a\n'.repeat(2000));
  });
});
