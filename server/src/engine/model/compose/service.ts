/**
 * A service of the merged project view and its typed accessors. Every accessor returns the
 * value together with the node it came from (`node.file`, `node.range`), so a rule reports
 * where the value was written, in whichever file that is. Unknown values (unset variables,
 * odd shapes) come back as `undefined`, never as a guess.
 */
import type { Range } from '../../types';
import { bool, items, text, type CMap, type CNode, type CPair, type Origin } from './nodes';
import { splitShort } from './merge';
import { hostIpScope, parsePortRange, type PortRange } from '../ports';

/** One place a service is defined; `definitions[0]` is where it was first defined. */
export interface ServiceDefinition {
  readonly file: string;
  /** The service's key (`web:`) in that file. */
  readonly keyRange: Range;
  /** That file's own mapping for the service (before merging). */
  readonly map: CMap;
  readonly via: 'file' | 'include';
}

export interface Port {
  readonly hostIp: string | undefined;
  /** Host port or range (`8080`, `8000-8010`); undefined when not published or unknown. */
  readonly published: string | undefined;
  readonly target: string | undefined;
  readonly protocol: string;
  readonly mode: string | undefined;
  readonly short: boolean;
  readonly node: CNode;
}

export interface Mount {
  /** `bind`, `volume`, `tmpfs`, `npipe`, `cluster`, `image` (as written for the long syntax). */
  readonly type: string;
  /** Host path (bind), volume name (volume); undefined for anonymous volumes. */
  readonly source: string | undefined;
  readonly target: string | undefined;
  /** true/false when stated; undefined when unknown (an unset variable). Short syntax: `ro`. */
  readonly readOnly: boolean | undefined;
  /** Short-syntax mode flags (`ro`, `z`, `rshared`, …) or long-syntax `bind.propagation` etc. */
  readonly options: readonly string[];
  readonly propagation: string | undefined;
  readonly short: boolean;
  readonly node: CNode;
}

export interface Named {
  readonly name: string;
  readonly node: CNode;
}

export interface KeyValue {
  readonly name: string;
  /** null: pass-through from the shell (`- FOO` / `FOO:`); undefined: unknown. */
  readonly value: string | null | undefined;
  readonly pair: CPair;
}

export interface FileRef {
  readonly target: string | undefined;
  readonly source: string | undefined;
  readonly node: CNode;
}

export interface Device {
  readonly host: string | undefined;
  readonly container: string | undefined;
  readonly permissions: string | undefined;
  readonly node: CNode;
}

export interface Limit {
  readonly value: string | undefined;
  readonly pair: CPair;
  /** From `mem_limit`, `cpus`, `pids_limit`, `mem_reservation` rather than `deploy.resources`. */
  readonly legacy: boolean;
}

export interface Resources {
  readonly memory: Limit | undefined;
  readonly memoryReservation: Limit | undefined;
  readonly cpus: Limit | undefined;
  readonly pids: Limit | undefined;
}

export interface Build {
  readonly short: boolean;
  readonly context: string | undefined;
  readonly dockerfile: string | undefined;
  readonly dockerfileInline: string | undefined;
  readonly target: string | undefined;
  readonly args: readonly KeyValue[];
  readonly secrets: readonly FileRef[];
  readonly network: string | undefined;
  readonly privileged: boolean | undefined;
  readonly entitlements: readonly Named[];
  readonly pair: CPair;
}

export interface Healthcheck {
  readonly disabled: boolean;
  readonly test: readonly string[] | undefined;
  readonly pair: CPair;
}

export interface Restart {
  /** `no`, `always`, `on-failure`, `unless-stopped` (deploy: `none`, `on-failure`, `any`). */
  readonly policy: string | undefined;
  readonly maxAttempts: string | undefined;
  readonly source: 'restart' | 'deploy';
  readonly pair: CPair;
}

export interface ServiceNetwork {
  readonly name: string;
  readonly node: CNode;
  readonly aliases: readonly string[];
}

const str = (n: CNode | undefined) => text(n);

/** Dotted paths split once per process: rules ask the same few literal paths of every service. */
const splitPaths = new Map<string, readonly string[]>();
function splitPath(path: string): readonly string[] {
  let parts = splitPaths.get(path);
  if (!parts) {
    parts = path.split('.');
    if (splitPaths.size < 1024) splitPaths.set(path, parts);
  }
  return parts;
}

/** Stands for a memoised `undefined`, so a hit is one map lookup. */
const ABSENT: unique symbol = Symbol('absent');

export class ComposeService {
  /**
   * Results of the accessors below and of the model helpers that read one service, computed on
   * first use: the model is immutable per text and some 50 rules ask the same questions, so
   * each is answered once per analysis (issue #8). Lists come back frozen.
   */
  private memos: Map<string, unknown> | undefined;
  /** Dotted paths already looked up (`get`); absent ones are stored as `ABSENT`. */
  private paths: Map<string, CPair | typeof ABSENT> | undefined;
  private keyOrigin: Origin | undefined;

  constructor(
    readonly name: string,
    /** The merged mapping (base, overrides, extends, anchors and merge keys applied). */
    readonly map: CMap,
    readonly definitions: readonly ServiceDefinition[],
  ) {}

  /**
   * `compute()` once per service and `key` (a model helper's name): for helpers in the model
   * (`securityOptions`, `builtDockerfile`…) whose answer depends only on this service and its
   * model. The result is shared by every caller and must never be mutated.
   */
  memo<T>(key: string, compute: () => T): T {
    const memos = (this.memos ??= new Map<string, unknown>());
    const known = memos.get(key);
    if (known !== undefined) return (known === ABSENT ? undefined : known) as T;
    const value = compute();
    memos.set(key, value === undefined ? ABSENT : value);
    return value;
  }

  /** Where the service was first defined: report missing settings here. */
  get key(): Origin {
    if (this.keyOrigin) return this.keyOrigin;
    const d = this.definitions[0];
    return (this.keyOrigin = Object.freeze({ file: d?.file ?? this.map.file, range: d?.keyRange ?? this.map.range }));
  }

  /** This service's own definition in `file`, for edits (undefined when that file does not define it). */
  definitionIn(file: string): ServiceDefinition | undefined {
    // A loop, not `find` with a closure: a dozen rules ask per service (#8).
    for (const d of this.definitions) if (d.file === file && d.via === 'file') return d;
    return undefined;
  }

  /** A key or a dotted path (`deploy.resources.limits.memory`). */
  get(path: string): CPair | undefined {
    // A plain key is one lookup in the merged mapping; only dotted paths are cached.
    if (path.indexOf('.') < 0) return this.map.get(path);
    const paths = (this.paths ??= new Map<string, CPair | typeof ABSENT>());
    const known = paths.get(path);
    if (known !== undefined) return known === ABSENT ? undefined : known;
    let found: CPair | undefined;
    let cur: CMap | undefined = this.map;
    for (const part of splitPath(path)) {
      found = cur?.get(part);
      if (!found) break;
      cur = found.value.kind === 'map' ? found.value : undefined;
    }
    paths.set(path, found ?? ABSENT);
    return found;
  }

  /** The interpolated string value of a scalar key; undefined when absent or unknown. */
  string(path: string): string | undefined {
    return str(this.get(path)?.value);
  }

  bool(path: string): boolean | undefined {
    return bool(this.get(path)?.value);
  }

  get image(): string | undefined {
    return this.string('image');
  }

  ports(): readonly Port[] {
    return this.memo('ports', () => list(items(this.get('ports')?.value).map((n) => (n.kind === 'map' ? longPort(n) : shortPort(n)))));
  }

  /** `volumes:` entries (short and long syntax). The service-level `tmpfs:` key is in `tmpfs()`. */
  volumes(): readonly Mount[] {
    return this.memo('volumes', () => list(items(this.get('volumes')?.value).map((n) => (n.kind === 'map' ? longMount(n) : shortMount(n)))));
  }

  secrets(): readonly FileRef[] {
    return this.memo('secrets', () => list(fileRefs(this.get('secrets')?.value)));
  }

  configs(): readonly FileRef[] {
    return this.memo('configs', () => list(fileRefs(this.get('configs')?.value)));
  }

  /** `environment:` as list or map (normalised to pairs). */
  environment(): readonly KeyValue[] {
    return this.memo('environment', () => list(keyValues(this.get('environment')?.value)));
  }

  envFiles(): readonly { readonly path: string | undefined; readonly required: boolean; readonly node: CNode }[] {
    return this.memo('envFiles', () =>
      list(
        items(this.get('env_file')?.value).map((n) =>
          n.kind === 'map'
            ? { path: str(n.get('path')?.value), required: bool(n.get('required')?.value) ?? true, node: n }
            : { path: str(n), required: true, node: n },
        ),
      ),
    );
  }

  securityOpt(): readonly Named[] {
    return this.memo('securityOpt', () => list(names(this.get('security_opt')?.value)));
  }

  /** Capability names upper-cased, `CAP_` prefix removed. */
  capAdd(): readonly Named[] {
    return this.memo('capAdd', () => list(caps(this.get('cap_add')?.value)));
  }

  capDrop(): readonly Named[] {
    return this.memo('capDrop', () => list(caps(this.get('cap_drop')?.value)));
  }

  devices(): readonly Device[] {
    return this.memo('devices', () =>
      list(
        items(this.get('devices')?.value).map((n) => {
          if (n.kind === 'map')
            return { host: str(n.get('source')?.value), container: str(n.get('target')?.value), permissions: str(n.get('permissions')?.value), node: n };
          const s = str(n);
          const parts = s === undefined ? [] : splitShort(s);
          return { host: parts[0], container: parts[1] ?? parts[0], permissions: parts[2], node: n };
        }),
      ),
    );
  }

  sysctls(): readonly KeyValue[] {
    return this.memo('sysctls', () => list(keyValues(this.get('sysctls')?.value)));
  }

  /** The service-level `tmpfs:` key (string or list of `path[:options]`). */
  tmpfs(): readonly { readonly target: string | undefined; readonly options: readonly string[]; readonly node: CNode }[] {
    return this.memo('tmpfs', () =>
      list(
        items(this.get('tmpfs')?.value).map((n) => {
          const s = str(n);
          const at = s?.indexOf(':') ?? -1;
          return { target: s === undefined ? undefined : at < 0 ? s : s.slice(0, at), options: s && at >= 0 ? s.slice(at + 1).split(',') : [], node: n };
        }),
      ),
    );
  }

  ulimits(): readonly { readonly name: string; readonly soft: string | undefined; readonly hard: string | undefined; readonly pair: CPair }[] {
    return this.memo('ulimits', () => {
      const u = this.get('ulimits')?.value;
      if (u?.kind !== 'map') return list([]);
      return list(
        u.pairs.map((p) =>
          p.value.kind === 'map'
            ? { name: p.key, soft: str(p.value.get('soft')?.value), hard: str(p.value.get('hard')?.value), pair: p }
            : { name: p.key, soft: str(p.value), hard: str(p.value), pair: p },
        ),
      );
    });
  }

  /** Limits from `deploy.resources.limits` or the legacy service keys (`mem_limit`, `cpus`, `pids_limit`). */
  resources(): Resources {
    return this.memo('resources', () => {
      const pick = (modern: string, legacy: string): Limit | undefined => {
        const m = this.get(modern);
        if (m) return { value: str(m.value), pair: m, legacy: false };
        const l = this.get(legacy);
        return l ? { value: str(l.value), pair: l, legacy: true } : undefined;
      };
      return Object.freeze({
        memory: pick('deploy.resources.limits.memory', 'mem_limit'),
        memoryReservation: pick('deploy.resources.reservations.memory', 'mem_reservation'),
        cpus: pick('deploy.resources.limits.cpus', 'cpus'),
        pids: pick('deploy.resources.limits.pids', 'pids_limit'),
      });
    });
  }

  healthcheck(): Healthcheck | undefined {
    return this.memo('healthcheck', () => {
      const pair = this.get('healthcheck');
      if (!pair) return undefined;
      const h = pair.value.kind === 'map' ? pair.value : undefined;
      const t = h?.get('test')?.value;
      const test =
        t === undefined
          ? undefined
          : t.kind === 'seq'
            ? list(t.items.map((i) => str(i) ?? ''))
            : t.kind === 'scalar' && str(t) !== undefined
              ? list([str(t) as string])
              : undefined;
      const disabled = bool(h?.get('disable')?.value) === true || (test !== undefined && test[0]?.toUpperCase() === 'NONE');
      return Object.freeze({ disabled, test, pair });
    });
  }

  logging(): { readonly driver: string | undefined; readonly options: readonly KeyValue[]; readonly pair: CPair } | undefined {
    return this.memo('logging', () => {
      const pair = this.get('logging');
      if (!pair) return undefined;
      const m = pair.value.kind === 'map' ? pair.value : undefined;
      return Object.freeze({ driver: str(m?.get('driver')?.value), options: list(keyValues(m?.get('options')?.value)), pair });
    });
  }

  /** `restart:` or, when absent, `deploy.restart_policy`. */
  restart(): Restart | undefined {
    return this.memo('restart', () => {
      const r = this.get('restart');
      if (r) {
        const s = str(r.value);
        const [policy, max] = s === undefined ? [undefined, undefined] : s.split(':');
        return Object.freeze({ policy, maxAttempts: max, source: 'restart' as const, pair: r });
      }
      const d = this.get('deploy.restart_policy');
      if (!d) return undefined;
      const m = d.value.kind === 'map' ? d.value : undefined;
      return Object.freeze({
        policy: str(m?.get('condition')?.value) ?? 'any',
        maxAttempts: str(m?.get('max_attempts')?.value),
        source: 'deploy' as const,
        pair: d,
      });
    });
  }

  build(): Build | undefined {
    return this.memo('build', () => {
      const pair = this.get('build');
      if (!pair) return undefined;
      const v = pair.value;
      if (v.kind !== 'map') {
        return Object.freeze({
          short: true,
          context: str(v),
          dockerfile: undefined,
          dockerfileInline: undefined,
          target: undefined,
          args: list([]),
          secrets: list([]),
          network: undefined,
          privileged: undefined,
          entitlements: list([]),
          pair,
        });
      }
      return Object.freeze({
        short: false,
        context: str(v.get('context')?.value) ?? (v.get('context') ? undefined : '.'),
        dockerfile: str(v.get('dockerfile')?.value),
        dockerfileInline: str(v.get('dockerfile_inline')?.value),
        target: str(v.get('target')?.value),
        args: list(keyValues(v.get('args')?.value)),
        secrets: list(fileRefs(v.get('secrets')?.value)),
        network: str(v.get('network')?.value),
        privileged: bool(v.get('privileged')?.value),
        entitlements: list(names(v.get('entitlements')?.value)),
        pair,
      });
    });
  }

  /** Service networks (list or map form). */
  networks(): readonly ServiceNetwork[] {
    return this.memo('networks', () => {
      const v = this.get('networks')?.value;
      if (v?.kind === 'map')
        return list(
          v.pairs.map((p) => ({ name: p.key, node: p.value, aliases: p.value.kind === 'map' ? names(p.value.get('aliases')?.value).map((a) => a.name) : [] })),
        );
      return list(names(v).map((n) => ({ name: n.name, node: n.node, aliases: [] })));
    });
  }
}

/** A shared, read-only list (accessor results are computed once and handed to every rule). */
function list<T>(xs: T[]): readonly T[] {
  return Object.freeze(xs);
}

function shortPort(n: CNode): Port {
  const s = str(n);
  if (s === undefined) return { hostIp: undefined, published: undefined, target: undefined, protocol: 'tcp', mode: undefined, short: true, node: n };
  const slash = s.lastIndexOf('/');
  const protocol = slash >= 0 ? s.slice(slash + 1) : 'tcp';
  const body = slash >= 0 ? s.slice(0, slash) : s;
  // An IPv6 host address is bracketed: [::1]:8080:80.
  const v6 = /^\[([^\]]*)\]:(.*)$/.exec(body);
  const rest = v6 ? (v6[2] as string) : body;
  const parts = rest.split(':');
  let hostIp = v6 ? v6[1] : undefined;
  let published: string | undefined;
  let target: string | undefined;
  if (parts.length === 1) target = parts[0];
  else if (parts.length === 2) [published, target] = parts;
  else {
    hostIp = parts.slice(0, -2).join(':');
    published = parts[parts.length - 2];
    target = parts[parts.length - 1];
  }
  return { hostIp, published: published || undefined, target, protocol, mode: undefined, short: true, node: n };
}

function longPort(n: CMap): Port {
  return {
    hostIp: str(n.get('host_ip')?.value),
    published: str(n.get('published')?.value),
    target: str(n.get('target')?.value),
    protocol: str(n.get('protocol')?.value) ?? 'tcp',
    mode: str(n.get('mode')?.value),
    short: false,
    node: n,
  };
}

function shortMount(n: CNode): Mount {
  const s = str(n);
  if (s === undefined)
    return { type: 'volume', source: undefined, target: undefined, readOnly: undefined, options: [], propagation: undefined, short: true, node: n };
  const parts = splitShort(s);
  if (parts.length === 1)
    return { type: 'volume', source: undefined, target: parts[0], readOnly: false, options: [], propagation: undefined, short: true, node: n };
  const source = parts[0] as string;
  const options = (parts[2] ?? '').split(',').filter(Boolean);
  // A source that looks like a path is a bind mount; anything else names a volume.
  const bind = /^(\.{0,2}[\\/]|~|[A-Za-z]:[\\/]|\$|\.$|\.\.$)/.test(source);
  return {
    type: bind ? 'bind' : 'volume',
    source,
    target: parts[1],
    readOnly: options.includes('ro') || options.includes('readonly'),
    options,
    propagation: options.find((o) => /^r?(shared|slave|private)$/.test(o)),
    short: true,
    node: n,
  };
}

function longMount(n: CMap): Mount {
  const bindOpts = n.get('bind')?.value;
  const propagation = bindOpts?.kind === 'map' ? str(bindOpts.get('propagation')?.value) : undefined;
  const ro = n.get('read_only');
  return {
    type: str(n.get('type')?.value) ?? 'volume',
    source: str(n.get('source')?.value),
    target: str(n.get('target')?.value),
    readOnly: ro ? bool(ro.value) : false,
    options: propagation ? [propagation] : [],
    propagation,
    short: false,
    node: n,
  };
}

function fileRefs(v: CNode | undefined): FileRef[] {
  return items(v).map((n) =>
    n.kind === 'map' ? { source: str(n.get('source')?.value), target: str(n.get('target')?.value), node: n } : { source: str(n), target: undefined, node: n },
  );
}

function names(v: CNode | undefined): Named[] {
  return items(v).flatMap((n) => {
    const s = str(n);
    return s === undefined ? [] : [{ name: s, node: n }];
  });
}

function caps(v: CNode | undefined): Named[] {
  return names(v).map((c) => ({ name: c.name.trim().toUpperCase().replace(/^CAP_/, ''), node: c.node }));
}

/** Map pairs (`KEY: value`), or list items normalised to pairs when the model built the service. */
function keyValues(v: CNode | undefined): KeyValue[] {
  if (v?.kind !== 'map') return [];
  return v.pairs.map((p) => ({
    name: p.key,
    value:
      p.value.kind === 'scalar'
        ? p.value.source === null && p.value.value === null
          ? null
          : (str(p.value) ?? (p.value.value === null ? null : undefined))
        : undefined,
    pair: p,
  }));
}

// ---------------------------------------------------------------------------------------------
// Security options, sysctls and namespace modes (privilege/confinement/namespace rules).

/** One `security_opt` entry split the way the Docker daemon reads it. */
export interface SecurityOption {
  /** `no-new-privileges`, `seccomp`, `apparmor`, `label`, `systempaths`, … (as written). */
  readonly key: string;
  /** The text after the separator; undefined for a bare option (`no-new-privileges`). */
  readonly value: string | undefined;
  readonly separator: '=' | ':' | undefined;
  readonly node: CNode;
  /**
   * The `security_opt` pair and sequence that hold this entry in the file that wrote it (the
   * service's own definition, an override's, or an `x-` anchor), for edits; undefined when the
   * entry came through an alias of a whole sequence we cannot locate.
   */
  readonly owner: { readonly pair: CPair; readonly seq: CNode } | undefined;
}

/**
 * Splits a security option like the daemon's `parseSecurityOpt` (moby daemon_unix.go): `=` is the
 * separator when present, else the deprecated `:` (so `label=type:spc_t` keeps `type:spc_t`).
 */
export function parseSecurityOption(raw: string): Omit<SecurityOption, 'node' | 'owner'> {
  const s = raw.trim();
  const at = s.includes('=') ? s.indexOf('=') : s.indexOf(':');
  // Keys are compared as written, like the daemon's switch (`SECCOMP=…` is an invalid option there).
  if (at < 0) return { key: s, value: undefined, separator: undefined };
  return { key: s.slice(0, at).trim(), value: s.slice(at + 1).trim(), separator: s[at] as '=' | ':' };
}

/**
 * The merged `security_opt` entries, parsed. `unknown` counts entries whose text depends on an
 * unset variable: they might be anything, so "option absent" questions must not be answered.
 */
export function securityOptions(service: ComposeService): {
  readonly options: readonly SecurityOption[];
  readonly unknown: number;
  readonly pair: CPair | undefined;
} {
  return service.memo('securityOptions', () => readSecurityOptions(service));
}

function readSecurityOptions(service: ComposeService) {
  const pair = service.get('security_opt');
  const all = items(pair?.value);
  // Merged sequences keep the base's YAML node; an item from an override lives in that file's own sequence.
  const owners = [pair, ...service.definitions.map((d) => d.map.get('security_opt'))].filter((p): p is CPair => p !== undefined && p.value.kind === 'seq');
  const ownerOf = (n: CNode) => {
    const p = owners.find(
      (o) =>
        o.value.kind === 'seq' &&
        o.value.file === n.file &&
        !!n.node &&
        ((o.value.node as { items?: unknown[] } | undefined)?.items?.includes(n.node) ?? false),
    );
    return p ? { pair: p, seq: p.value } : undefined;
  };
  const options = all.flatMap((n) => {
    const s = str(n);
    return s === undefined ? [] : [{ ...parseSecurityOption(s), node: n, owner: ownerOf(n) }];
  });
  return Object.freeze({ options: list(options), unknown: all.length - options.length, pair });
}

/** Namespace keys of a service and the modes Compose accepts for them. */
export type NamespaceKey = 'network_mode' | 'pid' | 'ipc' | 'uts' | 'userns_mode' | 'cgroup';

export interface NamespaceMode {
  readonly key: NamespaceKey;
  /** The interpolated value as written (`host`, `service:db`, `container:vpn`, `bridge`, …). */
  readonly value: string;
  /** `host`; `service`/`container` when joining another container's namespace; else `other`. */
  readonly mode: 'host' | 'service' | 'container' | 'other';
  /** The service or container named after `service:` / `container:`. */
  readonly target: string | undefined;
  readonly pair: CPair;
}

/** Memo keys per namespace key, so asking builds no string. */
const NAMESPACE_MEMO: Readonly<Record<NamespaceKey, string>> = {
  network_mode: 'namespaceMode:network_mode',
  pid: 'namespaceMode:pid',
  ipc: 'namespaceMode:ipc',
  uts: 'namespaceMode:uts',
  userns_mode: 'namespaceMode:userns_mode',
  cgroup: 'namespaceMode:cgroup',
};

/** The merged namespace setting of a service; undefined when absent or unknown (unset variable). */
export function namespaceMode(service: ComposeService, key: NamespaceKey): NamespaceMode | undefined {
  return service.memo(NAMESPACE_MEMO[key], () => readNamespaceMode(service, key));
}

function readNamespaceMode(service: ComposeService, key: NamespaceKey): NamespaceMode | undefined {
  const pair = service.get(key);
  const value = str(pair?.value);
  if (!pair || value === undefined) return undefined;
  // The daemon compares these literally (`NetworkMode.IsHost()` is `== "host"`).
  if (value === 'host') return Object.freeze({ key, value, mode: 'host', target: undefined, pair });
  const m = /^(service|container):(.+)$/.exec(value);
  if (m) return Object.freeze({ key, value, mode: m[1] as 'service' | 'container', target: m[2], pair });
  return Object.freeze({ key, value, mode: 'other', target: undefined, pair });
}

// ---- host paths of mounts (compose filesystem rules: sockets, sensitive mounts, bind mounts) ----

/**
 * The host side of a bind or npipe mount, normalised (`\` → `/`, repeated and trailing `/`
 * removed, `//./pipe/…` kept). `known` is false when the path still holds an unset `${VAR}`:
 * the raw text is returned so a literal tail (`${XDG_RUNTIME_DIR}/docker.sock`) can be read,
 * but a rule must not treat the variable part as known. Undefined for volumes, tmpfs and
 * mounts whose source cannot be read at all.
 */
export function mountHostPath(m: Mount): { readonly path: string; readonly known: boolean } | undefined {
  // Four rules ask for every mount of every service; a Mount is a frozen model value.
  let known = hostPaths.get(m);
  if (known === undefined) hostPaths.set(m, (known = findMountHostPath(m) ?? null));
  return known ?? undefined;
}
const hostPaths = new WeakMap<Mount, { readonly path: string; readonly known: boolean } | null>();

function findMountHostPath(m: Mount): { readonly path: string; readonly known: boolean } | undefined {
  if (m.type !== 'bind' && m.type !== 'npipe') {
    // An unset variable makes the short form unreadable: look at the raw text for a path.
    if (!(m.short && m.source === undefined)) return undefined;
  }
  if (m.source !== undefined) return { path: normaliseHostPath(m.source), known: true };
  const raw = m.node.kind === 'map' ? rawString(m.node.get('source')?.value) : m.short ? shortSourceRaw(rawString(m.node)) : undefined;
  if (raw === undefined || (m.short && !/^(\.{0,2}[\\/]|~|[A-Za-z]:[\\/]|\$)/.test(raw))) return undefined;
  return { path: normaliseHostPath(raw), known: false };
}

/** `\\.\pipe\x` and `C:\x` with forward slashes; `//` collapsed except a pipe's leading `//`; no trailing `/`. */
export function normaliseHostPath(p: string): string {
  const s = p.replace(/\\/g, '/');
  const lead = s.startsWith('//') ? '//' : '';
  const body = s.slice(lead.length).replace(/\/{2,}/g, '/');
  const out = lead + body;
  return out.length > 1 && out.endsWith('/') && !/^[A-Za-z]:\/$/.test(out) ? out.replace(/\/+$/, '') || '/' : out;
}

/** The scalar's text as written (before interpolation), for strings only. */
function rawString(n: CNode | undefined): string | undefined {
  return n?.kind === 'scalar' && typeof n.source === 'string' ? n.source : undefined;
}

/** The source part of a raw short volume spec, splitting on `:` outside `${…}` (`${A:-/x}:/y`). */
function shortSourceRaw(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let depth = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '$' && raw[i + 1] === '{') {
      depth++;
      i++;
    } else if (c === '}' && depth > 0) depth--;
    else if (c === ':' && depth === 0 && !(i === 1 && /[A-Za-z]/.test(raw[0] as string) && /[\\/]/.test(raw[2] ?? ''))) return raw.slice(0, i);
  }
  return undefined;
}

/** Sockets and pipes that hand out a container runtime's API (root on the host). */
export type HostSocket = { readonly runtime: 'docker' | 'containerd' | 'podman' | 'cri-o' | 'buildkit'; readonly directory: boolean };

const SOCKET_FILES: Readonly<Record<string, HostSocket['runtime']>> = {
  'docker.sock': 'docker',
  'docker.sock.raw': 'docker',
  'containerd.sock': 'containerd',
  'dockershim.sock': 'containerd',
  'cri-dockerd.sock': 'docker',
  'podman.sock': 'podman',
  'crio.sock': 'cri-o',
  'buildkitd.sock': 'buildkit',
};
const SOCKET_DIRS: Readonly<Record<string, HostSocket['runtime']>> = {
  '/var/run': 'docker',
  '/run': 'docker',
  '/run/containerd': 'containerd',
  '/var/run/containerd': 'containerd',
  '/run/k3s/containerd': 'containerd',
  '/run/podman': 'podman',
  '/var/run/podman': 'podman',
  '/run/crio': 'cri-o',
  '/var/run/crio': 'cri-o',
  '/run/buildkit': 'buildkit',
};

/**
 * Which runtime's API socket a normalised host path (`mountHostPath`) exposes: the socket file
 * itself (matched on its literal last segment, so `${XDG_RUNTIME_DIR}/docker.sock` counts),
 * a Windows named pipe (`//./pipe/docker_engine`), or a directory that holds the socket
 * (`/var/run`). Undefined for anything else, and for paths whose last segment is a variable.
 */
export function hostSocket(path: string, known: boolean): HostSocket | undefined {
  const last = path.slice(path.lastIndexOf('/') + 1);
  if (last.includes('$')) return undefined;
  if (/^\/\/\.\/pipe\/docker_engine/i.test(path)) return { runtime: 'docker', directory: false };
  if (/^\/\/\.\/pipe\/podman/i.test(path)) return { runtime: 'podman', directory: false };
  const file = SOCKET_FILES[last];
  if (file) return { runtime: file, directory: false };
  const dir = known ? SOCKET_DIRS[path] : undefined;
  return dir ? { runtime: dir, directory: true } : undefined;
}

/** Where a mount's host path was written: the long syntax's `source:` pair, else the short item. */
export function mountSourceRange(m: Mount): Origin {
  const src = m.node.kind === 'map' ? m.node.get('source') : undefined;
  return src ? { file: src.file, range: src.range } : { file: m.node.file, range: m.node.range };
}

// ---- ports, profiles, names (cc: compose-port-*, compose-duplicate-port, compose-container-name) ----

/** A `ports:` entry read for the port rules; `unknown` when any part depends on an unset variable. */
export interface PublishedPort {
  readonly port: Port;
  /** The entry's text depends on a variable the host did not supply (never a violation). */
  readonly unknown: boolean;
  /** `all` without an address or with 0.0.0.0 / `::`; see `hostIpScope`. */
  readonly scope: 'all' | 'loopback' | 'specific';
  /** Host port(s); undefined when Docker picks an ephemeral port. */
  readonly published: PortRange | undefined;
  readonly target: PortRange | undefined;
  /** Lower-case protocol (`tcp` default). */
  readonly protocol: string;
}

/**
 * The service's published ports. Empty when `network_mode` is `host`, `none`, `service:x` or
 * `container:x` (Compose rejects or ignores `ports:` there: the network namespace is not its own).
 */
export function publishedPorts(service: ComposeService): readonly PublishedPort[] {
  return service.memo('publishedPorts', () => list(readPublishedPorts(service)));
}

function readPublishedPorts(service: ComposeService): PublishedPort[] {
  const mode = service.string('network_mode');
  if (mode !== undefined && (mode === 'host' || mode === 'none' || /^(service|container):/.test(mode))) return [];
  return service.ports().map((port) => {
    const n = port.node;
    let unknown: boolean;
    if (n.kind === 'map') {
      const missing = (k: string) => n.get(k) !== undefined && str(n.get(k)?.value) === undefined;
      unknown = missing('host_ip') || missing('published') || missing('target') || missing('protocol');
    } else unknown = str(n) === undefined;
    const published = parsePortRange(port.published);
    const target = parsePortRange(port.target);
    if (port.published !== undefined && !published) unknown = true;
    if (!target) unknown = true;
    return { port, unknown, scope: hostIpScope(port.hostIp), published, target, protocol: port.protocol.toLowerCase() };
  });
}

/** `profiles:` names; empty when the service is always enabled. */
export function serviceProfiles(service: ComposeService): readonly string[] {
  return service.memo('serviceProfiles', () =>
    list(
      items(service.get('profiles')?.value).flatMap((n) => {
        const s = str(n);
        return s === undefined ? [] : [s];
      }),
    ),
  );
}

/** `deploy.replicas` or the legacy `scale:` as a number; undefined when absent or unknown. */
export function serviceReplicas(service: ComposeService): number | undefined {
  const v = service.string('deploy.replicas') ?? service.string('scale');
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}

/** Docker's container name pattern (`[a-zA-Z0-9][a-zA-Z0-9_.-]+`, daemon/names): at least two characters. */
export const CONTAINER_NAME = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
