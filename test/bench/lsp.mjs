#!/usr/bin/env node
// On-type latency and memory of the real bundled server (dist/server.js, run `npm run build`
// first) driven over stdio by a minimal LSP client, with realistic edits:
//   1. typing a 200-line Dockerfile character by character (one incremental change per key);
//   2. editing a generated 10,000-line Dockerfile (a character inserted at scattered lines);
//   3. editing a generated 500-service Compose file (same);
//   4. server RSS with 200 open documents from the shared corpus.
// Latency = didChange sent → publishDiagnostics for that version received, minus the server's
// fixed 150 ms typing debounce (server.ts), so it is the work the server does after the user
// pauses; the server's own analysis time (bulkhead/status durationMs) is printed beside it.
// Prints figures; asserts nothing.
//   node test/bench/lsp.mjs [corpusDir] [--json] [--quick]
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { corpusDir, parseArgs, percentile, root } from './common.mjs';

const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');
const { positional, flags } = parseArgs(process.argv.slice(2), 1);
const corpus = corpusDir(positional[0]);
const quick = flags.has('--quick');
const DEBOUNCE_MS = 150;

const work = join(tmpdir(), `bulkhead-bench-lsp-${process.pid}`);
mkdirSync(work, { recursive: true });
const uriOf = (name) => pathToFileURL(join(work, name)).href;

/** Starts dist/server.js and returns a tiny client bound to it. */
async function startServer() {
  const server = spawn(process.execPath, [join(root, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(server.stdout), new rpc.StreamMessageWriter(server.stdin));
  const waiting = new Map(); // uri → { version, resolve }
  const analysisMs = new Map(); // uri → last durationMs from bulkhead/status
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    const w = waiting.get(p.uri);
    if (w && p.version === w.version) {
      waiting.delete(p.uri);
      w.resolve(performance.now());
    }
  });
  conn.onNotification('bulkhead/status', (p) => {
    if (p && typeof p.uri === 'string' && typeof p.durationMs === 'number') analysisMs.set(p.uri, p.durationMs);
  });
  conn.onNotification(() => undefined);
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => null));
  conn.onRequest(() => null);
  conn.listen();
  const diagnosticsFor = (uri, version) => new Promise((resolve) => waiting.set(uri, { version, resolve }));
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(work).href,
    workspaceFolders: [{ uri: pathToFileURL(work).href, name: 'bench' }],
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
  });
  await conn.sendNotification('initialized', {});
  const versions = new Map();
  return {
    async open(name, languageId, text) {
      const uri = uriOf(name);
      writeFileSync(join(work, name), text);
      versions.set(uri, 1);
      const done = diagnosticsFor(uri, 1);
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
      await done;
      return uri;
    },
    /** One incremental change; resolves with [latency minus debounce, analysis ms] when `wait`. */
    async change(uri, line, character, insert, wait) {
      const version = versions.get(uri) + 1;
      versions.set(uri, version);
      const done = wait ? diagnosticsFor(uri, version) : undefined;
      const t0 = performance.now();
      await conn.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: insert }],
      });
      if (!done) return undefined;
      const t1 = await done;
      return [t1 - t0 - DEBOUNCE_MS, analysisMs.get(uri) ?? NaN];
    },
    rssMb() {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : NaN;
    },
    async stop() {
      await conn.sendRequest('shutdown');
      await conn.sendNotification('exit');
      conn.dispose();
      server.kill();
    },
  };
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function stats(samples) {
  const lat = samples.map((s) => s[0]);
  const an = samples.map((s) => s[1]);
  return {
    n: samples.length,
    p50: percentile(lat, 50),
    p95: percentile(lat, 95),
    p99: percentile(lat, 99),
    analysisP50: percentile(an, 50),
    analysisP95: percentile(an, 95),
  };
}

// A realistic 200-line Dockerfile: stages, RUN chains with continuations, COPY, ENV, USER.
function dockerfile(lines) {
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

function composeFile(services) {
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

const results = {};
const lsp = await startServer();

// 1. Typing a 200-line Dockerfile character by character: keys arrive 30 ms apart (a fast
// typist; inside the debounce, so the server analyses after each pause), and after the last key
// of each line the client waits for that version's diagnostics: one sample per line typed.
{
  const target = dockerfile(200).split('\n');
  const uri = await lsp.open('typing.Dockerfile', 'dockerfile', '');
  const samples = [];
  const lines = quick ? 40 : target.length - 1;
  for (let l = 0; l < lines; l++) {
    const text = target[l] + '\n';
    for (let c = 0; c < text.length; c++) {
      const last = c === text.length - 1;
      const insert = text[c];
      const r = await lsp.change(uri, l, c, insert, last);
      if (r) samples.push(r);
      else await sleep(quick ? 1 : 30 - 25 * (c % 2)); // 30/5 ms alternating: bursts, as people type
    }
  }
  results.typing200 = stats(samples);
}

// 2 and 3. Large files: a character inserted at scattered lines, waiting for each result.
async function large(name, languageId, text, editLines) {
  const uri = await lsp.open(name, languageId, text);
  const total = text.split('\n').length - 1;
  const samples = [];
  for (let k = 0; k < editLines; k++) {
    const line = Math.floor(((k * 7919) % total) * 0.999);
    samples.push(await lsp.change(uri, line, 0, k % 2 ? '#' : ' ', true));
  }
  return stats(samples);
}
results.dockerfile10k = await large('large.Dockerfile', 'dockerfile', dockerfile(10000), quick ? 5 : 20);
results.compose500 = await large('compose.yaml', 'dockercompose', composeFile(500), quick ? 5 : 20);

// 4. Memory with 200 open documents (corpus files, Dockerfiles and Compose files alternating).
{
  const picks = [];
  const walk = (dir) => {
    for (const n of readdirSync(dir).sort()) {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (/(^|[./])(Dockerfile|Containerfile)([./]|$)/i.test(n)) picks.push({ p, languageId: 'dockerfile', ext: 'Dockerfile' });
      else if (/^(docker-)?compose([.-].*)?\.ya?ml$/.test(n)) picks.push({ p, languageId: 'dockercompose', ext: 'compose.yaml' });
    }
  };
  walk(corpus);
  const docker = picks.filter((x) => x.languageId === 'dockerfile');
  const compose = picks.filter((x) => x.languageId === 'dockercompose');
  const chosen = [];
  for (let i = 0; chosen.length < 200; i++) chosen.push(i % 4 === 3 ? compose[i % compose.length] : docker[(i * 7) % docker.length]);
  // A fresh server: the large files above are closed to no one and would count.
  const fresh = await startServer();
  const before = fresh.rssMb();
  let i = 0;
  for (const c of chosen) {
    const dir = `docs${i++}`;
    mkdirSync(join(work, dir), { recursive: true });
    await fresh.open(`${dir}/${c.ext}`, c.languageId, readFileSync(c.p, 'utf8'));
  }
  await sleep(500);
  results.memory = { openDocuments: chosen.length, rssBeforeMb: before, rssMb: fresh.rssMb() };
  await fresh.stop();
}

await lsp.stop();
rmSync(work, { recursive: true, force: true });

if (flags.has('--json')) console.log(JSON.stringify(results));
else {
  const f = (x) => (Number.isFinite(x) ? x.toFixed(1) : '–');
  console.log('## LSP on-type latency (dist/server.js over stdio; didChange → publishDiagnostics minus the 150 ms debounce)');
  console.log('');
  console.log('| edit sequence | samples | p50 | p95 | p99 | server analysis p50 / p95 | goal (p95) |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- |');
  const row = (name, r, goal) =>
    console.log(`| ${name} | ${r.n} | ${f(r.p50)} ms | ${f(r.p95)} ms | ${f(r.p99)} ms | ${f(r.analysisP50)} / ${f(r.analysisP95)} ms | ${goal} |`);
  row('typing a 200-line Dockerfile, char by char', results.typing200, '≤ 5 ms');
  row('editing a 10,000-line Dockerfile', results.dockerfile10k, '≤ 50 ms');
  row('editing a 500-service Compose file', results.compose500, '≤ 50 ms');
  console.log('');
  console.log(
    `Server RSS: ${f(results.memory.rssBeforeMb)} MB after start-up, ${f(results.memory.rssMb)} MB with ${results.memory.openDocuments} open documents analysed (goal ≤ 100 MB).`,
  );
}
