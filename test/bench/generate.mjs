// Generated benchmark inputs shared by the bench scripts (lsp.mjs over the real server,
// typing.mjs in-process): the same texts, so their figures can be compared.

// A realistic 200-line Dockerfile: stages, RUN chains with continuations, COPY, ENV, USER.
export function dockerfile(lines) {
  const block = [
    'FROM debian:12-slim AS build',
    'ARG VERSION=1.2.3',
    'ENV DEBIAN_FRONTEND=noninteractive',
    'RUN apt-get update \\',
    '    && apt-get install -y --no-install-recommends ca-certificates curl gcc make \\',
    '    && rm -rf /var/lib/apt/lists/*',
    'WORKDIR /src',
    'COPY --chown=1000:1000 . .',
    'RUN curl -fsSL https://example.com/tool-${VERSION}.tar.gz -o /tmp/tool.tgz \\',
    '    && echo "0123456789abcdef  /tmp/tool.tgz" | sha256sum -c - \\',
    '    && tar -xzf /tmp/tool.tgz -C /usr/local && make -j4 build',
    'RUN pip install --no-cache-dir requests==2.32.3 && npm ci --omit=dev',
    'EXPOSE 8080',
    'HEALTHCHECK CMD curl -f http://localhost:8080/health || exit 1',
    'USER 1000:1000',
    'CMD ["/usr/local/bin/app", "--port", "8080"]',
  ];
  const out = [];
  for (let i = 0; out.length < lines; i++) out.push(block[i % block.length].replace('AS build', `AS stage${Math.floor(i / block.length)}`));
  return out.join('\n') + '\n';
}

export function composeFile(services) {
  const out = ['services:'];
  for (let i = 0; i < services; i++) {
    out.push(
      `  svc${i}:`,
      `    image: registry.example.com/team/app${i}:1.${i}.0`,
      '    read_only: true',
      '    user: "1000:1000"',
      '    cap_drop: [ALL]',
      '    security_opt:',
      '      - no-new-privileges:true',
      '    environment:',
      `      PORT: "${8000 + (i % 1000)}"`,
      '      LOG_LEVEL: info',
      '    ports:',
      `      - "127.0.0.1:${10000 + i}:8080"`,
      '    deploy:',
      '      resources:',
      '        limits: { cpus: "0.5", memory: 256M }',
      '    healthcheck:',
      '      test: ["CMD", "curl", "-f", "http://localhost:8080/health"]',
      '      interval: 30s',
    );
  }
  return out.join('\n') + '\n';
}
