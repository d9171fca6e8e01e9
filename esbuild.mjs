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

/**
 * The server never opens sockets or starts processes (test/security/io.test.ts). The language
 * server library requires `net` (socket/pipe transports) and `child_process` (global module
 * resolution) at load time although stdio and IPC, the transports we use, need neither: the
 * server bundle gets stand-ins that throw if anything ever calls them, so the real modules are
 * never loaded.
 */
const noSocketsNoProcesses = {
  name: 'no-sockets-no-processes',
  setup(b) {
    b.onResolve({ filter: /^(node:)?(net|child_process)$/ }, (args) => ({ path: args.path.replace(/^node:/, ''), namespace: 'bulkhead-forbidden' }));
    b.onLoad({ filter: /.*/, namespace: 'bulkhead-forbidden' }, (args) => ({
      loader: 'js',
      contents: `const fail = (name) => () => { throw new Error('Bulkhead server: ${'$'}{name} is not available (no sockets, no child processes; use --stdio or --node-ipc)'); };
module.exports = new Proxy({}, { get: (_, key) => (key === '__esModule' ? false : typeof key === 'string' ? fail(${JSON.stringify(args.path)} + '.' + key) : undefined) });`,
    }));
  },
};

const entries = [
  { in: 'client/src/extension.ts', out: 'dist/extension.js', external: ['vscode'] },
  { in: 'server/src/lsp/main.ts', out: 'dist/server.js', external: [], plugins: [noSocketsNoProcesses] },
  { in: 'server/src/cli/main.ts', out: 'dist/cli.js', external: [], banner: '#!/usr/bin/env node' },
];

for (const e of entries) {
  if (!existsSync(e.in)) continue;
  await build({
    ...common,
    entryPoints: [e.in],
    outfile: e.out,
    external: e.external,
    plugins: e.plugins ?? [],
    ...(e.banner ? { banner: { js: e.banner } } : {}),
  });
  if (e.banner) chmodSync(e.out, 0o755);
}
