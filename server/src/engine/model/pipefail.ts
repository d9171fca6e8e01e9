/**
 * Pipe failure knowledge for RUN scripts: whether `pipefail` is in effect for a command (a
 * SHELL instruction with `-o pipefail`, or `set -o pipefail` earlier in the script), whether
 * the stage's `/bin/sh` supports it (dash does not; busybox ash and bash do), and which
 * commands feeding a pipe can fail in a way that matters.
 */
import type { DockerInstruction, Stage } from './dockerfile';
import { baseName, unwrap, type Command, type ShellScript } from './shell';

/** Commands whose failure inside a pipe rarely matters: text producers and filters. */
const HARMLESS = new Set([
  'echo',
  'printf',
  'cat',
  'yes',
  'true',
  'false',
  'seq',
  'ls',
  'find',
  'grep',
  'egrep',
  'fgrep',
  'sort',
  'uniq',
  'head',
  'tail',
  'cut',
  'tr',
  'awk',
  'gawk',
  'mawk',
  'sed',
  'wc',
  'xargs',
  'tee',
  'env',
  'printenv',
  'id',
  'uname',
  'date',
  'getent',
  'dpkg-query',
  'dpkg',
  'rpm',
  'apt-cache',
  'apt-mark',
  'command',
  'which',
  'type',
  'basename',
  'dirname',
  'jq',
  'yq',
  'nproc',
  'base64',
  'od',
  'xxd',
  'tac',
  'rev',
  'readlink',
  'realpath',
  'du',
  'df',
  'ps',
  'diff',
  'comm',
  'set',
  'scanelf',
  'ldd',
  'sha256sum',
  'sha512sum',
  'sha1sum',
  'md5sum',
  'column',
  'fold',
  'paste',
  'join',
  'expand',
  'gpg',
  'gpgconf',
  'openssl',
  'pip',
  'pip3',
  'python',
  'python3',
  'stat',
  'file',
  'locale',
  'tput',
  'cmp',
  'hostname',
  'whoami',
  'test',
  '[',
  'arch',
  'lsb_release',
  'dpkg-architecture',
  'getconf',
]);

/**
 * True when the pipeline starting at `offset` is the condition of `if`, `elif`, `while`,
 * `until` or `!`: its status is tested on purpose. The shell model drops reserved words, so
 * look at the word before it (across blanks, line continuations and comment lines).
 */
export function isCondition(text: string, offset: number, escapeChar: string): boolean {
  // The shell model's command range starts at a leading reserved word (`if cmd | grep`).
  if (/^(?:if|elif|while|until|!)[\s\\`]/.test(text.slice(offset, offset + 6))) return true;
  let i = offset;
  for (;;) {
    while (i > 0 && /[ \t\r\n]/.test(text[i - 1]!)) i--;
    if (i > 0 && text[i - 1] === escapeChar) {
      i--;
      continue;
    }
    // A comment line inside a continued RUN: skip it.
    const lineStart = text.lastIndexOf('\n', i - 1) + 1;
    if (/^\s*#/.test(text.slice(lineStart, i))) {
      i = lineStart;
      continue;
    }
    break;
  }
  const word = /(?:^|[\s;&|(])([!a-z]+)$/.exec(text.slice(Math.max(0, i - 8), i))?.[1];
  return word !== undefined && ['if', 'elif', 'while', 'until', '!'].includes(word);
}

/** The first command of a pipe whose failure the pipe hides (not the last command, not a harmless filter). */
export function hiddenFailure(cmd: Command): boolean {
  if (cmd.pipeline.commands.length < 2 || cmd.pipelineIndex === cmd.pipeline.commands.length - 1) return false;
  const name = baseName(unwrap(cmd).name);
  return name !== '' && !HARMLESS.has(name) && !/^python[0-9.]*$/.test(name);
}

/** True for a `set` command that switches pipefail on (`set -o pipefail`, `set -euxo pipefail`). */
export function setsPipefail(cmd: Command): boolean {
  if (baseName(cmd.name) !== 'set') return false;
  return cmd.args.some((a, i) => a.value === 'pipefail' && i > 0 && /^-[a-zA-Z]*o$/.test(cmd.args[i - 1]!.value));
}

/** True when `set -o pipefail` runs in the script before `cmd`. */
export function pipefailBefore(script: ShellScript, cmd: Command): boolean {
  for (const c of script.commands) {
    if (c === cmd) return false;
    if (setsPipefail(c)) return true;
  }
  return false;
}

export type ShellSupport =
  /** The SHELL instruction already passes `-o pipefail`. */
  | 'on'
  /** The shell supports `set -o pipefail` (bash, busybox ash, zsh, ksh). */
  | 'yes'
  /** `/bin/sh` is dash (Debian, Ubuntu and images built on them): needs a SHELL with bash. */
  | 'dash'
  /** Not a POSIX shell (PowerShell, cmd): pipefail does not apply. */
  | 'other'
  | 'unknown';

const BUSYBOX_OR_BASH =
  /^(?:alpine|busybox|fedora|centos|rockylinux|almalinux|redhat\/ubi\d*(?:-minimal|-micro|-init)?|ubi\d*\/ubi(?:-minimal|-micro|-init)?|amazonlinux|oraclelinux|photon|archlinux|opensuse\/.*|mageia|clearlinux|cgr\.dev\/.*|chainguard\/.*|wolfi-base|azurelinux\/base\/core|cbl-mariner\/base\/core)$/;
const DEBIAN_LIKE =
  /^(?:debian|ubuntu|buildpack-deps|node|python|golang|ruby|php|perl|rust|openjdk|eclipse-temurin|amazoncorretto|maven|gradle|nginx|httpd|postgres|mysql|mariadb|redis|mongo|rabbitmq|elixir|erlang|haskell|julia|r-base|gcc|swift|dart|clojure|groovy|sapmachine|ibm-semeru-runtimes|tomcat|jetty|wordpress|drupal|ghost|node-red\/node-red|dotnet\/sdk|dotnet\/aspnet|dotnet\/runtime|dotnet\/runtime-deps)$/;

/** Whether RUN scripts of `ins` can use pipefail, from the stage's SHELL instruction or its base image. */
export function pipefailSupport(ins: DockerInstruction): ShellSupport {
  const stages: Stage[] = [];
  for (let s = ins.stage; s; s = s.baseStage) stages.push(s);
  for (const s of stages) {
    const shells = s.instructions.filter((i) => i.keyword === 'SHELL' && !i.onbuild && (s !== ins.stage || i.range.start.line < ins.range.start.line));
    const last = shells[shells.length - 1];
    if (!last) continue;
    const argv = last.jsonArgs.map((a) => a.value);
    const shell = baseName({ value: argv[0] ?? '', raw: '', range: last.range });
    if (!/^(?:sh|bash|ash|dash|zsh|ksh|mksh)$/.test(shell)) return 'other';
    if (argv.some((v, i) => v === 'pipefail' && i > 0 && /^-[a-zA-Z]*o$/.test(argv[i - 1] ?? ''))) return 'on';
    if (shell !== 'sh' && shell !== 'dash') return 'yes';
    break;
  }
  const root = stages[stages.length - 1];
  const ref = root?.image.ref;
  if (!ref) return 'unknown';
  const repo = (ref.registry === 'mcr.microsoft.com' ? ref.repository : ref.registry ? `${ref.registry}/${ref.repository}` : ref.repository).replace(
    /^(?:docker\.io\/)?library\//,
    '',
  );
  const tag = (ref.tag ?? '').toLowerCase();
  if (/windows|servercore|nanoserver/.test(repo + ' ' + tag)) return 'other';
  if (/alpine|wolfi/.test(tag) || BUSYBOX_OR_BASH.test(repo) || BUSYBOX_OR_BASH.test(`${ref.registry ?? ''}/${ref.repository}`)) return 'yes';
  if (/azurelinux|cbl-mariner/.test(tag)) return 'yes';
  if (DEBIAN_LIKE.test(repo) || /bookworm|bullseye|buster|trixie|jammy|noble|focal|bionic|slim/.test(tag)) return 'dash';
  return 'unknown';
}
