import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/no-setuid-bits';

ruleTester.run(
  rule,
  {
    valid: [
      ['FROM debian:12', 'RUN chmod 0755 /usr/local/bin/app'],
      { name: 'removing the bits is the remedy', code: ['FROM debian:12', 'RUN chmod u-s,g-s /usr/bin/passwd && chmod a-s /usr/bin/chsh'] },
      { name: 'o+s sets nothing', code: ['FROM debian:12', 'RUN chmod o+s /usr/local/bin/app'] },
      {
        name: 'setgid on a directory created in the same RUN (group inheritance)',
        code: ['FROM debian:12', 'RUN mkdir -p /srv/shared && chmod 2775 /srv/shared'],
      },
      { name: 'setgid on a path written as a directory', code: ['FROM debian:12', 'RUN chmod g+s /opt/conda/'] },
      { name: 'sticky bit only', code: ['FROM debian:12', 'RUN chmod 1777 /tmp'] },
      { name: 'a mode from a variable cannot be judged', code: ['FROM debian:12', 'RUN chmod "$MODE" /usr/local/bin/app'] },
      { name: 'COPY --chmod without special bits', code: ['FROM debian:12', 'COPY --chmod=0755 app /usr/local/bin/app'] },
      { name: 'chmod --reference', code: ['FROM debian:12', 'RUN chmod --reference=/bin/ls /usr/local/bin/app'] },
    ],
    invalid: [
      {
        code: ['FROM debian:12', 'RUN chmod u+s /usr/local/bin/app'],
        errors: [{ messageId: 'setuid', data: { mode: 'u+s' }, line: 2, column: 11, endLine: 2, endColumn: 14 }],
      },
      {
        name: '+s without who sets setuid and setgid',
        code: ['FROM debian:12', 'RUN chmod +s /usr/local/bin/nnp'],
        errors: [{ messageId: 'setuid', data: { mode: '+s' }, line: 2, column: 11, endLine: 2, endColumn: 13 }],
      },
      {
        name: 'octal 4755 after && on a continuation line',
        code: ['FROM debian:12', 'RUN cp app /usr/local/bin/ && \\', '    chmod 4755 /usr/local/bin/app'],
        errors: [{ messageId: 'setuid', data: { mode: '4755' }, line: 3, column: 11, endLine: 3, endColumn: 15 }],
      },
      {
        name: 'setgid on a file, recursive flag, lower-case keyword',
        code: ['FROM debian:12', 'run chmod -R 2755 /usr/local/bin/mailer'],
        errors: [{ messageId: 'setgid', data: { mode: '2755' }, line: 2, column: 14, endLine: 2, endColumn: 18 }],
      },
      {
        name: 'symbolic with several clauses, behind sudo',
        code: ['FROM debian:12', 'RUN sudo chmod u=rwxs,go=rx /usr/bin/tool'],
        errors: [{ messageId: 'setuid', data: { mode: 'u=rwxs,go=rx' }, line: 2, column: 16, endLine: 2, endColumn: 28 }],
      },
      {
        name: 'COPY --chmod with the setuid bit',
        code: ['FROM debian:12', 'COPY --chmod=4755 tool /usr/local/bin/tool'],
        errors: [{ messageId: 'copyChmod', data: { mode: '4755' }, line: 2, column: 14, endLine: 2, endColumn: 18 }],
      },
      {
        name: 'ADD --chmod from an ARG default',
        code: ['FROM debian:12', 'ARG MODE=6755', 'ADD --chmod=$MODE tool /usr/local/bin/tool'],
        errors: [{ messageId: 'copyChmod', data: { mode: '$MODE' }, line: 3, column: 13, endLine: 3, endColumn: 18 }],
      },
      {
        name: 'a builder stage still produces the binary',
        code: ['FROM debian:12 AS build', 'RUN chmod 6755 /out/tool', 'FROM debian:12'],
        errors: [{ messageId: 'setuid', data: { mode: '6755' }, line: 2, column: 11, endLine: 2, endColumn: 15 }],
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
      code: ['FROM debian:12', 'RUN <<EOF', 'chmod u+s /usr/bin/tool', 'EOF'],
      errors: [{ messageId: 'setuid', data: { mode: 'u+s' }, line: 3, column: 7, endLine: 3, endColumn: 10 }],
    },
  ],
});
