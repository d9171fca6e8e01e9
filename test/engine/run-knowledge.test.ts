import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildDockerfileModel } from '../../server/src/engine/model/dockerfile';
import { downloadToFile, fileUse, isCommitPinnedUrl, verifies } from '../../server/src/engine/model/downloads';
import { isCondition, pipefailSupport } from '../../server/src/engine/model/pipefail';
import { secretMounts } from '../../server/src/engine/model/secrets';

const commands = (run: string) => {
  const m = buildDockerfileModel(`FROM alpine:3.20\nRUN ${run}\n`);
  return m.commands().map((c) => c.command);
};

describe('model/downloads', () => {
  it('finds the file a download writes', () => {
    const files = (run: string) => commands(run).map((c) => downloadToFile(c)?.file ?? null);
    assert.deepEqual(files('curl -fsSLo /tmp/a.tgz https://x/a.tgz'), ['/tmp/a.tgz']);
    assert.deepEqual(files('curl -fsSL --output-dir /opt -O https://x/dl/a.tgz?sig=1'), ['/opt/a.tgz']);
    assert.deepEqual(files('wget -P /tmp https://x/b.deb'), ['/tmp/b.deb']);
    assert.deepEqual(files('wget -qO- https://x/b.deb'), [null]);
    assert.deepEqual(files('curl -fsSL https://x/a'), [null]);
  });

  it('knows verification commands and file uses', () => {
    assert.deepEqual(commands('sha256sum -c a.sum; gpg --verify a.asc a; gpg --import k; cosign verify-blob a; openssl sha512 -r a').map(verifies), [true, true, false, true, true]);
    const [tar, chmodX, chmodR, dpkg, rm] = commands('tar -xzf /tmp/a.tgz; chmod +x a.tgz; chmod 644 /tmp/a.tgz; dpkg -i /tmp/a.tgz; rm /tmp/a.tgz');
    assert.equal(fileUse(tar!, '/tmp/a.tgz'), 'extracted');
    assert.equal(fileUse(chmodX!, '/tmp/a.tgz'), 'executed');
    assert.equal(fileUse(chmodR!, '/tmp/a.tgz'), undefined);
    assert.equal(fileUse(dpkg!, '/tmp/a.tgz'), 'installed');
    assert.equal(fileUse(rm!, '/tmp/a.tgz'), undefined);
    assert.equal(isCommitPinnedUrl('https://raw.githubusercontent.com/o/r/8d9e3502aba39127e4d12196dae16d306f76993d/hack/dind'), true);
    assert.equal(isCommitPinnedUrl('https://github.com/o/r/releases/download/v1/a.tgz'), false);
  });
});

describe('model/pipefail', () => {
  const support = (text: string) => {
    const m = buildDockerfileModel(text);
    return pipefailSupport(m.instructions.filter((i) => i.keyword === 'RUN').pop()!);
  };
  it('decides from SHELL and the base image', () => {
    assert.equal(support('FROM alpine:3.20\nRUN a | b\n'), 'yes');
    assert.equal(support('FROM node:22-alpine\nRUN a | b\n'), 'yes');
    assert.equal(support('FROM debian:12\nRUN a | b\n'), 'dash');
    assert.equal(support('FROM python:3.12-slim\nRUN a | b\n'), 'dash');
    assert.equal(support('FROM acme/base:1\nRUN a | b\n'), 'unknown');
    assert.equal(support('FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN a | b\n'), 'on');
    assert.equal(support('FROM debian:12 AS a\nSHELL ["/bin/bash", "-c"]\nFROM a\nRUN a | b\n'), 'yes');
    assert.equal(support('FROM debian:12\nRUN a | b\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\n'), 'dash');
    assert.equal(support('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN a | b\n'), 'other');
  });
  it('recognises pipes used as conditions', () => {
    const text = 'RUN if \\\n  a | b; then c; fi; while x | y; do :; done; d | e';
    assert.equal(isCondition(text, text.indexOf('if'), '\\'), true);
    assert.equal(isCondition(text, text.indexOf('a |'), '\\'), true);
    assert.equal(isCondition(text, text.indexOf('x |'), '\\'), true);
    assert.equal(isCondition(text, text.indexOf('d |'), '\\'), false);
  });
});

describe('model/secrets: secret mounts', () => {
  it('reads id, target and env with BuildKit defaults', () => {
    assert.deepEqual(
      secretMounts([
        { name: 'mount', value: 'type=secret,id=npm' },
        { name: 'mount', value: 'type=secret,id=k,dst=/k/key,required' },
        { name: 'mount', value: 'type=secret,id=t,env=TOKEN' },
        { name: 'mount', value: 'type=cache,target=/root/.cache' },
        { name: 'network', value: 'none' },
      ]),
      [
        { id: 'npm', target: '/run/secrets/npm', env: undefined },
        { id: 'k', target: '/k/key', env: undefined },
        { id: 't', target: '/run/secrets/t', env: 'TOKEN' },
      ],
    );
  });
});
