#!/usr/bin/env node
// Findings snapshot of every corpus Compose file with every rule on, for proving that a
// performance change changes no behaviour: run before and after, then compare the two files
// byte for byte (`cmp`). Each file is analysed twice: alone (what test/bench/engine.mjs times)
// and with its path and a reader over the corpus directory, as the CLI does, so the
// cross-file rules (override, extends, include, the Dockerfile behind `build:`) run too. The
// per-service checklist of the second analysis is recorded as well (it reads Compose facts).
// Prints nothing but the output path; asserts nothing.
//   node test/bench/snapshot-compose.mjs [corpusDir] [--out /tmp/cperf-base.json]
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { ALL_ON, corpusDir, corpusFiles, root } from './common.mjs';

const require = createRequire(import.meta.url);
const argv = process.argv.slice(2);
const outAt = argv.indexOf('--out');
const out = outAt >= 0 ? argv[outAt + 1] : '/tmp/cperf-base.json';
const corpus = corpusDir(argv.find((a, i) => !a.startsWith('--') && argv[i - 1] !== '--out'));
const engine = require(join(root, 'out/server/src/engine/index.js'));
const { evaluateChecklist } = require(join(root, 'out/server/src/engine/checklist.js'));

/** Like the CLI's disk reader: text, or undefined when absent or unreadable. */
const reader = {
  read(p) {
    try {
      return statSync(p).isFile() ? readFileSync(p, 'utf8') : undefined;
    } catch {
      return undefined;
    }
  },
};

const rel = (p) => (typeof p === 'string' && p.startsWith(corpus) ? p.slice(corpus.length + 1) : p);
const edits = (list) => list.map((e) => ({ range: e.range, newText: e.newText }));
const finding = (f) => ({
  ruleId: f.ruleId,
  messageId: f.messageId,
  message: f.message,
  data: f.data,
  severity: f.severity,
  category: f.category,
  range: f.range,
  related: f.related?.map((r) => ({ ...r, file: rel(r.file) })),
  fix: f.fix && { safety: f.fix.safety, title: f.fix.title, edits: edits(f.fix.edits()) },
  suggestions: f.suggestions.map((s) => ({ messageId: s.messageId, title: s.title, edits: edits(s.edits()) })),
  suppressedBy: f.suppressedBy && { rules: f.suppressedBy.rules, range: f.suppressedBy.range },
});
const result = (r) => ({
  findings: r.findings.map(finding),
  suppressed: r.suppressed.map(finding),
  problems: r.problems,
  errors: r.errors,
  dependencies: r.dependencies?.map(rel),
});

const snapshot = [];
for (const path of corpusFiles(corpus, engine.kindFromName)
  .filter((f) => f.kind === 'compose')
  .map((f) => f.path)) {
  const text = readFileSync(path, 'utf8');
  const alone = engine.analyze(text, { kind: 'compose', config: ALL_ON });
  const project = engine.analyze(text, { kind: 'compose', config: ALL_ON, path, files: reader });
  const checklist = evaluateChecklist({ files: [{ path: rel(path), result: project }] });
  snapshot.push({
    file: rel(path),
    alone: result(alone),
    project: result(project),
    checklist: checklist.subjects.map((s) => ({
      id: s.id,
      counts: s.counts,
      items: s.items.map((i) => ({ id: i.id, status: i.status, summary: i.summary, evidence: i.evidence })),
    })),
  });
}
writeFileSync(out, JSON.stringify(snapshot, null, 1) + '\n');
console.log(`${out}: ${snapshot.length} Compose files, ${snapshot.reduce((n, s) => n + s.project.findings.length, 0)} findings with the project reader`);
