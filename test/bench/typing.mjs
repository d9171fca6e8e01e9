#!/usr/bin/env node
// Per-version engine cost of the LSP bench's Dockerfile edits, in-process (no server, no
// protocol): every version of the text the server would analyse goes through `engine.analyze`
// and, back to back in alternating order, through dockerfile-ast's parse alone (the floor).
//   1. typing: the 200-line Dockerfile of lsp.mjs typed character by character from an empty
//      document; each keystroke is a version (the text typed so far: lsp.mjs types at the end);
//   2. large: the 10,000-line Dockerfile, a character inserted at 20 scattered lines, each
//      edit on the previous version (the same lines and characters as lsp.mjs).
// Each version is timed in process CPU (process.cpuUsage: GC included), one sample per version
// per round. Prints per-version p50/p95/max of engine and floor; asserts nothing.
//   node test/bench/typing.mjs [--rounds N] [--only=typing|large] [--all] [--json]
// --all turns every rule on (the default is the server's: default settings). Run `npx tsc -b` first.
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { ALL_ON, median, parseArgs, percentile, root } from './common.mjs';
import { dockerfile } from './generate.mjs';

const require = createRequire(import.meta.url);
const { rounds, flags } = parseArgs(process.argv.slice(2), 3);
const only = [...flags]
  .find((f) => f.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const runs = (part) => !only || only.includes(part);
const config = flags.has('--all') ? ALL_ON : undefined;

// A private, untouched copy of dockerfile-ast for the floor (the engine patches its own copy).
const { DockerfileParser } = require('dockerfile-ast');
for (const key of Object.keys(require.cache)) if (key.includes(`${'/'}dockerfile-ast${'/'}`)) delete require.cache[key];
const engine = require(join(root, 'out/server/src/engine/index.js'));

const cpu = (fn) => {
  const t0 = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
};
const analyse = (text) => engine.analyze(text, { kind: 'dockerfile', ...(config ? { config } : {}) });
const parse = (text) => DockerfileParser.parse(text).getInstructions();

/** Every version the typing replay produces: each prefix of the file, one character longer each time. */
function typingVersions() {
  const full = dockerfile(200);
  const out = [];
  for (let k = 1; k <= full.length; k++) out.push(full.slice(0, k));
  return out;
}

/** The large-file edits of lsp.mjs: at line `((k * 7919) % total) * 0.999`, column 0, insert ' ' or '#'. */
function largeVersions(edits = 20) {
  let lines = dockerfile(10000).split('\n');
  const total = lines.length - 1;
  const out = [];
  for (let k = 0; k < edits; k++) {
    const line = Math.floor(((k * 7919) % total) * 0.999);
    lines = lines.slice();
    lines[line] = (k % 2 ? '#' : ' ') + lines[line];
    out.push(lines.join('\n'));
  }
  return out;
}

/** Times every version `rounds` times (engine and floor back to back, order alternating); per-version medians. */
function measure(versions, warm) {
  for (let i = 0; i < warm; i++) for (const v of versions) (analyse(v), parse(v));
  const eng = versions.map(() => []);
  const floor = versions.map(() => []);
  for (let r = 0; r < rounds; r++) {
    versions.forEach((v, i) => {
      if ((r + i) % 2 === 0) {
        eng[i].push(cpu(() => analyse(v)));
        floor[i].push(cpu(() => parse(v)));
      } else {
        floor[i].push(cpu(() => parse(v)));
        eng[i].push(cpu(() => analyse(v)));
      }
    });
  }
  const e = eng.map(median);
  const f = floor.map(median);
  const sum = (xs) => xs.reduce((a, b) => a + b, 0);
  return {
    versions: versions.length,
    rounds,
    engine: { p50: percentile(e, 50), p95: percentile(e, 95), max: Math.max(...e) },
    floor: { p50: percentile(f, 50), p95: percentile(f, 95), max: Math.max(...f) },
    ratio: sum(e) / sum(f),
  };
}

const results = {};
if (runs('typing')) results.typing200 = measure(typingVersions(), 1);
if (runs('large')) results.dockerfile10k = measure(largeVersions(), 1);

if (flags.has('--json')) console.log(JSON.stringify(results, null, 2));
else {
  const ms = (x) => x.toFixed(2);
  console.log(
    `| edits (${config ? 'every rule on' : 'default settings'}) | versions | engine p50 / p95 / max ms | floor p50 / p95 / max ms | engine ÷ floor (sum) |`,
  );
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const [name, r] of Object.entries(results)) {
    console.log(
      `| ${name} | ${r.versions} × ${r.rounds} | ${ms(r.engine.p50)} / ${ms(r.engine.p95)} / ${ms(r.engine.max)} | ${ms(r.floor.p50)} / ${ms(r.floor.p95)} / ${ms(r.floor.max)} | ${r.ratio.toFixed(2)}× |`,
    );
  }
}
