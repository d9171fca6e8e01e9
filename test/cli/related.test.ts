// Cross-file findings carry related locations: SARIF relatedLocations and JSON `related`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { analyze, getRule } from '../../server/src/engine/index';
import { formatSarif } from '../../server/src/cli/format/sarif';
import { formatJson } from '../../server/src/cli/format/json';
import type { ScanReport } from '../../server/src/cli/report';
import { ROOT } from './helpers';

const FILES: Record<string, string> = { 'app/Dockerfile': 'FROM node:22-slim\nCMD ["node", "server.js"]\n' };

function report(): ScanReport {
  const rule = getRule('compose-effective-user-root');
  assert.ok(rule);
  const result = analyze('services:\n  api:\n    build: ./app\n', { kind: 'compose', path: 'compose.yaml', files: { read: (p) => FILES[p] }, rules: [rule] });
  assert.deepEqual(result.dependencies, ['compose.override.yaml', 'compose.override.yml', 'app/Dockerfile']);
  return {
    files: [{ path: 'compose.yaml', kind: 'compose', result, findings: result.findings }],
    failOn: 'high',
    fixMode: false,
    unsafeFixes: false,
    elapsedMs: 1,
  };
}

describe('related locations in CLI formats', () => {
  test('SARIF: relatedLocations point at the Dockerfile, and the log is schema-valid', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'sarif', 'sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const log = JSON.parse(formatSarif(report(), { color: false, cwd: '/work/repo' })) as {
      runs: {
        results: {
          ruleId: string;
          relatedLocations?: {
            id: number;
            physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } };
            message: { text: string };
          }[];
        }[];
      }[];
    };
    assert.ok(ajv.validate(schema, log), JSON.stringify(ajv.errors?.slice(0, 5)));
    const result = log.runs[0]?.results.find((r) => r.ruleId === 'compose-effective-user-root');
    assert.deepEqual(
      result?.relatedLocations?.map((r) => [
        r.id,
        r.physicalLocation.artifactLocation.uri,
        r.physicalLocation.region.startLine,
        r.physicalLocation.region.startColumn,
      ]),
      [[0, 'app/Dockerfile', 1, 6]],
    );
  });

  test('JSON: related entries with 1-based positions; other findings keep their shape', () => {
    const doc = JSON.parse(formatJson(report(), { color: false })) as {
      files: { findings: { rule: string; related?: { file: string; line: number; column: number; message: string }[] }[] }[];
    };
    const finding = doc.files[0]?.findings[0];
    assert.equal(finding?.rule, 'compose-effective-user-root');
    assert.deepEqual(
      finding?.related?.map((r) => [r.file, r.line, r.column]),
      [['app/Dockerfile', 1, 6]],
    );
  });
});

describe('related locations: absolute analysis paths', () => {
  test('JSON names a related file relative to the scan root, like the files themselves', () => {
    const rule = getRule('compose-effective-user-root');
    assert.ok(rule);
    const files: Record<string, string> = { '/work/repo/app/Dockerfile': 'FROM node:22-slim\n' };
    const result = analyze('services:\n  api:\n    build: ./app\n', {
      kind: 'compose',
      path: '/work/repo/compose.yaml',
      files: { read: (p) => files[p] },
      rules: [rule],
    });
    const r: ScanReport = {
      files: [{ path: 'compose.yaml', kind: 'compose', result, findings: result.findings }],
      failOn: 'high',
      fixMode: false,
      unsafeFixes: false,
      elapsedMs: 1,
    };
    const doc = JSON.parse(formatJson(r, { color: false, cwd: '/work/repo' })) as { files: { findings: { related?: { file: string }[] }[] }[] };
    assert.equal(doc.files[0]?.findings[0]?.related?.[0]?.file, 'app/Dockerfile');
  });
});
