#!/usr/bin/env node
// The bulkhead CLI (dist/cli.js, run `npm run build` first) over the shared corpus against peer
// CLIs on the same files, from one process, runs alternating: dockerfile-utils lint and
// dockerfilelint for Dockerfiles, dclint for Compose files. Peers are installed at pinned
// versions into .bench/ (gitignored) on first use. CPU and wall time of whole commands; prints
// figures, asserts nothing. Also the start-up cost per call (Node alone, Node plus the CLI bundle)
// and the peak RSS of the single bulkhead calls.
//   node test/bench/cli.mjs [corpusDir] [--rounds N] [--json] [--cli=path/to/cli.js]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { corpusDir, corpusFiles, median, parseArgs, root } from './common.mjs';

const PEERS = { 'dockerfile-utils': '0.16.3', dockerfilelint: '1.8.0', dclint: '3.1.0' };
const { rounds, positional, flags } = parseArgs(process.argv.slice(2), 3);
const corpus = corpusDir(positional[0]);
const bench = join(root, '.bench');
const bin = (name) => join(bench, 'node_modules/.bin', name);
if (!Object.keys(PEERS).every((p) => existsSync(join(bench, 'node_modules', p, 'package.json')))) {
  console.error(`installing peers into ${bench} ...`);
  const specs = Object.entries(PEERS).map(([n, v]) => `${n}@${v}`);
  execFileSync('npm', ['install', '--prefix', bench, '--no-save', '--no-audit', '--no-fund', ...specs], { stdio: ['ignore', 'ignore', 'inherit'] });
}
const require = createRequire(join(bench, 'package.json'));
const engine = createRequire(import.meta.url)(join(root, 'out/server/src/engine/index.js'));

const files = corpusFiles(corpus, engine.kindFromName);
const docker = files.filter((f) => f.kind === 'dockerfile').map((f) => f.path);
const compose = files.filter((f) => f.kind === 'compose').map((f) => f.path);
// dockerfile-utils lints one file per call: timed on every 35th Dockerfile and scaled up.
const sample = docker.filter((_, i) => i % 35 === 0);

// Wall time and CPU time (user + system, through GNU time when present): on a shared machine
// under load the wall time mostly measures waiting for a core, so the ratios use CPU time.
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
/** Peak resident memory (MB) of the last command run through GNU time. */
let lastRss = NaN;
const cpuFile = join(tmpdir(), `bulkhead-bench-cli-${process.pid}.time`);
function run(cmd, args) {
  const t0 = performance.now();
  const [c, a] = GNU_TIME ? [GNU_TIME, ['-f', '%U %S %M', '-o', cpuFile, cmd, ...args]] : [cmd, args];
  const r = spawnSync(c, a, { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  const wall = performance.now() - t0;
  if (r.error) throw r.error;
  const [u, sy, kb] = GNU_TIME ? readFileSync(cpuFile, 'utf8').trim().split(/\s+/).slice(-3).map(Number) : [NaN, NaN, NaN];
  lastRss = kb / 1024;
  return { wall, cpu: GNU_TIME ? (u + sy) * 1000 : wall, rss: lastRss, stdout: r.stdout };
}
const add = (a, b) => ({ wall: a.wall + b.wall, cpu: a.cpu + b.cpu, rss: Math.max(a.rss, b.rss) });
const node = process.execPath;
// --cli=<path>: another build of the CLI (e.g. a copy of an older dist/cli.js, for before/after figures).
const cli = [...flags].find((f) => f.startsWith('--cli='))?.slice('--cli='.length) ?? join(root, 'dist/cli.js');
const scan = (paths, kind) => run(node, [cli, 'scan', ...paths, '--kind', kind, '--format', 'json', '--fail-on', 'none', '--no-config']);
const tools = {
  bulkheadDocker: () => scan(docker, 'dockerfile'),
  bulkheadSample: () => sample.reduce((t, f) => add(t, scan([f], 'dockerfile')), { wall: 0, cpu: 0, rss: 0 }),
  dockerfileUtilsSample: () => sample.reduce((t, f) => add(t, run(bin('dockerfile-utils'), ['lint', '--json', f])), { wall: 0, cpu: 0, rss: 0 }),
  dockerfilelint: () => run(bin('dockerfilelint'), ['--json', ...docker]),
  bulkheadCompose: () => scan(compose, 'compose'),
  dclint: () => run(bin('dclint'), ['--formatter', 'json', ...compose]),
  // Start-up: Node alone, and Node plus loading the CLI bundle (what every call pays before it analyses).
  nodeAlone: () => run(node, ['-e', '0']),
  bulkheadVersion: () => run(node, [cli, '--version']),
};
const times = Object.fromEntries(Object.keys(tools).map((k) => [k, []]));
for (let r = 0; r < rounds; r++) {
  const order = r % 2 ? Object.keys(tools).reverse() : Object.keys(tools);
  for (const k of order) times[k].push(tools[k]());
}
const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v.map((t) => t.cpu))]));
const w = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v.map((t) => t.wall))]));
const rss = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v.map((t) => t.rss))]));
rmSync(cpuFile, { force: true });
const scale = docker.length / sample.length;

// Rules each tool applies to every file of its kind.
const rulesOf = {
  bulkheadDocker: engine.rulesFor('dockerfile').length,
  bulkheadCompose: engine.rulesFor('compose').length,
  dockerfileUtils: Object.keys(require('dockerfile-utils').ValidationCode).filter((k) => Number.isNaN(Number(k))).length,
  dockerfilelint: Object.keys(require('dockerfilelint/lib/reference.js')).length,
  dclint: (() => {
    try {
      return new Set(
        require('node:fs')
          .readFileSync(join(bench, 'node_modules/dclint/dist/index.cjs'), 'utf8')
          .match(/docs\/rules\/[a-z0-9-]+/g),
      ).size;
    } catch {
      return NaN;
    }
  })(),
};

const rows = [
  { tool: 'bulkhead scan (1 call)', files: docker.length, wall: w.bulkheadDocker, ms: m.bulkheadDocker, rules: rulesOf.bulkheadDocker, vs: '' },
  {
    tool: `dockerfilelint ${PEERS.dockerfilelint} (1 call)`,
    files: docker.length,
    wall: w.dockerfilelint,
    ms: m.dockerfilelint,
    rules: rulesOf.dockerfilelint,
    vs: m.dockerfilelint / m.bulkheadDocker,
  },
  {
    tool: `bulkhead scan, 1 call per file (${sample.length}-file sample × ${scale.toFixed(1)})`,
    files: docker.length,
    wall: w.bulkheadSample * scale,
    ms: m.bulkheadSample * scale,
    rules: rulesOf.bulkheadDocker,
    vs: '',
  },
  {
    tool: `dockerfile-utils ${PEERS['dockerfile-utils']} lint, 1 call per file (same sample × ${scale.toFixed(1)})`,
    files: docker.length,
    wall: w.dockerfileUtilsSample * scale,
    ms: m.dockerfileUtilsSample * scale,
    rules: rulesOf.dockerfileUtils,
    vs: m.dockerfileUtilsSample / m.bulkheadSample,
    vsOne: (m.dockerfileUtilsSample * scale) / m.bulkheadDocker,
  },
  {
    tool: 'bulkhead scan (1 call)',
    files: compose.length,
    wall: w.bulkheadCompose,
    ms: m.bulkheadCompose,
    rules: rulesOf.bulkheadCompose,
    vs: '',
    compose: true,
  },
  {
    tool: `dclint ${PEERS.dclint} (1 call)`,
    files: compose.length,
    wall: w.dclint,
    ms: m.dclint,
    rules: rulesOf.dclint,
    vs: m.dclint / m.bulkheadCompose,
    compose: true,
  },
];

const startup = { node: m.nodeAlone, version: m.bulkheadVersion, oneFile: m.bulkheadSample / sample.length };
const peakRss = { docker: rss.bulkheadDocker, compose: rss.bulkheadCompose };
if (flags.has('--json')) console.log(JSON.stringify({ rounds, sample: sample.length, rows, startup, peakRss }));
else {
  console.log(
    `## CLI over the corpus vs peer CLIs (whole commands; CPU = user + system time of the command, wall beside it; median of ${rounds} alternating rounds)`,
  );
  console.log('');
  console.log('| kind | tool | files | CPU | wall | CPU per file | rules per file | bulkhead faster by (CPU) | goal |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const r of rows) {
    const vs = r.vs === '' ? '' : `**${r.vs.toFixed(1)}×**${r.vsOne ? ` (${r.vsOne.toFixed(0)}× vs bulkhead's single call)` : ''}`;
    console.log(
      `| ${r.compose ? 'Compose' : 'Dockerfile'} | ${r.tool} | ${r.files} | ${(r.ms / 1000).toFixed(2)} s | ${(r.wall / 1000).toFixed(2)} s | ${(r.ms / r.files).toFixed(1)} ms | ${r.rules} | ${vs} | ${r.vs === '' ? '' : '≥ 5×'} |`,
    );
  }
  console.log('');
  console.log(
    `Start-up, CPU per call: \`node -e 0\` ${startup.node.toFixed(0)} ms, \`bulkhead --version\` (Node plus the CLI bundle) ${startup.version.toFixed(0)} ms, \`bulkhead scan\` of one Dockerfile ${startup.oneFile.toFixed(0)} ms. ` +
      `Peak RSS of the single bulkhead call: ${peakRss.docker.toFixed(0)} MB (Dockerfiles), ${peakRss.compose.toFixed(0)} MB (Compose).`,
  );
}
