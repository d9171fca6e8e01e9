// The Dockerfile model: stages, the stage graph, ARG/ENV resolution, effective USER, ONBUILD.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildDockerfileModel, substitute } from '../../server/src/engine/model/dockerfile';
import { parseImageRef, isRootUser } from '../../server/src/engine/model/image';
import { kindFromName, kindFromContent } from '../../server/src/engine/detect';

const model = (lines: string[]) => buildDockerfileModel(lines.join('\n') + '\n');

describe('model: Dockerfile', () => {
  it('stages, names, final stage and FROM <stage>', () => {
    const m = model(['FROM golang:1.23 AS build', 'RUN go build', 'FROM build AS test', 'FROM gcr.io/distroless/static:nonroot', 'COPY --from=build /app /app']);
    assert.deepEqual(m.stages.map((s) => [s.index, s.name, s.isFinal]), [[0, 'build', false], [1, 'test', false], [2, undefined, true]]);
    assert.equal(m.stages[1]!.baseStage, m.stages[0]);
    assert.equal(m.finalStage, m.stages[2]);
    assert.equal(m.stageByRef('BUILD'), m.stages[0]);
    assert.equal(m.stageByRef('0'), m.stages[0]);
    assert.equal(m.stageByRef('2', m.stages[2]), undefined, 'a stage cannot refer to itself');
  });

  it('global ARG defaults resolve FROM; unresolvable stays unknown', () => {
    const m = model(['ARG NODE_VERSION=20', 'ARG REGISTRY', 'FROM node:${NODE_VERSION}-alpine', 'FROM ${REGISTRY}/app:1', 'FROM node:${MISSING:-18}']);
    assert.equal(m.stages[0]!.image.text, 'node:20-alpine');
    assert.equal(m.stages[0]!.image.ref?.tag, '20-alpine');
    assert.equal(m.stages[1]!.image.text, undefined);
    assert.equal(m.stages[2]!.image.text, 'node:18');
  });

  it('ENV and stage ARG resolution inside a stage', () => {
    const m = model(['ARG USER_ID=1000', 'FROM alpine:3.20', 'ARG USER_ID', 'ENV HOME=/home/app APP=${HOME}/bin', 'USER ${USER_ID}']);
    const user = m.instructions.find((i) => i.keyword === 'USER')!;
    assert.equal(m.resolve('${USER_ID}:$HOME', user), '1000:/home/app');
    assert.equal(m.resolve('$APP', user), '/home/app/bin');
  });

  it('effective USER: instruction, inherited from a stage, image default, unknown', () => {
    const m = model(['FROM alpine:3.20 AS base', 'USER app', 'FROM base', 'FROM gcr.io/distroless/base:nonroot', 'FROM ubuntu:24.04', 'ARG IMG', 'FROM $IMG']);
    assert.deepEqual(m.effectiveUser(m.stages[1]!).source, 'instruction');
    const d = m.effectiveUser(m.stages[2]!);
    assert.ok(d.source === 'image' && d.nonRoot && d.user === '65532');
    const u = m.effectiveUser(m.stages[3]!);
    assert.ok(u.source === 'image' && !u.nonRoot);
    assert.equal(m.effectiveUser(m.stages[4]!).source, 'unknown');
  });

  it('ONBUILD triggers are instructions flagged with their wrapper', () => {
    const m = model(['FROM alpine:3.20', 'ONBUILD ADD ./a /a']);
    const trig = m.instructions.find((i) => i.onbuild);
    assert.equal(trig?.keyword, 'ADD');
    assert.equal(trig?.onbuild?.keyword, 'ONBUILD');
    assert.deepEqual(trig?.keywordRange.start, { line: 1, character: 8 });
  });

  it('substitute supports the ${VAR:-x}, ${VAR-x}, ${VAR:+x} and ${VAR+x} forms', () => {
    const scope = new Map<string, string | undefined>([['SET', 'v'], ['EMPTY', '']]);
    assert.equal(substitute('${SET:-d}/${EMPTY:-d}/${NONE-d}/${EMPTY-d}', scope), 'v/d/d/');
    assert.equal(substitute('${SET:+a}/${EMPTY:+a}/${EMPTY+a}/${NONE+a}', scope), 'a//a/');
    assert.equal(substitute('$NONE', scope), undefined);
  });
});

describe('model: image references', () => {
  it('parses registry, repository, tag and digest', () => {
    assert.deepEqual(parseImageRef('node:20'), { raw: 'node:20', registry: undefined, repository: 'node', name: 'node', tag: '20', digest: undefined, isScratch: false });
    const r = parseImageRef('localhost:5000/team/app:1.2@sha256:abc')!;
    assert.deepEqual([r.registry, r.repository, r.name, r.tag, r.digest], ['localhost:5000', 'team/app', 'app', '1.2', 'sha256:abc']);
    assert.equal(parseImageRef('docker.io/library/alpine')!.repository, 'alpine');
    assert.equal(parseImageRef('scratch')!.isScratch, true);
    assert.equal(parseImageRef(''), undefined);
  });

  it('root user specs', () => {
    for (const s of ['root', '0', 'root:root', '0:0', '000']) assert.equal(isRootUser(s), true, s);
    for (const s of ['app', '1000', '10001:10001', 'rootless']) assert.equal(isRootUser(s), false, s);
  });
});

describe('file kinds', () => {
  it('Dockerfile and Compose names', () => {
    for (const n of ['Dockerfile', 'dir/Dockerfile.prod', 'api.Dockerfile', 'Containerfile', 'Containerfile.dev', 'C:\\x\\dockerfile']) assert.equal(kindFromName(n), 'dockerfile', n);
    for (const n of ['compose.yaml', 'compose.yml', 'compose.override.yaml', 'docker-compose.yml', 'docker-compose.prod.yaml', 'docker-compose-tls.yml', 'compose-interpolated.yaml']) assert.equal(kindFromName(n), 'compose', n);
    for (const n of ['x/Dockerfiles', 'values.yaml', 'composer.json', 'docker-compose.json', 'README.md']) assert.equal(kindFromName(n), undefined, n);
    assert.equal(kindFromContent('version: "3"\nservices:\n  web: {}\n'), 'compose');
    assert.equal(kindFromContent('# comment\nFROM alpine:3.20\n'), 'dockerfile');
    assert.equal(kindFromContent('hello'), undefined);
  });
});

describe('model: exec form', () => {
  it('only a valid JSON array of strings is exec form (Docker falls back to shell form)', () => {
    const m = model(['FROM alpine:3.20', 'RUN [ "$X" = "true" ] && wget -O- https://x | sh', 'CMD ["node", \\', '  "server.js"]', 'RUN --mount=type=cache,target=/c ["make", "all"]', 'ENTRYPOINT ["a", 1]']);
    assert.deepEqual(m.instructions.slice(1).map((i) => [i.keyword, i.jsonForm]), [['RUN', false], ['CMD', true], ['RUN', true], ['ENTRYPOINT', false]]);
    assert.deepEqual(m.shell(m.instructions[1]!)?.commands.map((c) => c.name?.value), ['[', 'wget', 'sh']);
  });
});
