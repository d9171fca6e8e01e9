#!/usr/bin/env node
// Engine cost over the shared corpus against the parse floor (dockerfile-ast / yaml alone),
// side by side in one process so machine noise cancels: every round times floor and engine
// back to back (process CPU time), and the ratio is the median of the per-round ratios. Prints figures; asserts
// nothing. Every rule is on (rules that are off by default included).
//   node test/bench/engine.mjs [corpusDir] [--rounds N] [--json] [--profile]
// --profile adds a Dockerfile breakdown (median CPU per phase, cumulative, same rounds):
// parse with the engine's (patched) dockerfile-ast copy, + model, + shell model of every
// instruction, + rules (the whole analyze()).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { ALL_ON, corpusDir, corpusFiles, cpuTime, median, parseArgs, root } from './common.mjs';

const require = createRequire(import.meta.url);
const { rounds, positional, flags } = parseArgs(process.argv.slice(2), 7);
const corpus = corpusDir(positional[0]);

// The floor uses a private, untouched copy of dockerfile-ast: the engine patches its own copy
// (memoised argument tokenising, see model/dockerfile.ts), which must not speed up the floor.
const { DockerfileParser } = require('dockerfile-ast');
for (const key of Object.keys(require.cache)) if (key.includes(`${'/'}dockerfile-ast${'/'}`)) delete require.cache[key];
const YAML = require('yaml');
const engine = require(join(root, 'out/server/src/engine/index.js'));

const files = corpusFiles(corpus, engine.kindFromName).map((f) => ({ ...f, text: readFileSync(f.path, 'utf8') }));
const docker = files.filter((f) => f.kind === 'dockerfile');
const compose = files.filter((f) => f.kind === 'compose');
const bytes = (list) => list.reduce((n, f) => n + f.text.length, 0);
const config = ALL_ON;

// CPU time of this process (all its threads, GC included), not wall time: the 2-core machine
// is shared, and waiting for a core is not our cost. cpuTime() in common.mjs.
const once = (fn) => cpuTime(fn);
const floorD = () =>
  once(() => {
    for (const f of docker) DockerfileParser.parse(f.text).getInstructions();
  });
const floorC = () =>
  once(() => {
    for (const f of compose) YAML.parseAllDocuments(f.text, { merge: true });
  });
const engD = () =>
  once(() => {
    for (const f of docker) engine.analyze(f.text, { kind: 'dockerfile', config });
  });
const engC = () =>
  once(() => {
    for (const f of compose) engine.analyze(f.text, { kind: 'compose', config });
  });

// Warm up the JIT on everything (two passes).
for (let r = 0; r < 2; r++) {
  floorD();
  floorC();
  engD();
  engC();
}

const s = { floorD: [], engD: [], floorC: [], engC: [], ratioD: [], ratioC: [] };
for (let r = 0; r < rounds; r++) {
  // Alternate the order so a load spike does not always land on the same side.
  const pair = (floor, eng) => (r % 2 === 0 ? [floor(), eng()] : [eng(), floor()].reverse());
  const [fd, ed] = pair(floorD, engD);
  const [fc, ec] = pair(floorC, engC);
  s.floorD.push(fd);
  s.engD.push(ed);
  s.floorC.push(fc);
  s.engC.push(ec);
  s.ratioD.push(ed / fd);
  s.ratioC.push(ec / fc);
}

// Dockerfile breakdown: each phase includes the ones before it; differences are the phase costs.
let breakdown;
if (flags.has('--profile')) {
  const { DockerfileParser: EngineParser } = require('dockerfile-ast'); // the engine's patched copy, loaded by the engine
  const { buildDockerfileModel } = require(join(root, 'out/server/src/engine/model/dockerfile.js'));
  const phases = {
    parse: () =>
      once(() => {
        for (const f of docker) EngineParser.parse(f.text).getInstructions();
      }),
    model: () =>
      once(() => {
        for (const f of docker) buildDockerfileModel(f.text);
      }),
    shell: () =>
      once(() => {
        for (const f of docker) {
          const m = buildDockerfileModel(f.text);
          for (const ins of m.instructions) m.shell(ins);
        }
      }),
    analyze: engD,
  };
  const times = { floor: [], parse: [], model: [], shell: [], analyze: [] };
  for (const fn of Object.values(phases)) fn();
  for (let r = 0; r < rounds; r++) {
    times.floor.push(floorD());
    for (const [k, fn] of Object.entries(phases)) times[k].push(fn());
  }
  const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
  breakdown = {
    floorMs: m.floor,
    parseMs: m.parse,
    modelMs: m.model - m.parse,
    shellMs: m.shell - m.model,
    rulesMs: m.analyze - m.shell,
    analyzeMs: m.analyze,
  };
}

const perRule = new Map();
let findings = 0;
for (const f of files) {
  const r = engine.analyze(f.text, { kind: f.kind, config, now: () => performance.now() });
  findings += r.findings.length;
  for (const [id, ms] of Object.entries(r.timings)) perRule.set(id, (perRule.get(id) ?? 0) + ms);
}

const result = {
  corpus,
  rounds,
  dockerfiles: {
    files: docker.length,
    bytes: bytes(docker),
    floorMs: median(s.floorD),
    engineMs: median(s.engD),
    ratio: median(s.ratioD),
    ratioMin: Math.min(...s.ratioD),
    ratioMax: Math.max(...s.ratioD),
  },
  compose: {
    files: compose.length,
    bytes: bytes(compose),
    floorMs: median(s.floorC),
    engineMs: median(s.engC),
    ratio: median(s.ratioC),
    ratioMin: Math.min(...s.ratioC),
    ratioMax: Math.max(...s.ratioC),
  },
  rules: { dockerfile: engine.rulesFor('dockerfile').length, compose: engine.rulesFor('compose').length },
  findings,
  topRules: [...perRule]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10)
    .map(([id, ms]) => ({ id, ms })),
  rulesTotalMs: [...perRule.values()].reduce((a, b) => a + b, 0),
  ...(breakdown ? { breakdown } : {}),
};

if (flags.has('--json')) {
  console.log(JSON.stringify(result));
} else {
  const fmt = (ms) => `${ms.toFixed(0)} ms`;
  const row = (name, parser, r) =>
    `| ${name} | ${r.files} (${(r.bytes / 1e6).toFixed(2)} MB) | ${fmt(r.floorMs)} (${parser}) | ${fmt(r.engineMs)} | **${r.ratio.toFixed(2)}×** (${r.ratioMin.toFixed(2)}–${r.ratioMax.toFixed(2)}) | ≤ 2× (#4), ≤ 1.5× (#8) |`;
  console.log(`## Engine vs parse floor (${corpus}; ${rounds} interleaved rounds after 2 warm-up passes; every rule on)`);
  console.log(`rules: ${result.rules.dockerfile} Dockerfile, ${result.rules.compose} Compose; findings: ${findings}`);
  console.log('');
  console.log('| input | files | parse floor (median CPU) | engine, all rules (median CPU) | ratio: median of per-round ratios (min–max) | goal |');
  console.log('| --- | ---: | ---: | ---: | ---: | --- |');
  console.log(row('Dockerfiles', 'dockerfile-ast', result.dockerfiles));
  console.log(row('Compose', 'yaml', result.compose));
  console.log('');
  console.log(
    `Per-rule cost, top 10 (one pass over the corpus, wall clock of each check; all rules together: ${result.rulesTotalMs.toFixed(0)} ms; model parts are charged to the first rule that asks for them):`,
  );
  console.log('');
  console.log('| rule | ms over corpus |');
  console.log('| --- | ---: |');
  for (const { id, ms } of result.topRules) console.log(`| ${id} | ${ms.toFixed(1)} |`);
  if (breakdown) {
    const b = breakdown;
    console.log('');
    console.log(`Dockerfile breakdown (--profile; median CPU of ${rounds} rounds; each phase measured cumulatively, cost = difference):`);
    console.log('');
    console.log('| phase | ms | × floor |');
    console.log('| --- | ---: | ---: |');
    const line = (name, ms) => console.log(`| ${name} | ${fmt(ms)} | ${(ms / b.floorMs).toFixed(2)} |`);
    line('floor: untouched dockerfile-ast', b.floorMs);
    line("parse: the engine's patched dockerfile-ast", b.parseMs);
    line('model (model/dockerfile.ts, without shell)', b.modelMs);
    line('shell model of every instruction', b.shellMs);
    line('rules, suppressions, findings (rest of analyze)', b.rulesMs);
    line('analyze, total', b.analyzeMs);
  }
}
