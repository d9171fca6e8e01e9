import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/engine/index';
import { buildContext, ignorePatterns, isIgnored } from '../../server/src/engine/model/build-context';
import type { DockerfileModel } from '../../server/src/engine/model/dockerfile';

const model = (path: string | undefined, files: Record<string, string> | undefined) =>
  analyze('FROM alpine:3.20\n', { kind: 'dockerfile', ...(path !== undefined ? { path } : {}), ...(files ? { files: { read: (p: string) => files[p] } } : {}), rules: [] }).model as DockerfileModel;

describe('build context: .dockerignore', () => {
  it('is unknown without a host path and reader', () => {
    assert.equal(buildContext(model(undefined, undefined)), undefined);
    assert.equal(buildContext(model('Dockerfile', undefined)), undefined);
  });

  it('reads <Dockerfile>.dockerignore first, then .dockerignore in the Dockerfile directory', () => {
    assert.deepEqual(buildContext(model('a/b.Dockerfile', { 'a/b.Dockerfile.dockerignore': 'x', 'a/.dockerignore': 'y' })), { ignoreFile: { path: 'a/b.Dockerfile.dockerignore', text: 'x' } });
    assert.deepEqual(buildContext(model('a/Dockerfile', { 'a/.dockerignore': 'y' })), { ignoreFile: { path: 'a/.dockerignore', text: 'y' } });
    assert.deepEqual(buildContext(model('/abs/Dockerfile', {})), { ignoreFile: undefined });
  });

  it('matches patterns as Docker does: directories, globs, **, negation, leading ./ and /', () => {
    const p = ignorePatterns(['# comment', '', '/.git/', './node_modules', '**/*.pem', '.env*', '!.env.example', 'build?'].join('\n'));
    assert.equal(isIgnored(p, '.git'), true);
    assert.equal(isIgnored(p, '.git/config'), true);
    assert.equal(isIgnored(p, 'node_modules/x/index.js'), true);
    assert.equal(isIgnored(p, 'certs/dev/key.pem'), true);
    assert.equal(isIgnored(p, 'key.pem'), true);
    assert.equal(isIgnored(p, '.env'), true);
    assert.equal(isIgnored(p, '.env.local'), true);
    assert.equal(isIgnored(p, '.env.example'), false);
    assert.equal(isIgnored(p, 'build1'), true);
    assert.equal(isIgnored(p, 'src/.git'), false);
    assert.equal(isIgnored(ignorePatterns('*\n!src'), '.git'), true);
    assert.equal(isIgnored(ignorePatterns('*\n!src'), 'src/main.go'), false);
  });
});
