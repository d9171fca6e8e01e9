import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze, type AnalysisResult, type FileKind } from '../../server/src/engine/index';
import { FORMATTERS } from '../../server/src/cli/format';
import { reportedResult, type ScanReport } from '../../server/src/cli/report';

/** Files whose findings use every field a formatter reads: fixes of both safeties, an ignore comment, a cross-file related location. */
const FILES: readonly { readonly path: string; readonly kind: FileKind; readonly text: string }[] = [
  {
    path: 'Dockerfile',
    kind: 'dockerfile',
    text: [
      'FROM node:20',
      'ADD app.tar.gz /app',
      '# bulkhead ignore=add-remote-unverified vendored script',
      'ADD https://example.com/x.sh /x.sh',
      'RUN apt-get update && apt-get install -y curl',
      'RUN apt-get update && apt-get install -y curl',
      'USER root',
      '',
    ].join('\n'),
  },
  {
    path: 'compose.yaml',
    kind: 'compose',
    text: ['services:', '  web:', '    build: .', '    privileged: true', '    ports:', '      - "22:22"', '  db:', '    image: postgres', ''].join('\n'),
  },
];

const DOCKERFILE_FOR_BUILD = 'FROM node:20\nUSER root\n';
const files = { read: (p: string) => (p.endsWith('Dockerfile') ? DOCKERFILE_FOR_BUILD : undefined) };
const full: AnalysisResult[] = FILES.map((f) =>
  analyze(f.text, { kind: f.kind, path: `/w/${f.path}`, config: { customizations: [{ rule: '*', severity: 'default' }] }, files }),
);

function report(results: readonly ScanReport['files'][number]['result'][]): ScanReport {
  return {
    files: FILES.map((f, i) => ({ path: f.path, kind: f.kind, result: results[i] as AnalysisResult, findings: (results[i] as AnalysisResult).findings })),
    failOn: 'low',
    fixMode: false,
    unsafeFixes: false,
    elapsedMs: 12,
  };
}

describe('scan reports keep findings as data (report.ts reportedResult)', () => {
  test('the test files exercise safe and unsafe fixes, an ignore comment, fingerprints of repeated instructions', () => {
    const findings = full.flatMap((r) => r.findings);
    assert.ok(findings.some((f) => f.fix?.safety === 'safe'));
    assert.ok(findings.some((f) => f.fix?.safety === 'unsafe'));
    assert.ok(full.some((r) => r.suppressed.length > 0));
    assert.ok(full.every((r) => r.model !== undefined));
  });

  for (const format of Object.keys(FORMATTERS) as (keyof typeof FORMATTERS)[]) {
    test(`--format ${format}: the same output from the reduced results as from the engine's`, () => {
      const options = { color: false, cwd: '/w' };
      assert.equal(FORMATTERS[format](report(full.map(reportedResult)), options), FORMATTERS[format](report(full), options));
    });
  }

  test('nothing of the model is kept but the text index and the instruction ranges; fixes say only how safe they are', () => {
    const [docker, compose] = full.map(reportedResult);
    assert.deepEqual(Object.keys(docker?.model ?? {}), ['kind', 'index', 'instructions']);
    assert.deepEqual(Object.keys(compose?.model ?? {}), ['kind', 'index']);
    for (const ins of docker?.model?.kind === 'dockerfile' ? docker.model.instructions : []) assert.deepEqual(Object.keys(ins), ['range']);
    const fixable = docker?.findings.find((f) => f.fix);
    assert.ok(fixable?.fix);
    assert.deepEqual(fixable.fix.edits(), []);
    assert.ok(docker?.findings.every((f) => f.suggestions.length === 0));
  });
});
