/**
 * Accounts and permissions as RUN commands change them: useradd/adduser/groupadd/usermod
 * (names, UIDs, non-unique and no-log-init flags, passwords), chpasswd/passwd, chmod modes
 * (octal and symbolic, recursive) and chown owners. Built on the shell model and the option
 * scanner; every answer points at the words as written in the Dockerfile.
 */
import { scanOptions, type Option, type OptionGrammar } from './commands';
import { baseName, unwrap, type Command, type Word } from './shell';

// ---- account tools ---------------------------------------------------------------------

export type AccountTool = 'useradd' | 'adduser' | 'groupadd' | 'addgroup' | 'usermod' | 'groupmod';

const GRAMMARS: Record<AccountTool, OptionGrammar> = {
  useradd: {
    short: 'bcdefgGkKpRPsuZ',
    long: new Set([
      'base-dir',
      'comment',
      'home-dir',
      'home',
      'expiredate',
      'inactive',
      'gid',
      'groups',
      'skel',
      'key',
      'password',
      'root',
      'prefix',
      'shell',
      'uid',
      'selinux-user',
      'selinux-range',
    ]),
    permute: true,
  },
  usermod: {
    short: 'cdefgGlpRPsuZvVwW',
    long: new Set([
      'comment',
      'home',
      'expiredate',
      'inactive',
      'gid',
      'groups',
      'login',
      'password',
      'root',
      'prefix',
      'shell',
      'uid',
      'selinux-user',
      'add-subuids',
      'del-subuids',
      'add-subgids',
      'del-subgids',
    ]),
    permute: true,
  },
  groupadd: { short: 'gKpRPU', long: new Set(['gid', 'key', 'password', 'root', 'prefix', 'users']), permute: true },
  groupmod: { short: 'gnpRPU', long: new Set(['gid', 'new-name', 'password', 'root', 'prefix', 'users']), permute: true },
  // Debian adduser takes long options; BusyBox adduser/addgroup take -h -g -s -G -u -k.
  adduser: {
    short: 'hgsGuk',
    long: new Set([
      'home',
      'shell',
      'uid',
      'gid',
      'ingroup',
      'gecos',
      'comment',
      'firstuid',
      'lastuid',
      'firstgid',
      'lastgid',
      'conf',
      'add-extra-groups',
      'allow-bad-names',
    ]),
    permute: true,
  },
  addgroup: { short: 'g', long: new Set(['gid', 'conf', 'firstgid', 'lastgid']), permute: true },
};

export interface AccountCommand {
  readonly tool: AccountTool;
  readonly toolWord: Word;
  readonly options: readonly Option[];
  /** The account name operand (the user for useradd/adduser/usermod, the group for groupadd/addgroup). */
  readonly name: Word | undefined;
  /** `-u`/`--uid` (useradd, usermod, adduser) or `-g`/`--gid` (groupadd, addgroup, groupmod), as written. */
  readonly id: { readonly value: string; readonly word: Word } | undefined;
}

/** Parses useradd/adduser/groupadd/addgroup/usermod/groupmod, looking through sudo/env wrappers. */
export function accountCommand(cmd: Command): AccountCommand | undefined {
  const { name, args } = unwrap(cmd);
  const tool = baseName(name);
  if (!name || !(tool in GRAMMARS)) return undefined;
  const t = tool as AccountTool;
  const options = scanOptions(args, GRAMMARS[t]);
  const idLetter = t === 'groupadd' || t === 'addgroup' || t === 'groupmod' ? 'g' : 'u';
  const idLong = idLetter === 'g' ? 'gid' : 'uid';
  let id: AccountCommand['id'];
  for (const o of options) {
    if ((o.kind === 'short' && o.letter === idLetter) || (o.kind === 'long' && o.name === idLong)) {
      if (o.value !== undefined) id = { value: o.value, word: o.valueWord ?? o.word };
    }
  }
  const operands = options.filter((o) => o.kind === 'operand');
  // `adduser user group` (Debian) adds a user to a group: the user is the first operand either way.
  return { tool: t, toolWord: name, options, name: operands[0]?.word, id };
}

/** The option words matching short letters or long names (`-o`, `--non-unique`, `-lo`). */
export function findOptions(options: readonly Option[], letters: string, longs: readonly string[]): (Option & { kind: 'short' | 'long' })[] {
  return options.filter(
    (o): o is Option & { kind: 'short' | 'long' } => (o.kind === 'short' && letters.includes(o.letter)) || (o.kind === 'long' && longs.includes(o.name)),
  );
}

/** Users created with an explicit UID in the given commands: name → UID as written. */
export function knownUids(commands: readonly Command[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of commands) {
    const a = accountCommand(c);
    if (!a || (a.tool !== 'useradd' && a.tool !== 'adduser') || !a.name || !a.id) continue;
    // Two different UIDs for one name: unknowable which one ends up in /etc/passwd.
    const previous = out.get(a.name.value);
    out.set(a.name.value, previous === undefined || previous === a.id.value ? a.id.value : '');
  }
  for (const [k, v] of out) if (!/^\d+$/.test(v)) out.delete(k);
  return out;
}

// ---- passwords ---------------------------------------------------------------------------

export interface PasswordChange {
  readonly kind: 'chpasswd' | 'passwdStdin' | 'passwdDelete' | 'passwordOption';
  readonly word: Word;
  /** The command (`chpasswd`) or option (`-p`, `--delete`) as a name, never a value. */
  readonly flag: string;
}

const flagName = (o: Option & { kind: 'short' | 'long' }): string => (o.kind === 'short' ? `-${o.letter}` : `--${o.name}`);

/**
 * A command that sets or removes a password: `chpasswd`, `passwd -d`/`--delete`, `passwd`
 * fed from a pipe or `--stdin`, `useradd`/`usermod -p`/`--password`. Locking (`passwd -l`)
 * and expiry are not password changes.
 */
export function passwordChange(cmd: Command): PasswordChange | undefined {
  const { name, args } = unwrap(cmd);
  const tool = baseName(name);
  if (!name) return undefined;
  if (tool === 'chpasswd' || tool === 'chgpasswd') return { kind: 'chpasswd', word: name, flag: tool };
  if (tool === 'passwd') {
    const opts = scanOptions(args, {
      short: 'inwxr',
      long: new Set(['inactive', 'mindays', 'warndays', 'maxdays', 'repository', 'root', 'prefix']),
      permute: true,
    });
    const del = findOptions(opts, 'd', ['delete'])[0];
    if (del) return { kind: 'passwdDelete', word: del.word, flag: flagName(del) };
    if (findOptions(opts, '', ['stdin']).length > 0 || cmd.pipelineIndex > 0 || cmd.redirects.some((r) => r.op.startsWith('<'))) {
      // A pure status/lock query reads nothing.
      if (findOptions(opts, 'lSuek', ['lock', 'status', 'unlock', 'expire']).length > 0) return undefined;
      return { kind: 'passwdStdin', word: name, flag: 'passwd' };
    }
    return undefined;
  }
  const account = accountCommand(cmd);
  if (account && (account.tool === 'useradd' || account.tool === 'usermod' || account.tool === 'groupadd' || account.tool === 'groupmod')) {
    const p = findOptions(account.options, 'p', ['password'])[0];
    if (p) return { kind: 'passwordOption', word: p.word, flag: flagName(p) };
  }
  return undefined;
}

// ---- chmod -----------------------------------------------------------------------------

export interface ModeBits {
  readonly setuid: boolean;
  readonly setgid: boolean;
  readonly sticky: boolean;
  /** Write permission for others is added. */
  readonly worldWritable: boolean;
}

const SPECIAL_WHO = /^[ugoa]*$/;

/**
 * What a chmod mode adds: octal (`4755`, `0777`) or symbolic (`u+s,g-w`, `a+rwx`, `=rwxs`).
 * Symbolic `+w` without who follows the umask (022 in builds) and so does not add o+w.
 * Undefined when the mode is not a mode (a variable, a reference file).
 */
export function parseMode(mode: string): ModeBits | undefined {
  if (/^[0-7]{1,5}$/.test(mode)) {
    const n = parseInt(mode, 8);
    return { setuid: (n & 0o4000) !== 0, setgid: (n & 0o2000) !== 0, sticky: (n & 0o1000) !== 0, worldWritable: (n & 0o2) !== 0 };
  }
  let setuid = false;
  let setgid = false;
  let sticky = false;
  let worldWritable = false;
  for (const clause of mode.split(',')) {
    const m = /^([ugoa]*)((?:[-+=][rwxXstugo]*)+)$/.exec(clause);
    if (!m || !SPECIAL_WHO.test(m[1] as string)) return undefined;
    const who = m[1] as string;
    const all = who === '' || who.includes('a');
    for (const action of (m[2] as string).match(/[-+=][rwxXstugo]*/g) ?? []) {
      const op = action[0];
      const perms = action.slice(1);
      if (op === '-') continue;
      if (perms.includes('s') && (all || who.includes('u'))) setuid = true;
      if (perms.includes('s') && (all || who.includes('g'))) setgid = true;
      if (perms.includes('t')) sticky = true;
      if (perms.includes('w') && (who.includes('a') || who.includes('o'))) worldWritable = true;
    }
  }
  return { setuid, setgid, sticky, worldWritable };
}

export interface ChmodCall {
  readonly chmod: Word;
  /** The mode word (`4755`, `u+s`). */
  readonly mode: Word;
  readonly bits: ModeBits;
  readonly recursive: boolean;
  readonly operands: readonly Word[];
}

/** `chmod [-R] MODE FILE...` (GNU and BusyBox); modes that start with `-` (`-w`) are read as modes. */
export function chmodCall(cmd: Command): ChmodCall | undefined {
  const { name, args } = unwrap(cmd);
  if (!name || baseName(name) !== 'chmod') return undefined;
  let recursive = false;
  let mode: Word | undefined;
  const operands: Word[] = [];
  for (const w of args) {
    const v = w.value;
    // GNU chmod takes options after the mode too (`chmod 0777 -R dir`).
    if (/^-[RfvcH]+$/.test(v)) {
      if (v.includes('R')) recursive = true;
    } else if (v === '--recursive') recursive = true;
    else if (mode === undefined && v.startsWith('--')) {
      if (v.startsWith('--reference')) return undefined;
    } else if (mode === undefined) mode = w;
    else operands.push(w);
  }
  if (!mode) return undefined;
  const bits = parseMode(mode.value);
  return bits ? { chmod: name, mode, bits, recursive, operands } : undefined;
}

// ---- chown -----------------------------------------------------------------------------

export interface ChownCall {
  readonly chown: Word;
  /** The `user[:group]` word. */
  readonly owner: Word;
  readonly user: string;
  readonly recursive: boolean;
  readonly operands: readonly Word[];
}

/** `chown [-R] USER[:GROUP] FILE...`; undefined for `--reference` and group-only changes (`:grp`). */
export function chownCall(cmd: Command): ChownCall | undefined {
  const { name, args } = unwrap(cmd);
  if (!name || baseName(name) !== 'chown') return undefined;
  let recursive = false;
  let owner: Word | undefined;
  const operands: Word[] = [];
  for (const w of args) {
    const v = w.value;
    if (!owner && /^-[RfvchHLP]+$/.test(v)) {
      if (v.includes('R')) recursive = true;
    } else if (!owner && v === '--recursive') recursive = true;
    else if (!owner && v.startsWith('--')) {
      if (v.startsWith('--reference')) return undefined;
    } else if (!owner) owner = w;
    else operands.push(w);
  }
  if (!owner) return undefined;
  const user = owner.value.split(/[:.]/)[0] ?? '';
  return user === '' ? undefined : { chown: name, owner, user, recursive, operands };
}

/** The user part of `user[:group]` (`app:app` → `app`, `1000.1000` → `1000`). */
export function userPart(spec: string): string {
  return spec.split(':')[0] ?? '';
}

// ---- package installs ---------------------------------------------------------------------

const INSTALL_SUBCOMMANDS: Record<string, ReadonlySet<string>> = {
  'apt-get': new Set(['install']),
  apt: new Set(['install']),
  aptitude: new Set(['install']),
  apk: new Set(['add']),
  yum: new Set(['install']),
  dnf: new Set(['install']),
  dnf5: new Set(['install']),
  microdnf: new Set(['install']),
  tdnf: new Set(['install']),
  zypper: new Set(['install', 'in']),
};

/**
 * Package names an OS package manager installs (`apt-get install -y a b`, `apk add --no-cache a`).
 * Options and their values are skipped roughly: a word starting with `-` is not a package, and
 * a version pin after `=` is cut off.
 */
export function installedPackages(cmd: Command): { manager: string; name: string; word: Word }[] {
  const { name, args } = unwrap(cmd);
  const manager = baseName(name);
  const subs = INSTALL_SUBCOMMANDS[manager];
  if (!subs) return [];
  const at = args.findIndex((w) => subs.has(w.value));
  if (at < 0) return [];
  const out: { manager: string; name: string; word: Word }[] = [];
  for (let k = at + 1; k < args.length; k++) {
    const w = args[k]!;
    if (w.value.startsWith('-')) {
      // `apk add -t .deps`, `--virtual .deps`: the next word is a name, not a package.
      if (/^(?:-t|--virtual|-X|--repository|-o|--option)$/.test(w.value)) k++;
      continue;
    }
    out.push({ manager, name: w.value.replace(/[=<>~].*$/, ''), word: w });
  }
  return out;
}
