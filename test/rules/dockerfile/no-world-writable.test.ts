import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/no-world-writable';

ruleTester.run(
  rule,
  {
    valid: [
      ['FROM debian:12', 'RUN chmod 755 /app && chmod 664 /app/config.yml'],
      {
        name: 'sticky world-writable directories (like /tmp)',
        code: ['FROM debian:12', 'RUN mkdir -p /scratch && chmod 1777 /scratch && chmod a+rwxt /shared'],
      },
      { name: '+w without who follows the umask', code: ['FROM debian:12', 'RUN chmod +w /app/data && chmod ug+w /app/cache'] },
      { name: 'removing write for others is the remedy', code: ['FROM debian:12', 'RUN chmod o-w /app && chmod -R go-w /srv'] },
      {
        name: 'a temporary directory removed in the same RUN',
        code: ['FROM debian:12', 'RUN tempDir="$(mktemp -d)" && chmod 777 "$tempDir" && make -C "$tempDir" && rm -rf "$tempDir"'],
      },
      { name: 'COPY --chmod without write for others', code: ['FROM debian:12', 'COPY --chmod=755 app /app'] },
      { name: 'a mode from a variable cannot be judged', code: ['FROM debian:12', 'RUN chmod "$MODE" /app'] },
    ],
    invalid: [
      {
        code: ['FROM debian:12', 'RUN chmod 777 /app'],
        errors: [
          {
            messageId: 'worldWritable',
            data: { mode: '777' },
            line: 2,
            column: 11,
            endLine: 2,
            endColumn: 14,
          },
        ],
        output: ['FROM debian:12', 'RUN chmod 775 /app'],
      },
      {
        name: 'recursive, 0666, option after the mode',
        code: ['FROM debian:12', 'RUN chmod 0666 -R /var/lib/app'],
        errors: [
          {
            messageId: 'worldWritableRecursive',
            data: { mode: '0666' },
            line: 2,
            column: 11,
            endLine: 2,
            endColumn: 15,
          },
        ],
        output: ['FROM debian:12', 'RUN chmod 0664 -R /var/lib/app'],
      },
      {
        name: 'a+w becomes ug+w',
        code: ['FROM debian:12', 'RUN chmod -R a+w /usr/share/dotnet'],
        errors: [
          {
            messageId: 'worldWritableRecursive',
            data: { mode: 'a+w' },
            line: 2,
            column: 14,
            endLine: 2,
            endColumn: 17,
          },
        ],
        output: ['FROM debian:12', 'RUN chmod -R ug+w /usr/share/dotnet'],
      },
      {
        name: 'o+w has no obvious narrower mode: no fix',
        code: ['FROM debian:12', 'run chmod o+w /app/log.txt'],
        errors: [{ messageId: 'worldWritable', data: { mode: 'o+w' }, line: 2, column: 11, endLine: 2, endColumn: 14 }],
        output: null,
      },
      {
        name: 'setgid 2777 without sticky, after && on a continuation line',
        code: ['FROM debian:12', 'RUN mkdir -p /run/app && \\', '    chmod 2777 /run/app'],
        errors: [
          {
            messageId: 'worldWritable',
            data: { mode: '2777' },
            line: 3,
            column: 11,
            endLine: 3,
            endColumn: 15,
          },
        ],
        output: ['FROM debian:12', 'RUN mkdir -p /run/app && \\', '    chmod 2775 /run/app'],
      },
      {
        name: 'COPY --chmod=777',
        code: ['FROM debian:12', 'COPY --chmod=777 app /app'],
        errors: [
          {
            messageId: 'copyChmod',
            data: { mode: '777' },
            line: 2,
            column: 14,
            endLine: 2,
            endColumn: 17,
          },
        ],
        output: ['FROM debian:12', 'COPY --chmod=775 app /app'],
      },
      {
        name: 'the removed path differs from the chmod one',
        code: ['FROM debian:12 AS build', 'RUN chmod 777 /app && rm -rf /tmp/x', 'FROM debian:12'],
        errors: [
          {
            messageId: 'worldWritable',
            data: { mode: '777' },
            line: 2,
            column: 11,
            endLine: 2,
            endColumn: 14,
          },
        ],
        output: ['FROM debian:12 AS build', 'RUN chmod 775 /app && rm -rf /tmp/x', 'FROM debian:12'],
      },
    ],
  },
  { onbuild: true },
);

ruleTester.run(rule, {
  valid: [],
  invalid: [
    {
      name: 'heredoc script',
      code: ['FROM debian:12', 'RUN <<EOF', 'chmod 777 /app', 'EOF'],
      errors: [
        {
          messageId: 'worldWritable',
          data: { mode: '777' },
          line: 3,
          column: 7,
          endLine: 3,
          endColumn: 10,
        },
      ],
      output: ['FROM debian:12', 'RUN <<EOF', 'chmod 775 /app', 'EOF'],
    },
  ],
});
