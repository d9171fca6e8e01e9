/**
 * Generators and the property check shared by the quick property test (test/engine/property.test.ts,
 * part of `npm test`) and the long run (`npm run fuzz`, test/fuzz/long.ts).
 *
 * Inputs: Dockerfiles and Compose files built from a grammar of realistic pieces (instructions,
 * flags, shell commands, heredocs, continuations, the escape directive, CRLF, unicode; services
 * with short and long syntax, anchors and merge keys, interpolation), and those texts or seed files
 * mutated by byte, line and token edits.
 *
 * Property (checkInput): the engine never throws; every finding and problem range lies inside the
 * document; every fix's edits are inside the document and do not overlap, applying them gives a
 * text the engine analyses without throwing and with fewer findings of that rule.
 */
import fc from 'fast-check';
import { analyze, applyEdits, TextIndex, type FileKind, type Range } from '../../server/src/engine/index';

// ---------------------------------------------------------------------------------------------
// Dockerfile grammar

const images = [
  'alpine',
  'alpine:3.20',
  'debian:bookworm-slim',
  'ubuntu:latest',
  'node:20',
  'node:20-alpine',
  'python:3.12-slim',
  'golang:1.22 AS build',
  'gcr.io/distroless/static-debian12:nonroot',
  'scratch',
  'eclipse-temurin:21-jre',
  'registry.example.com:5000/team/app@sha256:' + 'a'.repeat(64),
  '${BASE}',
  '${BASE:-alpine}:${TAG}',
  'builder',
  '--platform=$BUILDPLATFORM busybox AS b',
];
const commands = [
  'apt-get update',
  'apt-get install -y curl ca-certificates',
  'apt-get install -y --no-install-recommends git=1:2.39',
  'rm -rf /var/lib/apt/lists/*',
  'apk add --no-cache bash',
  'apk add curl=8.5.0-r0',
  'yum install -y gcc && yum clean all',
  'dnf -y upgrade',
  'pip install -r requirements.txt',
  'pip3 install --no-cache-dir flask==3.0.0',
  'npm ci --omit=dev',
  'npm install -g yarn',
  'go install example.com/x@latest',
  'curl -fsSL https://example.com/install.sh | sh',
  'wget -qO- http://example.com/x | bash -',
  'curl -k https://example.com/a -o /a',
  'chmod 777 /app',
  'chmod u+s /bin/x',
  'chown -R app:app /app',
  'sudo make install',
  'useradd -m app',
  'groupadd -r g && useradd -r -g g -u 10001 u',
  'addgroup -S app && adduser -S app -G app',
  'echo "$SECRET_TOKEN" > /root/.npmrc',
  'git clone https://user:pass@example.com/r.git',
  'export PASSWORD=hunter2',
  'cd /app',
  'make -j$(nproc)',
  'set -o pipefail; cat x | grep y',
  '[[ -f /x ]] && echo yes || echo no',
  'for i in 1 2; do echo $i; done',
  'case "$A" in a) echo a;; *) echo b;; esac',
  'f() { echo "${1:-x}"; }; f',
  'echo $((1 + 2))',
  "bash -c 'apt-get install -y x'",
  'sshd -D',
  "echo 'ünïcødé ✓' > /tmp/u",
];
const instructionArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...images).map((i) => `FROM ${i}`),
  fc
    .array(fc.constantFrom(...commands), { minLength: 1, maxLength: 4 })
    .chain((cs) => fc.constantFrom(' && ', ' ; ', ' || ', ' | ', ' && \\\n    ').map((sep) => `RUN ${cs.join(sep)}`)),
  fc.constantFrom(...commands).map((c) => `RUN --mount=type=cache,target=/var/cache/apt ${c}`),
  fc.array(fc.constantFrom(...commands), { minLength: 1, maxLength: 3 }).map((cs) => `RUN <<EOF\n${cs.join('\n')}\nEOF`),
  fc.constantFrom('RUN <<-EOT bash\n\techo hi\n\tEOT', 'RUN <<EOF\necho unterminated', 'RUN cat <<A <<B\na\nA\nb\nB', 'COPY <<EOF /etc/x.conf\nkey=value\nEOF'),
  fc
    .constantFrom('["/app/run"]', '["node", "server.js"]', 'node server.js', '["sh", "-c", "exec app"]', '[bad json', '[]')
    .chain((a) => fc.constantFrom('CMD', 'ENTRYPOINT').map((k) => `${k} ${a}`)),
  fc.constantFrom('USER root', 'USER 0', 'USER app', 'USER 10001:10001', 'USER "app"', 'USER ${UID}', 'USER'),
  fc.constantFrom(
    'ENV A=1',
    'ENV PASSWORD=hunter2',
    'ENV API_TOKEN secret value',
    'ENV A=1 \\\n    AWS_SECRET_ACCESS_KEY=abc',
    'ENV NODE_TLS_REJECT_UNAUTHORIZED=0',
    'ENV PATH=$PATH:/x',
  ),
  fc.constantFrom('ARG BASE=alpine', 'ARG TAG', 'ARG GITHUB_TOKEN', 'ARG DB_PASSWORD=changeme', 'ARG UID=10001'),
  fc.constantFrom(
    'COPY . /app',
    'COPY --chown=app:app src/ /app/',
    'COPY --from=build /out/app /app',
    'COPY id_rsa /root/.ssh/',
    'COPY .env /app/.env',
    'ADD https://example.com/a.tgz /tmp/',
    'ADD ./app /app',
    'ADD --checksum=sha256:' + 'b'.repeat(64) + ' https://example.com/x /x',
  ),
  fc.constantFrom('EXPOSE 80', 'EXPOSE 22', 'EXPOSE 8080/tcp 5432', 'EXPOSE 70000', 'EXPOSE ${PORT}', 'EXPOSE 1000-2000/udp'),
  fc.constantFrom(
    'WORKDIR /app',
    'WORKDIR /',
    'WORKDIR /usr/bin',
    'VOLUME /var/run/docker.sock',
    'VOLUME ["/data"]',
    'LABEL maintainer="x"',
    'MAINTAINER someone',
  ),
  fc.constantFrom(
    'HEALTHCHECK CMD curl -f http://localhost/ || exit 1',
    'HEALTHCHECK NONE',
    'HEALTHCHECK --interval=30s CMD ["/bin/check"]',
    'STOPSIGNAL SIGTERM',
    'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
    'SHELL ["pwsh", "-Command"]',
  ),
  fc.constantFrom(
    '# a comment',
    '',
    '   ',
    '# bulkhead ignore=no-sudo -- legacy',
    '# bulkhead ignore-file=from-latest',
    '# hadolint ignore=DL3008',
    'BOGUS instruction',
    'run lowercase keyword',
    '\t',
  ),
);

const onbuild = (i: string) => (i.startsWith('FROM') || i.startsWith('#') || i.trim() === '' ? i : `ONBUILD ${i}`);

export const dockerfileArb: fc.Arbitrary<string> = fc
  .record({
    bom: fc.boolean(),
    syntax: fc.boolean(),
    escape: fc.constantFrom('', '\\', '`'),
    lines: fc.array(fc.tuple(instructionArb, fc.nat(19)), { minLength: 0, maxLength: 30 }),
    eol: fc.constantFrom('\n', '\n', '\r\n', '\r'),
    finalEol: fc.boolean(),
  })
  .map(({ bom, syntax, escape, lines, eol, finalEol }) => {
    const head: string[] = [];
    if (syntax) head.push('# syntax=docker/dockerfile:1');
    if (escape) head.push(`# escape=${escape}`);
    const body = lines.map(([i, n]) => (n === 0 ? onbuild(i) : i));
    // The escape character decides line continuations: write them with the file's own.
    const esc = escape || '\\';
    const text = [...head, ...body].join('\n').replace(/\\\n/g, `${esc}\n`);
    return (bom ? '\ufeff' : '') + text.replace(/\n/g, eol) + (finalEol ? eol : '');
  });

// ---------------------------------------------------------------------------------------------
// Compose grammar

const serviceKeys = [
  'image: nginx',
  'image: nginx:latest',
  'image: "postgres:16@sha256:' + 'c'.repeat(64) + '"',
  'image: ${IMAGE:-redis}:${TAG}',
  'build: .',
  'build:\n      context: ./app\n      dockerfile: Dockerfile\n      args:\n        NPM_TOKEN: ${NPM_TOKEN}\n        PASSWORD: hunter2\n      target: build',
  'privileged: true',
  'privileged: "false"',
  'read_only: true',
  'user: root',
  'user: "1000:1000"',
  'init: true',
  'network_mode: host',
  'network_mode: "service:db"',
  'pid: host',
  'ipc: host',
  'cap_add: [SYS_ADMIN, NET_ADMIN]',
  'cap_drop:\n      - ALL',
  'security_opt:\n      - no-new-privileges:true\n      - seccomp:unconfined\n      - apparmor=unconfined',
  'ports:\n      - "80:80"\n      - 127.0.0.1:5432:5432\n      - "2375"\n      - target: 22\n        published: 2222\n        host_ip: 0.0.0.0',
  'volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n      - ./data:/data:ro\n      - type: bind\n        source: /\n        target: /host\n      - named:/srv',
  'environment:\n      - DB_PASSWORD=secret\n      - DEBUG',
  'environment:\n      API_KEY: "abc123"\n      PORT: 8080',
  'env_file: .env',
  'deploy:\n      resources:\n        limits:\n          memory: 512M\n          cpus: "0.5"\n          pids: 100',
  'mem_limit: 1g',
  'pids_limit: -1',
  'healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost"]\n      interval: 30s',
  'healthcheck:\n      disable: true',
  'logging:\n      driver: json-file\n      options:\n        max-size: 10m',
  'logging:\n      driver: none',
  'restart: always',
  'restart: on-failure:5',
  'sysctls:\n      net.ipv4.ip_forward: 1',
  'devices:\n      - /dev/kvm:/dev/kvm',
  'tmpfs:\n      - /tmp',
  'extends:\n      service: base',
  '<<: *defaults',
  'ulimits:\n      nofile: 65535',
  'container_name: app',
  'networks: [front, back]',
  '# a comment',
  'bogus: [unclosed',
  'key: "unterminated',
];

const serviceArb = fc.tuple(fc.constantFrom('web', 'db', 'api', 'base', 'worker', 'ünï'), fc.uniqueArray(fc.constantFrom(...serviceKeys), { maxLength: 8 }));

export const composeArb: fc.Arbitrary<string> = fc
  .record({
    version: fc.constantFrom('', 'version: "3.8"\n', "version: '2'\n"),
    anchors: fc.boolean(),
    services: fc.array(serviceArb, { minLength: 0, maxLength: 5 }),
    networks: fc.constantFrom('', 'networks:\n  front: {}\n  back:\n    internal: true\n', 'networks:\n  default:\n    external: true\n'),
    secrets: fc.constantFrom('', 'secrets:\n  db:\n    file: ./db.txt\n', 'secrets:\n  token:\n    environment: TOKEN\n'),
    eol: fc.constantFrom('\n', '\n', '\r\n'),
    tabs: fc.boolean(),
  })
  .map(({ version, anchors, services, networks, secrets, eol, tabs }) => {
    let text: string = version;
    if (anchors) text += 'x-defaults: &defaults\n  restart: unless-stopped\n  read_only: true\n';
    text += services.length ? 'services:\n' : 'services: {}\n';
    for (const [name, keys] of services) text += `  ${name}:\n${keys.length ? keys.map((k) => `    ${k}\n`).join('') : '    image: alpine\n'}`;
    text += networks + secrets;
    if (tabs) text = text.replace(/^ {4}/m, '\t');
    return text.replace(/\n/g, eol);
  });

// ---------------------------------------------------------------------------------------------
// Mutations

const tokens = [
  '\\',
  '`',
  '"',
  "'",
  '$',
  '${',
  '}',
  '<<EOF',
  'EOF',
  '&&',
  '|',
  ';',
  '\n',
  '\r\n',
  '\r',
  '\t',
  ' ',
  '#',
  ':',
  '- ',
  '&a',
  '*a',
  '<<: *a',
  '[',
  ']',
  '{',
  '}',
  '\u0000',
  '\ufeff',
  '\u2028',
  '😀',
  'FROM',
  'RUN',
  'services:',
  '  ',
  '!!binary',
  '!reset',
  '!override',
  '%YAML 1.2',
];

export type Mutation = { kind: 'insert' | 'delete' | 'dupLine' | 'swapLines' | 'truncate' | 'byte'; at: number; len: number; token: string };

export const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('insert', 'delete', 'dupLine', 'swapLines', 'truncate', 'byte'),
  at: fc.nat(),
  len: fc.nat(40),
  token: fc.oneof(fc.constantFrom(...tokens), fc.string({ maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 3 })),
});

export function mutate(text: string, ms: readonly Mutation[]): string {
  let t = text;
  for (const m of ms) {
    const at = t.length ? m.at % (t.length + 1) : 0;
    const lines = t.split('\n');
    const li = lines.length ? m.at % lines.length : 0;
    switch (m.kind) {
      case 'insert':
        t = t.slice(0, at) + m.token + t.slice(at);
        break;
      case 'delete':
        t = t.slice(0, at) + t.slice(at + m.len);
        break;
      case 'dupLine':
        lines.splice(li, 0, lines[li] ?? '');
        t = lines.join('\n');
        break;
      case 'swapLines': {
        const lj = lines.length ? (li + 1 + m.len) % lines.length : 0;
        [lines[li], lines[lj]] = [lines[lj] ?? '', lines[li] ?? ''];
        t = lines.join('\n');
        break;
      }
      case 'truncate':
        t = t.slice(0, at);
        break;
      case 'byte':
        t = t.slice(0, at) + String.fromCharCode(m.len * 6 + (m.token.charCodeAt(0) || 0)) + t.slice(at + 1);
        break;
    }
  }
  return t;
}

// ---------------------------------------------------------------------------------------------
// The property

export interface CheckStats {
  inputs: number;
  findings: number;
  fixesApplied: number;
  maxMs: number;
  maxMsInput?: string;
  maxMsKind?: FileKind;
}

export function newStats(): CheckStats {
  return { inputs: 0, findings: 0, fixesApplied: 0, maxMs: 0 };
}

function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

function rangeProblem(r: Range, lens: readonly number[], what: string): string | undefined {
  const ok = (p: Range['start']) =>
    Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.line < lens.length && p.character >= 0 && p.character <= (lens[p.line] ?? 0);
  if (!ok(r.start) || !ok(r.end)) return `${what}: range ${JSON.stringify(r)} outside the document (${lens.length} lines)`;
  if (r.end.line < r.start.line || (r.end.line === r.start.line && r.end.character < r.start.character))
    return `${what}: range ${JSON.stringify(r)} ends before it starts`;
  return undefined;
}

/**
 * Checks one input; returns a description of the first violation, or undefined. `fixLimit`
 * bounds how many fixes of the input are applied and re-analysed.
 */
export function checkInput(text: string, kind: FileKind, stats: CheckStats = newStats(), fixLimit = 4): string | undefined {
  stats.inputs++;
  const t0 = performance.now();
  let result;
  try {
    result = analyze(text, { kind });
  } catch (e) {
    return `analyze threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
  }
  const ms = performance.now() - t0;
  if (ms > stats.maxMs) {
    stats.maxMs = ms;
    stats.maxMsInput = text;
    stats.maxMsKind = kind;
  }
  stats.findings += result.findings.length;
  const lens = lineLengths(text.startsWith('\ufeff') ? text.slice(1) : text);
  const lensWithBom = lineLengths(text);
  const inside = (r: Range, what: string) => rangeProblem(r, lens, what) && rangeProblem(r, lensWithBom, what);
  for (const p of result.problems) {
    const bad = inside(p.range, `problem ${p.code}`);
    if (bad) return bad;
  }
  for (const f of result.findings) {
    const bad = inside(f.range, `finding ${f.ruleId}`);
    if (bad) return bad;
  }
  let applied = 0;
  for (const f of result.findings) {
    if (!f.fix || applied >= fixLimit) continue;
    let edits;
    try {
      edits = f.fix.edits();
    } catch (e) {
      return `fix of ${f.ruleId} threw: ${String(e)}`;
    }
    if (edits.length === 0) continue;
    for (const e of edits) {
      const bad = inside(e.range, `edit of ${f.ruleId}'s fix`);
      if (bad) return bad;
    }
    let fixed: string;
    try {
      fixed = applyEdits(new TextIndex(text), edits);
    } catch (e) {
      return `fix of ${f.ruleId} does not apply: ${String(e)}`;
    }
    applied++;
    stats.fixesApplied++;
    let again;
    try {
      again = analyze(fixed, { kind });
    } catch (e) {
      return `analyze threw on the output of ${f.ruleId}'s fix: ${String(e)}`;
    }
    const before = result.findings.filter((x) => x.ruleId === f.ruleId).length;
    const after = again.findings.filter((x) => x.ruleId === f.ruleId).length;
    if (after >= before) return `fix of ${f.ruleId} ("${f.fix.title}") left ${after} ${f.ruleId} finding(s) (before: ${before}); output:\n${fixed}`;
  }
  return undefined;
}

/**
 * The same text with a byte-order mark in front must analyse the same (positions on the first
 * line one character later) and every fix must give the same output with the BOM kept first.
 * Returns a description of the first difference, or undefined. Texts that already start with a
 * BOM are skipped. (Found with it: a Compose BOM read as indentation, a USER inserted after a
 * BOM'd first line indented by one space.)
 */
export function checkBom(text: string, kind: FileKind, fixLimit = 4): string | undefined {
  if (text.startsWith('\ufeff')) return undefined;
  // Known limit: a Compose file whose first line is indented. `yaml` does not count indentation
  // after a BOM (\uFEFF + `  web:` nests the next `  restart:` under it), so analyze() puts a space
  // for the BOM there, which adds one column to that line: a valid all-indented file then reads as
  // broken (as it did before). The real fix is parsing without the BOM and shifting first-line
  // positions by one.
  if (kind === 'compose' && /^[ \t]/.test(text)) return undefined;
  const shift = (r: Range, by: number) =>
    `${r.start.line}:${r.start.character - (r.start.line === 0 ? by : 0)}-${r.end.line}:${r.end.character - (r.end.line === 0 ? by : 0)}`;
  let plain, bommed;
  try {
    plain = analyze(text, { kind });
    bommed = analyze('\ufeff' + text, { kind });
  } catch (e) {
    return `analyze threw: ${String(e)}`;
  }
  // YAML that is broken either way is recovered differently after `' '` + indentation than after
  // the indentation alone (the BOM stands in as a space there); no fix is offered on it, and being
  // broken both ways is the property.
  const broken = (r: typeof plain) => r.problems.some((p) => p.severity === 'error');
  if (kind === 'compose' && broken(plain) !== broken(bommed)) return `with a BOM the YAML is ${broken(bommed) ? '' : 'no longer '}broken`;
  if (kind === 'compose' && broken(plain)) return undefined;
  const a = plain.findings.map((f) => `${f.ruleId}/${f.messageId}@${shift(f.range, 0)}`);
  const b = bommed.findings.map((f) => `${f.ruleId}/${f.messageId}@${shift(f.range, 1)}`);
  if (a.join('\n') !== b.join('\n')) {
    const only = (x: string[], y: string[]) => x.filter((k) => !y.includes(k));
    return `with a BOM the findings differ: without only ${JSON.stringify(only(a, b))}, with only ${JSON.stringify(only(b, a))}`;
  }
  let applied = 0;
  for (let i = 0; i < plain.findings.length && applied < fixLimit; i++) {
    const fa = plain.findings[i]?.fix;
    const fb = bommed.findings[i]?.fix;
    if (!fa !== !fb) return `with a BOM ${plain.findings[i]?.ruleId} ${fa ? 'loses' : 'gains'} its fix`;
    if (!fa || !fb) continue;
    applied++;
    let oa: string, ob: string;
    try {
      oa = applyEdits(new TextIndex(text), fa.edits());
      ob = applyEdits(new TextIndex('\ufeff' + text), fb.edits());
    } catch (e) {
      return `fix of ${plain.findings[i]?.ruleId} does not apply: ${String(e)}`;
    }
    if ('\ufeff' + oa !== ob) return `with a BOM the fix of ${plain.findings[i]?.ruleId} gives another text:\n${JSON.stringify(oa)}\n${JSON.stringify(ob)}`;
  }
  return undefined;
}

/** Seed texts for mutation: small realistic files (the repo's examples are added by the callers that can read files). */
export const SEEDS: readonly { text: string; kind: FileKind }[] = [
  {
    kind: 'dockerfile',
    text: 'FROM node:20\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\nEXPOSE 3000\nCMD ["node", "dist/server.js"]\n',
  },
  {
    kind: 'dockerfile',
    text: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN powershell -Command `\n    Invoke-WebRequest https://example.com/x.exe -OutFile C:\\x.exe\nUSER ContainerUser\n',
  },
  {
    kind: 'dockerfile',
    text: 'FROM golang:1.22 AS build\nRUN <<EOF\nset -e\ngo build -o /out/app ./cmd/app\nEOF\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n',
  },
  {
    kind: 'compose',
    text: 'x-base: &base\n  restart: always\nservices:\n  web:\n    <<: *base\n    image: nginx:1.27\n    ports: ["80:80"]\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: example\n',
  },
];

export const inputArb: fc.Arbitrary<{ text: string; kind: FileKind }> = fc.oneof(
  dockerfileArb.map((text) => ({ text, kind: 'dockerfile' as const })),
  composeArb.map((text) => ({ text, kind: 'compose' as const })),
  fc.tuple(dockerfileArb, fc.array(mutationArb, { minLength: 1, maxLength: 4 })).map(([t, ms]) => ({ text: mutate(t, ms), kind: 'dockerfile' as const })),
  fc.tuple(composeArb, fc.array(mutationArb, { minLength: 1, maxLength: 4 })).map(([t, ms]) => ({ text: mutate(t, ms), kind: 'compose' as const })),
  fc.tuple(fc.constantFrom(...SEEDS), fc.array(mutationArb, { minLength: 1, maxLength: 6 })).map(([s, ms]) => ({ text: mutate(s.text, ms), kind: s.kind })),
);
