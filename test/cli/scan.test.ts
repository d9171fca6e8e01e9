import assert from 'node:assert/strict';
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { ROOT, cli, only, removeTree, tempTree } from './helpers';

/** An ANSI escape sequence (built from a string: no-control-regex forbids it in a literal). */
const ANSI = new RegExp(String.fromCharCode(27) + '\\[');

const ADD = 'FROM alpine:3.20\nADD ./app /app\n';
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

interface JsonFile {
  path: string;
  kind: string;
  findings: { rule: string; severity: string; line: number; column: number; endLine: number; endColumn: number; fixable: boolean }[];
  errors: { type: string; code?: string; rule?: string; message: string }[];
}
interface JsonDoc {
  files: JsonFile[];
  summary: { files: number; findings: number; bySeverity: Record<string, number> };
}

const dirs: string[] = [];
function tree(files: Record<string, string | Buffer>): string {
  const d = tempTree(files);
  dirs.push(d);
  return d;
}
after(() => dirs.forEach(removeTree));

function json(args: string[], cwd: string): JsonDoc {
  const r = cli([...args, '--format', 'json'], cwd);
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as JsonDoc;
}

describe('bulkhead scan: JSON output', () => {
  test('shape is pinned exactly (prefer-copy on a two-line Dockerfile)', () => {
    const dir = tree({ Dockerfile: ADD });
    const r = cli(['scan', '--format', 'json', ...only('prefer-copy')], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(
      r.stdout,
      JSON.stringify({
        version: 1,
        tool: { name: 'bulkhead', version: VERSION },
        files: [
          {
            path: 'Dockerfile',
            kind: 'dockerfile',
            findings: [
              {
                rule: 'prefer-copy',
                severity: 'low',
                message: 'ADD copies local files with implicit archive extraction; use COPY, which does only what it says.',
                line: 2,
                column: 1,
                endLine: 2,
                endColumn: 4,
                fixable: true,
              },
            ],
            errors: [],
          },
        ],
        summary: { files: 1, findings: 1, bySeverity: { low: 1 } },
      }) + '\n',
    );
  });

  test('files are sorted by path, paths joined onto the given directory with forward slashes', () => {
    const dir = tree({ 'b/Dockerfile': ADD, 'a/compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n', 'Dockerfile': ADD });
    assert.deepEqual(json(['scan'], dir).files.map((f) => f.path), ['Dockerfile', 'a/compose.yaml', 'b/Dockerfile']);
    assert.deepEqual(json(['scan', './b/'], dir).files.map((f) => f.path), ['b/Dockerfile']);
    assert.deepEqual(json(['scan', join(dir, 'b')], dir).files.map((f) => f.path), [join(dir, 'b').split('\\').join('/') + '/Dockerfile']);
  });

  test('the same file named twice is analysed once', () => {
    const dir = tree({ Dockerfile: ADD });
    assert.deepEqual(json(['scan', '.', 'Dockerfile', './Dockerfile'], dir).files.map((f) => f.path), ['Dockerfile']);
  });
});

describe('bulkhead scan: exit codes', () => {
  test('0 when nothing is at or above the default threshold (high)', () => {
    assert.equal(cli(['scan', ...only('prefer-copy')], tree({ Dockerfile: ADD })).status, 0);
  });
  test('1 when a finding is at or above --fail-on', () => {
    const dir = tree({ Dockerfile: ADD });
    assert.equal(cli(['scan', '--fail-on', 'low', ...only('prefer-copy')], dir).status, 1);
    assert.equal(cli(['scan', '--fail-on', 'info', ...only('prefer-copy')], dir).status, 1);
    assert.equal(cli(['scan', '--fail-on', 'medium', ...only('prefer-copy')], dir).status, 0);
  });
  test('--fail-on none never fails on findings', () => {
    assert.equal(cli(['scan', '--fail-on', 'none'], tree({ Dockerfile: ADD })).status, 0);
  });
  test('--rule raises or silences a rule', () => {
    const dir = tree({ Dockerfile: ADD });
    assert.equal(cli(['scan', ...only('prefer-copy'), '--rule', 'prefer-copy=critical'], dir).status, 1);
    const off = json(['scan', '--fail-on', 'info', ...only('prefer-copy'), '--rule', 'prefer-copy=off'], dir);
    assert.equal(off.summary.findings, 0);
  });
  test('2 for a missing path, with the path in the message', () => {
    const r = cli(['scan', 'nope/Dockerfile'], tree({}));
    assert.equal(r.status, 2);
    assert.match(r.stderr, /path not found: nope\/Dockerfile/);
    assert.equal(r.stdout, '');
  });
  test('2 for an unknown flag', () => {
    const r = cli(['scan', '--frobnicate'], tree({}));
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--frobnicate/);
  });
  test('2 for a bad --fail-on value, naming the allowed ones', () => {
    const r = cli(['scan', '--fail-on', 'severe'], tree({}));
    assert.equal(r.status, 2);
    assert.match(r.stderr, /critical, high, medium, low, info, none/);
  });
  test('2 for an unknown rule in --rule', () => {
    const r = cli(['scan', '--rule', 'no-such-rule=off'], tree({}));
    assert.equal(r.status, 2);
    assert.match(r.stderr, /Unknown rule "no-such-rule"/);
  });
  test('2 for an explicit file whose kind cannot be determined', () => {
    const r = cli(['scan', 'notes.txt'], tree({ 'notes.txt': 'hello\n' }));
    assert.equal(r.status, 2);
    assert.match(r.stderr, /cannot tell whether notes\.txt is a Dockerfile or a Compose file/);
    assert.match(r.stderr, /--kind/);
  });
  test('2 for an unknown command and for a missing command', () => {
    assert.equal(cli(['scna'], tree({})).status, 2);
    assert.equal(cli([], tree({})).status, 2);
  });
});

describe('bulkhead scan: kinds', () => {
  test('by name while walking; other files are not picked', () => {
    const dir = tree({
      'web.Dockerfile': ADD,
      'Containerfile.prod': ADD,
      'docker-compose.override.yml': 'services: {}\n',
      'compose.yaml': 'services: {}\n',
      'notes.txt': ADD,
      'values.yaml': 'services: {}\n',
    });
    assert.deepEqual(
      json(['scan'], dir).files.map((f) => [f.path, f.kind]),
      [
        ['Containerfile.prod', 'dockerfile'],
        ['compose.yaml', 'compose'],
        ['docker-compose.override.yml', 'compose'],
        ['web.Dockerfile', 'dockerfile'],
      ],
    );
  });
  test('by content for an explicitly named file', () => {
    const dir = tree({ 'build.txt': ADD, 'stack.yml': 'services:\n  web:\n    image: nginx:1.27\n' });
    assert.deepEqual(json(['scan', 'build.txt', 'stack.yml'], dir).files.map((f) => [f.path, f.kind]), [['build.txt', 'dockerfile'], ['stack.yml', 'compose']]);
  });
  test('--kind forces the kind of a named file', () => {
    const dir = tree({ 'Dockerfile': 'services: {}\n', 'weird': 'nothing here\n' });
    assert.deepEqual(json(['scan', 'Dockerfile', 'weird', '--kind', 'compose'], dir).files.map((f) => [f.path, f.kind]), [['Dockerfile', 'compose'], ['weird', 'compose']]);
  });
  test('--kind filters files found by walking', () => {
    const dir = tree({ Dockerfile: ADD, 'compose.yaml': 'services: {}\n' });
    assert.deepEqual(json(['scan', '--kind', 'compose'], dir).files.map((f) => f.path), ['compose.yaml']);
  });
});

describe('bulkhead scan: discovery', () => {
  test('skips node_modules and .git, honours the root .gitignore', () => {
    const dir = tree({
      '.gitignore': 'build/\n*.generated.Dockerfile\n',
      'Dockerfile': ADD,
      'node_modules/pkg/Dockerfile': ADD,
      '.git/Dockerfile': ADD,
      'build/Dockerfile': ADD,
      'x.generated.Dockerfile': ADD,
      'src/Dockerfile': ADD,
    });
    assert.deepEqual(json(['scan'], dir).files.map((f) => f.path), ['Dockerfile', 'src/Dockerfile']);
  });
  test('nested .gitignore files apply relative to their folder and can re-include', () => {
    const dir = tree({
      '.gitignore': '*.Dockerfile\n',
      'local/Dockerfile': ADD,
      'sub/.gitignore': '/local/\n!keep.Dockerfile\n',
      'sub/local/Dockerfile': ADD,
      'sub/deep/local/Dockerfile': ADD,
      'sub/keep.Dockerfile': ADD,
      'sub/drop.Dockerfile': ADD,
    });
    assert.deepEqual(json(['scan'], dir).files.map((f) => f.path), ['local/Dockerfile', 'sub/deep/local/Dockerfile', 'sub/keep.Dockerfile']);
  });
  test('an explicitly named file is analysed even when ignored', () => {
    const dir = tree({ '.gitignore': 'Dockerfile\n', Dockerfile: ADD });
    assert.deepEqual(json(['scan'], dir).files, []);
    assert.deepEqual(json(['scan', 'Dockerfile'], dir).files.map((f) => f.path), ['Dockerfile']);
  });
  test('symlink loops and links out of the tree are not followed', () => {
    const outside = tree({ 'Dockerfile': ADD });
    const dir = tree({ 'a/Dockerfile': ADD });
    symlinkSync('..', join(dir, 'a', 'loop'), 'dir');
    symlinkSync(outside, join(dir, 'out'), 'dir');
    const r = cli(['scan', '--format', 'json'], dir);
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual((JSON.parse(r.stdout) as JsonDoc).files.map((f) => f.path), ['a/Dockerfile']);
  });
  test('an empty tree scans nothing, says so, and exits 0', () => {
    const r = cli(['scan'], tree({ 'README.md': '# hi\n' }));
    assert.equal(r.status, 0);
    assert.match(r.stderr, /no Dockerfiles or Compose files found/);
    assert.match(r.stdout, /0 files scanned/);
  });
});

describe('bulkhead scan: odd input never crashes', () => {
  test('binary file: a parse problem, exit 0', () => {
    const dir = tree({ Dockerfile: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3, 0xff, 0xfe, 0]) });
    const doc = json(['scan'], dir);
    assert.deepEqual(doc.files[0]?.errors.map((e) => [e.type, e.code]), [['parse', 'binary']]);
    assert.equal(cli(['scan'], dir).status, 0);
    assert.match(cli(['scan'], dir).stdout, /error {2}File looks binary.*parse:binary/);
  });
  test('empty file: a parse problem, exit 0', () => {
    const dir = tree({ Dockerfile: '' });
    assert.deepEqual(json(['scan'], dir).files[0]?.errors.map((e) => [e.type, e.code]), [['parse', 'empty']]);
    assert.equal(cli(['scan'], dir).status, 0);
  });
  test('BOM and CRLF: same positions as without', () => {
    const dir = tree({ Dockerfile: '\ufeffFROM alpine:3.20\r\nADD ./app /app\r\n' });
    const doc = json(['scan', ...only('prefer-copy')], dir);
    assert.deepEqual(doc.files[0]?.findings.map((f) => [f.rule, f.line, f.column, f.endColumn]), [['prefer-copy', 2, 1, 4]]);
    assert.deepEqual(doc.files[0]?.errors, []);
  });
  test('huge file (beyond the read bound): a too-large problem', () => {
    const big = 'FROM alpine:3.20\n' + '# padding padding padding padding padding padding padding\n'.repeat(230_000);
    const dir = tree({ Dockerfile: big });
    assert.ok(big.length > 12 * 1024 * 1024);
    assert.deepEqual(json(['scan'], dir).files[0]?.errors.map((e) => [e.type, e.code]), [['parse', 'too-large']]);
  });
});

describe('bulkhead scan: text output', () => {
  test('grouped by file, aligned columns, summary; no color when piped', () => {
    const dir = tree({ Dockerfile: 'FROM alpine:3.20\nADD ./app /app\nADD ./lib /lib\n', 'sub/Dockerfile': '' });
    const r = cli(['scan', ...only('prefer-copy')], dir);
    assert.equal(r.status, 0);
    assert.doesNotMatch(r.stdout, ANSI);
    const lines = r.stdout.split('\n');
    assert.deepEqual(lines.slice(0, 8), [
      'Dockerfile',
      '  2:1  low  ADD copies local files with implicit archive extraction; use COPY, which does only what it says.  prefer-copy',
      '  3:1  low  ADD copies local files with implicit archive extraction; use COPY, which does only what it says.  prefer-copy',
      '',
      'sub/Dockerfile',
      '  1:1  warning  The file has no instructions: there is nothing to build or analyse.  parse:empty',
      '',
      lines[7],
    ]);
    assert.match(lines[7] ?? '', /^! 2 findings \(2 low\), 1 parse problem · 2 files scanned in \d+ ms$/);
    assert.equal(lines[8], '  2 fixable with --fix');
  });
  test('--color forces ANSI colors; --no-color and NO_COLOR keep them off', () => {
    const dir = tree({ Dockerfile: ADD });
    assert.match(cli(['scan', '--color'], dir).stdout, ANSI);
    assert.doesNotMatch(cli(['scan', '--no-color'], dir).stdout, ANSI);
    assert.doesNotMatch(cli(['scan'], dir, { NO_COLOR: '1' }).stdout, ANSI);
  });
  test('--quiet shows only findings at or above the threshold', () => {
    const dir = tree({ Dockerfile: ADD });
    const quiet = json(['scan', '--quiet', '--fail-on', 'medium', ...only('prefer-copy')], dir);
    assert.equal(quiet.summary.findings, 0);
    const r = cli(['scan', '--quiet', '--fail-on', 'medium', ...only('prefer-copy')], dir);
    assert.doesNotMatch(r.stdout, /prefer-copy/);
    assert.equal(json(['scan', '--quiet', '--fail-on', 'low', ...only('prefer-copy')], dir).summary.findings, 1);
  });
});

describe('bulkhead rules, --version, --help', () => {
  test('rules --format json lists prefer-copy with its metadata', () => {
    const r = cli(['rules', '--format', 'json'], tree({}));
    assert.equal(r.status, 0);
    const doc = JSON.parse(r.stdout) as { version: number; tool: { version: string }; rules: Record<string, unknown>[] };
    assert.equal(doc.version, 1);
    assert.equal(doc.tool.version, VERSION);
    const rule = doc.rules.find((x) => x['id'] === 'prefer-copy');
    assert.deepEqual(rule, {
      id: 'prefer-copy',
      kind: 'dockerfile',
      title: 'Use COPY instead of ADD for local files',
      severity: 'low',
      category: 'supply-chain',
      fix: 'safe',
      enabledByDefault: true,
      references: [
        { tool: 'hadolint', id: 'DL3020', match: 'same' },
        { tool: 'trivy', id: 'DS-0005', match: 'same' },
        { tool: 'checkov', id: 'CKV_DOCKER_4', match: 'partial' },
        { tool: 'kics', id: '9513a694', match: 'same' },
        { tool: 'semgrep', id: 'prefer-copy-over-add', match: 'same' },
        { tool: 'cis', id: '4.9', match: 'same' },
        { tool: 'dockle', id: 'CIS-DI-0009', match: 'same' },
      ],
      checklist: ['minimal-attack-surface'],
      docs: 'docs/rules/prefer-copy.md',
    });
  });
  test('rules (text) has a header and a row for prefer-copy', () => {
    const r = cli(['rules'], tree({}));
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^RULE +KIND +SEVERITY +CATEGORY +FIX +TITLE$/m);
    assert.match(r.stdout, /^prefer-copy +dockerfile +low +supply-chain +fix:safe +Use COPY instead of ADD for local files$/m);
  });
  test('--version prints the package.json version, whatever the cwd', () => {
    const r = cli(['--version'], tree({ 'package.json': '{"version":"9.9.9"}' }));
    assert.equal(r.status, 0);
    assert.equal(r.stdout, `${VERSION}\n`);
  });
  test('--help, help scan and scan --help', () => {
    const dir = tree({});
    assert.match(cli(['--help'], dir).stdout, /bulkhead scan \[paths\.\.\.\]/);
    const scanHelp = cli(['help', 'scan'], dir);
    assert.equal(scanHelp.status, 0);
    assert.match(scanHelp.stdout, /--fail-on/);
    assert.match(scanHelp.stdout, /Exit codes:/);
    assert.equal(cli(['scan', '--help'], dir).stdout, scanHelp.stdout);
  });
});
