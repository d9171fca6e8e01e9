import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/no-password-in-build';

ruleTester.run(
  rule,
  {
    valid: [
      ['FROM debian:12', 'RUN useradd -m -u 10001 app'],
      { name: 'locking an account is not setting a password', code: ['FROM debian:12', 'RUN passwd -l root && usermod -L app'] },
      { name: 'passwd status query fed by nothing', code: ['FROM debian:12', 'RUN passwd -S root'] },
      { name: 'openssl passwd only computes a hash', code: ['FROM debian:12', 'RUN openssl passwd -6 -salt x y > /dev/null'] },
      { name: 'usermod -l renames, -p absent', code: ['FROM debian:12', 'RUN usermod -l new old'] },
      { name: 'chpasswd mentioned in a string', code: ['FROM debian:12', 'RUN echo "chpasswd is not used"'] },
    ],
    invalid: [
      {
        code: ['FROM debian:12', 'RUN echo "root:secret" | chpasswd'],
        errors: [{ messageId: 'chpasswd', data: { command: 'chpasswd' }, line: 2, column: 26, endLine: 2, endColumn: 34 }],
      },
      {
        name: 'passwd -d removes the password',
        code: ['FROM debian:12', 'RUN useradd -m app && passwd -d app'],
        errors: [{ messageId: 'passwdDelete', data: { flag: '-d' }, line: 2, column: 30, endLine: 2, endColumn: 32 }],
      },
      {
        name: 'passwd --delete on a continuation line',
        code: ['FROM debian:12', 'RUN useradd -m app && \\', '    passwd --delete root'],
        errors: [{ messageId: 'passwdDelete', data: { flag: '--delete' }, line: 3, column: 12, endLine: 3, endColumn: 20 }],
      },
      {
        name: 'echo piped into passwd',
        code: ['FROM debian:12', 'RUN printf "pw\\npw\\n" | passwd app'],
        errors: [{ messageId: 'passwdStdin', line: 2, column: 25, endLine: 2, endColumn: 31 }],
      },
      {
        name: 'passwd --stdin (RHEL)',
        code: ['FROM rockylinux:9', 'run passwd --stdin app < /tmp/pw'],
        errors: [{ messageId: 'passwdStdin', line: 2, column: 5, endLine: 2, endColumn: 11 }],
      },
      {
        name: 'usermod -p with a hash: the message names only the option',
        code: ['FROM debian:12', 'RUN usermod -p "$(openssl passwd -1 secret)" app'],
        errors: [{ messageId: 'passwordOption', data: { flag: '-p' }, line: 2, column: 13, endLine: 2, endColumn: 15 }],
      },
      {
        name: 'useradd --password=HASH in a builder stage',
        code: ['FROM debian:12 AS build', 'RUN useradd --password=$6$abc$def app', 'FROM debian:12'],
        errors: [{ messageId: 'passwordOption', data: { flag: '--password' }, line: 2, column: 13, endLine: 2, endColumn: 34 }],
      },
      {
        name: 'behind sudo, with an absolute path',
        code: ['FROM debian:12', 'RUN echo "app:pw" | sudo /usr/sbin/chpasswd'],
        errors: [{ messageId: 'chpasswd', data: { command: 'chpasswd' }, line: 2, column: 26, endLine: 2, endColumn: 44 }],
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
      code: ['FROM debian:12', 'RUN <<EOF', 'echo "root:root" | chpasswd', 'EOF'],
      errors: [{ messageId: 'chpasswd', data: { command: 'chpasswd' }, line: 3, column: 20, endLine: 3, endColumn: 28 }],
    },
  ],
});
