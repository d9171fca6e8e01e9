#!/usr/bin/env node
// On-type latency and memory of the real bundled server (dist/server.js, run `npm run build`
// first) driven over stdio by a minimal LSP client, with realistic edits:
//   1. typing a 200-line Dockerfile character by character (one incremental change per key);
//   2. editing a generated 10,000-line Dockerfile (a character inserted at scattered lines);
//   3. editing a generated 500-service Compose file (same);
//   4. server RSS with 200 open documents from the shared corpus.
// Latency = didChange sent → the first publishDiagnostics whose version includes that change
// (the same version or a later one: the server may coalesce keys typed while it was busy),
// measured for EVERY change sent, debounce included (nothing subtracted). The server's own
// analysis times (bulkhead/status durationMs, one per analysis it ran) are printed beside it,
// with how many analyses the server ran for how many changes, and the server's CPU time per
// change (user + system of the whole process from /proc, so not inflated by waiting for a core
// on a loaded machine, unlike the latencies).
// Prints figures; asserts nothing. When test-results/activation.json exists (written by the
// extension-host suite, test/vscode/activation.test.ts), its figures are printed too.
//   node test/bench/lsp.mjs [corpusDir] [--json] [--quick] [--only=typing,large,memory]
//                           [--server-arg=--cpu-prof] (repeatable: passed to node for dist/server.js)
//                           [--typing-lines=N] (type only the first N lines, at the real pace)
//                           [--server=path/to/server.js] (another bundle, for before/after runs)
// The server runs with the Node options the extension gives it (shared/src/serverRuntime.ts).
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { corpusDir, parseArgs, percentile, root } from './common.mjs';
import { composeFile, dockerfile } from './generate.mjs';

const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');
const { positional, flags } = parseArgs(process.argv.slice(2), 1);
const corpus = corpusDir(positional[0]);
const quick = flags.has('--quick');
const only = [...flags]
  .find((f) => f.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const runs = (part) => !only || only.includes(part);
// The Node options the extension starts the server with (shared/src/serverRuntime.ts, built to out/), then any extra.
const { SERVER_EXEC_ARGV } = require(join(root, 'out/shared/src/serverRuntime.js'));
const serverArgs = [...SERVER_EXEC_ARGV, ...[...flags].filter((f) => f.startsWith('--server-arg=')).map((f) => f.slice('--server-arg='.length))];

const serverJs = [...flags].find((f) => f.startsWith('--server='))?.slice('--server='.length) ?? join(root, 'dist/server.js');

const work = join(tmpdir(), `bulkhead-bench-lsp-${process.pid}`);
mkdirSync(work, { recursive: true });
const uriOf = (name) => pathToFileURL(join(work, name)).href;

/** Starts dist/server.js and returns a tiny client bound to it. */
async function startServer() {
  const server = spawn(process.execPath, [...serverArgs, serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(server.stdout), new rpc.StreamMessageWriter(server.stdin));
  // Every change sent and not yet covered by a publish: uri → [{ version, sentAt, latency? }].
  const outstanding = new Map();
  const waiting = new Map(); // uri → { version, resolve }: someone awaits diagnostics including `version`
  const analyses = new Map(); // uri → every durationMs from bulkhead/status
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    const at = performance.now();
    if (typeof p.version !== 'number') return;
    const list = outstanding.get(p.uri);
    if (list) {
      // Every change up to this version is now reflected in what the user sees.
      while (list.length > 0 && list[0].version <= p.version) list.shift().done(at);
    }
    const w = waiting.get(p.uri);
    if (w && p.version >= w.version) {
      waiting.delete(p.uri);
      w.resolve(at);
    }
  });
  conn.onNotification('bulkhead/status', (p) => {
    if (!p || typeof p.uri !== 'string' || typeof p.durationMs !== 'number') return;
    if (!analyses.has(p.uri)) analyses.set(p.uri, []);
    analyses.get(p.uri).push(p.durationMs);
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
    /**
     * One incremental change. Its latency (sent → first diagnostics of this or a later
     * version) is pushed onto `latencies` when those diagnostics arrive; with `wait` the call
     * resolves only then.
     */
    async change(uri, line, character, insert, wait, latencies) {
      const version = versions.get(uri) + 1;
      versions.set(uri, version);
      const done = wait ? diagnosticsFor(uri, version) : undefined;
      if (!outstanding.has(uri)) outstanding.set(uri, []);
      const t0 = performance.now();
      outstanding.get(uri).push({ version, done: (at) => latencies.push(at - t0) });
      await conn.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: insert }],
      });
      if (done) await done;
    },
    /** The server's analysis durations for `uri` so far (one per analysis it ran). */
    analyses: (uri) => analyses.get(uri) ?? [],
    /** CPU ms (user + system, all threads) the server process has used so far (/proc/<pid>/stat; clock ticks of 10 ms). */
    cpuMs() {
      const fields = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    },
    rssMb() {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : NaN;
    },
    async stop() {
      await conn.sendRequest('shutdown');
      // Let it exit by itself (a --cpu-prof profile is written at exit), then make sure.
      const exited = new Promise((r) => server.once('exit', r));
      await conn.sendNotification('exit');
      await Promise.race([exited, sleep(5000)]);
      conn.dispose();
      server.kill();
    },
  };
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function stats(lat, an, cpuMs) {
  return {
    // Server CPU per change: load-independent, unlike the latencies (the machine is shared).
    cpuPerChange: cpuMs / lat.length,
    n: lat.length,
    p50: percentile(lat, 50),
    p95: percentile(lat, 95),
    p99: percentile(lat, 99),
    analyses: an.length,
    analysisP50: percentile(an, 50),
    analysisP95: percentile(an, 95),
  };
}

const results = {};
const lsp = runs('typing') || runs('large') ? await startServer() : undefined;

// 1. Typing a 200-line Dockerfile character by character: keys 30 and 5 ms apart alternately
// (bursts, as people type); after the last key of each line the client waits for diagnostics
// that include it (a pause). Every key is a sample: latency from that key to the first
// diagnostics that include it.
if (runs('typing')) {
  const target = dockerfile(200).split('\n');
  const uri = await lsp.open('typing.Dockerfile', 'dockerfile', '');
  const latencies = [];
  const before = lsp.analyses(uri).length;
  const cpu0 = lsp.cpuMs();
  const typingLines = Number([...flags].find((f) => f.startsWith('--typing-lines='))?.slice('--typing-lines='.length));
  const lines = typingLines > 0 ? Math.min(typingLines, target.length - 1) : quick ? 40 : target.length - 1;
  for (let l = 0; l < lines; l++) {
    const text = target[l] + '\n';
    for (let c = 0; c < text.length; c++) {
      const last = c === text.length - 1;
      await lsp.change(uri, l, c, text[c], last, latencies);
      if (!last) await sleep(quick ? 1 : 30 - 25 * (c % 2));
    }
  }
  results.typing200 = stats(latencies, lsp.analyses(uri).slice(before), lsp.cpuMs() - cpu0);
}

// 2 and 3. Large files: a character inserted at scattered lines, waiting for each result, then
// 300 ms to move to the next line (a person navigating; without it every edit would land right
// after the previous analysis and be debounced as part of a burst).
async function large(name, languageId, text, editLines) {
  const uri = await lsp.open(name, languageId, text);
  const total = text.split('\n').length - 1;
  const latencies = [];
  const before = lsp.analyses(uri).length;
  const cpu0 = lsp.cpuMs();
  for (let k = 0; k < editLines; k++) {
    const line = Math.floor(((k * 7919) % total) * 0.999);
    await lsp.change(uri, line, 0, k % 2 ? '#' : ' ', true, latencies);
    await sleep(300);
  }
  return stats(latencies, lsp.analyses(uri).slice(before), lsp.cpuMs() - cpu0);
}
// The parse floor of a text: wall time of parsing it with dockerfile-ast / yaml alone in this
// process (median of 9 after warming the parser up for 20 parses or 300 ms, as the server's
// parser is warm after a few keystrokes), printed beside the latencies so a goal below the
// floor is visible as such.
const { DockerfileParser } = require('dockerfile-ast');
const YAML = require('yaml');
function parseFloor(text, kind) {
  const parse = () => (kind === 'dockerfile' ? DockerfileParser.parse(text).getInstructions() : YAML.parseAllDocuments(text, { merge: true }));
  const warm = performance.now();
  for (let i = 0; i < 20 && performance.now() - warm < 300; i++) parse();
  const t = [];
  for (let i = 0; i < 9; i++) {
    const s = performance.now();
    parse();
    t.push(performance.now() - s);
  }
  return t.sort((a, b) => a - b)[4];
}
if (runs('typing')) results.typing200 && (results.typing200.floor = parseFloor(dockerfile(200), 'dockerfile'));
if (runs('large')) {
  results.dockerfile10k = await large('large.Dockerfile', 'dockerfile', dockerfile(10000), quick ? 5 : 20);
  results.dockerfile10k.floor = parseFloor(dockerfile(10000), 'dockerfile');
  results.compose500 = await large('compose.yaml', 'dockercompose', composeFile(500), quick ? 5 : 20);
  results.compose500.floor = parseFloor(composeFile(500), 'compose');
}

// 4. Memory with 200 open documents (corpus files, Dockerfiles and Compose files alternating).
if (runs('memory')) {
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

await lsp?.stop();
rmSync(work, { recursive: true, force: true });

// 5. Extension activation, as the extension-host suite recorded it (if it ran).
try {
  results.activation = JSON.parse(readFileSync(join(root, 'test-results/activation.json'), 'utf8'));
} catch {
  results.activation = undefined;
}

if (flags.has('--json')) console.log(JSON.stringify(results));
else {
  const f = (x) => (Number.isFinite(x) ? x.toFixed(1) : '–');
  console.log('## LSP on-type latency (dist/server.js over stdio; every didChange → first publishDiagnostics including it)');
  console.log('');
  console.log(
    '| edit sequence | changes | p50 | p95 | p99 | analyses run | server analysis p50 / p95 | server CPU per change | parse floor of the file (dockerfile-ast / yaml alone) | goal (p95) |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  const row = (name, r, goal) =>
    r &&
    console.log(
      `| ${name} | ${r.n} | ${f(r.p50)} ms | ${f(r.p95)} ms | ${f(r.p99)} ms | ${r.analyses} | ${f(r.analysisP50)} / ${f(r.analysisP95)} ms | ${f(r.cpuPerChange)} ms | ${f(r.floor)} ms | ${goal} |`,
    );
  row('typing a 200-line Dockerfile, char by char', results.typing200, '≤ 5 ms');
  row('editing a 10,000-line Dockerfile', results.dockerfile10k, '≤ 50 ms');
  row('editing a 500-service Compose file', results.compose500, '≤ 50 ms');
  console.log('');
  if (results.memory)
    console.log(
      `Server RSS: ${f(results.memory.rssBeforeMb)} MB after start-up, ${f(results.memory.rssMb)} MB with ${results.memory.openDocuments} open documents analysed (goal ≤ 100 MB).`,
    );
  const a = results.activation;
  if (a) {
    console.log('');
    console.log(`Extension activation (${a.host ?? 'extension host'}, ${a.at ?? 'date unknown'}, test-results/activation.json):`);
    for (const [k, v] of Object.entries(a.timings ?? {})) console.log(`- ${k}: ${f(v)} ms`);
  } else console.log('\nExtension activation: not measured (run the extension-host suite: it writes test-results/activation.json).');
}
