#!/usr/bin/env node
// Cost of the rule guard (server/src/node/guard.ts) over the shared corpus: engine.analyze()
// against RuleGuard.analyze() (the same analysis run as the body of a vm script with a
// timeout, plus the onRule hook), back to back in every round, order alternating, in process
// CPU time (all threads: the guard's watchdog thread included). Prints figures; asserts nothing.
//   node test/bench/guard.mjs [corpusDir] [--rounds N] [--json]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { ALL_ON, corpusDir, corpusFiles, cpuTime, median, parseArgs, root } from './common.mjs';

const require = createRequire(import.meta.url);
const { rounds, positional, flags } = parseArgs(process.argv.slice(2), 7);
const corpus = corpusDir(positional[0]);
const engine = require(join(root, 'out/server/src/engine/index.js'));
const { RuleGuard } = require(join(root, 'out/server/src/node/guard.js'));

const files = corpusFiles(corpus, engine.kindFromName).map((f) => ({ ...f, text: readFileSync(f.path, 'utf8') }));
const config = ALL_ON;
const reports = [];
const guard = new RuleGuard({ report: (e) => reports.push(e) });

let plainFindings = 0;
let guardedFindings = 0;
const plain = () =>
  cpuTime(() => {
    plainFindings = 0;
    for (const f of files) plainFindings += engine.analyze(f.text, { kind: f.kind, path: f.path, config }).findings.length;
  });
const guarded = () =>
  cpuTime(() => {
    guardedFindings = 0;
    for (const f of files) guardedFindings += guard.analyze(f.text, { kind: f.kind, path: f.path, config }).findings.length;
  });
// analyzeAll returns every result at once (as the CLI keeps every report): the like-for-like
// baseline keeps them too, or the batch pays the baseline's garbage collection of live models.
const plainKept = () =>
  cpuTime(() => {
    const kept = files.map((f) => engine.analyze(f.text, { kind: f.kind, path: f.path, config }));
    if (kept.length !== files.length) throw new Error('lost a result');
  });
let batchFindings = 0;
// The CLI's path: every file through analyzeAll (time slices of one guarded call each).
const batched = () =>
  cpuTime(() => {
    batchFindings = 0;
    for (const r of guard.analyzeAll(files.map((f) => ({ text: f.text, options: { kind: f.kind, path: f.path, config } })))) batchFindings += r.findings.length;
  });

for (let r = 0; r < 2; r++) {
  plain();
  guarded();
  plainKept();
  batched();
}
const s = { plain: [], guarded: [], ratio: [], perFile: [], kept: [], batched: [], batchRatio: [] };
for (let r = 0; r < rounds; r++) {
  const [p, g] = r % 2 === 0 ? [plain(), guarded()] : [guarded(), plain()].reverse();
  s.plain.push(p);
  s.guarded.push(g);
  s.ratio.push(g / p);
  s.perFile.push((g - p) / files.length);
  const [k, b] = r % 2 === 0 ? [plainKept(), batched()] : [batched(), plainKept()].reverse();
  s.kept.push(k);
  s.batched.push(b);
  s.batchRatio.push(b / k);
}

// Per-file medians (one file at a time, 5 repetitions each, CPU), for the typical analysis.
const per = { plain: [], guarded: [] };
for (const f of files) {
  const o = { kind: f.kind, path: f.path, config };
  per.plain.push(median([0, 1, 2, 3, 4].map(() => cpuTime(() => engine.analyze(f.text, o)))));
  per.guarded.push(median([0, 1, 2, 3, 4].map(() => cpuTime(() => guard.analyze(f.text, o)))));
}

const result = {
  corpus,
  rounds,
  files: files.length,
  sameFindings: plainFindings === guardedFindings && plainFindings === batchFindings,
  findings: plainFindings,
  guardReports: reports.map((e) => `${e.kind} ${e.ruleId ?? ''} ${e.file}`),
  corpusCpuMs: { engine: median(s.plain), guarded: median(s.guarded) },
  ratio: median(s.ratio),
  ratioMin: Math.min(...s.ratio),
  ratioMax: Math.max(...s.ratio),
  overheadPerAnalysisMs: median(s.perFile),
  keptCpuMs: median(s.kept),
  batchedCpuMs: median(s.batched),
  batchRatio: median(s.batchRatio),
  perFileMedianMs: { engine: median(per.plain), guarded: median(per.guarded) },
};

if (flags.has('--json')) console.log(JSON.stringify(result, null, 2));
else {
  const f = (x) => x.toFixed(3);
  console.log(`## Rule guard overhead (${files.length} corpus files, ${rounds} rounds, CPU)\n`);
  console.log('| measure | engine.analyze | guarded | ratio |');
  console.log('| --- | ---: | ---: | ---: |');
  console.log(
    `| whole corpus, median of rounds (ms) | ${result.corpusCpuMs.engine.toFixed(0)} | ${result.corpusCpuMs.guarded.toFixed(0)} | ${f(result.ratio)} (${f(result.ratioMin)}–${f(result.ratioMax)}) |`,
  );
  console.log(
    `| whole corpus, results kept, through analyzeAll (the CLI), median (ms) | ${result.keptCpuMs.toFixed(0)} | ${result.batchedCpuMs.toFixed(0)} | ${f(result.batchRatio)} |`,
  );
  console.log(
    `| one file, median over files (ms) | ${f(result.perFileMedianMs.engine)} | ${f(result.perFileMedianMs.guarded)} | ${f(result.perFileMedianMs.guarded / result.perFileMedianMs.engine)} |`,
  );
  console.log(
    `\nguard overhead per analysis (median of rounds): ${f(result.overheadPerAnalysisMs)} ms; same findings: ${result.sameFindings} (${result.findings}); guard reports: ${result.guardReports.length ? result.guardReports.join('; ') : 'none'}`,
  );
}
