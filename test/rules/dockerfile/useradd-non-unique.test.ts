import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/useradd-non-unique';

ruleTester.run(
  rule,
  {
    valid: [
      ['FROM debian:12', 'RUN groupadd -g 10001 app && useradd -u 10001 -g app -m app'],
      { name: 'usermod -l takes a new login name, not -o', code: ['FROM debian:12', 'RUN usermod -l newname -d /home/newname -m oldname'] },
      { name: '-o as the value of another option', code: ['FROM debian:12', 'RUN useradd -c -o -m app'] },
      { name: 'adduser has no -o', code: ['FROM alpine:3.20', 'RUN adduser -D -u 10001 app'] },
      { name: 'other commands with -o', code: ['FROM debian:12', 'RUN curl -o /tmp/x https://example.com/x && sort -o out in'] },
    ],
    invalid: [
      {
        code: ['FROM debian:12', 'RUN useradd -o -u 0 admin'],
        errors: [{ messageId: 'nonUnique', data: { tool: 'useradd', flag: '-o' }, line: 2, column: 13, endLine: 2, endColumn: 15 }],
      },
      {
        name: 'long form on groupadd',
        code: ['FROM debian:12', 'RUN groupadd --non-unique --gid 100 staff2'],
        errors: [{ messageId: 'nonUnique', data: { tool: 'groupadd', flag: '--non-unique' }, line: 2, column: 14, endLine: 2, endColumn: 26 }],
      },
      {
        name: 'combined short flags: the letter o',
        code: ['FROM debian:12', 'RUN useradd -mou 1000 dev'],
        errors: [{ messageId: 'nonUnique', data: { tool: 'useradd', flag: '-o' }, line: 2, column: 15, endLine: 2, endColumn: 16 }],
      },
      {
        name: 'usermod after &&, behind sudo, on a continuation line',
        code: ['FROM debian:12', 'RUN useradd -m app && \\', '    sudo usermod -o -u 1000 app'],
        errors: [{ messageId: 'nonUnique', data: { tool: 'usermod', flag: '-o' }, line: 3, column: 18, endLine: 3, endColumn: 20 }],
      },
      {
        name: 'lower-case keyword, builder stage, groupmod',
        code: ['FROM debian:12 AS build', 'run groupmod -o -g 0 wheel2', 'FROM debian:12'],
        errors: [{ messageId: 'nonUnique', data: { tool: 'groupmod', flag: '-o' }, line: 2, column: 14, endLine: 2, endColumn: 16 }],
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
      code: ['FROM debian:12', 'RUN <<EOF', 'useradd -o -u 1000 dev', 'EOF'],
      errors: [{ messageId: 'nonUnique', data: { tool: 'useradd', flag: '-o' }, line: 3, column: 9, endLine: 3, endColumn: 11 }],
    },
  ],
});
