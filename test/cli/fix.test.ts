import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cli, only, removeTree, tempTree } from './helpers';

const dirs: string[] = [];
after(() => dirs.forEach(removeTree));
function tree(files: Record<string, string | Buffer>): string {
  const d = tempTree(files);
  dirs.push(d);
  return d;
}

describe('bulkhead scan --fix', () => {
  test('rewrites the file, reports what changed, then is idempotent', () => {
    const dir = tree({ Dockerfile: 'FROM alpine:3.20\nADD ./app /app\nadd ./lib /lib\n' });
    const first = cli(['scan', '--fix', '--format', 'json', ...only('prefer-copy')], dir);
    assert.equal(first.status, 0, first.stderr);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), 'FROM alpine:3.20\nCOPY ./app /app\ncopy ./lib /lib\n');
    const doc = JSON.parse(first.stdout) as { files: { fixed: Record<string, number>; findings: unknown[] }[]; summary: { fixed: number; findings: number } };
    assert.deepEqual(doc.files[0]?.fixed, { 'prefer-copy': 2 });
    assert.deepEqual(doc.files[0]?.findings, []);
    assert.equal(doc.summary.fixed, 2);

    const second = cli(['scan', '--fix', '--format', 'json', ...only('prefer-copy')], dir);
    assert.equal(second.status, 0);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), 'FROM alpine:3.20\nCOPY ./app /app\ncopy ./lib /lib\n');
    assert.deepEqual((JSON.parse(second.stdout) as typeof doc).files[0]?.fixed, {});
  });
  test('text output names the fixed rules and the remaining findings decide the exit code', () => {
    const dir = tree({ Dockerfile: 'FROM alpine:3.20\nADD ./app /app\n' });
    const r = cli(['scan', '--fix', '--fail-on', 'low', ...only('prefer-copy')], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Dockerfile\n {2}fixed 1 problem: prefer-copy\n/);
    assert.match(r.stdout, /fixed 1 problem in 1 file/);
  });
  test('keeps CRLF line endings and the BOM', () => {
    const dir = tree({ Dockerfile: '\ufeffFROM alpine:3.20\r\nADD ./app /app\r\n' });
    cli(['scan', '--fix', ...only('prefer-copy')], dir);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), '\ufeffFROM alpine:3.20\r\nCOPY ./app /app\r\n');
  });
  test('without --fix the file is untouched', () => {
    const dir = tree({ Dockerfile: 'FROM alpine:3.20\nADD ./app /app\n' });
    cli(['scan'], dir);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), 'FROM alpine:3.20\nADD ./app /app\n');
  });
  test('--unsafe without --fix is a usage error', () => {
    const r = cli(['scan', '--unsafe'], tree({}));
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--unsafe only applies together with --fix/);
  });
});
