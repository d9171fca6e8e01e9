import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/hardcoded-secret';

ruleTester.run(
  rule,
  {
    valid: [
      ['FROM alpine:3.20', 'ARG NPM_TOKEN', 'RUN --mount=type=secret,id=npm npm ci'],
      {
        name: 'variable references are not literals',
        code: ['FROM alpine:3.20', 'ARG DB_PASSWORD', 'ENV DB_PASSWORD=${DB_PASSWORD}', 'RUN TOKEN=$GH_TOKEN ./fetch.sh'],
      },
      {
        name: "placeholders and empty values (the name is secret-in-env-arg's)",
        code: ['FROM alpine:3.20', 'ENV DB_PASSWORD=changeme API_TOKEN="" SECRET_KEY=<your-key> AWS_SECRET_ACCESS_KEY=FAKE_TO_GENERATE_WARNING_OUTPUT'],
      },
      { name: 'the AWS documentation example key', code: ['FROM alpine:3.20', 'ENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE'] },
      { name: 'GPG fingerprints in a shell loop', code: ['FROM debian:12', 'RUN key=\'B97B0AFCAA1A47F044F244A07FCC7D46ACCC4CF8\'; gpg --recv-keys "$key"'] },
      { name: 'URL user with a variable password', code: ['FROM alpine:3.20', 'RUN git clone https://x-access-token:${GH_TOKEN}@github.com/o/r.git'] },
      { name: 'a public key block', code: ['FROM alpine:3.20', 'RUN echo "-----BEGIN PUBLIC KEY-----" > /k.pem'] },
      {
        name: "a literal under a secret-looking ENV/ARG name is secret-in-env-arg's finding (one per concern): plain values, tokens and URL passwords alike",
        code: [
          'FROM alpine:3.20',
          'ENV COSIGN_PASSWORD=Harbor12345',
          'env LICENSE_KEY lgNvGyhnUKpa5PJi',
          'ARG API_TOKEN="s3cr3t-v4lue"',
          'ENV GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789',
          'ARG PIP_INDEX_SECRET=https://deploy:hunter22@pypi.acme.io/simple',
        ],
      },
    ],
    invalid: [
      {
        name: 'a literal password given to a secret-looking name in a RUN assignment',
        code: ['FROM alpine:3.20', 'RUN COSIGN_PASSWORD=Harbor12345 cosign sign --key cosign.key example.com/app'],
        errors: [{ messageId: 'secretValue', data: { name: 'COSIGN_PASSWORD' }, line: 2, column: 21, endLine: 2, endColumn: 32 }],
      },
      {
        name: 'a token under an ENV name that does not look like a secret',
        code: ['FROM alpine:3.20', 'ENV GIT_REMOTE=https://ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/o/r.git'],
        errors: [{ messageId: 'token', data: { label: 'GitHub token' }, line: 2, column: 24, endLine: 2, endColumn: 64 }],
      },
      {
        name: 'a URL password under an ENV name that points at a URL (not a secret-looking name)',
        code: ['FROM alpine:3.20', 'ENV DATABASE_URL=postgres://app:Pr0dPassw0rd@db:5432/app'],
        errors: [{ messageId: 'urlPassword', line: 2, column: 33, endLine: 2, endColumn: 45 }],
      },
      {
        name: 'GitHub token in a RUN word',
        code: ['FROM alpine:3.20', 'RUN git clone https://ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/o/r.git'],
        errors: [{ messageId: 'token', data: { label: 'GitHub token' }, line: 2, column: 23, endLine: 2, endColumn: 63 }],
      },
      {
        name: 'AWS access key id in a LABEL',
        code: ['FROM alpine:3.20', 'LABEL deploy.key="AKIAZ7Q2EXAMPLF3ABCD"'],
        errors: [{ messageId: 'token', data: { label: 'AWS access key id' }, line: 2, column: 19, endLine: 2, endColumn: 39 }],
      },
      {
        name: 'Google API key inside an echo string',
        code: ['FROM debian:12', 'RUN echo \'export GOOGLE_API_KEY="AIzaSyCkfPOPZXDKNn8hhgu3JrA62wIgC93d44k"\' >> /etc/profile'],
        errors: [{ messageId: 'token', data: { label: 'Google API key' }, line: 2, column: 34, endLine: 2, endColumn: 73 }],
      },
      {
        name: 'Slack, GitLab, Stripe and npm tokens',
        code: [
          'FROM alpine:3.20',
          'ENV A=xoxb-1234567890-abcdefghij B=glpat-abcdefghij0123456789 \\',
          '    C=sk_live_abcdefghij0123456789 D=npm_abcdefghijklmnopqrstuvwxyz0123456789',
        ],
        errors: [
          { messageId: 'token', data: { label: 'Slack token' }, line: 2, column: 7, endLine: 2, endColumn: 33 },
          { messageId: 'token', data: { label: 'GitLab token' }, line: 2, column: 36, endLine: 2, endColumn: 62 },
          { messageId: 'token', data: { label: 'Stripe live key' }, line: 3, column: 7, endLine: 3, endColumn: 35 },
          { messageId: 'token', data: { label: 'npm token' }, line: 3, column: 38, endLine: 3, endColumn: 78 },
        ],
      },
      {
        name: 'password in a URL',
        code: ['FROM alpine:3.20', 'RUN pip install --index-url https://deploy:hunter22@pypi.example/simple x'],
        errors: [{ messageId: 'urlPassword', line: 2, column: 44, endLine: 2, endColumn: 52 }],
      },
      {
        name: 'export of a literal token in RUN',
        code: ['FROM alpine:3.20', 'RUN export NPM_TOKEN=abcd1234efgh && npm ci'],
        errors: [{ messageId: 'secretValue', data: { name: 'NPM_TOKEN' }, line: 2, column: 22, endLine: 2, endColumn: 34 }],
      },
    ],
  },
  { onbuild: true },
);

ruleTester.run(rule, {
  valid: [],
  invalid: [
    {
      name: 'private key block written from a heredoc',
      code: [
        'FROM alpine:3.20',
        'COPY <<EOF /root/.ssh/id_ed25519',
        '-----BEGIN OPENSSH PRIVATE KEY-----',
        'b3BlbnNzaC1rZXktdjEAAAAA',
        '-----END OPENSSH PRIVATE KEY-----',
        'EOF',
      ],
      errors: [{ messageId: 'token', data: { label: 'private key' }, line: 3, column: 1, endLine: 5, endColumn: 34 }],
    },
  ],
});
