#!/usr/bin/env node
// Behaviour snapshot of the Dockerfile engine over the shared corpus, every rule on: every
// finding of every Dockerfile (id, messageId, message, range, severity, related, fix title and
// edits, suggestion titles and edits), parse problems and rule errors, as JSON. Used to prove
// that a performance change changes nothing: snapshot before, snapshot after, compare bytes.
//   node test/bench/snapshot.mjs [corpusDir] [--after-edits] > /tmp/before.json
// --after-edits analyses three edited versions of each file first (a character inserted at the
// start of a middle line, that line emptied, a line break inserted before it), as an editor
// would, so the engine's memos across analyses (model/dockerfile.ts) hold neighbouring
// versions' entries: the snapshot must still be byte-identical to one taken without it.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { ALL_ON, corpusDir, corpusFiles, parseArgs, root } from './common.mjs';

const require = createRequire(import.meta.url);
const { positional, flags } = parseArgs(process.argv.slice(2), 1);
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
  const text = readFileSync(p, 'utf8');
  if (flags.has('--after-edits')) {
    const lines = text.split('\n');
    const at = lines.length >> 1;
    const edited = (f) => lines.map((l, i) => (i === at ? f(l) : l)).join('\n');
    for (const f of [(l) => 'x' + l, () => '', (l) => '\n' + l]) engine.analyze(edited(f), { kind: 'dockerfile', config: ALL_ON });
  }
  const r = engine.analyze(text, { kind: 'dockerfile', config: ALL_ON });
  const entry = {
    file: relative(corpus, p),
    findings: r.findings.map(finding),
    suppressed: r.suppressed.map(finding),
    problems: r.problems,
    errors: r.errors,
  };
  process.stdout.write(JSON.stringify(entry) + '\n');
}
