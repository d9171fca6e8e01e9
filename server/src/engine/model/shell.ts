/**
 * A lexical shell model of RUN scripts and shell-form CMD/ENTRYPOINT: simple commands with
 * their words, assignments and redirections, grouped into pipelines joined by `&&`, `||`,
 * `;`, `&` or newlines; `$(...)` and backtick substitutions are parsed recursively. Every
 * word keeps its range in the Dockerfile, across line continuations (with any escape
 * character) and heredoc bodies.
 *
 * It is a tokenizer plus a flat grammar, not a full POSIX parser: control structures are
 * reduced to the commands inside them (`if cmd; then cmd; fi` yields both commands), which
 * is what the rules ask about. Issue #4 replaces the internals with a maintained shell
 * parser behind the same query API.
 */
import type { Range } from '../types';
import type { TextIndex } from '../text';

export interface Word {
  /** Value with quotes removed and escapes resolved (variables left as written). */
  readonly value: string;
  /** Text as written (after line continuations are joined). */
  readonly raw: string;
  readonly range: Range;
}

export interface Redirect {
  readonly op: string;
  readonly target: Word | undefined;
}

export interface Command {
  /** The command word, or undefined for a bare assignment or redirection. */
  readonly name: Word | undefined;
  readonly args: readonly Word[];
  readonly assignments: readonly Word[];
  readonly redirects: readonly Redirect[];
  readonly range: Range;
  readonly pipeline: Pipeline;
  /** Position of this command inside its pipeline. */
  readonly pipelineIndex: number;
  /** True for commands inside `$(...)`, backticks or process substitution `<(...)`. */
  readonly inSubstitution: boolean;
  /** For commands inside a substitution: the word that holds it and the command of that word. */
  readonly parent?: SubstitutionParent;
}

export interface SubstitutionParent {
  /** `command` for `$(...)` and backticks, `process` for `<(...)` / `>(...)`. */
  readonly kind: 'command' | 'process';
  /** The word containing the substitution (`"$(curl ...)"`, `<(curl ...)`). */
  readonly word: Word;
  /** The command that word belongs to; undefined when the word is an assignment or redirection target alone. */
  readonly command: Command | undefined;
}

export interface Pipeline {
  readonly commands: Command[];
  /** Operator that joins this pipeline to the previous one (`&&`, `||`, `;`, `&`, newline), if any. */
  readonly after: string | undefined;
  readonly range: Range;
}

export interface ShellScript {
  readonly commands: readonly Command[];
  readonly pipelines: readonly Pipeline[];
}

/** A stretch of document text to parse, as document offsets (end exclusive). */
export interface Segment {
  readonly start: number;
  readonly end: number;
}

const RESERVED_PREFIX = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', 'time']);
const RESERVED_ALONE = new Set(['fi', 'done', 'esac', '}', 'then', 'else', 'do']);

/** Joins line continuations and drops comment lines inside them, keeping an offset map. */
export function logicalText(index: TextIndex, seg: Segment, escapeChar: string): { text: string; map: number[] } {
  const src = index.text;
  let text = '';
  const map: number[] = [];
  let i = seg.start;
  let lineStart = true;
  while (i < seg.end) {
    const c = src[i] as string;
    if (lineStart && text.length > 0) {
      // Inside a continued instruction, Docker drops comment lines and blank lines.
      let j = i;
      while (j < seg.end && (src[j] === ' ' || src[j] === '\t')) j++;
      if (src[j] === '#' || src[j] === '\n' || src[j] === '\r') {
        while (j < seg.end && src[j] !== '\n') j++;
        i = j + 1;
        continue;
      }
    }
    lineStart = false;
    if (c === escapeChar) {
      let j = i + 1;
      while (j < seg.end && (src[j] === ' ' || src[j] === '\t')) j++;
      if (src[j] === '\r' && src[j + 1] === '\n') j++;
      if (src[j] === '\n' || j >= seg.end) {
        i = j + 1;
        lineStart = true;
        continue;
      }
    }
    if (c === '\r' && src[i + 1] === '\n') {
      i++;
      continue;
    }
    text += c;
    map.push(i);
    if (c === '\n') lineStart = false;
    i++;
  }
  map.push(seg.end);
  return { text, map };
}

interface Token {
  kind: 'word' | 'op';
  value: string;
  raw: string;
  start: number;
  end: number;
  subs: { start: number; end: number; kind: 'command' | 'process' }[];
}

class Lexer {
  private i = 0;
  readonly tokens: Token[] = [];

  constructor(private readonly s: string) {}

  run(): Token[] {
    const s = this.s;
    while (this.i < s.length) {
      const c = s[this.i] as string;
      if (c === ' ' || c === '\t') {
        this.i++;
      } else if (c === '\n') {
        this.push('op', '\n', this.i, this.i + 1);
        this.i++;
      } else if (c === '#') {
        while (this.i < s.length && s[this.i] !== '\n') this.i++;
      } else if (c === '&' || c === '|' || c === ';' || c === '(' || c === ')') {
        const two = s.slice(this.i, this.i + 2);
        if (two === '&&' || two === '||' || two === ';;' || two === '|&') {
          this.push('op', two, this.i, this.i + 2);
          this.i += 2;
        } else if (two === '&>') {
          this.redirect();
        } else {
          this.push('op', c, this.i, this.i + 1);
          this.i++;
        }
      } else if ((c === '<' || c === '>') && s[this.i + 1] === '(') {
        // Process substitution `<(curl ...)` is a word (bash), not a redirection.
        this.word();
      } else if (c === '<' || c === '>') {
        this.redirect();
      } else {
        this.word();
      }
    }
    return this.tokens;
  }

  private push(kind: Token['kind'], value: string, start: number, end: number, subs: Token['subs'] = []): void {
    this.tokens.push({ kind, value, raw: this.s.slice(start, end), start, end, subs });
  }

  private redirect(): void {
    const m = /^(&>>?|<<<|<<-?|<>|>>|>&|<&|>\||>|<)/.exec(this.s.slice(this.i));
    const op = m?.[1] ?? this.s[this.i] ?? '>';
    this.push('op', op, this.i, this.i + op.length);
    this.i += op.length;
  }

  private word(): void {
    const s = this.s;
    const start = this.i;
    let value = '';
    const subs: Token['subs'] = [];
    while (this.i < s.length) {
      const c = s[this.i] as string;
      if ((c === '<' || c === '>') && s[this.i + 1] === '(' && this.i === start) {
        value += this.substitution(subs, 'process');
        continue;
      }
      if (' \t\n&|;()<>'.includes(c)) {
        // `2>` / `2>&1`: a file-descriptor prefix belongs to the redirection.
        if ((c === '>' || c === '<') && /^\d+$/.test(value) && this.i === start + value.length) {
          this.i = start;
          this.redirectWithFd();
          return;
        }
        break;
      }
      if (c === '\\') {
        value += s[this.i + 1] ?? '';
        this.i += 2;
      } else if (c === "'") {
        const end = s.indexOf("'", this.i + 1);
        const stop = end < 0 ? s.length : end;
        value += s.slice(this.i + 1, stop);
        this.i = stop + 1;
      } else if (c === '$' && s[this.i + 1] === "'") {
        const end = s.indexOf("'", this.i + 2);
        const stop = end < 0 ? s.length : end;
        value += s.slice(this.i + 2, stop);
        this.i = stop + 1;
      } else if (c === '"') {
        this.i++;
        while (this.i < s.length && s[this.i] !== '"') {
          const d = s[this.i] as string;
          if (d === '\\' && '"\\$`\n'.includes(s[this.i + 1] ?? '')) {
            value += s[this.i + 1];
            this.i += 2;
          } else if (d === '$' && s[this.i + 1] === '(') {
            value += this.substitution(subs);
          } else if (d === '`') {
            value += this.backtick(subs);
          } else {
            value += d;
            this.i++;
          }
        }
        this.i++;
      } else if (c === '$' && s[this.i + 1] === '(') {
        value += this.substitution(subs);
      } else if (c === '$' && s[this.i + 1] === '{') {
        const end = s.indexOf('}', this.i);
        const stop = end < 0 ? s.length : end + 1;
        value += s.slice(this.i, stop);
        this.i = stop;
      } else if (c === '`') {
        value += this.backtick(subs);
      } else {
        value += c;
        this.i++;
      }
    }
    this.push('word', value, start, this.i, subs);
  }

  private redirectWithFd(): void {
    const m = /^(\d+)(>>|>&|<&|<>|>|<)/.exec(this.s.slice(this.i));
    const op = m ? m[0] : '>';
    this.push('op', op, this.i, this.i + op.length);
    this.i += op.length;
  }

  /** `$( ... )` with nesting and quotes; records the inner span for recursive parsing. */
  private substitution(subs: Token['subs'], kind: 'command' | 'process' = 'command'): string {
    const s = this.s;
    const open = this.i;
    let depth = 0;
    let j = this.i + 1;
    let quote: string | undefined;
    for (; j < s.length; j++) {
      const c = s[j];
      if (quote) {
        if (c === '\\' && quote === '"') j++;
        else if (c === quote) quote = undefined;
      } else if (c === "'" || c === '"') quote = c;
      else if (c === '\\') j++;
      else if (c === '(') depth++;
      else if (c === ')') {
        depth--;
        if (depth === 0) break;
      }
    }
    const close = Math.min(j, s.length);
    subs.push({ start: open + 2, end: close, kind });
    this.i = close + 1;
    return s.slice(open, this.i);
  }

  private backtick(subs: Token['subs']): string {
    const s = this.s;
    const open = this.i;
    const end = s.indexOf('`', open + 1);
    const close = end < 0 ? s.length : end;
    subs.push({ start: open + 1, end: close, kind: 'command' });
    this.i = close + 1;
    return s.slice(open, this.i);
  }
}

const SEPARATORS = new Set(['&&', '||', ';', '&', '\n', ';;', '(', ')']);

/** Parses document segments (joined in order, as one script) into commands and pipelines. */
export function parseShell(index: TextIndex, segments: readonly Segment[], escapeChar: string): ShellScript {
  const commands: Command[] = [];
  const pipelines: Pipeline[] = [];
  for (const seg of segments) {
    const { text, map } = logicalText(index, seg, escapeChar);
    parseLogical(index, text, map, 0, text.length, false, commands, pipelines);
  }
  return { commands, pipelines };
}

function parseLogical(
  index: TextIndex,
  text: string,
  map: readonly number[],
  from: number,
  to: number,
  inSubstitution: boolean,
  commands: Command[],
  pipelines: Pipeline[],
  parent?: SubstitutionParent,
): void {
  const tokens = new Lexer(text.slice(from, to)).run();
  const toRange = (a: number, b: number): Range => {
    const startOff = map[from + a] ?? 0;
    const endOff = b > a ? (map[from + b - 1] ?? startOff) + 1 : startOff;
    return index.rangeOf(startOff, endOff);
  };
  const mkWord = (t: Token): Word => ({ value: t.value, raw: t.raw, range: toRange(t.start, t.end) });

  let pipelineCmds: Command[] = [];
  let pipeline: { commands: Command[]; after: string | undefined; range: Range } | undefined;
  let after: string | undefined;
  let words: Token[] = [];
  let redirects: Redirect[] = [];
  let redirectWords: Token[] = [];
  let cmdStart = -1;
  let cmdEnd = -1;
  let skipFor = false;

  const startPipeline = (): void => {
    pipelineCmds = [];
    pipeline = { commands: pipelineCmds, after, range: toRange(0, 0) };
  };

  const flushCommand = (): void => {
    let ws = words;
    // Reserved words that introduce a command (`then apt-get ...`) are not commands themselves.
    while (ws.length > 0 && RESERVED_PREFIX.has(ws[0]!.raw)) ws = ws.slice(1);
    if (ws.length === 1 && RESERVED_ALONE.has(ws[0]!.raw)) ws = [];
    if (ws.length > 0 && (ws[0]!.raw === 'for' || ws[0]!.raw === 'case' || ws[0]!.raw === 'select')) ws = [];
    const assignments: Word[] = [];
    let k = 0;
    while (k < ws.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(ws[k]!.raw)) assignments.push(mkWord(ws[k++]!));
    const rest = ws.slice(k);
    let cmd: Command | undefined;
    if (rest.length > 0 || assignments.length > 0 || redirects.length > 0) {
      if (!pipeline) startPipeline();
      cmd = {
        name: rest[0] ? mkWord(rest[0]) : undefined,
        args: rest.slice(1).map(mkWord),
        assignments,
        redirects,
        range: toRange(cmdStart, cmdEnd),
        pipeline: pipeline as Pipeline,
        pipelineIndex: pipelineCmds.length,
        inSubstitution,
        ...(parent ? { parent } : {}),
      };
      pipelineCmds.push(cmd);
      commands.push(cmd);
    }
    for (const w of [...words, ...redirectWords]) {
      for (const sub of w.subs) {
        parseLogical(index, text, map, from + sub.start, from + sub.end, true, commands, pipelines, { kind: sub.kind, word: mkWord(w), command: cmd });
      }
    }
    words = [];
    redirectWords = [];
    redirects = [];
    cmdStart = -1;
  };

  const flushPipeline = (op: string | undefined): void => {
    flushCommand();
    if (pipeline && pipelineCmds.length > 0) {
      const first = pipelineCmds[0]!.range;
      const last = pipelineCmds[pipelineCmds.length - 1]!.range;
      pipeline.range = { start: first.start, end: last.end };
      pipelines.push(pipeline as Pipeline);
    }
    pipeline = undefined;
    after = op;
  };

  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t]!;
    if (tok.kind === 'word') {
      if (skipFor) continue;
      if (cmdStart < 0) cmdStart = tok.start;
      cmdEnd = tok.end;
      if (words.length === 0 && tok.raw === 'for') skipFor = true;
      words.push(tok);
      continue;
    }
    if (tok.value === '|' || tok.value === '|&') {
      if (!pipeline) startPipeline();
      flushCommand();
      continue;
    }
    if (SEPARATORS.has(tok.value)) {
      skipFor = false;
      flushPipeline(tok.value === '(' || tok.value === ')' ? after : tok.value);
      continue;
    }
    // Redirection: the next word is its target (heredoc delimiters included).
    const next = tokens[t + 1];
    let target: Word | undefined;
    if (next && next.kind === 'word' && !/&$/.test(tok.value)) {
      target = mkWord(next);
      redirectWords.push(next);
      t++;
    } else if (next && next.kind === 'word' && /^\d+$|^-$/.test(next.raw)) {
      target = mkWord(next);
      t++;
    }
    if (cmdStart < 0) cmdStart = tok.start;
    cmdEnd = next && target ? next.end : tok.end;
    redirects.push({ op: tok.value, target });
  }
  flushPipeline(undefined);
}

/** The command's name without a directory (`/usr/bin/curl` → `curl`). */
export function baseName(word: Word | undefined): string {
  if (!word) return '';
  const v = word.value;
  return v.slice(v.lastIndexOf('/') + 1);
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh']);
/** Interpreters that run a program read from stdin or a file: shells plus scripting languages. */
const INTERPRETERS = /^(?:sh|bash|dash|ash|zsh|ksh|mksh|python[0-9.]*|perl[0-9.]*|ruby[0-9.]*|node(?:js)?|php[0-9.]*)$/;

/** True for a POSIX-style shell (`sh`, `bash`, `busybox sh`, `sudo -E bash`). */
export function isShell(cmd: Command): boolean {
  return SHELLS.has(effectiveName(cmd));
}

/** True when the command is a shell or script interpreter (`sh`, `bash`, `busybox ash`, `python3`, `node`). */
export function isShellInterpreter(cmd: Command): boolean {
  return INTERPRETERS.test(effectiveName(cmd));
}

const WRAPPER_OPTS_WITH_ARG: Record<string, ReadonlySet<string>> = {
  sudo: new Set(['-u', '-g', '-C', '-p', '-U', '-r', '-t', '-h', '-D', '-R', '-T']),
  env: new Set(['-u', '-C', '-S']),
  nice: new Set(['-n']),
  timeout: new Set(['-s', '-k']),
  exec: new Set(['-a']),
  nohup: new Set(),
  command: new Set(),
  time: new Set(),
  doas: new Set(['-u', '-C']),
  // These take a user (gosu, su-exec) or an applet name (busybox) before the command.
  gosu: new Set(),
  'su-exec': new Set(),
  busybox: new Set(),
};

/** Wrappers whose first operand is a user, not the command (`gosu app node server.js`). */
const USER_FIRST = new Set(['gosu', 'su-exec']);

/**
 * The command that actually runs, looking through wrappers (`sudo -u x apt-get ...`,
 * `env A=b curl ...`, `nohup`, `exec`, `timeout 5`). Returns the name and the words after it.
 */
export function unwrap(cmd: Command): { name: Word | undefined; args: readonly Word[]; wrappers: Word[] } {
  let name = cmd.name;
  let args = cmd.args;
  const wrappers: Word[] = [];
  for (let guard = 0; guard < 5 && name; guard++) {
    const base = baseName(name);
    const opts = WRAPPER_OPTS_WITH_ARG[base];
    if (!opts) break;
    let k = 0;
    while (k < args.length) {
      const v = args[k]!.value;
      if (v === '--') {
        k++;
        break;
      }
      if (base === 'env' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) k++;
      else if (v.startsWith('-')) k += opts.has(v) ? 2 : 1;
      else if (USER_FIRST.has(base)) {
        k++;
        break;
      } else if (base === 'timeout' || base === 'nice') {
        // timeout DURATION cmd
        if (base === 'timeout' && /^\d/.test(v)) k++;
        break;
      } else break;
    }
    wrappers.push(name);
    name = args[k];
    args = args.slice(k + 1);
  }
  return { name, args, wrappers };
}

/** The effective command name after unwrapping (`sudo apt-get` → `apt-get`). */
export function effectiveName(cmd: Command): string {
  return baseName(unwrap(cmd).name);
}
