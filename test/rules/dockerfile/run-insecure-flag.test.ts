import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/run-insecure-flag';

ruleTester.run(
  rule,
  {
    valid: [
      ['FROM alpine:3.20', 'RUN apk add --no-cache curl'],
      { name: 'the default sandbox and no network', code: ['FROM alpine:3.20', 'RUN --security=sandbox --network=none make test'] },
      { name: 'secret and cache mounts', code: ['FROM alpine:3.20', 'RUN --mount=type=secret,id=npm --mount=type=cache,target=/root/.cache make'] },
      { name: 'the flags written in the command are not RUN flags', code: ['FROM alpine:3.20', 'RUN docker run --network=host app'] },
    ],
    invalid: [
      {
        name: '--security=insecure',
        code: ['FROM alpine:3.20', 'RUN --security=insecure mount -t tmpfs none /mnt'],
        errors: [{ messageId: 'insecure', line: 2, column: 5, endLine: 2, endColumn: 24 }],
      },
      {
        name: '--network=host, lower-case keyword, with other flags',
        code: ['FROM alpine:3.20', 'run --mount=type=cache,target=/root/.cache --network=host go test ./...'],
        errors: [{ messageId: 'hostNetwork', line: 2, column: 44, endLine: 2, endColumn: 58 }],
      },
      {
        name: 'both, over a continuation line, value from an ARG',
        code: ['FROM alpine:3.20', 'ARG NET=host', 'RUN --network=$NET \\', '    --security=insecure make'],
        errors: [
          { messageId: 'hostNetwork', line: 3, column: 5, endLine: 3, endColumn: 19 },
          { messageId: 'insecure', line: 4, column: 5, endLine: 4, endColumn: 24 },
        ],
      },
    ],
  },
  { onbuild: true },
);
