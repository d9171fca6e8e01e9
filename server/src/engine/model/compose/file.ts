/**
 * One Compose file: parsed once with `yaml` (explicit limits), its problems, and the resolved
 * node view of its first document. Flow nesting is measured before parsing because the
 * `yaml` lexer can exhaust memory on tens of thousands of nested brackets.
 */
import { parseAllDocuments, type Document } from 'yaml';
import type { ParseProblem } from '../../types';
import { TextIndex } from '../../text';
import { convertDocument, DEFAULT_BUDGET, type Budget, type CMap } from './nodes';
import type { Env } from './interpolate';

export interface ComposeFile {
  /** The path as the host gave it (the analysed file's `path`, or a path joined from it). */
  readonly path: string;
  readonly text: string;
  readonly index: TextIndex;
  readonly documents: readonly Document.Parsed[];
  /** The resolved root mapping of the first document; undefined when it is not a mapping. */
  readonly root: CMap | undefined;
  readonly problems: readonly ParseProblem[];
}

/** Flow collections nested deeper than this are refused before parsing. */
export const MAX_FLOW_DEPTH = 128;
/**
 * Block nesting (by indentation) deeper than this is refused before parsing: the yaml parser
 * recurses per level and overflows the stack near 900 levels (found by test/engine/hostile).
 */
export const MAX_BLOCK_DEPTH = 200;

/** Deepest chain of ever more indented lines (blank and comment lines skipped), and where it gets too deep. */
function blockDepth(text: string): { depth: number; at: number } {
  const stack: number[] = [];
  let at = 0;
  let pos = 0;
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    let i = pos;
    while (i < nl && text.charCodeAt(i) === 32) i++;
    const c = text[i];
    if (i < nl && c !== '#' && c !== '\r') {
      const indent = i - pos;
      while (stack.length && (stack[stack.length - 1] as number) >= indent) stack.pop();
      stack.push(indent);
      if (stack.length > MAX_BLOCK_DEPTH) {
        at = i;
        break;
      }
    }
    pos = nl + 1;
  }
  return { depth: stack.length, at };
}

export const YAML_OPTIONS = {
  // `<<` merge keys resolve (the YAML 1.2 core schema would drop them silently).
  merge: true,
  prettyErrors: false,
  uniqueKeys: true,
  strict: true,
  // We never call toJS(): aliases are expanded by our own walker under DEFAULT_BUDGET. Set low
  // so any accidental toJS() of a bomb fails fast instead of expanding.
  maxAliasCount: 100,
} as const;

function flowDepth(text: string): { depth: number; at: number } {
  // Only `[` and `{` raise the depth: a file without them (most) needs no scan (#8).
  if (text.indexOf('[') < 0 && text.indexOf('{') < 0) return { depth: 0, at: 0 };
  let depth = 0;
  let max = 0;
  let at = 0;
  // Character codes rather than one-character strings: this loop reads every character.
  let quote = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
      else if (c === 10 /* \n */) quote = 0;
      continue;
    }
    if (c === 35 /* # */ && (i === 0 || /\s/.test(text[i - 1] as string))) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
      continue;
    }
    if (c === 34 /* " */ || (c === 39 /* ' */ && depth > 0)) quote = c;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > max) {
        max = depth;
        at = i;
      }
      if (max > MAX_FLOW_DEPTH) break;
    } else if ((c === 93 /* ] */ || c === 125) /* } */ && depth > 0) depth--;
  }
  return { depth: max, at };
}

export function parseComposeFile(path: string, text: string, env: Env | undefined, budget: Budget = DEFAULT_BUDGET): ComposeFile {
  const index = new TextIndex(text);
  const problems: ParseProblem[] = [];
  const flow = flowDepth(text);
  if (flow.depth > MAX_FLOW_DEPTH) {
    problems.push({
      code: 'too-large',
      message: `YAML nesting is deeper than ${MAX_FLOW_DEPTH} levels: the file is not analysed.`,
      range: index.rangeOf(flow.at, flow.at + 1),
      severity: 'error',
    });
    return { path, text, index, documents: [], root: undefined, problems };
  }
  const block = blockDepth(text);
  if (block.depth > MAX_BLOCK_DEPTH) {
    problems.push({
      code: 'too-large',
      message: `YAML nesting is deeper than ${MAX_BLOCK_DEPTH} indentation levels: the file is not analysed.`,
      range: index.rangeOf(block.at, block.at + 1),
      severity: 'error',
    });
    return { path, text, index, documents: [], root: undefined, problems };
  }
  const parsed = parseAllDocuments(text, YAML_OPTIONS);
  const documents = Array.isArray(parsed) ? parsed : [];
  for (const d of documents) {
    for (const e of [...d.errors, ...d.warnings]) {
      // Compose's own tags are fine; yaml only warns that it does not know them.
      if (/^Unresolved tag: !(reset|override)\b/.test(e.message)) continue;
      const [a, b] = e.pos;
      problems.push({
        code: 'syntax',
        message: `YAML: ${e.message.split('\n')[0] ?? e.message}`,
        range: index.rangeOf(a, Math.max(b, a)),
        severity: d.errors.includes(e) ? 'error' : 'warning',
      });
    }
  }
  const first = documents.find((d) => d.contents !== null) ?? documents[0];
  if (documents.filter((d) => d.contents !== null).length > 1) {
    const second = documents.filter((d) => d.contents !== null)[1];
    const at = second?.range?.[0] ?? 0;
    problems.push({
      code: 'syntax',
      message: 'Compose reads only the first YAML document; later documents are ignored.',
      range: index.rangeOf(at, at),
      severity: 'warning',
    });
  }
  let root: CMap | undefined;
  if (first) {
    const converted = convertDocument(first, path, index, env, budget);
    if (converted.exceeded) {
      problems.push({
        code: 'too-large',
        message:
          converted.exceeded.reason === 'aliases'
            ? `YAML aliases expand to more than ${budget.maxNodes} nodes (an alias bomb?): expansion stopped here and the rest is treated as unknown.`
            : `YAML nesting is deeper than ${budget.maxDepth} levels: deeper values are treated as unknown.`,
        range: converted.exceeded.at,
        severity: 'error',
      });
    }
    if (converted.root?.kind === 'map') root = converted.root;
    else if (converted.root && !(converted.root.kind === 'scalar' && converted.root.source === null)) {
      problems.push({
        code: 'syntax',
        message: 'A Compose file must be a mapping (services:, networks:, …) at the top level.',
        range: converted.root.range,
        severity: 'error',
      });
    }
  }
  return { path, text, index, documents, root, problems };
}
