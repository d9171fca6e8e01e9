import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/nonsensical-command';

ruleTester.run(
  rule,
  {
    valid: [
      ['FROM debian:12', 'RUN apt-get update && apt-get install -y --no-install-recommends procps vim'],
      {
        name: 'the tools named as arguments or in strings',
        code: ['FROM debian:12', 'RUN echo "run top to see load" && which ps && ln -s /usr/bin/vim /usr/local/bin/vi'],
      },
      { name: '`command -v ps` only checks whether ps exists', code: ['FROM debian:12', 'RUN if command -v ps >/dev/null; then echo ok; fi'] },
      { name: 'kill of a process this RUN started in the background', code: ['FROM debian:12', 'RUN server --init & pid=$!; sleep 5; kill "$pid"'] },
      { name: 'CMD and ENTRYPOINT are run-time commands', code: ['FROM debian:12', 'CMD service nginx start && tail -f /dev/null'] },
      { name: 'a heredoc written to a file is data', code: ['FROM debian:12', 'RUN cat > /usr/local/bin/stop <<EOF', 'kill 1', 'EOF'] },
      {
        name: 'ssh-keyscan and ssh-keygen are different tools',
        code: ['FROM debian:12', 'RUN ssh-keyscan github.com >> /etc/ssh/ssh_known_hosts && ssh-keygen -A'],
      },
    ],
    invalid: [
      {
        code: ['FROM debian:12', 'RUN service mysql start'],
        errors: [{ messageId: 'nonsensical', data: { command: 'service' }, line: 2, column: 5, endLine: 2, endColumn: 12 }],
      },
      {
        name: 'several tools across continuation lines',
        code: ['FROM debian:12', 'RUN ps aux && \\', '    free -m; \\', '    /usr/bin/top -b -n 1'],
        errors: [
          { messageId: 'nonsensical', data: { command: 'ps' }, line: 2, column: 5, endLine: 2, endColumn: 7 },
          { messageId: 'nonsensical', data: { command: 'free' }, line: 3, column: 5, endLine: 3, endColumn: 9 },
          { messageId: 'nonsensical', data: { command: 'top' }, line: 4, column: 5, endLine: 4, endColumn: 17 },
        ],
      },
      {
        name: 'behind sudo, lower-case keyword',
        code: ['FROM debian:12', 'run sudo mount -t tmpfs none /mnt'],
        errors: [{ messageId: 'nonsensical', data: { command: 'mount' }, line: 2, column: 10, endLine: 2, endColumn: 15 }],
      },
      {
        name: 'editors, ssh and shutdown in a builder stage',
        code: ['FROM debian:12 AS build', 'RUN vim -c wq /etc/hosts; nano x; ssh host true; shutdown -h now; ifconfig; kill 1', 'FROM debian:12'],
        errors: [
          { messageId: 'nonsensical', data: { command: 'vim' }, line: 2, column: 5, endLine: 2, endColumn: 8 },
          { messageId: 'nonsensical', data: { command: 'nano' }, line: 2, column: 27, endLine: 2, endColumn: 31 },
          { messageId: 'nonsensical', data: { command: 'ssh' }, line: 2, column: 35, endLine: 2, endColumn: 38 },
          { messageId: 'nonsensical', data: { command: 'shutdown' }, line: 2, column: 50, endLine: 2, endColumn: 58 },
          { messageId: 'nonsensical', data: { command: 'ifconfig' }, line: 2, column: 67, endLine: 2, endColumn: 75 },
          { messageId: 'nonsensical', data: { command: 'kill' }, line: 2, column: 77, endLine: 2, endColumn: 81 },
        ],
      },
      {
        name: 'exec-form RUN',
        code: ['FROM debian:12', 'RUN ["service", "ssh", "start"]'],
        errors: [{ messageId: 'nonsensical', data: { command: 'service' }, line: 2, column: 7, endLine: 2, endColumn: 14 }],
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
      code: ['FROM debian:12', 'RUN <<EOF', 'service postgresql start', 'EOF'],
      errors: [{ messageId: 'nonsensical', data: { command: 'service' }, line: 3, column: 1, endLine: 3, endColumn: 8 }],
    },
  ],
});
