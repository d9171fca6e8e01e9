import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cli, only, removeTree, tempTree } from './helpers';

const dirs: string[] = [];
after(() => dirs.forEach(removeTree));

const GO = 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /bin/app .\nENTRYPOINT ["/bin/app"]\n';

describe('bulkhead scan --fix --unsafe: multi-stage conversion', () => {
  test('--fix alone leaves a single-stage build alone; --fix --unsafe converts it', () => {
    const dir = tempTree({ Dockerfile: GO });
    dirs.push(dir);
    cli(['scan', '--fix', ...only('prefer-multi-stage')], dir);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), GO);
    const r = cli(['scan', '--fix', '--unsafe', '--format', 'json', ...only('prefer-multi-stage')], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(
      readFileSync(join(dir, 'Dockerfile'), 'utf8'),
      'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /bin/app .\n\nFROM gcr.io/distroless/static-debian12:nonroot\nWORKDIR /src\nCOPY --from=build /bin/app /bin/app\nENTRYPOINT ["/bin/app"]\n',
    );
    assert.deepEqual((JSON.parse(r.stdout) as { files: { fixed: Record<string, number> }[] }).files[0]?.fixed, { 'prefer-multi-stage': 1 });
  });
});
