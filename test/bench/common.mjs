// Shared helpers of the benchmark scripts (never part of the tests).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Every rule on, the ones off by default included (`default` = the rule's own severity). */
export const ALL_ON = { customizations: [{ rule: '*', severity: 'default' }] };

/** `--rounds N`, `--flag`s and positional arguments. */
export function parseArgs(argv, defaultRounds) {
  const flags = new Set();
  const positional = [];
  let rounds = defaultRounds;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--rounds') rounds = Number(argv[++i]) || defaultRounds;
    else if (a.startsWith('--')) flags.add(a);
    else positional.push(a);
  }
  return { rounds, flags, positional };
}

/** The shared corpus: an explicit path, $BULKHEAD_CORPUS, or the first `shared/corpus` above the checkout. */
export function corpusDir(explicit) {
  const candidates = [explicit, process.env.BULKHEAD_CORPUS, join(root, '../shared/corpus'), join(root, '../../shared/corpus')].filter(Boolean);
  const found = candidates.map((c) => resolve(c)).find((c) => existsSync(c));
  if (!found) {
    console.error(`corpus not found (tried ${candidates.join(', ')}); pass its path or set BULKHEAD_CORPUS`);
    process.exit(2);
  }
  return found;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/** Milliseconds of CPU (user + system, all threads of this process) spent in fn. */
export function cpuTime(fn) {
  const t0 = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
}

/** Every file under `dir` that `kindFromName` (the engine's) recognises, in sorted walk order: `{ path, kind }`. */
export function corpusFiles(dir, kindFromName, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) corpusFiles(p, kindFromName, out);
    else {
      const kind = kindFromName(p);
      if (kind) out.push({ path: p, kind });
    }
  }
  return out;
}
