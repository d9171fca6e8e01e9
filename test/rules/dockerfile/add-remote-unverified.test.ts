import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/add-remote-unverified';

ruleTester.run(
  rule,
  {
    valid: [
      ['FROM alpine:3.20', 'ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/app.tar.gz /opt/'],
      { name: 'local sources belong to prefer-copy', code: ['FROM alpine:3.20', 'ADD ./app /app', 'ADD rootfs.tar.gz /'] },
      { name: 'git source pinned to a commit', code: ['FROM alpine:3.20', 'ADD https://github.com/moby/buildkit.git#d5b1f7a9d2c5ad4b6a4b5e3e1d7b2b5e0c6f4a1e /src'] },
      { name: 'git source pinned to a commit with a subdirectory', code: ['FROM alpine:3.20', 'ADD git@github.com:moby/buildkit.git#d5b1f7a9d2c5ad4b6a4b5e3e1d7b2b5e0c6f4a1e:docs /src'] },
      { name: 'git source in query form pinned to a commit', code: ['FROM alpine:3.20', 'ADD https://github.com/moby/buildkit.git?ref=d5b1f7a9d2c5ad4b6a4b5e3e1d7b2b5e0c6f4a1e&subdir=docs /src'] },
      { name: 'git source verified with --checksum', code: ['FROM alpine:3.20', 'ADD --checksum=d5b1f7a9d2c5ad4b6a4b5e3e1d7b2b5e0c6f4a1e https://github.com/moby/buildkit.git#v0.13.0 /src'] },
      { name: 'checksum from an ARG counts (its value is the builder\'s business)', code: ['FROM alpine:3.20', 'ARG SHA', 'ADD --checksum=$SHA https://example.com/app.tgz /opt/'] },
      { name: 'COPY never fetches URLs', code: ['FROM alpine:3.20', 'COPY https-proxy.conf /etc/'] },
      { name: 'an unresolvable variable source cannot be judged', code: ['FROM alpine:3.20', 'ARG SRC', 'ADD $SRC /opt/'] },
      { name: 'a git ref from an ARG without a default may be a commit', code: ['FROM alpine:3.20', 'ARG REF', 'ADD https://github.com/moby/buildkit.git#$REF /src'] },
      { name: 'heredoc ADD has no remote source', code: ['FROM alpine:3.20', 'ADD <<EOF /etc/motd', 'https://example.com', 'EOF'] },
    ],
    invalid: [
      {
        code: ['FROM alpine:3.20', 'ADD https://example.com/app.tar.gz /opt/'],
        errors: [{ messageId: 'url', data: { url: 'https://example.com/app.tar.gz' }, line: 2, column: 5, endLine: 2, endColumn: 35 }],
      },
      {
        name: 'several sources with other flags, lower-case keyword',
        code: ['FROM alpine:3.20', 'add --chown=10001:10001 http://example.com/a ftp://example.com/b ./local /opt/'],
        errors: [
          { messageId: 'url', data: { url: 'http://example.com/a' }, line: 2, column: 25, endLine: 2, endColumn: 45 },
          { messageId: 'url', data: { url: 'ftp://example.com/b' }, line: 2, column: 46, endLine: 2, endColumn: 65 },
        ],
      },
      {
        name: 'exec form: the URL inside the quotes',
        code: ['FROM alpine:3.20', 'ADD ["https://example.com/a b.txt", "/opt/"]'],
        errors: [{ messageId: 'url', data: { url: 'https://example.com/a b.txt' }, line: 2, column: 7, endLine: 2, endColumn: 34 }],
      },
      {
        name: 'URL with an ARG version still reported (resolved text in the message)',
        code: ['FROM alpine:3.20', 'ARG VERSION=1.2.3', 'ADD https://example.com/v${VERSION}/tool.tgz /opt/'],
        errors: [{ messageId: 'url', data: { url: 'https://example.com/v1.2.3/tool.tgz' }, line: 3, column: 5, endLine: 3, endColumn: 45 }],
      },
      {
        name: 'URL with an unresolvable variable is still a URL',
        code: ['FROM alpine:3.20', 'ARG VERSION', 'ADD https://example.com/v${VERSION}/tool.tgz /opt/'],
        errors: [{ messageId: 'url', data: { url: 'https://example.com/v${VERSION}/tool.tgz' }, line: 3, column: 5, endLine: 3, endColumn: 45 }],
      },
      {
        name: 'an empty --checksum verifies nothing',
        code: ['FROM alpine:3.20', 'ADD --checksum= https://example.com/app.tgz /opt/'],
        errors: [{ messageId: 'url', line: 2, column: 17, endLine: 2, endColumn: 44 }],
      },
      {
        name: 'git over https on a branch',
        code: ['FROM alpine:3.20', 'ADD https://github.com/moby/buildkit.git#master /src'],
        errors: [{ messageId: 'git', data: { url: 'https://github.com/moby/buildkit.git#master' }, line: 2, column: 5, endLine: 2, endColumn: 48 }],
      },
      {
        name: 'git over ssh, unpinned, on a continuation line',
        code: ['FROM alpine:3.20', 'ADD --keep-git-dir=true \\', '    git@github.com:moby/buildkit.git /src'],
        errors: [{ messageId: 'git', data: { url: 'git@github.com:moby/buildkit.git' }, line: 3, column: 5, endLine: 3, endColumn: 37 }],
      },
      {
        name: 'quoted git source with a tag from an ARG default (corpus: moby/buildkit)',
        code: ['ARG RUNC_VERSION=v1.4.3', 'FROM alpine:3.20', 'ARG RUNC_VERSION', 'ADD --keep-git-dir=true "https://github.com/opencontainers/runc.git#$RUNC_VERSION" .'],
        errors: [{ messageId: 'git', data: { url: 'https://github.com/opencontainers/runc.git#v1.4.3' }, line: 4, column: 25, endLine: 4, endColumn: 83 }],
      },
      {
        name: 'quoted URL',
        code: ['FROM alpine:3.20', "ADD 'https://example.com/tool' /usr/local/bin/tool"],
        errors: [{ messageId: 'url', data: { url: 'https://example.com/tool' }, line: 2, column: 5, endLine: 2, endColumn: 31 }],
      },
      {
        name: 'an abbreviated commit is not a pin',
        code: ['FROM alpine:3.20', 'ADD https://github.com/moby/buildkit.git#d5b1f7a /src'],
        errors: [{ messageId: 'git', line: 2, column: 5, endLine: 2, endColumn: 49 }],
      },
      {
        name: 'URL from an ENV variable',
        code: ['FROM alpine:3.20', 'ENV TOOL_URL=https://example.com/tool', 'ADD $TOOL_URL /usr/local/bin/tool'],
        errors: [{ messageId: 'url', data: { url: 'https://example.com/tool' }, line: 3, column: 5, endLine: 3, endColumn: 14 }],
      },
    ],
  },
  { onbuild: true },
);
