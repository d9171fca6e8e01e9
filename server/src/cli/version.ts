/**
 * The package version, fixed at build time: esbuild inlines the `require`d package.json into
 * dist/cli.js, so the CLI never reads a file at run time (and never one relative to cwd).
 * tsc does not resolve plain `require` calls, so no JSON file joins the composite project.
 */
function readVersion(): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- bundled by esbuild (see above)
    const pkg = require('../../../package.json') as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    // Only reachable from the unbundled tsc output (out/), which in-process tests load.
    return '0.0.0-dev';
  }
}

export const VERSION: string = readVersion();
export const TOOL_NAME = 'bulkhead';
