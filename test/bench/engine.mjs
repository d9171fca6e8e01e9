#!/usr/bin/env node
// Engine cost over ../shared/corpus against the parse floor (dockerfile-ast / yaml alone),
// side by side in one process so machine noise cancels. Prints figures; asserts nothing.
//   node test/bench/engine.mjs [corpusDir] [--rounds N]
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const engine = require(join(root, 'out/server/src/engine/index.js'));
const { DockerfileParser } = require('dockerfile-ast');
const YAML = require('yaml');

const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) || 5 : 5;
const corpus = resolve(args.find((a, i) => !a.startsWith('--') && i !== roundsAt + 1) ?? join(root, '../shared/corpus'));
if (!existsSync(corpus)) {
  console.error(`corpus not found: ${corpus}`);
  process.exit(2);
}

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) walk(p, out);
    else {
      const kind = engine.kindFromName(p);
      if (kind) out.push({ path: p, kind, text: readFileSync(p, 'utf8') });
    }
  }
  return out;
}

const files = walk(corpus);
const docker = files.filter((f) => f.kind === 'dockerfile');
const compose = files.filter((f) => f.kind === 'compose');
const bytes = (list) => list.reduce((n, f) => n + f.text.length, 0);

function time(fn) {
  const samples = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

// Warm up JIT on everything once.
for (const f of files) engine.analyze(f.text, { kind: f.kind });

const floorDocker = time(() => { for (const f of docker) DockerfileParser.parse(f.text).getInstructions(); });
const floorCompose = time(() => { for (const f of compose) YAML.parseAllDocuments(f.text, { merge: true }); });
const engDocker = time(() => { for (const f of docker) engine.analyze(f.text, { kind: 'dockerfile' }); });
const engCompose = time(() => { for (const f of compose) engine.analyze(f.text, { kind: 'compose' }); });

const perRule = new Map();
let findings = 0;
for (const f of files) {
  const r = engine.analyze(f.text, { kind: f.kind, now: () => performance.now() });
  findings += r.findings.length;
  for (const [id, ms] of Object.entries(r.timings)) perRule.set(id, (perRule.get(id) ?? 0) + ms);
}

const fmt = (ms) => `${ms.toFixed(1)} ms`;
console.log(`corpus: ${corpus}`);
console.log(`files: ${docker.length} Dockerfiles (${(bytes(docker) / 1e6).toFixed(2)} MB), ${compose.length} Compose files (${(bytes(compose) / 1e6).toFixed(2)} MB); median of ${rounds} rounds`);
console.log(`rules: ${engine.rulesFor('dockerfile').length} Dockerfile, ${engine.rulesFor('compose').length} Compose; findings: ${findings}`);
console.log('');
console.log('| input | parse floor | engine (all rules) | ratio | goal |');
console.log('| --- | ---: | ---: | ---: | --- |');
console.log(`| Dockerfiles | ${fmt(floorDocker)} (dockerfile-ast) | ${fmt(engDocker)} | ${(engDocker / floorDocker).toFixed(2)}× | ≤ 1.5× |`);
console.log(`| Compose | ${fmt(floorCompose)} (yaml) | ${fmt(engCompose)} | ${(engCompose / floorCompose).toFixed(2)}× | ≤ 1.5× |`);
console.log('');
console.log('| rule | total ms over corpus (1 pass) |');
console.log('| --- | ---: |');
for (const [id, ms] of [...perRule].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(`| ${id} | ${ms.toFixed(1)} |`);
