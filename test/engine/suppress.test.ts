// Inline suppressions (server/src/engine/suppress.ts): our comments, other tools' pragmas
// mapped through the rules' references, unused/unknown hints, noInlineSuppressions.
// Every case runs with LF and with CRLF line endings (same lines, same outcome).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, getRule, type AnyRule, type FileKind } from '../../server/src/engine/index';

const preferCopy = getRule('prefer-copy') as AnyRule;
const execForm = getRule('exec-form') as AnyRule;
const privileged = getRule('compose-privileged') as AnyRule;
const capDropAll = getRule('compose-cap-drop-all') as AnyRule;

interface Outcome {
  /** [rule id, 1-based line] of the findings still shown. */
  readonly shown: [string, number][];
  /** [rule id, 1-based line, source, reason] of the suppressed findings. */
  readonly hidden: [string, number, string, string | undefined][];
  /** [code, severity, 1-based line] of the file problems. */
  readonly problems: [string, string, number][];
}

function outcome(kind: FileKind, lines: readonly string[], rules: readonly AnyRule[], eol: string, noInline = false): Outcome {
  const r = analyze(lines.join(eol) + eol, { kind, rules, ...(noInline ? { config: { noInlineSuppressions: true } } : {}) });
  return {
    shown: r.findings.map((f) => [f.ruleId, f.range.start.line + 1]),
    hidden: r.suppressed.map((f) => [f.ruleId, f.range.start.line + 1, f.suppressedBy?.source ?? '', f.suppressedBy?.reason]),
    problems: r.problems.map((p) => [p.code, p.severity, p.range.start.line + 1]),
  };
}

/** Asserts the outcome with LF and with CRLF line endings. */
function expect(kind: FileKind, lines: readonly string[], rules: readonly AnyRule[], expected: Outcome, noInline = false): void {
  assert.deepEqual(outcome(kind, lines, rules, '\n', noInline), expected, 'LF');
  assert.deepEqual(outcome(kind, lines, rules, '\r\n', noInline), expected, 'CRLF');
}

describe('suppressions: bulkhead comments (Dockerfile)', () => {
  it('ignore= covers every line of the next multi-line instruction, with a "-- reason"', () => {
    expect('dockerfile', ['FROM alpine:3.20', '# bulkhead ignore=prefer-copy -- vendored tree', 'ADD \\', '  ./a /a', 'ADD ./b /b'], [preferCopy], {
      shown: [['prefer-copy', 5]],
      hidden: [['prefer-copy', 3, 'bulkhead', 'vendored tree']],
      problems: [],
    });
  });
  it('the "<reason>" placeholder of the code action is not a reason', () => {
    expect('dockerfile', ['FROM alpine:3.20', '# bulkhead ignore=prefer-copy -- <reason>', 'ADD ./a /a'], [preferCopy], {
      shown: [],
      hidden: [['prefer-copy', 3, 'bulkhead', undefined]],
      problems: [],
    });
  });
  it('several ids in one comment; the one that hides nothing gets a hint', () => {
    expect('dockerfile', ['FROM alpine:3.20', '# bulkhead ignore=prefer-copy,exec-form', 'ADD ./a /a'], [preferCopy, execForm], {
      shown: [],
      hidden: [['prefer-copy', 3, 'bulkhead', undefined]],
      problems: [['unused-suppression', 'hint', 2]],
    });
  });
  it('ignore-stage above FROM covers that stage only', () => {
    expect(
      'dockerfile',
      [
        '# bulkhead ignore-stage=prefer-copy -- build stage, never shipped',
        'FROM alpine:3.20 AS build',
        'ADD ./a /a',
        'ADD ./b /b',
        'FROM alpine:3.20',
        'ADD ./c /c',
      ],
      [preferCopy],
      {
        shown: [['prefer-copy', 6]],
        hidden: [
          ['prefer-copy', 3, 'bulkhead', 'build stage, never shipped'],
          ['prefer-copy', 4, 'bulkhead', 'build stage, never shipped'],
        ],
        problems: [],
      },
    );
  });
  it('ignore-file covers the whole file; an unknown id is a hint', () => {
    expect('dockerfile', ['# bulkhead ignore-file=prefer-copy,no-such-rule', 'FROM alpine:3.20', 'ADD ./a /a', 'ADD ./b /b'], [preferCopy], {
      shown: [],
      hidden: [
        ['prefer-copy', 3, 'bulkhead', undefined],
        ['prefer-copy', 4, 'bulkhead', undefined],
      ],
      problems: [['syntax', 'hint', 1]],
    });
  });
  it('an unused comment is a hint; a comment for a rule that did not run is not', () => {
    expect('dockerfile', ['FROM alpine:3.20', '# bulkhead ignore=prefer-copy', 'COPY ./a /a', '# bulkhead ignore=exec-form', 'CMD ["app"]'], [preferCopy], {
      shown: [],
      hidden: [],
      problems: [['unused-suppression', 'hint', 2]],
    });
  });
  it('a malformed comment is a warning and hides nothing', () => {
    expect('dockerfile', ['FROM alpine:3.20', '# bulkhead ignore prefer-copy', 'ADD ./a /a'], [preferCopy], {
      shown: [['prefer-copy', 3]],
      hidden: [],
      problems: [['syntax', 'warning', 2]],
    });
  });
  it('noInlineSuppressions: every comment, ours or foreign, is reported and hides nothing', () => {
    expect(
      'dockerfile',
      ['FROM alpine:3.20', '# bulkhead ignore=prefer-copy', 'ADD ./a /a', '# hadolint ignore=DL3020', 'ADD ./b /b'],
      [preferCopy],
      {
        shown: [
          ['prefer-copy', 3],
          ['prefer-copy', 5],
        ],
        hidden: [],
        problems: [
          ['suppression-forbidden', 'warning', 2],
          ['suppression-forbidden', 'warning', 4],
        ],
      },
      true,
    );
  });
});

describe('suppressions: other tools\u2019 pragmas (Dockerfile)', () => {
  it('# hadolint ignore=DL3020 hides prefer-copy on the next instruction only', () => {
    expect('dockerfile', ['FROM alpine:3.20', '# hadolint ignore=DL3020,DL3008', 'ADD ./a /a', 'ADD ./b /b'], [preferCopy], {
      shown: [['prefer-copy', 4]],
      hidden: [['prefer-copy', 3, 'hadolint', undefined]],
      problems: [],
    });
  });
  it('# hadolint global ignore= covers the whole file', () => {
    expect('dockerfile', ['# hadolint global ignore=DL3020', 'FROM alpine:3.20', 'ADD ./a /a', 'ADD ./b /b'], [preferCopy], {
      shown: [],
      hidden: [
        ['prefer-copy', 3, 'hadolint', undefined],
        ['prefer-copy', 4, 'hadolint', undefined],
      ],
      problems: [],
    });
  });
  it('# trivy:ignore:AVD-DS-0005 hides the next instruction (with an expiry suffix)', () => {
    expect('dockerfile', ['FROM alpine:3.20', '# trivy:ignore:AVD-DS-0005:exp:2030-01-01', 'ADD ./a /a', 'ADD ./b /b'], [preferCopy], {
      shown: [['prefer-copy', 4]],
      hidden: [['prefer-copy', 3, 'trivy', undefined]],
      problems: [],
    });
  });
  it('# checkov:skip=CKV_DOCKER_4:reason covers the whole file and keeps the reason', () => {
    expect('dockerfile', ['FROM alpine:3.20', 'ADD ./a /a', '# checkov:skip=CKV_DOCKER_4: tarball layout', 'ADD ./b /b'], [preferCopy], {
      shown: [],
      hidden: [
        ['prefer-copy', 2, 'checkov', 'tarball layout'],
        ['prefer-copy', 4, 'checkov', 'tarball layout'],
      ],
      problems: [],
    });
  });
  it('# check=skip=JSONArgsRecommended (BuildKit directive) covers the whole file', () => {
    expect('dockerfile', ['# check=skip=JSONArgsRecommended;error=true', 'FROM alpine:3.20', 'ADD ./a /a', 'CMD app'], [preferCopy, execForm], {
      shown: [['prefer-copy', 3]],
      hidden: [['exec-form', 4, 'buildkit', undefined]],
      problems: [],
    });
  });
  it('# check=skip= below the directives is an ordinary comment for BuildKit, so it hides nothing', () => {
    expect('dockerfile', ['FROM alpine:3.20', '# check=skip=JSONArgsRecommended', 'CMD app'], [execForm], {
      shown: [['exec-form', 3]],
      hidden: [],
      problems: [],
    });
  });
  it('# kics-scan ignore covers the whole file for rules with a KICS equivalent', () => {
    expect('dockerfile', ['# kics-scan ignore', 'FROM alpine:3.20', 'ADD ./a /a', 'ADD ./b /b'], [preferCopy], {
      shown: [],
      hidden: [
        ['prefer-copy', 3, 'kics', undefined],
        ['prefer-copy', 4, 'kics', undefined],
      ],
      problems: [],
    });
  });
  it('# kics-scan ignore-line hides rules with a KICS equivalent on the next line only', () => {
    expect('dockerfile', ['FROM alpine:3.20', '# kics-scan ignore-line', 'ADD ./a /a', 'ADD ./b /b'], [preferCopy], {
      shown: [['prefer-copy', 4]],
      hidden: [['prefer-copy', 3, 'kics', undefined]],
      problems: [],
    });
  });
  it('# kics-scan ignore-block above FROM covers the stage', () => {
    expect('dockerfile', ['# kics-scan ignore-block', 'FROM alpine:3.20 AS build', 'ADD ./a /a', 'FROM alpine:3.20', 'ADD ./b /b'], [preferCopy], {
      shown: [['prefer-copy', 5]],
      hidden: [['prefer-copy', 3, 'kics', undefined]],
      problems: [],
    });
  });
  it('# kics-scan disable=<query uuid> covers the whole file', () => {
    expect('dockerfile', ['# kics-scan disable=9513a694-aa0d-41d8-be61-3271e056f36b', 'FROM alpine:3.20', 'ADD ./a /a'], [preferCopy], {
      shown: [],
      hidden: [['prefer-copy', 3, 'kics', undefined]],
      problems: [],
    });
  });
  it('a foreign id with no Bulkhead equivalent hides nothing and is not reported', () => {
    expect('dockerfile', ['FROM alpine:3.20', '# hadolint ignore=DL3059', 'ADD ./a /a'], [preferCopy], {
      shown: [['prefer-copy', 3]],
      hidden: [],
      problems: [],
    });
  });
});

describe('suppressions: Compose', () => {
  it('above a service key: every finding of that service', () => {
    expect(
      'compose',
      [
        'services:',
        '  # bulkhead ignore=compose-privileged,compose-cap-drop-all -- device access',
        '  app:',
        '    image: app:1.0',
        '    privileged: true',
        '  db:',
        '    image: db:1.0',
        '    privileged: true',
      ],
      [privileged, capDropAll],
      {
        shown: [
          ['compose-cap-drop-all', 6],
          ['compose-privileged', 8],
        ],
        hidden: [
          ['compose-cap-drop-all', 3, 'bulkhead', 'device access'],
          ['compose-privileged', 5, 'bulkhead', 'device access'],
        ],
        problems: [],
      },
    );
  });
  it('above a nested key: only that subtree', () => {
    expect(
      'compose',
      ['services:', '  app:', '    image: app:1.0', '    # bulkhead ignore=compose-privileged,compose-cap-drop-all', '    privileged: true'],
      [privileged, capDropAll],
      {
        shown: [['compose-cap-drop-all', 2]],
        hidden: [['compose-privileged', 5, 'bulkhead', undefined]],
        problems: [['unused-suppression', 'hint', 4]],
      },
    );
  });
  it('# kics-scan ignore-line and ignore-file', () => {
    expect(
      'compose',
      ['# bulkhead ignore-file=compose-cap-drop-all', 'services:', '  app:', '    image: app:1.0', '    # kics-scan ignore-line', '    privileged: true'],
      [privileged, capDropAll],
      {
        shown: [],
        hidden: [
          ['compose-cap-drop-all', 3, 'bulkhead', undefined],
          ['compose-privileged', 6, 'kics', undefined],
        ],
        problems: [],
      },
    );
  });
  it('# kics-scan ignore-block above a service covers that service', () => {
    expect('compose', ['services:', '  # kics-scan ignore-block', '  app:', '    privileged: true', '  db:', '    privileged: true'], [privileged], {
      shown: [['compose-privileged', 6]],
      hidden: [['compose-privileged', 4, 'kics', undefined]],
      problems: [],
    });
  });
  it('ignore-stage is a Dockerfile form', () => {
    expect('compose', ['services:', '  # bulkhead ignore-stage=compose-privileged', '  app:', '    image: app:1.0', '    privileged: true'], [privileged], {
      shown: [['compose-privileged', 5]],
      hidden: [],
      problems: [['syntax', 'warning', 2]],
    });
  });
});
