#!/usr/bin/env node
// `npm run bench`: every benchmark in turn (engine, per-keystroke engine, LSP, CLI, guard), each in its own process (the engine bench patches
// nothing the others see), then the package size. Expects a fresh `npm run build` (the npm
// script does it); the bundles are then rebuilt as shipped (`esbuild.mjs --production`:
// minified, as `npm run package` makes them), so the LSP and CLI figures (memory above all)
// are those of the extension users install. Prints markdown for docs/performance.md; asserts nothing.
//   node test/bench/run.mjs [corpusDir] [--quick]   (--quick: fewer rounds and samples)
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, root } from './common.mjs';

const { positional, flags } = parseArgs(process.argv.slice(2), 1);
const quick = flags.has('--quick');
const pass = positional.slice(0, 1);
const step = (script, ...args) => {
  const r = spawnSync(process.execPath, [join(root, 'test/bench', script), ...pass, ...args], { stdio: 'inherit' });
  if (r.status !== 0) console.log(`\n(${script} exited with ${r.status})`);
  console.log('');
};

console.log(`# Bulkhead benchmarks (${new Date().toISOString()}, node ${process.version})\n`);
const bundles = spawnSync(process.execPath, [join(root, 'esbuild.mjs'), '--production'], { cwd: root, encoding: 'utf8' });
if (bundles.status !== 0) console.log(`(production bundles failed: ${bundles.stderr}; measuring the existing dist/)\n`);
step('engine.mjs', '--rounds', quick ? '3' : '7');
step('typing.mjs', '--rounds', quick ? '1' : '2');
step('lsp.mjs', ...(quick ? ['--quick'] : []));
step('cli.mjs', '--rounds', '1');
step('guard.mjs', '--rounds', quick ? '1' : '3');

// Package size: the .vsix as `npm run package` builds it (production bundles).
const pkg = spawnSync('npm', ['run', '--silent', 'package'], { cwd: root, encoding: 'utf8' });
const size = (p) => {
  try {
    return statSync(join(root, p)).size;
  } catch {
    return NaN;
  }
};
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
console.log('## Package');
console.log('');
console.log(`| artefact | size | goal |\n| --- | ---: | --- |`);
console.log(`| bulkhead.vsix (\`npm run package\`${pkg.status === 0 ? '' : ', FAILED'}) | ${(size('bulkhead.vsix') / 1024 / 1024).toFixed(2)} MB | ≤ 1.5 MB |`);
for (const f of ['dist/extension.js', 'dist/server.js', 'dist/cli.js']) console.log(`| ${f} (minified) | ${kb(size(f))} | |`);
