/**
 * The Compose model: the analysed file plus the files Compose would merge with it (override
 * file, `include`, `extends`), read through a host-supplied reader, and the merged project view
 * rules work on. Everything keeps its origin (file + range); the runner keeps only findings in
 * the analysed file. Without a reader the file is analysed alone.
 */
import type { Document } from 'yaml';
import type { ParseProblem, Range } from '../../types';
import type { TextIndex } from '../../text';
import { parseComposeFile, type ComposeFile } from './file';
import type { Env } from './interpolate';
import { MAP_LIKE, mergeMaps, normaliseMapLike } from './merge';
import { makeMap, text, type CMap, type CNode, type CPair } from './nodes';
import { basename, dirname, join } from './paths';
import { ComposeService, type ServiceDefinition } from './service';

export * from './nodes';
export * from './service';
export type { ComposeFile } from './file';
export type { Env, Interpolated } from './interpolate';
export { interpolate } from './interpolate';
export { dirname, join, basename, isAbsolute } from './paths';
export * from './edits';
export * from './build';

/** Reads another file of the project; undefined when it does not exist or cannot be read. */
export interface FileReader {
  read(path: string): string | undefined;
}

export interface ComposeOptions {
  /** The analysed file's path as the host names it (used to find and name the other files). */
  readonly path?: string;
  readonly files?: FileReader;
  /** Variables for interpolation (e.g. the `.env` beside the file); others stay unknown. */
  readonly env?: Env;
  /** The ordered files the user runs together (`-f a -f b`); default: the file and its override. */
  readonly project?: readonly string[];
}

export interface TopLevelNetwork {
  readonly name: string;
  readonly pair: CPair;
  readonly internal: boolean | undefined;
  readonly external: boolean | undefined;
  readonly driver: string | undefined;
}

export interface ComposeModel {
  readonly kind: 'compose';
  /** The analysed file's path (or `ANONYMOUS`), the `file` of every node written in it. */
  readonly file: string;
  readonly text: string;
  readonly index: TextIndex;
  /** The analysed file's YAML documents (Compose reads the first). */
  readonly documents: readonly Document.Parsed[];
  /** Problems of the analysed file, plus one line per other project file that has errors. */
  readonly problems: readonly ParseProblem[];
  /** The analysed file's own resolved root mapping. */
  readonly root: CMap | undefined;
  /** All files of the project in merge order (the analysed file included). */
  readonly files: readonly ComposeFile[];
  /** The merged services, in first-definition order. */
  readonly services: readonly ComposeService[];
  service(name: string): ComposeService | undefined;
  /** Merged top-level `networks:`, `volumes:`, `secrets:`, `configs:`. */
  readonly networks: readonly TopLevelNetwork[];
  topLevel(key: 'networks' | 'volumes' | 'secrets' | 'configs' | 'include' | 'name' | 'version'): CPair | undefined;
  /** True when an origin is in the analysed file (findings elsewhere are dropped by the runner). */
  isLocal(origin: { readonly file: string }): boolean;
  /**
   * Reads another file of the project through the host (the Dockerfile behind a `build:`);
   * undefined when it does not exist, cannot be read, or the host gave no reader. See `build.ts`.
   */
  readonly readFile?: (path: string) => string | undefined;
}

export const ANONYMOUS = '<input>';
const MAX_FILES = 32;
const MAX_EXTENDS_DEPTH = 8;

/** The files Compose merges by default with `path`: base first, then its override. */
export function defaultProject(path: string, exists: (p: string) => boolean): string[] {
  const dir = dirname(path);
  const name = basename(path);
  const m = /^(compose|docker-compose)\.override\.(ya?ml)$/.exec(name);
  if (m) {
    const base = [`${m[1]}.yaml`, `${m[1]}.yml`].map((b) => join(dir, b)).find(exists);
    return base ? [base, path] : [path];
  }
  const b = /^(compose|docker-compose)\.(ya?ml)$/.exec(name);
  if (b) {
    const override = [`${b[1]}.override.yaml`, `${b[1]}.override.yml`].map((o) => join(dir, o)).find(exists);
    return override ? [path, override] : [path];
  }
  return [path];
}

export function buildComposeModel(source: string, options: ComposeOptions = {}): ComposeModel {
  const path = options.path ?? ANONYMOUS;
  const env = options.env;
  const cache = new Map<string, ComposeFile | undefined>();
  const local = parseComposeFile(path, source, env);
  cache.set(path, local);
  const reader = options.path !== undefined ? options.files : undefined;
  const load = (p: string): ComposeFile | undefined => {
    if (cache.has(p)) return cache.get(p);
    if (!reader || cache.size >= MAX_FILES) return undefined;
    let t: string | undefined;
    try {
      t = reader.read(p);
    } catch {
      t = undefined;
    }
    const f = typeof t === 'string' ? parseComposeFile(p, t, env) : undefined;
    cache.set(p, f);
    return f;
  };
  const projectPaths =
    options.project && options.project.includes(path) ? [...options.project] : reader ? defaultProject(path, (p) => load(p) !== undefined) : [path];

  const perFile = new Map<string, Map<string, { map: CMap; defs: ServiceDefinition[] }>>();
  const fileServices = (file: ComposeFile, stack: readonly string[]): Map<string, { map: CMap; defs: ServiceDefinition[] }> => {
    const done = perFile.get(file.path);
    if (done) return done;
    const out = new Map<string, { map: CMap; defs: ServiceDefinition[] }>();
    if (stack.includes(file.path) || stack.length > MAX_EXTENDS_DEPTH) return out;
    const inner = [...stack, file.path];
    const raw = file.root?.get('services')?.value;
    const own = raw?.kind === 'map' ? raw.pairs : [];
    // The first definition of a name, and each service's normalised mapping, computed once.
    const byName = new Map<string, CPair>();
    for (const p of own) if (!byName.has(p.key)) byName.set(p.key, p);
    const normalised = new Map<CPair, CMap>();
    const mapOf = (p: CPair): CMap => {
      let m = normalised.get(p);
      if (!m) normalised.set(p, (m = serviceMap(p)));
      return m;
    };
    const resolve = (name: string, seen: readonly string[]): CMap | undefined => {
      const p = byName.get(name);
      if (!p) return undefined;
      const map = mapOf(p);
      const ext = map.get('extends');
      if (!ext || seen.length > MAX_EXTENDS_DEPTH) return map;
      const target = ext.value.kind === 'map' ? text(ext.value.get('service')?.value) : text(ext.value);
      const fromFile = ext.value.kind === 'map' ? text(ext.value.get('file')?.value) : undefined;
      let base: CMap | undefined;
      if (target !== undefined && fromFile === undefined && !seen.includes(target)) base = resolve(target, [...seen, name]);
      else if (target !== undefined && fromFile !== undefined) {
        const other = load(join(dirname(file.path), fromFile));
        base = other ? fileServices(other, inner).get(target)?.map : undefined;
      }
      return base ? mergeMaps(base, without(map, 'extends')) : map;
    };
    for (const p of own) {
      const map = resolve(p.key, []);
      if (map) out.set(p.key, { map, defs: [{ file: file.path, keyRange: p.keyRange, map: mapOf(p), via: 'file' }] });
    }
    for (const inc of includes(file)) {
      const f = load(join(dirname(file.path), inc));
      if (!f) continue;
      for (const [name, s] of fileServices(f, inner))
        if (!out.has(name)) out.set(name, { map: s.map, defs: s.defs.map((d) => ({ ...d, via: 'include' as const })) });
    }
    perFile.set(file.path, out);
    return out;
  };

  const files: ComposeFile[] = [];
  const merged = new Map<string, { map: CMap; defs: ServiceDefinition[] }>();
  const tops = new Map<string, CPair>();
  for (const p of projectPaths) {
    const f = p === path ? local : load(p);
    if (!f) continue;
    files.push(f);
    for (const [name, s] of fileServices(f, [])) {
      const prev = merged.get(name);
      merged.set(name, prev ? { map: mergeMaps(prev.map, s.map), defs: [...prev.defs, ...s.defs] } : s);
    }
    for (const pair of f.root?.pairs ?? []) {
      const prev = tops.get(pair.key);
      tops.set(pair.key, prev && prev.value.kind === 'map' && pair.value.kind === 'map' ? { ...prev, value: mergeMaps(prev.value, pair.value) } : pair);
    }
  }
  for (const f of cache.values()) if (f && f !== local && !files.includes(f)) files.push(f);

  const problems: ParseProblem[] = [...local.problems];
  const zero: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  for (const f of files) {
    if (f === local || !f.problems.some((x) => x.severity === 'error')) continue;
    problems.push({
      code: 'syntax',
      message: `${f.path} (merged with this file) has YAML errors; its services may be incomplete.`,
      range: zero,
      severity: 'warning',
    });
  }

  const services = [...merged].map(([name, s]) => new ComposeService(name, s.map, s.defs));
  const byName = new Map(services.map((s) => [s.name, s]));
  const netPair = tops.get('networks');
  const networks: TopLevelNetwork[] =
    netPair?.value.kind === 'map'
      ? netPair.value.pairs.map((p) => {
          const m = p.value.kind === 'map' ? p.value : undefined;
          const flag = (k: string) => {
            const v = m?.get(k)?.value;
            if (!v) return false;
            return v.kind === 'map'
              ? true
              : v.kind === 'scalar' && typeof v.value === 'boolean'
                ? v.value
                : v.kind === 'scalar' && typeof v.value === 'string'
                  ? v.value === 'true'
                  : undefined;
          };
          return { name: p.key, pair: p, internal: flag('internal'), external: flag('external'), driver: text(m?.get('driver')?.value) };
        })
      : [];
  return {
    kind: 'compose',
    file: path,
    text: source,
    index: local.index,
    documents: local.documents,
    problems,
    root: local.root,
    files,
    services,
    service: (name) => byName.get(name),
    networks,
    topLevel: (key) => tops.get(key),
    isLocal: (origin) => origin.file === path,
    ...(reader ? { readFile: (p: string) => readSafely(reader, p) } : {}),
  };
}

/** A service's own mapping with list-form `environment`/`labels`/`sysctls`/`build.args` normalised to pairs. */
function serviceMap(p: CPair): CMap {
  const v: CNode = p.value;
  const map = v.kind === 'map' ? v : makeMap({ file: p.file, range: p.keyRange, node: v.node, tag: v.tag }, []);
  const fixPairs = (m: CMap): CMap =>
    makeMap(
      m,
      m.pairs.map((x) =>
        MAP_LIKE.has(x.key) && x.value.kind === 'seq'
          ? { ...x, value: normaliseMapLike(x.value) }
          : x.key === 'build' && x.value.kind === 'map'
            ? { ...x, value: fixPairs(x.value) }
            : x,
      ),
    );
  return fixPairs(map);
}

function readSafely(reader: FileReader, p: string): string | undefined {
  try {
    const t = reader.read(p);
    return typeof t === 'string' ? t : undefined;
  } catch {
    return undefined;
  }
}

function without(map: CMap, key: string): CMap {
  return makeMap(
    map,
    map.pairs.filter((p) => p.key !== key),
  );
}

/** `include:` entries: strings, or `{ path: string | string[] }`. */
function includes(file: ComposeFile): string[] {
  const v = file.root?.get('include')?.value;
  if (v?.kind !== 'seq') return [];
  return v.items.flatMap((it) => {
    if (it.kind === 'map') {
      const p = it.get('path')?.value;
      return p?.kind === 'seq' ? p.items.map((x) => text(x)).filter((x): x is string => x !== undefined) : text(p) !== undefined ? [text(p) as string] : [];
    }
    const s = text(it);
    return s === undefined ? [] : [s];
  });
}
