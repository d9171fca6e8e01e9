/**
 * Package-manager knowledge in one place (issue #4, item 2): which command is an install,
 * update, upgrade, remove or cache clean of apt/apt-get, apk, yum/dnf/microdnf/tdnf, zypper,
 * rpm, pip, npm/yarn/pnpm, gem, go install and cargo install; the packages it names with
 * their version pins; where each manager keeps its cache and what cleans it; and the options,
 * configuration commands and environment variables that relax TLS or host trust.
 * Built on the shell model: every answer points at words as written in the Dockerfile.
 */
import type { InstructionFlag } from './dockerfile';
import { baseName, PACKAGE_COMMAND, unwrap, type Command, type CommandSlots, type Word } from './shell';

export type Manager = 'apt' | 'apk' | 'yum' | 'zypper' | 'rpm' | 'pip' | 'npm' | 'yarn' | 'pnpm' | 'gem' | 'go' | 'cargo';
export type Action = 'install' | 'update' | 'upgrade' | 'remove' | 'clean' | 'other';

export interface PackageArg {
  readonly word: Word;
  /** Name without the version part. */
  readonly name: string;
  /** The version or range as written (`1.2`, `~1.2`, `>=2`, `latest`); undefined when none is named. */
  readonly version: string | undefined;
  /** False for `latest`-style tags (`x@latest`, `go install x@master`): named, but not a version. */
  readonly pinned: boolean;
}

export interface PackageCommand {
  readonly manager: Manager;
  /** Tool name as run (`apt-get`, `dnf`, `pip3`, `python3`). */
  readonly tool: string;
  readonly action: Action;
  /** The subcommand word (`install`, `add`, `makecache`), undefined for rpm flags and `pip` without one. */
  readonly verb: Word | undefined;
  /** Package operands that name registry packages (files, URLs, paths and groups excluded). */
  readonly packages: readonly PackageArg[];
  /** Every operand after the subcommand, including files and paths. */
  readonly operands: readonly Word[];
  /** Option words of the command (after unwrapping), as written. */
  readonly options: readonly Word[];
  /** True for a global install (`npm install -g`, `yarn global add`, `pnpm add -g`). */
  readonly global: boolean;
  readonly command: Command;
}

/** Option words that take the next word as their value, per manager (`-o X`, `--virtual .deps`). */
const VALUE_OPTS: Record<Manager, ReadonlySet<string>> = {
  apt: new Set(['-o', '-c', '-t', '--option', '--config-file', '--target-release', '--default-release']),
  apk: new Set(['-t', '--virtual', '-X', '--repository', '-p', '--root', '--arch', '--keys-dir', '--repositories-file', '--cache-dir']),
  yum: new Set([
    '-c',
    '--config',
    '-x',
    '--exclude',
    '--installroot',
    '--releasever',
    '--enablerepo',
    '--disablerepo',
    '--repo',
    '--repoid',
    '--setopt',
    '-d',
    '-e',
    '--forcearch',
    '--downloaddir',
    '--destdir',
  ]),
  zypper: new Set(['-r', '--repo', '--from', '-t', '--type', '--root', '-R', '--reposd-dir', '-c', '--config']),
  rpm: new Set(['--root', '--dbpath', '--define', '-D', '--excludepath', '--relocate', '--prefix']),
  pip: new Set([
    '-r',
    '--requirement',
    '-c',
    '--constraint',
    '-e',
    '--editable',
    '-i',
    '--index-url',
    '--extra-index-url',
    '--trusted-host',
    '-t',
    '--target',
    '--prefix',
    '--root',
    '-f',
    '--find-links',
    '--platform',
    '--python-version',
    '--implementation',
    '--abi',
    '--only-binary',
    '--no-binary',
    '--progress-bar',
    '--cache-dir',
    '--src',
    '--upgrade-strategy',
    '--global-option',
    '--install-option',
    '-C',
    '--config-settings',
    '--log',
    '--timeout',
    '--retries',
    '--proxy',
    '--cert',
    '--client-cert',
    '--exists-action',
    '--root-user-action',
    '--report',
    '--python',
  ]),
  npm: new Set(['--prefix', '--registry', '--cache', '--userconfig', '-w', '--workspace', '--omit', '--include', '--tag', '--loglevel']),
  yarn: new Set(['--cwd', '--registry', '--cache-folder', '--modules-folder', '--network-timeout', '--mutex', '--prefix', '--global-folder']),
  pnpm: new Set(['--dir', '-C', '--registry', '--filter', '-F', '--store-dir', '--reporter']),
  gem: new Set(['-v', '--version', '-i', '--install-dir', '-n', '--bindir', '-s', '--source', '--platform', '-P', '--trust-policy', '-g', '--file']),
  go: new Set([
    '-o',
    '-C',
    '-p',
    '-tags',
    '-ldflags',
    '-gcflags',
    '-asmflags',
    '-mod',
    '-modfile',
    '-pkgdir',
    '-toolexec',
    '-overlay',
    '-buildmode',
    '-compiler',
    '-installsuffix',
  ]),
  cargo: new Set([
    '--version',
    '--vers',
    '--git',
    '--branch',
    '--tag',
    '--rev',
    '--path',
    '--root',
    '--index',
    '--registry',
    '-j',
    '--jobs',
    '--target',
    '--target-dir',
    '--features',
    '-F',
    '--profile',
    '--bin',
    '--example',
    '--config',
    '-Z',
  ]),
};

const VERBS: Record<string, Partial<Record<Manager, Action>>> = {
  install: {
    apt: 'install',
    yum: 'install',
    zypper: 'install',
    pip: 'install',
    npm: 'install',
    pnpm: 'install',
    gem: 'install',
    go: 'install',
    cargo: 'install',
    yarn: 'install',
  },
  add: { apk: 'install', yarn: 'install', pnpm: 'install' },
  in: { zypper: 'install' },
  i: { npm: 'install', pnpm: 'install' },
  ci: { npm: 'install' },
  reinstall: { apt: 'install', yum: 'install' },
  groupinstall: { yum: 'install' },
  'build-dep': { apt: 'install' },
  localinstall: { yum: 'install' },
  update: { apt: 'update', apk: 'update', yum: 'upgrade', zypper: 'upgrade', npm: 'upgrade', gem: 'upgrade' },
  up: { zypper: 'upgrade' },
  makecache: { yum: 'update' },
  refresh: { zypper: 'update' },
  ref: { zypper: 'update' },
  upgrade: { apt: 'upgrade', apk: 'upgrade', yum: 'upgrade', yarn: 'upgrade', pnpm: 'upgrade' },
  'dist-upgrade': { apt: 'upgrade', zypper: 'upgrade' },
  'full-upgrade': { apt: 'upgrade' },
  dup: { zypper: 'upgrade' },
  patch: { zypper: 'upgrade' },
  'distro-sync': { yum: 'upgrade' },
  remove: { apt: 'remove', yum: 'remove', zypper: 'remove', yarn: 'remove', pnpm: 'remove' },
  purge: { apt: 'remove' },
  autoremove: { apt: 'remove', yum: 'remove' },
  erase: { yum: 'remove' },
  rm: { zypper: 'remove', pnpm: 'remove' },
  del: { apk: 'remove' },
  uninstall: { pip: 'remove', npm: 'remove', gem: 'remove', cargo: 'remove' },
  clean: { apt: 'clean', yum: 'clean', zypper: 'clean' },
  'dist-clean': { apt: 'clean' },
  cc: { zypper: 'clean' },
  autoclean: { apt: 'clean' },
};

function managerOf(tool: string): Manager | undefined {
  if (tool === 'apt-get' || tool === 'apt' || tool === 'aptitude') return 'apt';
  if (tool === 'apk') return 'apk';
  if (/^(?:yum|dnf5?|microdnf|tdnf)$/.test(tool)) return 'yum';
  if (tool === 'zypper') return 'zypper';
  if (tool === 'rpm') return 'rpm';
  if (/^pip[0-9.]*$/.test(tool)) return 'pip';
  if (tool === 'npm' || tool === 'yarn' || tool === 'pnpm' || tool === 'gem' || tool === 'go' || tool === 'cargo') return tool;
  return undefined;
}

/** The package-manager command a shell command runs (`sudo apt-get install`, `python3 -m pip install`), or undefined. */
export function packageCommand(cmd: Command): PackageCommand | undefined {
  // Asked by many rules for every command; a command never changes once parsed, so classify once.
  // The command's own slot when it has one (shell.ts addSlots), else one WeakMap lookup; NONE
  // stands for "no package manager".
  const c = cmd as Command & CommandSlots;
  const slot = c[PACKAGE_COMMAND] as PackageCommand | typeof NONE | undefined;
  if (slot !== undefined) return slot === NONE ? undefined : slot;
  if (PACKAGE_COMMAND in c) {
    const pc = classify(cmd);
    c[PACKAGE_COMMAND] = pc ?? NONE;
    return pc;
  }
  const cached = classified.get(cmd);
  if (cached !== undefined) return cached === NONE ? undefined : cached;
  const pc = classify(cmd);
  classified.set(cmd, pc ?? NONE);
  return pc;
}
const NONE = 0;
const classified = new WeakMap<Command, PackageCommand | typeof NONE>();

function classify(cmd: Command): PackageCommand | undefined {
  const u = unwrap(cmd);
  let tool = baseName(u.name);
  let args = u.args;
  // `sudo DEBIAN_FRONTEND=noninteractive apt-get ...`: sudo passes assignments to the command.
  while (/^[A-Za-z_][A-Za-z0-9_]*=/.test(u.name?.value ?? '') && u.wrappers.length > 0 && args[0]) {
    tool = baseName(args[0]);
    args = args.slice(1);
    if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(tool)) break;
  }
  if (tool === 'xargs') {
    // `xargs -rt apt-get install -y < deps.txt`: the command after xargs' own options.
    let k = 0;
    while (k < args.length && args[k]!.value.startsWith('-')) k += /^-[IdEaLnPs]$/.test(args[k]!.value) ? 2 : 1;
    tool = baseName(args[k]);
    args = args.slice(k + 1);
  }
  if (/^python[0-9.]*$/.test(tool)) {
    // `python -m pip install x`
    const m = args.findIndex((a) => a.value === '-m');
    if (m < 0 || !/^pip[0-9.]*$/.test(args[m + 1]?.value ?? '') || args.slice(0, m).some((a) => !a.value.startsWith('-'))) return undefined;
    args = args.slice(m + 2);
  }
  const manager = managerOf(tool) ?? (/^python/.test(tool) ? 'pip' : undefined);
  if (!manager) return undefined;
  if (tool.startsWith('python')) tool = 'pip';
  const valueOpts = VALUE_OPTS[manager];
  const options: Word[] = [];
  const rest: Word[] = [];
  let global = false;
  for (let k = 0; k < args.length; k++) {
    const w = args[k]!;
    if (w.value.startsWith('-') && w.value !== '-') {
      options.push(w);
      if (valueOpts.has(w.value) && args[k + 1]) options.push(args[++k]!);
      if (w.value === '-g' || w.value === '--global' || w.value === '--location=global') global = true;
    } else rest.push(w);
  }
  let verb: Word | undefined;
  let operands: Word[];
  let action: Action;
  if (manager === 'rpm') {
    action = options.some((o) => /^-[a-zA-Z]*[iU]|^--(?:install|upgrade)$/.test(o.value))
      ? 'install'
      : options.some((o) => /^-[a-zA-Z]*e|^--erase$/.test(o.value))
        ? 'remove'
        : 'other';
    operands = rest;
  } else if (manager === 'yarn' && rest[0]?.value === 'global') {
    global = true;
    verb = rest[1];
    action = verb ? (VERBS[verb.value]?.yarn ?? 'other') : 'other';
    operands = rest.slice(2);
  } else if (
    (manager === 'npm' || manager === 'yarn' || manager === 'pnpm' || manager === 'apk' || manager === 'zypper') &&
    rest[0]?.value === 'cache' &&
    /^(?:clean|clear|purge|prune)$/.test(rest[1]?.value ?? '')
  ) {
    verb = rest[0];
    action = 'clean';
    operands = rest.slice(2);
  } else if (manager === 'pip' && rest[0]?.value === 'cache' && /^(?:purge|remove)$/.test(rest[1]?.value ?? '')) {
    verb = rest[0];
    action = 'clean';
    operands = [];
  } else if (manager === 'yarn' && rest.length === 0) {
    // A bare `yarn` installs from the lockfile.
    action = 'install';
    operands = [];
  } else {
    verb = rest[0];
    action = verb ? (VERBS[verb.value]?.[manager] ?? 'other') : 'other';
    operands = rest.slice(1);
  }
  const packages = action === 'install' || action === 'upgrade' ? operands.flatMap((w) => packageArg(manager, w, options)) : [];
  return { manager, tool, action, verb, packages, operands, options, global, command: cmd };
}

/** True when the command has an option word (`--no-cache`, `--no-install-recommends`, or `--x=...` by name). */
export function hasOption(pc: PackageCommand, ...names: string[]): boolean {
  return pc.options.some((o) => names.includes(o.value) || names.includes(o.value.replace(/=.*/, '')));
}

/** True when an apt install skips recommended packages (`--no-install-recommends`, `-o APT::Install-Recommends=false`). */
/** True for `apt-get install -s` / `--simulate` / `--dry-run` and the like: apt only prints what it would do. */
export function aptSimulates(pc: PackageCommand): boolean {
  return pc.manager === 'apt' && pc.options.some((o) => /^(?:--simulate|--just-print|--dry-run|--recon|--no-act|-[a-zA-Z]*s[a-zA-Z]*)$/.test(o.value));
}

export function skipsRecommends(pc: PackageCommand): boolean {
  return pc.options.some(
    (o, k) =>
      o.value === '--no-install-recommends' ||
      (/^(?:-o|--option=)?APT::Install-Recommends=(?:false|0|no|off)$/i.test(o.value) &&
        (o.value.startsWith('-') || pc.options[k - 1]?.value === '-o' || pc.options[k - 1]?.value === '--option')),
  );
}

/** apt configuration text that turns recommends off for every later install (`APT::Install-Recommends "false";`). */
export const APT_NO_RECOMMENDS_CONFIG = /APT::Install-Recommends\s+"?(?:false|0)"?/i;

/** A full-system upgrade: `apt-get upgrade`, `apk upgrade`, `yum update` / `dnf upgrade` / `zypper up` without package names. */
export function isFullUpgrade(pc: PackageCommand): boolean {
  return (
    pc.action === 'upgrade' &&
    (pc.manager === 'apt' || pc.manager === 'apk' || pc.manager === 'yum' || pc.manager === 'zypper') &&
    (pc.operands.length === 0 || /^(?:dist-upgrade|full-upgrade|dup)$/.test(pc.verb?.value ?? ''))
  );
}

function packageArg(manager: Manager, w: Word, options: readonly Word[]): PackageArg[] {
  const v = w.value;
  // Files, directories, URLs, VCS specs and groups are not registry package names.
  if (v === '' || v === '.' || /^(?:\.{0,2}\/|~|[a-z+]+:\/\/|git\+|file:|@\^|\$\(|`)/.test(v) || /\.(?:deb|rpm|apk|whl|tar\.gz|tgz|zip|gem|txt)$/.test(v))
    return [];
  if (manager === 'yum' && v.startsWith('@')) return [];
  const one = (name: string, version: string | undefined, pinned = version !== undefined): PackageArg[] => [{ word: w, name, version, pinned }];
  switch (manager) {
    case 'apt': {
      const m = /^([^=/]+)(?:=(.+)|\/(.+))?$/.exec(v);
      return m ? one(m[1]!, m[2]) : one(v, undefined);
    }
    case 'apk': {
      const m = /^([^=<>~]+)((?:[=<>~]+).+)$/.exec(v);
      return m ? one(m[1]!, m[2]!.replace(/^=/, '')) : one(v, undefined);
    }
    case 'zypper': {
      const m = /^([^=<>]+)([=<>]+.+)$/.exec(v);
      return m ? one(m[1]!, m[2]!.replace(/^=/, '')) : yumStyle(v, one);
    }
    case 'yum':
    case 'rpm':
      return yumStyle(v, one);
    case 'pip': {
      const m = /^([A-Za-z0-9_.\-[\],]+?)\s*((?:===?|~=|>=|<=|!=|>|<|@).+)$/.exec(v);
      return m ? one(m[1]!, m[2]!.replace(/^===?/, '')) : one(v, undefined);
    }
    case 'npm':
    case 'yarn':
    case 'pnpm': {
      const at = v.indexOf('@', v.startsWith('@') ? 1 : 0);
      if (at < 0) return one(v, undefined);
      const version = v.slice(at + 1);
      return one(v.slice(0, at), version, !/^(?:latest|next|canary|beta|alpha|\*|x)$/.test(version));
    }
    case 'gem': {
      const m = /^([^:]+):(.+)$/.exec(v);
      if (m) return one(m[1]!, m[2]);
      const vi = options.findIndex((o) => o.value === '-v' || o.value === '--version' || o.value.startsWith('--version='));
      const ver = vi < 0 ? undefined : options[vi]!.value.startsWith('--version=') ? options[vi]!.value.slice(10) : options[vi + 1]?.value;
      return one(v, ver);
    }
    case 'go': {
      const at = v.lastIndexOf('@');
      // Without @version, `go install` builds the version the current module requires.
      if (at < 0) return [];
      const version = v.slice(at + 1);
      return one(v.slice(0, at), version, !/^(?:latest|master|main|HEAD|upgrade|patch)$/.test(version));
    }
    case 'cargo': {
      if (options.some((o) => o.value === '--path' || o.value === '--git')) return [];
      const at = v.lastIndexOf('@');
      if (at > 0) return one(v.slice(0, at), v.slice(at + 1));
      const vi = options.findIndex((o) => o.value === '--version' || o.value === '--vers' || o.value.startsWith('--version='));
      return one(v, vi < 0 ? undefined : (options[vi]!.value.split('=')[1] ?? options[vi + 1]?.value));
    }
  }
}

/** `name-1.2.3` / `name-1.2-3.el9` (yum, dnf, zypper): a dash, then a dotted version; `java-17-openjdk` is a name. */
function yumStyle(v: string, one: (name: string, version: string | undefined) => PackageArg[]): PackageArg[] {
  const m = /^(.+?)-((?:\d+:)?\d[\w+~^]*\.[\w.+~^]*(?:-\d[\w.+~^]*)?|\$\{?\w+\}?.*)$/.exec(v);
  return m ? one(m[1]!, m[2]) : one(v, undefined);
}

// ---- caches -----------------------------------------------------------------------------

/** A cache left behind by an install: apt lists, apk index, yum/dnf/zypper metadata, pip, npm and yarn caches. */
export type CacheKind = 'apt' | 'apk' | 'yum' | 'zypper' | 'pip' | 'npm' | 'yarn';

/** Where each cache lives, for `rm -rf` cleanups and `RUN --mount=type=cache,target=...`. */
const CACHE_PATHS: Record<CacheKind, RegExp> = {
  apt: /^\/var\/(?:lib|cache)\/apt(?:\/|$)/,
  apk: /^(?:\/var\/cache\/apk|\/etc\/apk\/cache)(?:\/|$)/,
  yum: /^\/var\/cache\/(?:yum|dnf|libdnf5|tdnf)(?:\/|$)/,
  zypper: /^\/var\/cache\/zypp(?:er)?(?:\/|$)/,
  pip: /^(?:\/root|~|\$HOME|\$\{HOME\}|\/home\/[^/]+)\/\.cache(?:\/pip)?(?:\/|$)|\/pip(?:-cache)?\/?$/,
  npm: /^(?:\/root|~|\$HOME|\$\{HOME\}|\/home\/[^/]+)\/\.npm(?:\/|$)|^\/usr\/local\/share\/\.cache|npm-cache/,
  yarn: /(?:\/\.cache\/yarn|\/\.yarn\/cache|\/yarn-cache|\/usr\/local\/share\/\.cache\/yarn)(?:\/|$)/,
};

/**
 * The cache an install command leaves in its layer, or undefined when it leaves none
 * (`apk add --no-cache`, `pip install --no-cache-dir`, `npm ci` without a cache, removals).
 */
export function cacheLeftBy(pc: PackageCommand): CacheKind | undefined {
  switch (pc.manager) {
    case 'apt':
      return pc.action === 'update' ? 'apt' : undefined;
    case 'apk':
      // `--no-network` installs from packages already on disk: no index is fetched.
      return (pc.action === 'install' || pc.action === 'update' || pc.action === 'upgrade') && !hasOption(pc, '--no-cache', '--no-network') ? 'apk' : undefined;
    case 'yum':
      return (pc.action === 'install' || pc.action === 'upgrade' || pc.action === 'update') && !hasOption(pc, '--cacheonly', '-C') ? 'yum' : undefined;
    case 'zypper':
      return pc.action === 'install' || pc.action === 'upgrade' ? 'zypper' : undefined;
    case 'pip':
      return pc.action === 'install' && !hasOption(pc, '--no-cache-dir') ? 'pip' : undefined;
    case 'yarn':
      return pc.action === 'install' ? 'yarn' : undefined;
    default:
      return undefined;
  }
}

/** The caches a command cleans: `rm -rf /var/lib/apt/lists/*`, `yum clean all`, `npm cache clean`, `pip cache purge`. */
export function cachesCleanedBy(cmd: Command): CacheKind[] {
  const pc = packageCommand(cmd);
  if (pc) {
    if (pc.action !== 'clean') return [];
    // `apt-get clean` empties /var/cache/apt but keeps the lists; `dist-clean` (apt 2.7+) removes both.
    if (pc.manager === 'apt') return pc.verb?.value === 'dist-clean' ? ['apt'] : [];
    if (pc.manager === 'yum' || pc.manager === 'zypper' || pc.manager === 'pip' || pc.manager === 'npm' || pc.manager === 'yarn' || pc.manager === 'apk')
      return [pc.manager];
    return [];
  }
  const { name, args } = unwrap(cmd);
  if (baseName(name) !== 'rm') return [];
  const out: CacheKind[] = [];
  for (const a of args) {
    if (a.value.startsWith('-')) continue;
    for (const kind of Object.keys(CACHE_PATHS) as CacheKind[]) {
      if (kind === 'apt' ? /^\/var\/lib\/apt\/lists(?:\/|$)/.test(a.value) : CACHE_PATHS[kind].test(a.value)) out.push(kind);
    }
  }
  return out;
}

/** True when `RUN --mount=type=cache|tmpfs,target=...` keeps that cache out of the layer. */
export function cacheMounted(flags: readonly InstructionFlag[], kind: CacheKind): boolean {
  return flags.some((f) => {
    if (f.name !== 'mount' || !f.value) return false;
    const parts = new Map(f.value.split(',').map((p) => [p.split('=')[0]!.trim(), p.slice(p.indexOf('=') + 1).trim()] as const));
    const type = parts.get('type');
    const target = parts.get('target') ?? parts.get('dst') ?? parts.get('destination') ?? '';
    return (type === 'cache' || type === 'tmpfs') && CACHE_PATHS[kind].test(target);
  });
}

// ---- TLS and host trust -------------------------------------------------------------------

export interface TlsHit {
  /** First and last word of the setting (`--trusted-host` and its host; `config set strict-ssl false`). */
  readonly from: Word;
  readonly to: Word;
  readonly setting: string;
}

const FALSE = /^(?:false|0|no|off)$/i;

/**
 * Options and configuration commands that relax TLS verification or trust a host without it:
 * pip `--trusted-host`, `pip config set global.trusted-host`, npm/yarn/pnpm `strict-ssl false`,
 * yum/dnf `--setopt=sslverify=0`, git `-c http.sslVerify=false` / `git config http.sslVerify false`.
 */
export function tlsRelaxed(cmd: Command): TlsHit[] {
  const { name, args } = unwrap(cmd);
  const tool = baseName(name);
  const hits: TlsHit[] = [];
  const values = args.map((a) => a.value);
  const configSet = (key: RegExp, bad: (v: string) => boolean): void => {
    // `<tool> config set <key> <value>` / `<key>=<value>`, also `git config --global <key> <value>`.
    for (let k = 0; k < args.length; k++) {
      const v = values[k]!;
      const eq = v.indexOf('=');
      if (eq > 0 && key.test(v.slice(0, eq)) && bad(v.slice(eq + 1)) && k > 0) hits.push({ from: args[k]!, to: args[k]!, setting: v });
      else if (key.test(v) && args[k + 1] && bad(values[k + 1]!)) hits.push({ from: args[k]!, to: args[k + 1]!, setting: `${v} ${values[k + 1]}` });
    }
  };
  const pc = packageCommand(cmd);
  if (pc?.manager === 'pip' || (/^python/.test(tool) && pc)) {
    for (let k = 0; k < pc.options.length; k++) {
      const o = pc.options[k]!;
      if (o.value === '--trusted-host' && pc.options[k + 1])
        hits.push({ from: o, to: pc.options[k + 1]!, setting: `--trusted-host ${pc.options[k + 1]!.value}` });
      else if (o.value.startsWith('--trusted-host=')) hits.push({ from: o, to: o, setting: o.value });
    }
  }
  if (/^pip[0-9.]*$/.test(tool) && values[0] === 'config' && values[1] === 'set') configSet(/^(?:global|install|download)\.trusted-host$/, (v) => v !== '');
  if (tool === 'npm' || tool === 'yarn' || tool === 'pnpm') {
    if (values[0] === 'config' && values[1] === 'set') configSet(/^(?:strict-ssl|enableStrictSsl)$/, (v) => FALSE.test(v));
    for (const a of args) if (/^--strict-ssl=(?:false|0)$/i.test(a.value)) hits.push({ from: a, to: a, setting: a.value });
    const k = values.indexOf('--strict-ssl');
    if (k >= 0 && FALSE.test(values[k + 1] ?? '')) hits.push({ from: args[k]!, to: args[k + 1]!, setting: `--strict-ssl ${values[k + 1]}` });
  }
  if (pc?.manager === 'yum' || pc?.manager === 'zypper' || tool === 'yum-config-manager' || (tool === 'dnf' && values[0] === 'config-manager')) {
    for (let k = 0; k < args.length; k++) {
      const v = values[k]!;
      if (/^--setopt=(?:[\w.*-]+\.)?sslverify=(?:0|false|no|off)$/i.test(v)) hits.push({ from: args[k]!, to: args[k]!, setting: v });
      else if (v === '--setopt' && /^(?:[\w.*-]+\.)?sslverify=(?:0|false|no|off)$/i.test(values[k + 1] ?? ''))
        hits.push({ from: args[k]!, to: args[k + 1]!, setting: `--setopt ${values[k + 1]}` });
    }
  }
  if (tool === 'git') {
    for (let k = 0; k < args.length; k++) {
      if (values[k] === '-c' && /^http\.(?:[^=]*\.)?sslverify=(?:false|0|no|off)$/i.test(values[k + 1] ?? ''))
        hits.push({ from: args[k]!, to: args[k + 1]!, setting: values[k + 1]! });
    }
    if (values[0] === 'config') configSet(/^http\.(?:.*\.)?sslverify$/i, (v) => FALSE.test(v));
  }
  return hits;
}

/** `sslverify=0` in yum/dnf/zypper configuration text (repo files written in RUN), as offsets into `text`. */
export function sslVerifyOffSettings(text: string): { start: number; end: number; setting: string }[] {
  if (!mayHaveSslVerifyOff(text)) return [];
  return [...text.matchAll(/(?<![\w.])sslverify[ \t]*=[ \t]*(?:0|false|no|off)\b/gi)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    setting: m[0],
  }));
}

/** False when `text` cannot hold a `sslVerifyOffSettings` match: a cheap scan callers may run once over a whole file. */
export function mayHaveSslVerifyOff(text: string): boolean {
  return /sslverify/i.test(text);
}

/**
 * Why an environment variable with this value switches TLS verification off for a tool, or
 * undefined when it does not: `NODE_TLS_REJECT_UNAUTHORIZED=0`, `PYTHONHTTPSVERIFY=0`,
 * `GIT_SSL_NO_VERIFY=1`, `NPM_CONFIG_STRICT_SSL=false`, `PIP_TRUSTED_HOST=host`, `CURL_CA_BUNDLE=""`.
 */
export function tlsDisablingEnv(name: string, value: string): string | undefined {
  const n = name.toUpperCase();
  const v = value.trim();
  if (n === 'NODE_TLS_REJECT_UNAUTHORIZED') return v === '0' ? 'Node.js' : undefined;
  if (n === 'PYTHONHTTPSVERIFY') return v === '0' ? 'Python' : undefined;
  if (n === 'GIT_SSL_NO_VERIFY') return v !== '' && !FALSE.test(v) ? 'git' : undefined;
  if (n === 'NPM_CONFIG_STRICT_SSL' || n === 'YARN_STRICT_SSL' || n === 'YARN_ENABLE_STRICT_SSL' || n === 'PNPM_CONFIG_STRICT_SSL')
    return FALSE.test(v) ? 'npm/yarn' : undefined;
  if (n === 'PIP_TRUSTED_HOST') return v !== '' ? 'pip' : undefined;
  if (n === 'CURL_CA_BUNDLE' || n === 'REQUESTS_CA_BUNDLE') return v === '' ? 'Python requests' : undefined;
  if (n === 'GOINSECURE') return v !== '' ? 'Go modules' : undefined;
  if (n === 'BUNDLE_SSL_VERIFY_MODE') return v === '0' ? 'Bundler' : undefined;
  return undefined;
}

/** Names `tlsDisablingEnv` knows, for callers that must skip unrelated variables quickly. */
export const TLS_ENV_NAMES =
  /^(?:NODE_TLS_REJECT_UNAUTHORIZED|PYTHONHTTPSVERIFY|GIT_SSL_NO_VERIFY|NPM_CONFIG_STRICT_SSL|YARN_STRICT_SSL|YARN_ENABLE_STRICT_SSL|PNPM_CONFIG_STRICT_SSL|PIP_TRUSTED_HOST|CURL_CA_BUNDLE|REQUESTS_CA_BUNDLE|GOINSECURE|BUNDLE_SSL_VERIFY_MODE)$/i;
