import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/useradd-no-log-init';

ruleTester.run(
  rule,
  {
    valid: [
      ['FROM debian:12', 'RUN useradd --no-log-init -u 100000 app'],
      { name: '-l is the short form', code: ['FROM debian:12', 'RUN useradd -l -m -u 100000 app'] },
      { name: 'combined short flags with l', code: ['FROM debian:12', 'RUN useradd -mlu 100000 app'] },
      { name: 'a UID below the threshold', code: ['FROM debian:12', 'RUN useradd -u 10001 app'] },
      { name: 'no UID: useradd picks a low one', code: ['FROM debian:12', 'RUN useradd -m app'] },
      { name: 'an unresolvable UID', code: ['FROM debian:12', 'RUN useradd -u "$APP_UID" app'] },
      { name: 'adduser does not write lastlog entries itself', code: ['FROM alpine:3.20', 'RUN adduser -D -u 100000 app'] },
      { name: 'usermod -l renames, it is no log flag', code: ['FROM debian:12', 'RUN usermod -u 100000 app'] },
      { name: 'a higher threshold from options', options: { minUid: 200000 }, code: ['FROM debian:12', 'RUN useradd -u 100000 app'] },
    ],
    invalid: [
      {
        code: ['FROM debian:12', 'RUN useradd -u 100000 app'],
        errors: [{ messageId: 'noLogInit', data: { uid: '100000', size: '29' }, line: 2, column: 16, endLine: 2, endColumn: 22 }],
        output: ['FROM debian:12', 'RUN useradd --no-log-init -u 100000 app'],
      },
      {
        name: '--uid=, from an ARG default, lower-case keyword',
        code: ['FROM debian:12', 'ARG UID=70000', 'run groupadd -g $UID app && useradd --uid=$UID -g app app'],
        errors: [{ messageId: 'noLogInit', data: { uid: '70000', size: '20' }, line: 3, column: 37, endLine: 3, endColumn: 47 }],
        output: ['FROM debian:12', 'ARG UID=70000', 'run groupadd -g $UID app && useradd --no-log-init --uid=$UID -g app app'],
      },
      {
        name: 'behind sudo on a continuation line, in a builder stage',
        code: ['FROM debian:12 AS build', 'RUN true && \\', '    sudo /usr/sbin/useradd -m -u 1000000 dev', 'FROM debian:12'],
        errors: [{ messageId: 'noLogInit', data: { uid: '1000000', size: '292' }, line: 3, column: 34, endLine: 3, endColumn: 41 }],
        output: ['FROM debian:12 AS build', 'RUN true && \\', '    sudo /usr/sbin/useradd --no-log-init -m -u 1000000 dev', 'FROM debian:12'],
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
      code: ['FROM debian:12', 'RUN <<EOF', 'useradd -u 123456 app', 'EOF'],
      errors: [{ messageId: 'noLogInit', data: { uid: '123456', size: '36' }, line: 3, column: 12, endLine: 3, endColumn: 18 }],
      output: ['FROM debian:12', 'RUN <<EOF', 'useradd --no-log-init -u 123456 app', 'EOF'],
    },
    {
      name: 'exec form: reported without a fix',
      code: ['FROM debian:12', 'RUN ["useradd", "-u", "100000", "app"]'],
      errors: [{ messageId: 'noLogInit', data: { uid: '100000', size: '29' }, line: 2, column: 24, endLine: 2, endColumn: 30 }],
      output: null,
    },
  ],
});
