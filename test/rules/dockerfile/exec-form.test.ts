import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/exec-form';

ruleTester.run(
  rule,
  {
    valid: [
      ['FROM node:22', 'CMD ["node", "server.js"]'],
      { name: 'empty exec form clears the inherited command', code: ['FROM tomcat:10', 'ENTRYPOINT []', 'CMD []'] },
      { name: 'needs a shell and already execs the application', code: ['FROM eclipse-temurin:21', 'CMD exec java $JAVA_OPTS -jar /app.jar'] },
      { name: 'RUN is not this rule', code: ['FROM alpine:3.20', 'RUN echo hi'] },
    ],
    invalid: [
      {
        name: 'plain words become a JSON array',
        code: ['FROM eclipse-temurin:21', 'CMD java -jar /app.jar'],
        errors: [{ messageId: 'shellCmd', line: 2, column: 5, endLine: 2, endColumn: 23 }],
        output: ['FROM eclipse-temurin:21', 'CMD ["java", "-jar", "/app.jar"]'],
      },
      {
        name: 'quotes the shell would remove; JSON escapes quotes and backslashes',
        code: ['FROM nginx:1.27', 'cmd nginx -g "daemon off;" \'say "hi"\' a\\\\b'],
        errors: [{ messageId: 'shellCmd', line: 2, column: 5, endLine: 2, endColumn: 43 }],
        output: ['FROM nginx:1.27', 'cmd ["nginx", "-g", "daemon off;", "say \\"hi\\"", "a\\\\b"]'],
      },
      {
        name: 'continuation lines are joined',
        code: ['FROM python:3.12', 'CMD gunicorn \\', '    --bind 0.0.0.0:8000 app:app'],
        errors: [{ messageId: 'shellCmd', line: 2, column: 5, endLine: 3, endColumn: 32 }],
        output: ['FROM python:3.12', 'CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]'],
      },
      {
        name: 'a leading exec is dropped',
        code: ['FROM nginx:1.27', 'CMD exec nginx -g "daemon off;"'],
        errors: [{ messageId: 'shellCmd', line: 2, column: 5, endLine: 2, endColumn: 32 }],
        output: ['FROM nginx:1.27', 'CMD ["nginx", "-g", "daemon off;"]'],
      },
      {
        name: 'ENTRYPOINT without a CMD in the stage: safe fix',
        code: ['FROM alpine:3.20', 'ENTRYPOINT /usr/local/bin/app --serve'],
        errors: [{ messageId: 'shellEntrypoint', line: 2, column: 12, endLine: 2, endColumn: 38 }],
        output: ['FROM alpine:3.20', 'ENTRYPOINT ["/usr/local/bin/app", "--serve"]'],
      },
      {
        name: 'ENTRYPOINT with a CMD in the stage: exec form would append CMD, so only a suggestion',
        code: ['FROM alpine:3.20', 'ENTRYPOINT app --serve', 'CMD ["--port", "80"]'],
        errors: [
          {
            messageId: 'shellEntrypoint',
            line: 2,
            column: 12,
            endLine: 2,
            endColumn: 23,
            suggestions: [{ messageId: 'toJson', output: ['FROM alpine:3.20', 'ENTRYPOINT ["app", "--serve"]', 'CMD ["--port", "80"]'] }],
          },
        ],
        output: null,
      },
      {
        name: 'a variable needs the shell: suggestions, no fix',
        code: ['FROM eclipse-temurin:21', 'CMD java $JAVA_OPTS -jar /app.jar'],
        errors: [
          {
            messageId: 'shellCmd',
            line: 2,
            column: 5,
            endLine: 2,
            endColumn: 34,
            suggestions: [
              { messageId: 'execPrefix', output: ['FROM eclipse-temurin:21', 'CMD exec java $JAVA_OPTS -jar /app.jar'] },
              { messageId: 'shellWrapper', output: ['FROM eclipse-temurin:21', 'CMD ["/bin/sh", "-c", "exec java $JAVA_OPTS -jar /app.jar"]'] },
            ],
          },
        ],
        output: null,
      },
      {
        name: 'a list: exec goes before the last command',
        code: ['FROM python:3.12', 'CMD ./migrate.sh && gunicorn app:app'],
        errors: [
          {
            messageId: 'shellCmd',
            line: 2,
            column: 5,
            endLine: 2,
            endColumn: 37,
            suggestions: [
              { messageId: 'execPrefix', output: ['FROM python:3.12', 'CMD ./migrate.sh && exec gunicorn app:app'] },
              { messageId: 'shellWrapper', output: ['FROM python:3.12', 'CMD ["/bin/sh", "-c", "./migrate.sh && exec gunicorn app:app"]'] },
            ],
          },
        ],
        output: null,
      },
      {
        name: 'a pipeline cannot hand PID 1 to one command: no suggestion',
        code: ['FROM alpine:3.20', 'CMD app | tee /var/log/app.log'],
        errors: [{ messageId: 'shellCmd', line: 2, column: 5, endLine: 2, endColumn: 31 }],
        output: null,
      },
      {
        name: 'a glob needs the shell',
        code: ['FROM alpine:3.20', 'CMD cat /etc/app/*.conf'],
        errors: [
          {
            messageId: 'shellCmd',
            line: 2,
            column: 5,
            endLine: 2,
            endColumn: 24,
            suggestions: [
              { messageId: 'execPrefix', output: ['FROM alpine:3.20', 'CMD exec cat /etc/app/*.conf'] },
              { messageId: 'shellWrapper', output: ['FROM alpine:3.20', 'CMD ["/bin/sh", "-c", "exec cat /etc/app/*.conf"]'] },
            ],
          },
        ],
        output: null,
      },
      {
        name: 'a SHELL instruction changes the shell: report only',
        code: ['FROM mcr.microsoft.com/powershell:7.4', 'SHELL ["pwsh", "-Command"]', 'CMD Write-Host hi'],
        errors: [{ messageId: 'shellCmd', line: 3, column: 5, endLine: 3, endColumn: 18 }],
        output: null,
      },
    ],
  },
  { onbuild: true },
);
