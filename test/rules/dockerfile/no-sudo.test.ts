import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/no-sudo';

ruleTester.run(
  rule,
  {
    valid: [
      ['FROM debian:12', 'RUN apt-get update && apt-get install -y curl'],
      { name: 'installing the sudo package is not running sudo', code: ['FROM debian:12', 'RUN apt-get install -y --no-install-recommends sudo'] },
      { name: 'configuring sudoers is not running sudo', code: ['FROM debian:12', 'RUN echo "app ALL=(ALL) NOPASSWD:ALL" > /etc/sudoers.d/app && chmod 0440 /etc/sudoers.d/app'] },
      { name: '`command -v sudo` only checks whether sudo exists', code: ['FROM debian:12', 'RUN if command -v sudo >/dev/null; then echo yes; fi'] },
      { name: 'sudo as an argument or inside a quoted string', code: ['FROM debian:12', 'RUN usermod -aG sudo app && echo "sudo is not used here"'] },
      { name: 'a heredoc written to a file is data, not a script', code: ['FROM debian:12', 'RUN cat > /usr/local/bin/up <<EOF', 'sudo apt-get update', 'EOF'] },
      { name: 'exec-form CMD that is not sudo', code: ['FROM debian:12', 'CMD ["gosu", "app", "server"]'] },
      { name: 'other instructions mentioning sudo', code: ['FROM debian:12', 'LABEL note="no sudo"', 'COPY sudoers /etc/sudoers.d/app'] },
    ],
    invalid: [
      {
        code: ['FROM debian:12', 'RUN sudo apt-get update'],
        errors: [{ messageId: 'sudo', line: 2, column: 5, endLine: 2, endColumn: 9 }],
      },
      {
        name: 'after && and ; on continuation lines',
        code: ['FROM debian:12', 'RUN apt-get update && \\', '    sudo apt-get install -y curl; \\', '    sudo -u app make install'],
        errors: [
          { messageId: 'sudo', line: 3, column: 5, endLine: 3, endColumn: 9 },
          { messageId: 'sudo', line: 4, column: 5, endLine: 4, endColumn: 9 },
        ],
      },
      {
        name: 'inside $(...)',
        code: ['FROM debian:12', 'RUN echo "$(sudo cat /etc/shadow)" > /dev/null'],
        errors: [{ messageId: 'sudo', line: 2, column: 13, endLine: 2, endColumn: 17 }],
      },
      {
        name: 'behind another wrapper, with an absolute path',
        code: ['FROM debian:12', 'RUN env DEBIAN_FRONTEND=noninteractive /usr/bin/sudo apt-get upgrade -y'],
        errors: [{ messageId: 'sudo', line: 2, column: 40, endLine: 2, endColumn: 53 }],
      },
      {
        name: 'shell-form CMD and ENTRYPOINT, lower-case keywords',
        code: ['FROM debian:12', 'entrypoint sudo -E /entrypoint.sh', 'cmd sudo service ssh start && bash'],
        errors: [
          { messageId: 'sudo', line: 2, column: 12, endLine: 2, endColumn: 16 },
          { messageId: 'sudo', line: 3, column: 5, endLine: 3, endColumn: 9 },
        ],
      },
      {
        name: 'exec-form RUN runs sudo too',
        code: ['FROM debian:12', 'RUN ["sudo", "apt-get", "update"]'],
        errors: [{ messageId: 'sudo', line: 2, column: 7, endLine: 2, endColumn: 11 }],
      },
      {
        name: 'a builder stage is still a build step',
        code: ['FROM debian:12 AS build', 'RUN sudo make', 'FROM gcr.io/distroless/static-debian12:nonroot'],
        errors: [{ messageId: 'sudo', line: 2, column: 5, endLine: 2, endColumn: 9 }],
      },
    ],
  },
  { onbuild: true },
);

// Heredoc scripts: kept apart because the ONBUILD replay wraps lines, and a heredoc body line is not an instruction.
ruleTester.run(rule, {
  valid: [],
  invalid: [
    {
      name: 'heredoc script run by RUN',
      code: ['FROM debian:12', 'RUN <<EOF', 'set -e', 'sudo apt-get update', 'EOF'],
      errors: [{ messageId: 'sudo', line: 4, column: 1, endLine: 4, endColumn: 5 }],
    },
    {
      name: 'heredoc fed to bash',
      code: ['FROM debian:12', 'RUN bash <<EOF', '  sudo make install', 'EOF'],
      errors: [{ messageId: 'sudo', line: 3, column: 3, endLine: 3, endColumn: 7 }],
    },
    {
      name: 'ONBUILD RUN heredoc',
      code: ['FROM debian:12', 'ONBUILD RUN <<EOF', 'sudo make', 'EOF'],
      errors: [{ messageId: 'sudo', line: 3, column: 1, endLine: 3, endColumn: 5 }],
    },
  ],
});
