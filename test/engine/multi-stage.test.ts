// The multi-stage conversion through the engine's public entry points: it is an unsafe fix, so
// fix-all applies it only when unsafe fixes are asked for (CLI `scan --fix --unsafe`), and the
// result is stable under a second fix-all with every rule.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, fixAll } from '../../server/src/engine/index';
import { multiStageEcosystem } from '../../server/src/engine/fixes/multi-stage';
import { buildDockerfileModel } from '../../server/src/engine/model/dockerfile';

const GO = 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /bin/app .\nENTRYPOINT ["/bin/app"]\n';
const GO_FIXED =
  'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /bin/app .\n\nFROM gcr.io/distroless/static-debian12:nonroot\nWORKDIR /src\nCOPY --from=build /bin/app /bin/app\nENTRYPOINT ["/bin/app"]\n';

describe('multi-stage conversion in fix-all', () => {
  it('is unsafe: fix-all with safe fixes only leaves the stages alone', () => {
    const r = fixAll(GO, { kind: 'dockerfile', ruleIds: ['prefer-multi-stage'] });
    assert.equal(r.text, GO);
  });

  it('fix-all with unsafe fixes converts the file, and a second run changes nothing', () => {
    const r = fixAll(GO, { kind: 'dockerfile', safeOnly: false, ruleIds: ['prefer-multi-stage', 'final-stage-build-tools'] });
    assert.equal(r.text, GO_FIXED);
    assert.equal(fixAll(r.text, { kind: 'dockerfile', safeOnly: false, ruleIds: ['prefer-multi-stage', 'final-stage-build-tools'] }).text, r.text);
    assert.deepEqual(
      analyze(r.text, { kind: 'dockerfile' }).findings.filter((f) => f.ruleId === 'prefer-multi-stage'),
      [],
    );
  });

  it('keeps a BOM and CRLF line endings', () => {
    const crlf = '\ufeff' + GO.replace(/\n/g, '\r\n');
    const r = fixAll(crlf, { kind: 'dockerfile', safeOnly: false, ruleIds: ['prefer-multi-stage'] });
    assert.equal(r.text, '\ufeff' + GO_FIXED.replace(/\n/g, '\r\n'));
  });

  it('the finding carries an unsafe fix with its title', () => {
    const finding = analyze(GO, { kind: 'dockerfile' }).findings.find((f) => f.ruleId === 'prefer-multi-stage');
    assert.equal(finding?.fix?.safety, 'unsafe');
    assert.equal(finding?.fix?.title, 'Convert to a multi-stage build (review the runtime stage)');
  });
});

describe('multiStageEcosystem', () => {
  const eco = (lines: string[]) => multiStageEcosystem(buildDockerfileModel(lines.join('\n') + '\n'));
  it('names the ecosystem from the build step, else from the base image', () => {
    assert.equal(eco(['FROM debian:12', 'RUN go build -o /app .', 'CMD ["/app"]']), 'go');
    assert.equal(eco(['FROM node:20', 'RUN npm run build', 'CMD ["node", "dist/a.js"]']), 'node');
    assert.equal(eco(['FROM python:3.12', 'RUN pip install -r r.txt', 'CMD ["python", "a.py"]']), 'python');
    assert.equal(eco(['FROM gradle:8-jdk21', 'RUN gradle bootJar', 'CMD ["java", "-jar", "a.jar"]']), 'java');
    assert.equal(eco(['FROM debian:12', 'RUN make', 'CMD ["/a"]']), 'generic');
  });
  it('is undefined for multi-stage files, scratch and Windows images', () => {
    assert.equal(eco(['FROM golang:1.22 AS b', 'RUN go build -o /a .', 'FROM scratch', 'COPY --from=b /a /a']), undefined);
    assert.equal(eco(['FROM scratch', 'COPY a /a']), undefined);
    assert.equal(eco(['FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'RUN make', 'CMD ["a.exe"]']), undefined);
  });
});
