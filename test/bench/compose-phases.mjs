#!/usr/bin/env node
// Where the Compose engine's time goes, over the corpus Compose files (analysed alone, like
// test/bench/engine.mjs): the yaml floor, the model alone, analysis without rules (model,
// suppressions, runner), and with every rule on. Median CPU time of N interleaved rounds; each
// rule's own time (wall clock, one pass, model parts it triggers included) with `--rules`.
// Prints figures; asserts nothing. With `--profile-loop N` it only analyses N times (for
// `node --cpu-prof`). With `--per-file K` it times each file alone instead, K interleaved times
// per phase, and sums each file's fastest time (wall clock): on a loaded machine the minimum
// leaves out other processes and most GC pauses, so small changes show; it also names the
// files that cost most above the floor.
//   node test/bench/compose-phases.mjs [corpusDir] [--rounds N] [--rules] [--per-file K]
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { ALL_ON, corpusDir, corpusFiles, cpuTime, median, parseArgs, root } from './common.mjs';

const require = createRequire(import.meta.url);
const argv = process.argv.slice(2);
const loopAt = argv.indexOf('--profile-loop');
const loops = loopAt >= 0 ? Number(argv.splice(loopAt, 2)[1]) : 0;
const perFileAt = argv.indexOf('--per-file');
const perFile = perFileAt >= 0 ? Number(argv.splice(perFileAt, 2)[1]) : 0;
const { rounds, positional, flags } = parseArgs(argv, 7);
const corpus = corpusDir(positional[0]);
const YAML = require('yaml');
const engine = require(join(root, 'out/server/src/engine/index.js'));
const { buildComposeModel } = require(join(root, 'out/server/src/engine/model/compose/index.js'));

const files = corpusFiles(corpus, engine.kindFromName).filter((f) => f.kind === 'compose');
const texts = files.map((f) => readFileSync(f.path, 'utf8'));
const config = ALL_ON;

if (loops > 0) {
  for (let i = 0; i < loops; i++) for (const t of texts) engine.analyze(t, { kind: 'compose', config });
  process.exit(0);
}

if (perFile > 0) {
  const one = {
    yaml: (t) => YAML.parseAllDocuments(t, { merge: true }),
    model: (t) => buildComposeModel(t),
    'no rules': (t) => engine.analyze(t, { kind: 'compose', config, rules: [] }),
    'all rules': (t) => engine.analyze(t, { kind: 'compose', config }),
  };
  const keys = Object.keys(one);
  for (let r = 0; r < 2; r++) for (const t of texts) for (const k of keys) one[k](t);
  const sums = Object.fromEntries(keys.map((k) => [k, 0]));
  const rows = [];
  texts.forEach((t, i) => {
    const best = Object.fromEntries(keys.map((k) => [k, Infinity]));
    for (let r = 0; r < perFile; r++)
      for (const k of r % 2 ? [...keys].reverse() : keys) {
        const started = performance.now();
        one[k](t);
        best[k] = Math.min(best[k], performance.now() - started);
      }
    for (const k of keys) sums[k] += best[k];
    rows.push({ path: relative(corpus, files[i].path), above: best['all rules'] - best.yaml, floor: best.yaml, all: best['all rules'] });
  });
  console.log(`${texts.length} Compose files, each timed alone ${perFile}× per phase: sum of per-file minima (wall ms) and ratio to the yaml floor`);
  for (const k of keys) console.log(`${k.padEnd(10)} ${sums[k].toFixed(0).padStart(6)}  ×floor ${(sums[k] / sums.yaml).toFixed(2)}`);
  const above = sums['all rules'] - sums.yaml;
  console.log(`files costing most above the floor (of ${above.toFixed(0)} ms):`);
  for (const r of rows.sort((a, b) => b.above - a.above).slice(0, 5))
    console.log(`  ${r.above.toFixed(1).padStart(6)} ms  (floor ${r.floor.toFixed(1)}, engine ${r.all.toFixed(1)})  ${r.path}`);
  process.exit(0);
}

const phases = {
  yaml: () => {
    for (const t of texts) YAML.parseAllDocuments(t, { merge: true });
  },
  model: () => {
    for (const t of texts) buildComposeModel(t);
  },
  'no rules': () => {
    for (const t of texts) engine.analyze(t, { kind: 'compose', config, rules: [] });
  },
  'all rules': () => {
    for (const t of texts) engine.analyze(t, { kind: 'compose', config });
  },
};
const names = Object.keys(phases);
for (let r = 0; r < 2; r++) for (const n of names) phases[n]();
const times = Object.fromEntries(names.map((n) => [n, []]));
for (let r = 0; r < rounds; r++) {
  const order = r % 2 ? [...names].reverse() : names;
  for (const n of order) times[n].push(cpuTime(phases[n]));
}
console.log(
  `${texts.length} Compose files, ${rounds} interleaved rounds: median CPU ms (min–max), and the median of per-round ratios to the yaml floor (min–max)`,
);
for (const n of names) {
  const xs = times[n];
  const ratios = xs.map((x, i) => x / times.yaml[i]);
  const f = (x) => x.toFixed(2);
  console.log(
    `${n.padEnd(10)} ${median(xs).toFixed(0).padStart(6)} (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})  ×floor ${f(median(ratios))} (${f(Math.min(...ratios))}–${f(Math.max(...ratios))})`,
  );
}
if (flags.has('--rules')) {
  const perRule = new Map();
  for (let r = 0; r < 3; r++)
    for (const t of texts) {
      const res = engine.analyze(t, { kind: 'compose', config, now: () => performance.now() });
      for (const [id, ms] of Object.entries(res.timings)) perRule.set(id, (perRule.get(id) ?? 0) + ms / 3);
    }
  const sorted = [...perRule].sort((a, b) => b[1] - a[1]);
  console.log(`rules total ${sorted.reduce((n, [, ms]) => n + ms, 0).toFixed(0)} ms (wall, mean of 3 passes)`);
  for (const [id, ms] of sorted) console.log(`  ${id.padEnd(36)} ${ms.toFixed(1)}`);
}
