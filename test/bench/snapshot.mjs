#!/usr/bin/env node
// Behaviour snapshot of the Dockerfile engine over the shared corpus, every rule on: every
// finding of every Dockerfile (id, messageId, message, range, severity, related, fix title and
// edits, suggestion titles and edits), parse problems and rule errors, as JSON. Used to prove
// that a performance change changes nothing: snapshot before, snapshot after, compare bytes.
//   node test/bench/snapshot.mjs [corpusDir] > /tmp/before.json
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { ALL_ON, corpusDir, corpusFiles, parseArgs, root } from './common.mjs';

const require = createRequire(import.meta.url);
const { positional } = parseArgs(process.argv.slice(2), 1);
const corpus = corpusDir(positional[0]);
const engine = require(join(root, 'out/server/src/engine/index.js'));

const edits = (list) => list.map((e) => [e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character, e.newText]);
const range = (r) => [r.start.line, r.start.character, r.end.line, r.end.character];
const finding = (f) => ({
  id: f.ruleId,
  messageId: f.messageId,
  message: f.message,
  range: range(f.range),
  severity: f.severity,
  ...(f.related ? { related: f.related } : {}),
  ...(f.suppressedBy ? { suppressedBy: f.suppressedBy } : {}),
  ...(f.fix ? { fix: { safety: f.fix.safety, title: f.fix.title, edits: edits(f.fix.edits()) } } : {}),
  ...(f.suggestions.length ? { suggest: f.suggestions.map((s) => ({ messageId: s.messageId, title: s.title, edits: edits(s.edits()) })) } : {}),
});

for (const p of corpusFiles(corpus, engine.kindFromName)
  .filter((f) => f.kind === 'dockerfile')
  .map((f) => f.path)) {
  const r = engine.analyze(readFileSync(p, 'utf8'), { kind: 'dockerfile', config: ALL_ON });
  const entry = {
    file: relative(corpus, p),
    findings: r.findings.map(finding),
    suppressed: r.suppressed.map(finding),
    problems: r.problems,
    errors: r.errors,
  };
  process.stdout.write(JSON.stringify(entry) + '\n');
}
