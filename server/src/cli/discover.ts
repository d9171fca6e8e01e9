/**
 * Which files `bulkhead scan` analyses. Directories are walked recursively; files are picked
 * by name (engine kindFromName); node_modules and .git are skipped; .gitignore files are
 * honoured with gitignore semantics (the `ignore` package), each relative to its own folder,
 * the deepest matching file deciding, as git does. Symlinked directories are followed only
 * when they resolve inside the scanned tree and were not visited yet (no loops, no escapes).
 * Explicitly named files are always kept; their kind may still be unknown here (the caller
 * reads them and falls back to kindFromContent).
 */
import { existsSync, readFileSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { dirname, isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { kindFromName, type FileKind } from '../engine';

export interface Target {
  /** Display path: as given, or joined onto the given directory; forward slashes. */
  readonly path: string;
  readonly abs: string;
  readonly explicit: boolean;
  readonly kind: FileKind | undefined;
}

export interface DiscoverOptions {
  readonly cwd: string;
  /** Keep only files of this kind when walking directories (explicit files are forced to it). */
  readonly kind?: FileKind | undefined;
}

export interface Discovery {
  /** Sorted by display path, one entry per real file. */
  readonly targets: readonly Target[];
  /** Paths given on the command line that do not exist. */
  readonly missing: readonly string[];
  /** Non-fatal trouble (unreadable directory, bad .gitignore), one line each. */
  readonly warnings: readonly string[];
}

const SKIPPED_DIRS = new Set(['node_modules', '.git']);

interface IgnoreLayer {
  readonly base: string;
  readonly ig: Ignore;
}

/** `./a//b/` → `a/b`; backslashes become forward slashes. */
export function toDisplay(p: string): string {
  const slashed = normalize(p).split(sep).join('/');
  return slashed.length > 1 && slashed.endsWith('/') ? slashed.slice(0, -1) : slashed;
}

function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** The deepest .gitignore with an opinion decides (a nested `!pattern` re-includes). */
function isIgnored(layers: readonly IgnoreLayer[], abs: string, isDir: boolean): boolean {
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i] as IgnoreLayer;
    const rel = relative(layer.base, abs).split(sep).join('/');
    if (rel === '' || rel.startsWith('../')) continue;
    const r = layer.ig.test(isDir ? `${rel}/` : rel);
    if (r.ignored) return true;
    if (r.unignored) return false;
  }
  return false;
}

function loadLayer(dir: string, warnings: string[]): IgnoreLayer | undefined {
  const file = join(dir, '.gitignore');
  try {
    if (!statSync(file).isFile()) return undefined;
    return { base: dir, ig: ignore().add(readFileSync(file, 'utf8')) };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') warnings.push(`cannot read ${file}: ${(e as Error).message}`);
    return undefined;
  }
}

/** .gitignore files between the enclosing git work tree's root and `dir` (exclusive). */
function ancestorLayers(dir: string, warnings: string[]): IgnoreLayer[] {
  const chain: string[] = [];
  let d = dir;
  while (!existsSync(join(d, '.git'))) {
    const parent = dirname(d);
    if (parent === d) return []; // not in a git work tree: only the scanned tree's .gitignore files count
    d = parent;
    chain.unshift(d);
  }
  return chain.map((c) => loadLayer(c, warnings)).filter((l): l is IgnoreLayer => l !== undefined);
}

export function discover(paths: readonly string[], options: DiscoverOptions): Discovery {
  const found = new Map<string, Target>();
  const missing: string[] = [];
  const warnings: string[] = [];
  const add = (t: Target) => {
    let key = t.abs;
    try {
      key = realpathSync.native(t.abs);
    } catch {
      // keep the lexical path
    }
    const prev = found.get(key);
    // An explicit mention wins over the same file reached by walking.
    if (!prev || (t.explicit && !prev.explicit)) found.set(key, t);
  };

  for (const given of paths) {
    const abs = resolve(options.cwd, given);
    let st;
    try {
      st = statSync(abs);
    } catch {
      missing.push(given);
      continue;
    }
    const display = toDisplay(given);
    if (st.isFile()) {
      add({ path: display, abs, explicit: true, kind: options.kind ?? kindFromName(abs) });
    } else if (st.isDirectory()) {
      let rootReal = abs;
      try {
        rootReal = realpathSync.native(abs);
      } catch {
        // unreachable in practice: statSync succeeded
      }
      const state: WalkState = { rootReal, visited: new Set([rootReal]), warnings, kind: options.kind, add, linked: [] };
      walk(abs, display, [...ancestorLayers(abs, warnings)], state);
      // Symlinked folders last, so a folder reached both ways is shown under its real path.
      for (let next = state.linked.shift(); next; next = state.linked.shift()) {
        if (!state.visited.has(next.real)) {
          state.visited.add(next.real);
          walk(next.abs, next.display, next.layers, state);
        }
      }
    } else {
      missing.push(given);
    }
  }
  const targets = [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { targets, missing, warnings };
}

interface WalkState {
  readonly rootReal: string;
  readonly visited: Set<string>;
  readonly warnings: string[];
  readonly kind: FileKind | undefined;
  readonly add: (t: Target) => void;
  readonly linked: { abs: string; display: string; real: string; layers: IgnoreLayer[] }[];
}

function walk(dir: string, display: string, layers: IgnoreLayer[], state: WalkState): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    state.warnings.push(`cannot read directory ${display}: ${(e as Error).message}`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const here = entries.some((e) => e.name === '.gitignore') ? loadLayer(dir, state.warnings) : undefined;
  const stack = here ? [...layers, here] : layers;
  for (const e of entries) {
    if (SKIPPED_DIRS.has(e.name)) continue;
    const abs = join(dir, e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      try {
        const st = statSync(abs);
        isDir = st.isDirectory();
        isFile = st.isFile();
      } catch {
        continue; // dangling link
      }
    }
    if (!isDir && !isFile) continue;
    if (isIgnored(stack, abs, isDir)) continue;
    const childDisplay = display === '.' ? e.name : display.endsWith('/') ? display + e.name : `${display}/${e.name}`;
    if (isDir) {
      let real: string;
      try {
        real = realpathSync.native(abs);
      } catch {
        continue;
      }
      if (state.visited.has(real) || !isInside(real, state.rootReal)) continue;
      if (e.isSymbolicLink()) {
        state.linked.push({ abs, display: childDisplay, real, layers: stack });
        continue;
      }
      state.visited.add(real);
      walk(abs, childDisplay, stack, state);
    } else {
      const kind = kindFromName(e.name);
      if (kind && (!state.kind || kind === state.kind)) state.add({ path: childDisplay, abs, explicit: false, kind });
    }
  }
}
