/**
 * Command-line knowledge of the tools rules ask about: option grammars of downloaders
 * (curl, wget, fetch), interpreters (sh, bash, python, perl, ruby, node, php) and package
 * managers (apk, apt, rpm, yum/dnf, zypper). Built on the shell model: every answer points
 * at the words (and, for combined short flags, the letter) as written in the Dockerfile.
 */
import { baseName, unwrap, type Command, type Word } from './shell';

/** Letters of short options that take a value, and long option names (without `--`) that do. */
export interface OptionGrammar {
  readonly short: string;
  readonly long: ReadonlySet<string>;
  /** GNU-style: options may follow operands (curl, wget). POSIX shells stop at the first operand. */
  readonly permute: boolean;
}

export type Option =
  /** `letter` at index `at` of `word.value` (`-fsSLk` → k at 5). */
  | { readonly kind: 'short'; readonly letter: string; readonly word: Word; readonly at: number; readonly value: string | undefined; readonly valueWord: Word | undefined }
  | { readonly kind: 'long'; readonly name: string; readonly word: Word; readonly value: string | undefined; readonly valueWord: Word | undefined }
  | { readonly kind: 'operand'; readonly word: Word; readonly afterDoubleDash: boolean };

/** Splits arguments into options and operands following getopt rules (combined short flags, `--`, `--name=value`). */
export function scanOptions(args: readonly Word[], grammar: OptionGrammar): Option[] {
  const out: Option[] = [];
  let operandsOnly = false;
  let afterDoubleDash = false;
  for (let k = 0; k < args.length; k++) {
    const word = args[k]!;
    const v = word.value;
    if (operandsOnly || v === '-' || !v.startsWith('-')) {
      out.push({ kind: 'operand', word, afterDoubleDash });
      if (!grammar.permute) operandsOnly = true;
      continue;
    }
    if (v === '--') {
      operandsOnly = true;
      afterDoubleDash = true;
      continue;
    }
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const name = eq < 0 ? v.slice(2) : v.slice(2, eq);
      if (eq >= 0) out.push({ kind: 'long', name, word, value: v.slice(eq + 1), valueWord: undefined });
      else if (grammar.long.has(name)) {
        const next = args[k + 1];
        out.push({ kind: 'long', name, word, value: next?.value, valueWord: next });
        k++;
      } else out.push({ kind: 'long', name, word, value: undefined, valueWord: undefined });
      continue;
    }
    for (let at = 1; at < v.length; at++) {
      const letter = v[at]!;
      if (!grammar.short.includes(letter)) {
        out.push({ kind: 'short', letter, word, at, value: undefined, valueWord: undefined });
        continue;
      }
      if (at + 1 < v.length) out.push({ kind: 'short', letter, word, at, value: v.slice(at + 1), valueWord: undefined });
      else {
        const next = args[k + 1];
        out.push({ kind: 'short', letter, word, at, value: next?.value, valueWord: next });
        k++;
      }
      break;
    }
  }
  return out;
}

// ---- downloaders -----------------------------------------------------------------------

const CURL: OptionGrammar = {
  short: 'AbcCdDeEFHKmoPQrtTuUwxXyYz',
  long: new Set(['output', 'header', 'user', 'user-agent', 'data', 'data-raw', 'data-binary', 'data-urlencode', 'form', 'request', 'proxy', 'retry', 'retry-delay', 'retry-max-time', 'max-time', 'connect-timeout', 'cacert', 'capath', 'cert', 'key', 'config', 'cookie', 'cookie-jar', 'output-dir', 'url', 'write-out', 'referer', 'range', 'upload-file', 'dump-header', 'resolve', 'connect-to', 'limit-rate', 'proto', 'proto-redir', 'tlsv1.2', 'ciphers', 'interface', 'netrc-file', 'oauth2-bearer', 'pinnedpubkey', 'continue-at', 'time-cond', 'quote', 'cert-type', 'key-type']),
  permute: true,
};
const WGET: OptionGrammar = {
  short: 'oaeiBtOTwQPUlARDIXn',
  long: new Set(['output-document', 'output-file', 'append-output', 'execute', 'input-file', 'base', 'tries', 'timeout', 'wait', 'quota', 'directory-prefix', 'user-agent', 'level', 'accept', 'reject', 'domains', 'header', 'user', 'password', 'http-user', 'http-password', 'ca-certificate', 'ca-directory', 'certificate', 'private-key', 'post-data', 'method', 'body-data', 'referer']),
  permute: true,
};
const FETCH: OptionGrammar = { short: 'oSTNBi', long: new Set(['output']), permute: true };

const STDOUT = new Set(['-', '/dev/stdout']);

/** The downloader a command runs (`curl`, `wget`, `fetch`), looking through sudo/env/busybox. */
export function downloader(cmd: Command): { tool: 'curl' | 'wget' | 'fetch'; args: readonly Word[] } | undefined {
  const { name, args } = unwrap(cmd);
  const tool = baseName(name);
  return tool === 'curl' || tool === 'wget' || tool === 'fetch' ? { tool, args } : undefined;
}

/** True when the command downloads to stdout: curl without -o/-O, `wget -O-`/`-qO -`, `fetch -o -`. */
export function downloadsToStdout(cmd: Command): boolean {
  const d = downloader(cmd);
  if (!d) return false;
  const opts = scanOptions(d.args, d.tool === 'curl' ? CURL : d.tool === 'wget' ? WGET : FETCH);
  if (!opts.some((o) => o.kind === 'operand')) return false;
  const output = (o: Option): string | undefined => {
    if (o.kind === 'short' && o.letter === (d.tool === 'wget' ? 'O' : 'o')) return o.value ?? '';
    if (o.kind === 'long' && o.name === (d.tool === 'wget' ? 'output-document' : 'output')) return o.value ?? '';
    return undefined;
  };
  const outputs = opts.map(output).filter((v): v is string => v !== undefined);
  if (d.tool === 'curl') {
    const remoteName = opts.some((o) => (o.kind === 'short' && o.letter === 'O') || (o.kind === 'long' && (o.name === 'remote-name' || o.name === 'remote-name-all')));
    return !remoteName && outputs.every((v) => STDOUT.has(v));
  }
  return outputs.length > 0 && outputs.every((v) => STDOUT.has(v));
}

/** A flag that switches off TLS certificate verification, with the letter for a combined short flag. */
export interface FlagHit {
  readonly word: Word;
  /** Index of the letter in `word.value` for a combined short flag (`-fsSLk`); undefined for a whole word. */
  readonly at: number | undefined;
  readonly flag: string;
  /** False when removing the flag alone is no fix. */
  readonly removable: boolean;
  /** A separate value word removed with the flag (`-o APT::Get::AllowUnauthenticated=true`). */
  readonly value?: Word;
}

function shortHit(o: Option & { kind: 'short' }): FlagHit {
  const alone = o.word.value.length === 2;
  return { word: o.word, at: alone ? undefined : o.at, flag: `-${o.letter}`, removable: true };
}

/** curl `-k`/`--insecure`/`--proxy-insecure`/`--doh-insecure`, wget `--no-check-certificate`. */
export function insecureTlsFlags(cmd: Command): FlagHit[] {
  const d = downloader(cmd);
  if (!d || d.tool === 'fetch') return d ? fetchInsecure(d.args) : [];
  const hits: FlagHit[] = [];
  for (const o of scanOptions(d.args, d.tool === 'curl' ? CURL : WGET)) {
    if (d.tool === 'curl' && o.kind === 'short' && o.letter === 'k') hits.push(shortHit(o));
    else if (o.kind === 'long' && o.value === undefined && (d.tool === 'curl' ? ['insecure', 'proxy-insecure', 'doh-insecure'] : ['no-check-certificate']).includes(o.name)) {
      hits.push({ word: o.word, at: undefined, flag: o.word.value, removable: true });
    }
  }
  return hits;
}

function fetchInsecure(args: readonly Word[]): FlagHit[] {
  return args.filter((w) => w.value === '--no-verify-peer' || w.value === '--no-verify-hostname').map((w) => ({ word: w, at: undefined, flag: w.value, removable: true }));
}

/** Config lines that switch TLS verification off for every later curl/wget run (`insecure` in .curlrc). */
export const INSECURE_CONFIG_LINE = /^\s*(?:-k|--insecure|insecure|check_certificate\s*=\s*(?:off|0|no|false))\s*$/i;
/** Files whose content configures curl/wget for every later run. */
export const DOWNLOADER_CONFIG_FILE = /(?:^|\/)(?:\.curlrc|_curlrc|\.wgetrc|wgetrc)$/;

// ---- interpreters ----------------------------------------------------------------------

const SHELL_GRAMMAR: OptionGrammar = { short: 'oO', long: new Set(['rcfile', 'init-file']), permute: false };
const INTERPRETER_GRAMMAR: Record<string, OptionGrammar> = {
  python: { short: 'cmWXQ', long: new Set(), permute: false },
  perl: { short: 'eEIMmlx0', long: new Set(), permute: false },
  ruby: { short: 'eIrCEFx', long: new Set(), permute: false },
  node: { short: 'eprC', long: new Set(['eval', 'print', 'require', 'import', 'loader', 'conditions', 'title']), permute: false },
  php: { short: 'rfdcBRFEz', long: new Set(), permute: false },
};
const INLINE: Record<string, ReadonlySet<string>> = {
  shell: new Set(['c']),
  python: new Set(['c', 'm']),
  perl: new Set(['e', 'E']),
  ruby: new Set(['e']),
  node: new Set(['e', 'p', 'eval', 'print']),
  php: new Set(['r', 'f', 'B', 'R', 'F', 'E']),
};

function family(name: string): string | undefined {
  if (/^(?:sh|bash|dash|ash|zsh|ksh|mksh)$/.test(name)) return 'shell';
  if (/^python[0-9.]*$/.test(name)) return 'python';
  if (/^perl[0-9.]*$/.test(name)) return 'perl';
  if (/^ruby[0-9.]*$/.test(name)) return 'ruby';
  if (/^node(?:js)?$/.test(name)) return 'node';
  if (/^php[0-9.]*$/.test(name)) return 'php';
  if (name === 'source' || name === '.' || name === 'eval') return name;
  return undefined;
}

/**
 * Where an interpreter command takes its program from: `stdin` (`sh`, `bash -s --`, `python3 -`),
 * `inline` (the word after `-c`/`-e`, or every word of `eval`), `file` (the script operand), or
 * undefined when the command is no interpreter.
 */
export function interpreterProgram(cmd: Command): { from: 'stdin' } | { from: 'inline' | 'file'; words: readonly Word[] } | undefined {
  const { name, args } = unwrap(cmd);
  const fam = family(baseName(name));
  if (!fam) return undefined;
  if (fam === 'eval') return { from: 'inline', words: args };
  if (fam === 'source' || fam === '.') return args[0] ? { from: 'file', words: [args[0]] } : undefined;
  const opts = scanOptions(args, fam === 'shell' ? SHELL_GRAMMAR : (INTERPRETER_GRAMMAR[fam] as OptionGrammar));
  const inline = INLINE[fam] as ReadonlySet<string>;
  for (const o of opts) {
    if (o.kind === 'short' && inline.has(o.letter)) {
      // `sh -c 'script'`: the script is the first operand; elsewhere it is the option's value.
      const word = fam === 'shell' ? opts.find((x) => x.kind === 'operand')?.word : o.valueWord;
      return { from: 'inline', words: word ? [word] : o.value !== undefined ? [o.word] : [] };
    }
    if (o.kind === 'long' && inline.has(o.name)) return { from: 'inline', words: o.valueWord ? [o.valueWord] : [o.word] };
  }
  if (fam === 'shell' && opts.some((o) => o.kind === 'short' && o.letter === 's')) return { from: 'stdin' };
  // `php -- --install-dir=x`: after `--`, php passes operands to the program it reads from stdin.
  const operand = opts.find((o) => o.kind === 'operand' && !(fam === 'php' && o.afterDoubleDash));
  if (!operand || operand.word.value === '-' || operand.word.value === '/dev/stdin') return { from: 'stdin' };
  return { from: 'file', words: [operand.word] };
}

// ---- package managers ------------------------------------------------------------------

export interface SignatureBypass extends FlagHit {
  /** `bypass`: signature checks off; `autoImport`: unknown signing keys trusted without a fingerprint check. */
  readonly kind: 'bypass' | 'autoImport';
}

const APT_BYPASS_OPTIONS = /^(?:APT::Get::AllowUnauthenticated|Acquire::AllowInsecureRepositories|Acquire::AllowDowngradeToInsecureRepositories|APT::Get::AllowInsecureRepositories)\s*=\s*(?:1|true|yes|on)$/i;
const APT_BYPASS_FLAGS = new Set(['--allow-unauthenticated', '--force-yes', '--allow-insecure-repositories']);
const YUM_FAMILY = new Set(['yum', 'dnf', 'dnf5', 'microdnf', 'tdnf']);
const RPM_BYPASS = new Set(['--nosignature', '--nodigest', '--nosig']);

/** Flags that switch off package signature checks in apk, apt, rpm, yum/dnf and zypper commands. */
export function signatureBypassFlags(cmd: Command): SignatureBypass[] {
  const { name, args } = unwrap(cmd);
  const tool = baseName(name);
  const hits: SignatureBypass[] = [];
  const whole = (w: Word, kind: SignatureBypass['kind'], removable = true): void => void hits.push({ word: w, at: undefined, flag: w.value.replace(/=.*/, ''), removable, kind });
  for (let k = 0; k < args.length; k++) {
    const w = args[k]!;
    const v = w.value;
    if (tool === 'apk' && v === '--allow-untrusted') whole(w, 'bypass');
    else if ((tool === 'apt-get' || tool === 'apt' || tool === 'aptitude') && APT_BYPASS_FLAGS.has(v)) whole(w, 'bypass');
    else if ((tool === 'apt-get' || tool === 'apt' || tool === 'aptitude') && (v === '-o' || v === '--option') && args[k + 1] && APT_BYPASS_OPTIONS.test(args[k + 1]!.value)) {
      hits.push({ word: w, at: undefined, flag: args[k + 1]!.value.replace(/\s*=.*/, ''), removable: true, value: args[k + 1]!, kind: 'bypass' });
      k++;
    } else if ((tool === 'apt-get' || tool === 'apt' || tool === 'aptitude') && /^(?:-o|--option=)/.test(v) && APT_BYPASS_OPTIONS.test(v.replace(/^(?:-o|--option=)/, ''))) whole(w, 'bypass');
    else if (tool === 'rpm' && RPM_BYPASS.has(v)) whole(w, 'bypass');
    else if (YUM_FAMILY.has(tool) && v === '--nogpgcheck') whole(w, 'bypass');
    else if (YUM_FAMILY.has(tool) && /^--setopt=(?:[\w.*-]+\.)?gpgcheck=(?:0|false|no|off)$/i.test(v)) whole(w, 'bypass');
    else if (tool === 'zypper' && (v === '--no-gpg-checks' || v === '--no-gpgcheck')) whole(w, 'bypass');
    else if (tool === 'zypper' && v === '--gpg-auto-import-keys') whole(w, 'autoImport', false);
  }
  return hits;
}

/**
 * Repository settings that switch signature checks off, as offsets into `text`: `gpgcheck=0` in
 * yum/dnf/zypper repo files, `trusted=yes` in an apt sources line (`deb [trusted=yes] ...`).
 */
export function untrustedRepoSettings(text: string): { start: number; end: number; setting: string }[] {
  const out: { start: number; end: number; setting: string }[] = [];
  if (!mayHaveUntrustedRepoSetting(text)) return out;
  for (const m of text.matchAll(/(?<![\w.])gpgcheck[ \t]*=[ \t]*(?:0|false|no|off)\b/gi)) out.push({ start: m.index, end: m.index + m[0].length, setting: m[0] });
  for (const m of text.matchAll(/\bdeb(?:-src)?[ \t]+\[[^\]\n]*?\b(trusted=yes)\b/g)) {
    const start = m.index + m[0].length - (m[1] as string).length;
    out.push({ start, end: start + 'trusted=yes'.length, setting: 'trusted=yes' });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** False when `text` cannot hold an `untrustedRepoSettings` match: a cheap scan callers may run once over a whole file. */
export function mayHaveUntrustedRepoSetting(text: string): boolean {
  return /gpgcheck/i.test(text) || text.includes('trusted=yes');
}
