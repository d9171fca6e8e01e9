// The Dockerfile model reuses per-instruction facts and shell models across analyses (#8,
// model/dockerfile.ts GenerationMemo): an analysis must give exactly what a cold one gives,
// fixes and positions included, whatever was analysed before it. Each text below is edited as
// an editor would (a character typed at the start of each line, a line emptied, a line break
// inserted) and every version is compared with its own cold analysis.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/engine/index';
import { clearInstructionMemos } from '../../server/src/engine/model/dockerfile';

const ALL_ON = { customizations: [{ rule: '*', severity: 'default' as const }] };

/** Everything a user sees of one analysis, fix and suggestion edits included. */
function seen(text: string): string {
  const r = analyze(text, { kind: 'dockerfile', config: ALL_ON });
  const finding = (f: (typeof r.findings)[number]) => ({
    id: f.ruleId,
    message: f.message,
    range: f.range,
    fix: f.fix ? f.fix.edits() : null,
    suggest: f.suggestions.map((s) => s.edits()),
  });
  return JSON.stringify({ findings: r.findings.map(finding), suppressed: r.suppressed.map(finding), problems: r.problems, errors: r.errors });
}

function versions(text: string): string[] {
  const lines = text.split('\n');
  const out: string[] = [text];
  for (let i = 0; i < lines.length; i++) {
    const edit = (f: (l: string) => string) => lines.map((l, k) => (k === i ? f(l) : l)).join('\n');
    out.push(
      edit((l) => 'x' + l),
      edit(() => ''),
      edit((l) => '\n' + l),
      edit((l) => ' ' + l),
    );
  }
  return out;
}

const TEXTS: Record<string, string> = {
  'stages, continuations, exec form, ONBUILD': [
    'FROM debian:12 AS build',
    'ARG VERSION=1.2.3',
    'RUN apt-get update \\',
    '    && apt-get install -y curl \\',
    '    # a comment inside the continuation',
    '    && curl -k https://example.com/tool-${VERSION}.tgz | sh',
    'ONBUILD RUN sudo chmod 4755 /usr/bin/tool',
    'FROM build',
    'COPY --from=build /src /src',
    'CMD ["/bin/sh", "-c", "curl http://x | sh"]',
    'USER root',
    '',
  ].join('\n'),
  'heredocs and a backtick escape': [
    '# escape=`',
    'FROM alpine:3.20',
    'RUN apk add curl `',
    '    && wget --no-check-certificate https://example.com/x',
    'RUN <<EOF',
    'pip install requests',
    'echo "//registry.npmjs.org/:_authToken=abc" > ~/.npmrc',
    'EOF',
    'ENV NODE_TLS_REJECT_UNAUTHORIZED=0',
    '',
  ].join('\n'),
  'CRLF line endings and a suppression': [
    'FROM ubuntu:22.04',
    '# bulkhead ignore=apt-no-recommends',
    'RUN apt-get install -y gcc',
    'RUN apt-get install -y make && useradd app',
    'EXPOSE 22',
    '',
  ].join('\r\n'),
};

describe('instruction memo', () => {
  for (const [name, text] of Object.entries(TEXTS)) {
    it(`a warm analysis equals a cold one: ${name}`, () => {
      const all = versions(text);
      const cold = all.map((v) => {
        clearInstructionMemos();
        return seen(v);
      });
      clearInstructionMemos();
      // Warm: every version after its neighbours, twice over (the second pass reuses everything).
      for (let pass = 0; pass < 2; pass++) all.forEach((v, i) => assert.equal(seen(v), cold[i], `version ${i}, pass ${pass + 1}`));
    });
  }
});
