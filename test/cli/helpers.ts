/**
 * Helpers for the CLI tests: throw-away directories under os.tmpdir(), and a spawned
 * dist/cli.js (the shipped bundle), rebuilt with esbuild.mjs when missing or older than the
 * sources. node --test runs files in parallel, so the rebuild is guarded by a lock folder.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function bundleIsFresh(): boolean {
  try {
    return statSync(CLI).mtimeMs >= Math.max(newestSource(join(ROOT, 'server', 'src')), statSync(join(ROOT, 'package.json')).mtimeMs);
  } catch {
    return false;
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

let checked = false;
export function ensureBundle(): void {
  if (checked) return;
  const lock = join(ROOT, 'dist', '.cli-test-build.lock');
  mkdirSync(dirname(lock), { recursive: true });
  for (let i = 0; !bundleIsFresh(); i++) {
    try {
      mkdirSync(lock);
    } catch {
      if (i > 600) throw new Error(`stale lock ${lock}`);
      sleep(100);
      continue;
    }
    try {
      const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`node esbuild.mjs failed: ${r.stderr}`);
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  checked = true;
}

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function cli(args: readonly string[], cwd: string, env: Record<string, string> = {}): CliResult {
  ensureBundle();
  const base = { ...process.env };
  delete base['NO_COLOR'];
  delete base['FORCE_COLOR'];
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...base, ...env }, timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh directory holding `files` (path → content); removed by the returned cleanup. */
export function tempTree(files: Readonly<Record<string, string | Buffer>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'bulkhead-cli-'));
  for (const [rel, content] of Object.entries(files)) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
  return dir;
}

export function removeTree(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

let otherRules: string[] | undefined;
/** `--rule <id>=off` for every rule but `keep`, so a test stays exact while rules are added. */
export function only(...keep: string[]): string[] {
  if (!otherRules) {
    const r = cli(['rules', '--format', 'json'], ROOT);
    otherRules = (JSON.parse(r.stdout) as { rules: { id: string }[] }).rules.map((x) => x.id);
  }
  return otherRules.filter((id) => !keep.includes(id)).flatMap((id) => ['--rule', `${id}=off`]);
}
