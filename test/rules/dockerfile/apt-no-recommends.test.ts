import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/apt-no-recommends';

ruleTester.run(
  rule,
  {
    valid: [
      ['FROM debian:12', 'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*'],
      { name: 'apt option -o APT::Install-Recommends=false', code: ['FROM debian:12', 'RUN apt-get -o APT::Install-Recommends=false install -y curl'] },
      {
        name: 'recommends turned off in apt.conf.d earlier in the stage',
        code: ['FROM debian:12', 'RUN echo \'APT::Install-Recommends "false";\' > /etc/apt/apt.conf.d/99-no-recommends', 'RUN apt-get install -y curl'],
      },
      {
        name: 'recommends turned off by a heredoc written to apt.conf.d',
        code: ['FROM debian:12', 'COPY <<EOF /etc/apt/apt.conf.d/99-no-recommends', 'APT::Install-Recommends "false";', 'EOF', 'RUN apt-get install -y curl'],
      },
      { name: 'install without packages (apt-get install -f repairs)', code: ['FROM debian:12', 'RUN apt-get install -f -y'] },
      { name: 'aptitude has its own switch', code: ['FROM debian:12', 'RUN aptitude install -y curl'] },
      { name: 'apk is not apt', code: ['FROM alpine:3.20', 'RUN apk add --no-cache curl'] },
      { name: 'apt-get remove', code: ['FROM debian:12', 'RUN apt-get remove -y curl'] },
      {
        name: 'apt-get install -s only simulates (docker-library/postgres, issue #4)',
        code: ['FROM debian:12', 'RUN if apt-get install -s "postgresql-$PG_MAJOR-jit" > /dev/null 2>&1; then \\', '      echo jit; \\', '    fi'],
      },
      { name: 'apt-get install --dry-run', code: ['FROM debian:12', 'RUN apt-get install --dry-run curl'] },
    ],
    invalid: [
      {
        name: 'apt-get install after update',
        code: ['FROM debian:12', 'RUN apt-get update && apt-get install -y curl'],
        errors: [{ messageId: 'recommends', data: { tool: 'apt-get' }, line: 2, column: 31, endLine: 2, endColumn: 38 }],
        output: ['FROM debian:12', 'RUN apt-get update && apt-get install --no-install-recommends -y curl'],
      },
      {
        name: 'apt behind sudo, lower-case keyword, package on a continuation line',
        code: ['FROM ubuntu:24.04', 'run sudo apt install -y \\', '    git'],
        errors: [{ messageId: 'recommends', data: { tool: 'apt' }, line: 2, column: 14, endLine: 2, endColumn: 21 }],
        output: ['FROM ubuntu:24.04', 'run sudo apt install --no-install-recommends -y \\', '    git'],
      },
      {
        name: 'heredoc script',
        code: ['FROM debian:12', 'RUN <<EOF', 'apt-get install -y curl', 'EOF'],
        errors: [{ messageId: 'recommends', line: 3, column: 9, endLine: 3, endColumn: 16 }],
        output: ['FROM debian:12', 'RUN <<EOF', 'apt-get install --no-install-recommends -y curl', 'EOF'],
      },
      {
        name: 'every stage: a builder stage installs too',
        code: ['FROM debian:12 AS build', 'RUN apt-get install -y gcc', 'FROM debian:12', 'RUN apt-get install -y --no-install-recommends ca-certificates'],
        errors: [{ messageId: 'recommends', line: 2, column: 13, endLine: 2, endColumn: 20 }],
        output: [
          'FROM debian:12 AS build',
          'RUN apt-get install --no-install-recommends -y gcc',
          'FROM debian:12',
          'RUN apt-get install -y --no-install-recommends ca-certificates',
        ],
      },
      {
        name: 'exec form: reported, no fix',
        code: ['FROM debian:12', 'RUN ["apt-get", "install", "-y", "curl"]'],
        errors: [{ messageId: 'recommends', line: 2, column: 18, endLine: 2, endColumn: 25 }],
        output: null,
      },
    ],
  },
  { onbuild: true },
);
