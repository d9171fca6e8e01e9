/**
 * Downloads to files and what happens to them next: where curl/wget/fetch write (`-o`, `-O`,
 * `--output-dir`, `-P`, the URL's last path segment), commands that verify a checksum or a
 * signature, and commands that execute, extract or install a given file.
 */
import { downloader, scanOptions, type OptionGrammar } from './commands';
import { baseName, unwrap, type Command, type Word } from './shell';

// Option grammars (which options take a value) for the output options this module reads.
const CURL: OptionGrammar = {
  short: 'AbcCdDeEFHKmoPQrtTuUwxXyYz',
  long: new Set([
    'output',
    'output-dir',
    'header',
    'user',
    'user-agent',
    'data',
    'data-raw',
    'data-binary',
    'form',
    'request',
    'proxy',
    'retry',
    'retry-delay',
    'retry-max-time',
    'max-time',
    'connect-timeout',
    'cacert',
    'cert',
    'key',
    'config',
    'cookie',
    'url',
    'write-out',
    'referer',
    'range',
    'resolve',
    'proto',
    'proto-redir',
    'limit-rate',
    'continue-at',
  ]),
  permute: true,
};
const WGET: OptionGrammar = {
  short: 'oaeiBtOTwQPUlARDIXn',
  long: new Set([
    'output-document',
    'output-file',
    'append-output',
    'execute',
    'input-file',
    'base',
    'tries',
    'timeout',
    'wait',
    'directory-prefix',
    'user-agent',
    'header',
    'user',
    'password',
    'ca-certificate',
    'post-data',
    'method',
    'referer',
  ]),
  permute: true,
};
const FETCH: OptionGrammar = { short: 'oSTNBi', long: new Set(['output']), permute: true };

export interface Download {
  readonly tool: 'curl' | 'wget' | 'fetch';
  /** The URL operand (or the first operand). */
  readonly url: Word | undefined;
  /** The file written, as written (variables unresolved): a path or a bare name. */
  readonly file: string;
}

const lastSegment = (url: string) =>
  url
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '')
    .split('/')
    .pop() ?? '';
const STDOUT = new Set(['-', '/dev/stdout']);

/** A download that writes a file (not stdout), or undefined. */
export function downloadToFile(cmd: Command): Download | undefined {
  const d = downloader(cmd);
  if (!d) return undefined;
  const opts = scanOptions(d.args, d.tool === 'curl' ? CURL : d.tool === 'wget' ? WGET : FETCH);
  const url = opts.find((o) => o.kind === 'operand' && /^[a-z]+:\/\//i.test(o.word.value))?.word ?? opts.find((o) => o.kind === 'operand')?.word;
  const value = (short: string, long: string) => {
    for (const o of opts) if ((o.kind === 'short' && o.letter === short) || (o.kind === 'long' && o.name === long)) return o.value ?? '';
    return undefined;
  };
  const has = (short: string, long: string) =>
    opts.some((o) => (o.kind === 'short' && o.letter === short && o.value === undefined) || (o.kind === 'long' && o.name === long));
  let file: string | undefined;
  if (d.tool === 'curl') {
    const out = value('o', 'output');
    const dir = value('\0', 'output-dir');
    if (out !== undefined) file = out;
    else if (has('O', 'remote-name') && url) file = lastSegment(url.value);
    if (file !== undefined && dir && !file.startsWith('/')) file = `${dir.replace(/\/+$/, '')}/${file}`;
  } else if (d.tool === 'wget') {
    const out = value('O', 'output-document');
    const dir = value('P', 'directory-prefix');
    if (out !== undefined) file = out;
    else if (url) file = (dir ? `${dir.replace(/\/+$/, '')}/` : '') + lastSegment(url.value);
  } else {
    file = value('o', 'output') ?? (url ? lastSegment(url.value) : undefined);
  }
  if (file === undefined || file === '' || STDOUT.has(file)) return undefined;
  return { tool: d.tool, url, file };
}

const CHECKSUM = /^(?:sha(?:1|224|256|384|512)sum|shasum|md5sum|b2sum|b3sum|cksum|rhash)$/;

/** A command that checks a checksum or a signature (`sha256sum -c`, `gpg --verify`, `cosign verify-blob`, ...). */
export function verifies(cmd: Command): boolean {
  const { name, args } = unwrap(cmd);
  const tool = baseName(name);
  const v = args.map((a) => a.value);
  if (CHECKSUM.test(tool) || tool === 'gpgv' || tool === 'slsa-verifier' || tool === 'sget') return true;
  if (tool === 'gpg' || tool === 'gpg2') return v.some((a) => a === '--verify' || a === '--verify-files');
  if (tool === 'cosign') return /^verify/.test(v[0] ?? '');
  if (tool === 'minisign' || tool === 'signify') return v.some((a) => /^-[a-zA-Z]*V/.test(a));
  if (tool === 'rpm' || tool === 'rpmkeys') return v.some((a) => a === '-K' || a === '--checksig');
  // `openssl dgst -verify` checks a signature; `[ "$(openssl sha512 -r f)" = "$SUM" ]` a checksum.
  if (tool === 'openssl') return /^(?:dgst|sha\d*|md5)$/.test(v[0] ?? '');
  if (tool === 'gh') return v[0] === 'attestation' && v[1] === 'verify';
  return false;
}

const EXTRACT = new Set([
  'tar',
  'bsdtar',
  'unzip',
  'gunzip',
  'gzip',
  'xz',
  'unxz',
  'bunzip2',
  'bzip2',
  'zstd',
  'unzstd',
  '7z',
  '7za',
  'cpio',
  'rpm2cpio',
  'jar',
]);
const INTERPRETER = /^(?:sh|bash|ash|dash|zsh|ksh|python[0-9.]*|perl|ruby|node|php|java|source|\.)$/;
const INSTALLERS: Readonly<Record<string, RegExp>> = {
  dpkg: /^(?:-i|--install|-x|--extract)$/,
  rpm: /^-[a-zA-Z]*[iU]/,
  'apt-get': /^install$/,
  apt: /^install$/,
  apk: /^add$/,
  yum: /^(?:install|localinstall)$/,
  dnf: /^install$/,
  microdnf: /^install$/,
  zypper: /^(?:install|in)$/,
  pip: /^install$/,
  pip3: /^install$/,
  gem: /^install$/,
  npm: /^(?:install|i)$/,
};

export type FileUse = 'executed' | 'extracted' | 'installed';

/** How `cmd` uses `file` (executes, extracts or installs it), or undefined. */
export function fileUse(cmd: Command, file: string): FileUse | undefined {
  const { name, args } = unwrap(cmd);
  if (!name) return undefined;
  const base = file.slice(file.lastIndexOf('/') + 1);
  if (base.length < 2) return undefined;
  const names = (w: Word) => w.value === file || w.value.slice(w.value.lastIndexOf('/') + 1) === base;
  if (names(name) && /[/$]/.test(name.value + file)) return 'executed';
  const tool = baseName(name);
  const uses = args.some(names);
  if (!uses) return undefined;
  if (INTERPRETER.test(tool)) return 'executed';
  if (tool === 'chmod')
    return args.some((a) => /^(?:[ugoa]*\+[rw]*x|[0-7]?[0-7]*[1357][0-7]*)$/.test(a.value) && /x|[1357]/.test(a.value)) ? 'executed' : undefined;
  if (EXTRACT.has(tool)) return 'extracted';
  const installer = INSTALLERS[tool];
  if (installer && args.some((a) => installer.test(a.value))) return 'installed';
  if (tool === 'install' || tool === 'mv') return 'installed';
  return undefined;
}

/** Extractors that read an archive from stdin (`curl … | tar -xz`). */
export function extractsStdin(cmd: Command): boolean {
  const tool = baseName(unwrap(cmd).name);
  return EXTRACT.has(tool) && tool !== 'jar' && tool !== 'rpm2cpio';
}

/** A URL that names an immutable revision (a full 40-hex commit id in the path), as `raw.githubusercontent.com/<org>/<repo>/<sha>/…` does. */
export function isCommitPinnedUrl(url: string): boolean {
  return /\/[0-9a-f]{40}(?:\/|$)/.test(url);
}
