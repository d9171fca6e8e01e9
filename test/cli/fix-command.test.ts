// `bulkhead fix [paths] [--rule id ...] [--unsafe] [--dry-run]`, spawned like a user runs it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cli, removeTree, tempTree } from './helpers';

const dirs: string[] = [];
after(() => dirs.forEach(removeTree));
function tree(files: Record<string, string | Buffer>): string {
  const d = tempTree(files);
  dirs.push(d);
  return d;
}

const APT = 'FROM debian:12\nUSER 10001\nADD ./app /app\nRUN apt-get update && apt-get install -y curl\n';

describe('bulkhead fix', () => {
  test('--rule applies only that rule\u2019s fixes, keeping the BOM and CRLF', () => {
    const dir = tree({ Dockerfile: '\ufeff' + APT.replace(/\n/g, '\r\n') });
    const r = cli(['fix', '--rule', 'prefer-copy', '--fail-on', 'none'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(
      readFileSync(join(dir, 'Dockerfile'), 'utf8'),
      '\ufeffFROM debian:12\r\nUSER 10001\r\nCOPY ./app /app\r\nRUN apt-get update && apt-get install -y curl\r\n',
    );
    assert.match(r.stdout, /^Dockerfile\n {2}fixed 1 problem: prefer-copy\n/);
  });

  test('without --rule every safe fix applies, in passes, and a second run changes nothing', () => {
    const dir = tree({ Dockerfile: APT });
    const first = cli(['fix', '--format', 'json', '--fail-on', 'none'], dir);
    assert.equal(first.status, 0, first.stderr);
    const fixed = readFileSync(join(dir, 'Dockerfile'), 'utf8');
    assert.match(
      fixed,
      /^FROM debian:12\nUSER 10001\nCOPY \.\/app \/app\nRUN apt-get update && apt-get install --no-install-recommends -y curl && rm -rf \/var\/lib\/apt\/lists\/\*\n/,
    );
    const doc = JSON.parse(first.stdout) as { files: { fixed: Record<string, number> }[] };
    assert.equal(doc.files[0]?.fixed['prefer-copy'], 1);
    assert.equal(doc.files[0]?.fixed['apt-no-recommends'], 1);
    const second = cli(['fix', '--format', 'json', '--fail-on', 'none'], dir);
    assert.equal(second.status, 0, second.stderr);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), fixed);
    assert.deepEqual((JSON.parse(second.stdout) as typeof doc).files[0]?.fixed, {});
  });

  test('--dry-run prints a unified diff, writes nothing, and the diff applies with patch -p1', () => {
    const dir = tree({ Dockerfile: APT });
    const r = cli(['fix', '--dry-run', '--rule', 'prefer-copy', '--fail-on', 'none'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(
      r.stdout,
      '--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,4 +1,4 @@\n FROM debian:12\n USER 10001\n-ADD ./app /app\n+COPY ./app /app\n RUN apt-get update && apt-get install -y curl\n',
    );
    assert.equal(r.stderr, 'Dockerfile: would fix prefer-copy\nwould fix 1 problem in 1 file (dry run: nothing written)\n');
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), APT);
    const p = spawnSync('patch', ['-p1', '--quiet'], { cwd: dir, input: r.stdout, encoding: 'utf8' });
    assert.equal(p.status, 0, p.stderr);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), APT.replace('ADD ./app', 'COPY ./app'));
  });

  test('--dry-run with nothing to fix prints no diff', () => {
    const dir = tree({ Dockerfile: 'FROM debian:12\nUSER 10001\nCOPY ./app /app\n' });
    const r = cli(['fix', '--dry-run', '--rule', 'prefer-copy', '--fail-on', 'none'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'would fix 0 problems in 0 files (dry run: nothing written)\n');
  });

  test('unsafe fixes need --unsafe; Compose files are fixed too', () => {
    const compose = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';
    const dir = tree({ 'compose.yaml': compose });
    const refused = cli(['fix', '--rule', 'compose-privileged'], dir);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /The fix of "compose-privileged" is unsafe: add --unsafe/);
    const safeOnly = cli(['fix', '--fail-on', 'none'], dir);
    assert.equal(safeOnly.status, 0, safeOnly.stderr);
    assert.equal(readFileSync(join(dir, 'compose.yaml'), 'utf8'), compose);
    const r = cli(['fix', '--unsafe', '--rule', 'compose-privileged', '--fail-on', 'none'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(join(dir, 'compose.yaml'), 'utf8'), 'services:\n  web:\n    image: nginx:1.27\n    privileged: false\n');
  });

  test('exit codes follow scan: 1 when a finding at or above --fail-on remains after fixing', () => {
    const dir = tree({ Dockerfile: 'FROM debian:12\nADD ./app /app\n' });
    const r = cli(['fix', '--rule', 'prefer-copy', '--fail-on', 'high'], dir);
    // missing-user (high) has no fix here: it remains.
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /missing-user/);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), 'FROM debian:12\nCOPY ./app /app\n');
  });

  test('usage errors exit 2', () => {
    const dir = tree({ Dockerfile: APT });
    const cases: [string[], RegExp][] = [
      [['fix', '--rule', 'no-such-rule'], /Unknown rule "no-such-rule"/],
      [['fix', '--rule', 'no-sudo'], /Rule "no-sudo" has no fix/],
      [['fix', '--dry-run', '--format', 'json'], /--dry-run prints a unified diff; it takes no --format/],
      [['scan', '--dry-run'], /--dry-run applies to "bulkhead fix"/],
      [['rules', '--dry-run'], /--dry-run applies to "bulkhead fix" only/],
      [['checklist', '--dry-run'], /--dry-run applies to "bulkhead fix" only/],
      [['fix', 'missing-dir'], /path not found: missing-dir/],
    ];
    for (const [args, message] of cases) {
      const r = cli(args, dir);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, message);
    }
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), APT);
  });

  test('help names the command and says scan --fix is the same', () => {
    const r = cli(['fix', '--help'], tree({}));
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^Usage: bulkhead fix \[paths\.\.\.\] \[options\]/);
    assert.match(r.stdout, /--dry-run/);
    assert.match(cli(['help', 'scan'], tree({})).stdout, /the same as "bulkhead fix"/);
    assert.match(cli(['--help'], tree({})).stdout, /bulkhead fix \[paths\.\.\.\]/);
  });
});
