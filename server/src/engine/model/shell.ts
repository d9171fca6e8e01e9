/**
 * A lexical shell model of RUN scripts and shell-form CMD/ENTRYPOINT: simple commands with
 * their words, assignments and redirections, grouped into pipelines joined by `&&`, `||`,
 * `;`, `&` or newlines; `$(...)` and backtick substitutions are parsed recursively. Every
 * word keeps its range in the Dockerfile, across line continuations (with any escape
 * character) and heredoc bodies.
 *
 * It is a tokenizer plus a flat grammar, not a full POSIX parser: control structures are
 * reduced to the commands inside them (`if cmd; then cmd; fi` yields both commands), which
 * is what the rules ask about. It knows enough grammar not to invent commands: `[[ ... ]]`
 * is one command, `case` patterns, function headers, arithmetic `$(( ))` / `(( ))` and
 * the `for`/`select` word lists are not commands (substitutions inside them still are),
 * and heredoc bodies inside a script are skipped (their substitutions are parsed when the
 * delimiter is unquoted).
 *
 * Issue #4 asked for a maintained parser from npm instead. We measured mvdan-sh, sh-syntax
 * and web-tree-sitter + tree-sitter-bash on every RUN of ../shared/corpus (figures in
 * docs/architecture.md, "Shell model"): the only sync one (mvdan-sh, unmaintained GopherJS
 * build) costs ~2× the whole dockerfile-ast floor on its own; sh-syntax is async and
 * instantiates its WASM per call; tree-sitter needs an async WASM init, and parse + walk
 * costs 4–5× this lexer, which the engine's 2× budget cannot absorb. So the lexer stays,
 * behind the same API, and any parser must keep that API and the partial-input behaviour.
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
  /** A quote was left open: the words after it are a guess, and fixes must not edit this script. */
  readonly unterminated: boolean;
}

/** A stretch of document text to parse, as document offsets (end exclusive). */
export interface Segment {
  readonly start: number;
  readonly end: number;
}

const RESERVED_PREFIX = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', 'time']);
const RESERVED_ALONE = new Set(['fi', 'done', 'esac', '}', 'then', 'else', 'do']);
/** Words after which a word is in command position (where `[[` opens a conditional expression). */
const COMMAND_START_WORDS = new Set([...RESERVED_PREFIX, 'elif']);
const COMMAND_START_OPS = new Set(['\n', '&&', '||', ';', '&', '|', '|&', '(', ')', ';;', ';&', ';;&']);

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
    if (c !== escapeChar && c !== '\r') {
      // A run of ordinary characters is copied at once (the text is mostly such runs).
      let j = i + 1;
      while (j < seg.end && src[j] !== escapeChar && src[j] !== '\r') j++;
      text += src.slice(i, j);
      for (let k = i; k < j; k++) map.push(k);
      i = j;
      continue;
    }
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
  /** An arithmetic command `(( ... ))`: not a command name. */
  arith?: boolean;
  word?: Word;
}

interface PendingHeredoc {
  delimiter: string;
  stripTabs: boolean;
  quoted: boolean;
  token: Token;
}

/** Characters that end or change a word outside quotes (any other character is taken as is). */
const WORD_SPECIAL = new Set([' ', '\t', '\n', '&', '|', ';', '(', ')', '<', '>', '\\', "'", '"', '$', '`']);
/** Characters with a meaning inside double quotes. */
const DQ_SPECIAL = new Set(['"', '\\', '$', '`']);

const REDIRECT_OP = /&>>?|<<<|<<-?|<>|>>|>&|<&|>\||>|</y;
const FD_REDIRECT_OP = /(\d+)(>>|>&|<&|<>|>|<)/y;

class Lexer {
  private i = 0;
  readonly tokens: Token[] = [];
  /** Inside `[[ ... ]]`, where `&&`, `||`, `<`, `>`, `(` and `)` are operands, not operators. */
  private inTest = false;
  /** Heredocs whose bodies start after the next newline. */
  private pending: PendingHeredoc[] = [];

  /** Set when a quote runs to the end of the text. */
  unterminated = false;

  constructor(private readonly s: string) {}

  run(): Token[] {
    const s = this.s;
    while (this.i < s.length) {
      const c = s[this.i] as string;
      if (c === ' ' || c === '\t') {
        this.i++;
      } else if (c === '\n') {
        this.inTest = false;
        this.push('op', '\n', this.i, this.i + 1);
        this.i++;
        if (this.pending.length > 0) this.heredocBodies();
      } else if (c === '#') {
        while (this.i < s.length && s[this.i] !== '\n') this.i++;
      } else if (this.inTest && (c === '&' || c === '|' || c === '(' || c === ')' || c === '<' || c === '>')) {
        // `[[ -n $a && $b < $c ]]`: operands of the conditional, one word each.
        const two = s.slice(this.i, this.i + 2);
        const len = two === '&&' || two === '||' ? 2 : 1;
        this.push('word', s.slice(this.i, this.i + len), this.i, this.i + len);
        this.i += len;
      } else if (c === '(' && s[this.i + 1] === '(') {
        // Arithmetic command `(( i++ ))` (also `for (( ...; ...; ... ))`).
        const start = this.i;
        const subs: Token['subs'] = [];
        this.arithmetic(subs);
        this.push('word', s.slice(start, this.i), start, this.i, subs);
        this.tokens[this.tokens.length - 1]!.arith = true;
      } else if (c === '&' || c === '|' || c === ';' || c === '(' || c === ')') {
        const two = s.slice(this.i, this.i + 2);
        if (s.startsWith(';;&', this.i)) {
          this.push('op', ';;&', this.i, this.i + 3);
          this.i += 3;
        } else if (two === '&&' || two === '||' || two === ';;' || two === '|&' || two === ';&') {
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

  /** True when the next word would be in command position. */
  private atCommandStart(): boolean {
    const prev = this.tokens[this.tokens.length - 1];
    if (!prev) return true;
    return prev.kind === 'op' ? COMMAND_START_OPS.has(prev.value) : COMMAND_START_WORDS.has(prev.raw);
  }

  private redirect(): void {
    REDIRECT_OP.lastIndex = this.i;
    const m = REDIRECT_OP.exec(this.s);
    const op = m?.[0] ?? this.s[this.i] ?? '>';
    this.push('op', op, this.i, this.i + op.length);
    this.i += op.length;
    if (op === '<<' || op === '<<-') this.heredocDelimiter(op === '<<-');
  }

  /** After `<<` / `<<-`: the next word is the delimiter; its body is skipped after the next newline. */
  private heredocDelimiter(stripTabs: boolean): void {
    const s = this.s;
    while (s[this.i] === ' ' || s[this.i] === '\t') this.i++;
    if (this.i >= s.length || ' \t\n&|;()<>'.includes(s[this.i] as string)) return;
    this.word();
    const token = this.tokens[this.tokens.length - 1]!;
    this.pending.push({ delimiter: token.value, stripTabs, quoted: /['"\\]/.test(token.raw), token });
  }

  /**
   * Skips the bodies of the heredocs opened on the line just ended, up to each delimiter line
   * (or the end of the text, as bash does). Substitutions in a body with an unquoted delimiter
   * run, so they are recorded on the delimiter word.
   */
  private heredocBodies(): void {
    const s = this.s;
    for (const h of this.pending) {
      while (this.i < s.length) {
        const nl = s.indexOf('\n', this.i);
        const lineEnd = nl < 0 ? s.length : nl;
        let from = this.i;
        if (h.stripTabs) while (s[from] === '\t') from++;
        if (s.slice(from, lineEnd) === h.delimiter) {
          this.i = lineEnd + 1;
          break;
        }
        if (!h.quoted) this.scanSubstitutions(lineEnd, h.token.subs);
        this.i = lineEnd + 1;
      }
    }
    this.pending = [];
    this.i = Math.min(this.i, s.length);
  }

  /** Records `$(...)` and backtick substitutions from the cursor up to `end` (heredoc bodies). */
  private scanSubstitutions(end: number, subs: Token['subs']): void {
    const s = this.s;
    while (this.i < end) {
      const c = s[this.i];
      if (c === '\\') this.i += 2;
      else if (c === '$' && s[this.i + 1] === '(' && s[this.i + 2] === '(') {
        this.i++;
        this.arithmetic(subs);
      } else if (c === '$' && s[this.i + 1] === '(') this.substitution(subs);
      else if (c === '`') this.backtick(subs);
      else this.i++;
    }
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
      if (!WORD_SPECIAL.has(c)) {
        // A run of ordinary characters is taken at once.
        let j = this.i + 1;
        while (j < s.length && !WORD_SPECIAL.has(s[j] as string)) j++;
        value += s.slice(this.i, j);
        this.i = j;
      } else if (c === '\\') {
        value += s[this.i + 1] ?? '';
        this.i += 2;
      } else if (c === "'") {
        const end = s.indexOf("'", this.i + 1);
        if (end < 0) this.unterminated = true;
        const stop = end < 0 ? s.length : end;
        value += s.slice(this.i + 1, stop);
        this.i = stop + 1;
      } else if (c === '$' && s[this.i + 1] === "'") {
        const end = s.indexOf("'", this.i + 2);
        if (end < 0) this.unterminated = true;
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
          } else if (d === '$' && s[this.i + 1] === '(' && s[this.i + 2] === '(') {
            value += this.dollarArithmetic(subs);
          } else if (d === '$' && s[this.i + 1] === '(') {
            value += this.substitution(subs);
          } else if (d === '$' && s[this.i + 1] === '{') {
            value += this.parameter(subs);
          } else if (d === '`') {
            value += this.backtick(subs);
          } else {
            // A run of characters with no meaning inside double quotes.
            let j = this.i + 1;
            while (j < s.length && !DQ_SPECIAL.has(s[j] as string)) j++;
            value += s.slice(this.i, j);
            this.i = j;
          }
        }
        if (this.i >= s.length) this.unterminated = true;
        this.i++;
      } else if (c === '$' && s[this.i + 1] === '(' && s[this.i + 2] === '(') {
        value += this.dollarArithmetic(subs);
      } else if (c === '$' && s[this.i + 1] === '(') {
        value += this.substitution(subs);
      } else if (c === '$' && s[this.i + 1] === '{') {
        value += this.parameter(subs);
      } else if (c === '`') {
        value += this.backtick(subs);
      } else {
        value += c;
        this.i++;
      }
    }
    this.push('word', value, start, Math.min(this.i, s.length), subs);
    const raw = this.tokens[this.tokens.length - 1]!.raw;
    if (raw === '[[' && this.atCommandStartBefore()) this.inTest = true;
    else if (raw === ']]') this.inTest = false;
  }

  /** atCommandStart() for the word just pushed. */
  private atCommandStartBefore(): boolean {
    const last = this.tokens.pop()!;
    const result = this.atCommandStart();
    this.tokens.push(last);
    return result;
  }

  private redirectWithFd(): void {
    FD_REDIRECT_OP.lastIndex = this.i;
    const m = FD_REDIRECT_OP.exec(this.s);
    const op = m ? m[0] : '>';
    this.push('op', op, this.i, this.i + op.length);
    this.i += op.length;
    if (m?.[2] === '<' && this.s[this.i] === '<') {
      // `0<<EOF` is rare; treat the rest as a plain heredoc operator.
      this.redirect();
    }
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
    if (j >= s.length) this.unterminated = true;
    const close = Math.min(j, s.length);
    subs.push({ start: open + 2, end: close, kind });
    this.i = close + 1;
    return s.slice(open, this.i);
  }

  /** `$(( ... ))`: arithmetic, not a command; only substitutions inside it run. */
  private dollarArithmetic(subs: Token['subs']): string {
    const open = this.i;
    this.i++;
    this.arithmetic(subs);
    return this.s.slice(open, this.i);
  }

  /** From `((` to the matching `))`, recording substitutions inside. */
  private arithmetic(subs: Token['subs']): void {
    const s = this.s;
    let depth = 2;
    this.i += 2;
    while (this.i < s.length) {
      const c = s[this.i];
      if (c === '$' && s[this.i + 1] === '(' && s[this.i + 2] !== '(') this.substitution(subs);
      else if (c === '`') this.backtick(subs);
      else {
        if (c === '(') depth++;
        else if (c === ')' && --depth === 0) {
          this.i++;
          return;
        }
        this.i++;
      }
    }
    this.unterminated = true; // `((` never closed
  }

  /** `${...}` with nested braces, quotes and substitutions (`${A:-$(curl ...)}`); kept as written. */
  private parameter(subs: Token['subs']): string {
    const s = this.s;
    const open = this.i;
    let depth = 1;
    let dq = false;
    this.i += 2;
    while (this.i < s.length) {
      const c = s[this.i];
      if (c === '\\') this.i += 2;
      else if (c === '"') {
        dq = !dq;
        this.i++;
      } else if (c === "'" && !dq) {
        const end = s.indexOf("'", this.i + 1);
        this.i = end < 0 ? s.length : end + 1;
      } else if (c === '$' && s[this.i + 1] === '(') this.substitution(subs);
      else if (c === '$' && s[this.i + 1] === '{') {
        depth++;
        this.i += 2;
      } else if (c === '`') this.backtick(subs);
      else if (c === '}' && !dq && --depth === 0) {
        this.i++;
        break;
      } else this.i++;
    }
    if (depth > 0) this.unterminated = true;
    this.i = Math.min(this.i, s.length);
    return s.slice(open, this.i);
  }

  private backtick(subs: Token['subs']): string {
    const s = this.s;
    const open = this.i;
    let j = open + 1;
    while (j < s.length && s[j] !== '`') j += s[j] === '\\' ? 2 : 1;
    if (j >= s.length) this.unterminated = true;
    const close = Math.min(j, s.length);
    subs.push({ start: open + 1, end: close, kind: 'command' });
    this.i = close + 1;
    return s.slice(open, this.i);
  }
}

const SEPARATORS = new Set(['&&', '||', ';', '&', '\n', ';;', ';&', ';;&', '(', ')']);

/** `name` or `function name` before `()`. */
function isFunctionHeader(words: readonly Token[]): boolean {
  const ws = words[0]?.raw === 'function' ? words.slice(1) : words;
  return ws.length === 1 && /^[A-Za-z_][\w.:-]*$/.test(ws[0]!.raw);
}

/** Parses document segments (joined in order, as one script) into commands and pipelines. */
export function parseShell(index: TextIndex, segments: readonly Segment[], escapeChar: string): ShellScript {
  const commands: Command[] = [];
  const pipelines: Pipeline[] = [];
  const state = { unterminated: false };
  for (const seg of segments) {
    const { text, map } = logicalText(index, seg, escapeChar);
    parseLogical(index, text, map, 0, text.length, false, commands, pipelines, undefined, state);
  }
  return { commands, pipelines, unterminated: state.unterminated };
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
  state?: { unterminated: boolean },
): void {
  const lexer = new Lexer(text.slice(from, to));
  const tokens = lexer.run();
  if (state && lexer.unterminated) state.unterminated = true;
  const toRange = (a: number, b: number): Range => {
    const startOff = map[from + a] ?? 0;
    const endOff = b > a ? (map[from + b - 1] ?? startOff) + 1 : startOff;
    return index.rangeOf(startOff, endOff);
  };
  // One Word per token, so a substitution's `parent.word` is the very argument of its command.
  const mkWord = (t: Token): Word => (t.word ??= { value: t.value, raw: t.raw, range: toRange(t.start, t.end) });

  let pipelineCmds: Command[] = [];
  let pipeline: { commands: Command[]; after: string | undefined; range: Range } | undefined;
  let after: string | undefined;
  let words: Token[] = [];
  let redirects: Redirect[] = [];
  let redirectWords: Token[] = [];
  let cmdStart = -1;
  let cmdEnd = -1;
  let skipFor = false;
  /** Words that belong to no command (`for` lists, `case` subjects and patterns) but whose substitutions run. */
  let orphans: Token[] = [];
  /** Open `case` statements: reading the subject, a pattern (up to `)`), or a branch body. */
  const cases: ('head' | 'pattern' | 'body')[] = [];

  const startPipeline = (): void => {
    pipelineCmds = [];
    pipeline = { commands: pipelineCmds, after, range: toRange(0, 0) };
  };

  const flushCommand = (): void => {
    let ws = words;
    // Reserved words that introduce a command (`then apt-get ...`), `function name` headers and
    // arithmetic commands `(( ... ))` are not commands themselves.
    for (;;) {
      if (ws.length > 0 && (RESERVED_PREFIX.has(ws[0]!.raw) || ws[0]!.arith)) ws = ws.slice(1);
      else if (ws.length > 1 && ws[0]!.raw === 'function') ws = ws.slice(2);
      else break;
    }
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
      addSlots(cmd);
      pipelineCmds.push(cmd);
      commands.push(cmd);
    }
    for (const w of [...words, ...redirectWords]) {
      for (const sub of w.subs) {
        parseLogical(index, text, map, from + sub.start, from + sub.end, true, commands, pipelines, { kind: sub.kind, word: mkWord(w), command: cmd });
      }
    }
    for (const w of orphans) {
      for (const sub of w.subs) {
        parseLogical(index, text, map, from + sub.start, from + sub.end, true, commands, pipelines, { kind: sub.kind, word: mkWord(w), command: undefined });
      }
    }
    orphans = [];
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
    const inCase = cases[cases.length - 1];
    if (tok.kind === 'word') {
      if (inCase === 'head') {
        // `case WORD in`: the subject is no command.
        orphans.push(tok);
        if (tok.raw === 'in') cases[cases.length - 1] = 'pattern';
        continue;
      }
      if (inCase === 'pattern') {
        if (tok.raw === 'esac') cases.pop();
        else orphans.push(tok);
        continue;
      }
      if (skipFor) {
        orphans.push(tok);
        continue;
      }
      if (redirects.length === 0 && (words.length === 0 || (RESERVED_PREFIX.has(words[0]!.raw) && words.every((w) => RESERVED_PREFIX.has(w.raw))))) {
        // Command position: keywords that open a statement whose next words are not a command.
        if (tok.raw === 'case' || tok.raw === 'for' || tok.raw === 'select' || (tok.raw === 'esac' && inCase === 'body')) {
          if (tok.raw === 'case') cases.push('head');
          else if (tok.raw === 'esac') cases.pop();
          else skipFor = true;
          words = [];
          cmdStart = -1;
          continue;
        }
      }
      if (cmdStart < 0) cmdStart = tok.start;
      cmdEnd = tok.end;
      words.push(tok);
      continue;
    }
    if (inCase === 'head' || inCase === 'pattern') {
      // `(` before a pattern, `|` between alternatives, newlines; `)` ends the pattern.
      if (inCase === 'pattern' && tok.value === ')') cases[cases.length - 1] = 'body';
      continue;
    }
    if (inCase === 'body' && (tok.value === ';;' || tok.value === ';&' || tok.value === ';;&')) {
      flushPipeline(tok.value);
      cases[cases.length - 1] = 'pattern';
      continue;
    }
    if (tok.value === '(' && tokens[t + 1]?.value === ')' && tokens[t + 1]?.kind === 'op' && redirects.length === 0 && isFunctionHeader(words)) {
      // `name() { ...; }` / `function name() ...`: the name is not a command.
      words = [];
      cmdStart = -1;
      t++;
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
  // Asked about a million times per corpus pass: a plain loop beats lastIndexOf's builtin call on short names.
  let i = v.length - 1;
  while (i >= 0 && v.charCodeAt(i) !== 47 /* / */) i--;
  return i < 0 ? v : v.slice(i + 1);
}

/**
 * Per-command memo slots (unwrap, packageCommand): rules ask each question of every command,
 * hundreds of thousands of times per corpus pass, and a WeakMap lookup per question was a
 * visible share of analysis. The slots are non-enumerable, so a command still compares and
 * prints as before; commands made elsewhere (tests, exec form) fall back to a WeakMap.
 */
export const UNWRAPPED: unique symbol = Symbol('bulkhead.unwrapped');
export const PACKAGE_COMMAND: unique symbol = Symbol('bulkhead.packageCommand');
type Unwrapped = { name: Word | undefined; args: readonly Word[]; wrappers: Word[] };
export type CommandSlots = { [UNWRAPPED]?: Unwrapped; [PACKAGE_COMMAND]?: unknown };

/** Gives a command the memo slots; call once, right after creating it. */
export function addSlots(cmd: Command): void {
  Object.defineProperty(cmd, UNWRAPPED, { value: undefined, writable: true });
  Object.defineProperty(cmd, PACKAGE_COMMAND, { value: undefined, writable: true });
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
  // Many rules ask for every command; a command never changes once parsed, so unwrap once.
  const c = cmd as Command & CommandSlots;
  let u = c[UNWRAPPED];
  if (u) return u;
  if (UNWRAPPED in c) return (c[UNWRAPPED] = unwrapOnce(cmd));
  u = unwrapped.get(cmd);
  if (!u) unwrapped.set(cmd, (u = unwrapOnce(cmd)));
  return u;
}
const unwrapped = new WeakMap<Command, Unwrapped>();

function unwrapOnce(cmd: Command): { name: Word | undefined; args: readonly Word[]; wrappers: Word[] } {
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
