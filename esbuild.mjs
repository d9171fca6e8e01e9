// Bundles the three shipped entry points. `tsc -b` type-checks; esbuild is the only emitter
// for shipped code. `--production` minifies and drops source maps.
import { build } from 'esbuild';
import { existsSync, chmodSync } from 'node:fs';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  legalComments: production ? 'none' : 'inline',
};

const entries = [
  { in: 'client/src/extension.ts', out: 'dist/extension.js', external: ['vscode'] },
  { in: 'server/src/lsp/main.ts', out: 'dist/server.js', external: [] },
  { in: 'server/src/cli/main.ts', out: 'dist/cli.js', external: [], banner: '#!/usr/bin/env node' },
];

for (const e of entries) {
  if (!existsSync(e.in)) continue;
  await build({
    ...common,
    entryPoints: [e.in],
    outfile: e.out,
    external: e.external,
    ...(e.banner ? { banner: { js: e.banner } } : {}),
  });
  if (e.banner) chmodSync(e.out, 0o755);
}
