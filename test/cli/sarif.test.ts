import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { analyze, allRules } from '../../server/src/engine/index';
import { formatSarif } from '../../server/src/cli/format/sarif';
import type { ScanReport } from '../../server/src/cli/report';
import { ROOT, cli, only, removeTree, tempTree } from './helpers';

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  partialFingerprints: Record<string, string>;
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number } } }[];
  suppressions?: { kind: string; justification?: string }[];
}
interface SarifRule {
  id: string;
  helpUri?: string;
  properties: { tags: string[]; 'security-severity': string };
}
interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { rules: SarifRule[] } };
    results: SarifResult[];
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: { descriptor: { id: string }; level: string }[]; toolConfigurationNotifications: unknown[] }[];
    originalUriBaseIds: Record<string, { uri: string }>;
  }[];
}

const schema = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'sarif', 'sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
// unicodeRegExp off: the schema's `language` pattern (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`) is not a valid /u regex.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function assertValid(log: unknown): void {
  const ok = validate(log);
  assert.ok(ok, `SARIF schema errors:\n${JSON.stringify(validate.errors?.slice(0, 10), null, 2)}`);
}

function sarif(args: string[], cwd: string): SarifLog {
  const r = cli(['scan', '--format', 'sarif', '--fail-on', 'none', ...args], cwd);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as SarifLog;
}

const dirs: string[] = [];
function tree(files: Record<string, string>): string {
  const d = tempTree(files);
  dirs.push(d);
  return d;
}
after(() => dirs.forEach(removeTree));

describe('bulkhead scan --format sarif', () => {
  test('output over examples/ is valid SARIF 2.1.0 (official schema, formats checked)', () => {
    const log = sarif(['examples'], ROOT);
    assertValid(log);
    const run = log.runs[0]!;
    assert.ok(run.results.length > 10, 'the insecure examples produce results');
    assert.equal(run.invocations[0]?.executionSuccessful, true);
    for (const r of run.results) {
      const loc = r.locations[0]!.physicalLocation.artifactLocation;
      assert.equal(loc.uriBaseId, '%SRCROOT%');
      assert.match(loc.uri, /^examples\/[a-z]+\/(insecure|hardened)\/Dockerfile$/);
      assert.equal(run.tool.driver.rules[r.ruleIndex]?.id, r.ruleId);
    }
    assert.match(run.originalUriBaseIds['%SRCROOT%']!.uri, /^file:\/\/.*\/$/);
  });

  test('every rule is described, with security-severity, tags and CIS ids; helpUri with --docs-url', () => {
    const log = sarif(['examples/node', '--docs-url', 'https://github.com/example/bulkhead/blob/v1'], ROOT);
    assertValid(log);
    const rules = log.runs[0]!.tool.driver.rules;
    assert.deepEqual(rules.map((r) => r.id), allRules().map((r) => r.meta.id).sort());
    for (const r of rules) {
      assert.match(r.properties['security-severity'], /^\d+\.\d$/);
      assert.ok(r.properties.tags.includes('security'));
      assert.equal(r.helpUri, `https://github.com/example/bulkhead/blob/v1/docs/rules/${r.id}.md`);
    }
    const missingUser = rules.find((r) => r.id === 'missing-user')!;
    assert.ok(missingUser.properties.tags.includes('external/cis-docker-benchmark/4.1'));
    assert.equal(missingUser.properties['security-severity'], '8.0');
  });

  test('without --docs-url there is no helpUri (it must be absolute)', () => {
    const log = sarif(['examples/node'], ROOT);
    assert.equal(log.runs[0]!.tool.driver.rules.some((r) => 'helpUri' in r), false);
  });

  test('fingerprints survive lines shifting above a finding; repeated instructions get distinct ones', () => {
    const body = 'FROM alpine:3.20\nADD ./a /a\nADD ./a /a\nADD   ./b \\\n    /b\n';
    const a = tree({ Dockerfile: body });
    const b = tree({ Dockerfile: '# syntax=docker/dockerfile:1\n\n# a comment\n\n' + body.replace('ADD   ./b \\\n    /b', 'ADD ./b /b') });
    const prints = (dir: string) => sarif([...only('prefer-copy')], dir).runs[0]!.results.map((r) => [r.partialFingerprints['bulkhead/v1'], r.locations[0]!.physicalLocation.region.startLine]);
    const before = prints(a);
    const later = prints(b);
    assert.equal(before.length, 3);
    assert.deepEqual(later.map((p) => p[0]), before.map((p) => p[0]));
    assert.deepEqual(later.map((p) => p[1]), [6, 7, 8]);
    assert.equal(new Set(before.map((p) => p[0])).size, 3);
  });

  test('inline suppressions are results with an inSource suppression', () => {
    const dir = tree({ Dockerfile: 'FROM alpine:3.20\n# bulkhead ignore=prefer-copy vendored tarball layout\nADD ./app /app\n' });
    const log = sarif([...only('prefer-copy')], dir);
    assertValid(log);
    assert.deepEqual(log.runs[0]!.results[0]!.suppressions, [{ kind: 'inSource', status: 'accepted', justification: 'vendored tarball layout' }]);
  });

  test('rule crashes, parse problems and config problems are notifications; a crash fails the invocation', () => {
    const crashing = { ...allRules()[0]!, meta: { ...allRules()[0]!.meta, id: 'prefer-copy' }, check: () => { throw new Error('boom'); } };
    const result = analyze('FROM alpine:3.20\nFROOM x\n', { kind: 'dockerfile', rules: [crashing] });
    const report: ScanReport = {
      files: [{ path: 'Dockerfile', kind: 'dockerfile', result, findings: result.findings }, { path: '../outside/Dockerfile', kind: 'dockerfile', result: analyze('FROM a:1\n', { kind: 'dockerfile', rules: [] }), findings: [] }],
      failOn: 'high',
      fixMode: false,
      unsafeFixes: false,
      elapsedMs: 1,
      configProblems: [{ path: '.bulkhead.yaml', message: 'rules.nope: unknown rule id', line: 2, column: 3 }],
    };
    const log = JSON.parse(formatSarif(report, { color: false, cwd: '/work/repo' })) as SarifLog;
    assertValid(log);
    const inv = log.runs[0]!.invocations[0]!;
    assert.equal(inv.executionSuccessful, false);
    assert.deepEqual(inv.toolExecutionNotifications.map((n) => n.descriptor.id).sort(), ['parse/unknown-instruction', 'rule-error']);
    assert.equal(inv.toolConfigurationNotifications.length, 1);
  });
});

describe('bulkhead scan --format github', () => {
  test('one escaped workflow annotation per finding, then a summary line', () => {
    const dir = tree({ 'a,b/Dockerfile': 'FROM alpine:3.20\nADD ./app /app\n' });
    const r = cli(['scan', '--format', 'github', ...only('prefer-copy')], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(
      r.stdout,
      '::notice file=a%2Cb/Dockerfile,line=2,col=1,endLine=2,endColumn=4,title=prefer-copy (low)::ADD copies local files with implicit archive extraction; use COPY, which does only what it says.\n' +
        'bulkhead: 1 finding (1 low) in 1 file\n',
    );
  });

  test('severities map to error, warning and notice', () => {
    const r = cli(['scan', 'examples/node/insecure', '--format', 'github', '--fail-on', 'none'], ROOT);
    const kinds = new Set(r.stdout.split('\n').filter((l) => l.startsWith('::')).map((l) => l.slice(2, l.indexOf(' '))));
    assert.deepEqual([...kinds].sort(), ['error', 'notice', 'warning']);
  });
});
