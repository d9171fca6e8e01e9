import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/prefer-copy';

ruleTester.run(
  rule,
  {
    valid: [
      ['FROM alpine:3.20', 'COPY ./app /app'],
      { name: 'ADD is the only way to auto-extract a local archive', code: ['FROM alpine:3.20', 'ADD rootfs.tar.gz /'] },
      { name: 'remote URLs belong to add-remote-unverified', code: ['FROM alpine:3.20', 'ADD https://example.com/x.tgz /opt/'] },
      { name: 'git URLs belong to add-remote-unverified', code: ['FROM alpine:3.20', 'ADD git@github.com:moby/buildkit.git /src'] },
      { name: 'quoted remote URL (moby/buildkit corpus)', code: ['FROM alpine:3.20', 'ADD --keep-git-dir=true "https://github.com/moby/buildkit.git#v0.12" /src'] },
      { name: 'ADD-only flags mean the author wants ADD', code: ['FROM alpine:3.20', 'ADD --unpack=false ./layer /layer'] },
    ],
    invalid: [
      {
        name: 'local directory',
        code: ['FROM alpine:3.20', 'ADD ./app /app'],
        errors: [{ messageId: 'useCopy', line: 2, column: 1, endLine: 2, endColumn: 4 }],
        output: ['FROM alpine:3.20', 'COPY ./app /app'],
      },
      {
        name: 'flags and continuation lines are kept',
        code: ['FROM alpine:3.20', 'ADD --chown=10001:10001 \\', '    ./app /app'],
        errors: [{ messageId: 'useCopy', line: 2, column: 1, endLine: 2, endColumn: 4 }],
        output: ['FROM alpine:3.20', 'COPY --chown=10001:10001 \\', '    ./app /app'],
      },
      {
        name: 'exec form and lower-case keyword keep their style',
        code: ['FROM alpine:3.20', 'add ["a b.txt", "/app/"]'],
        errors: [{ messageId: 'useCopy', line: 2, column: 1, endLine: 2, endColumn: 4 }],
        output: ['FROM alpine:3.20', 'copy ["a b.txt", "/app/"]'],
      },
    ],
  },
  { onbuild: true },
);
