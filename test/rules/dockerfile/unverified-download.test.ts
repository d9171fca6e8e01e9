import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/unverified-download';

ruleTester.run(
  rule,
  {
    valid: [
      ['FROM alpine:3.20', 'RUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz && echo "abc  /tmp/a.tgz" | sha256sum -c - && tar -xzf /tmp/a.tgz -C /opt'],
      { name: 'a signature checked with gpg --verify', code: ['FROM debian:12', 'RUN wget -O a.tgz https://example.com/a.tgz && wget -O a.tgz.asc https://example.com/a.tgz.asc && gpg --batch --verify a.tgz.asc a.tgz && tar -xzf a.tgz'] },
      { name: 'a checksum compared through openssl in a condition', code: ['FROM debian:12', 'RUN curl -fLO https://example.com/p.tar.gz && if [ "$(openssl sha512 -r p.tar.gz)" = "$SUM" ]; then tar xzf p.tar.gz; fi'] },
      { name: 'a download that is not executed, extracted or installed here (a repository key)', code: ['FROM debian:12', 'RUN curl -fsSLo /usr/share/keyrings/example.gpg https://example.com/key.gpg'] },
      { name: 'a URL pinned to a commit id, resolved through ENV', code: ['FROM alpine:3.20', 'ENV C=8d9e3502aba39127e4d12196dae16d306f76993d', 'RUN wget -O /usr/local/bin/dind "https://raw.githubusercontent.com/docker/docker/${C}/hack/dind" && chmod +x /usr/local/bin/dind'] },
      { name: 'verification and use are judged per RUN: a later RUN is not followed', code: ['FROM alpine:3.20', 'RUN curl -fsSLo a.tgz https://example.com/a.tgz', 'RUN tar -xzf a.tgz'] },
      { name: 'a script piped into a shell is curl-pipe-shell\'s finding', code: ['FROM alpine:3.20', 'RUN curl -fsSL https://example.com/install.sh | sh'] },
      { name: 'chmod without an execute bit', code: ['FROM alpine:3.20', 'RUN curl -fsSLo /etc/app.conf https://example.com/app.conf && chmod 644 /etc/app.conf'] },
    ],
    invalid: [
      {
        name: 'downloaded archive extracted',
        code: ['FROM alpine:3.20', 'RUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz && tar -xzf /tmp/a.tgz -C /opt'],
        errors: [{ messageId: 'extracted', data: { file: '/tmp/a.tgz' }, line: 2, column: 28, endLine: 2, endColumn: 53 }],
      },
      {
        name: 'downloaded binary made executable, over continuation lines, lower-case keyword',
        code: ['FROM debian:12', 'run wget -O /usr/local/bin/yq \\', '    https://example.com/yq_linux_amd64 \\', ' && chmod +x /usr/local/bin/yq'],
        errors: [{ messageId: 'executed', data: { file: '/usr/local/bin/yq' }, line: 3, column: 5, endLine: 3, endColumn: 39 }],
      },
      {
        name: 'curl -O names the file after the URL; dpkg -i installs it',
        code: ['FROM debian:12', 'RUN curl -fsSLO https://example.com/pool/tool_1.0_amd64.deb && dpkg -i tool_1.0_amd64.deb'],
        errors: [{ messageId: 'installed', data: { file: 'tool_1.0_amd64.deb' }, line: 2, column: 17, endLine: 2, endColumn: 60 }],
      },
      {
        name: 'wget -P directory, then apt-get install of the file',
        code: ['FROM ubuntu:24.04', 'RUN wget -P /tmp https://example.com/x.deb && apt-get install -y /tmp/x.deb'],
        errors: [{ messageId: 'installed', data: { file: '/tmp/x.deb' }, line: 2, column: 18, endLine: 2, endColumn: 43 }],
      },
      {
        name: 'a downloaded script run by sh',
        code: ['FROM alpine:3.20', 'RUN wget https://example.com/install.sh && sh install.sh --prefix=/usr/local'],
        errors: [{ messageId: 'executed', data: { file: 'install.sh' }, line: 2, column: 10, endLine: 2, endColumn: 40 }],
      },
      {
        name: 'an archive extracted straight from the network',
        code: ['FROM alpine:3.20', 'RUN curl -fsSL https://example.com/a.tgz | tar -xz -C /opt'],
        errors: [{ messageId: 'piped', data: { extractor: 'tar' }, line: 2, column: 16, endLine: 2, endColumn: 41 }],
      },
    ],
  },
  { onbuild: true },
);
