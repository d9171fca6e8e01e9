/**
 * A resolved, read-only view of one Compose YAML document: aliases and `<<` merge keys are
 * resolved, string scalars are interpolated, and every node keeps the file and range of the
 * text that introduced it (an alias yields the anchored node's range, a merged key the pair
 * inside the anchor). Built by walking the `yaml` AST, never through `toJS()`, so a file with
 * legitimate heavy alias use works while an alias bomb stays within our own budget.
 */
import { isAlias, isMap, isNode, isPair, isScalar, isSeq, type Alias, type Document, type Node as YNode, type Pair as YPair, type Scalar } from 'yaml';
import type { Range } from '../../types';
import type { TextIndex } from '../../text';
import { interpolate, type Env } from './interpolate';

/** Where a value was written: a file (as the host named it) and a range in that file. */
export interface Origin {
  readonly file: string;
  readonly range: Range;
}

interface NodeBase extends Origin {
  /** The `yaml` node the value came from (for edits in the analysed file). */
  readonly node: YNode | undefined;
  /** The YAML tag when one was written (`!reset`, `!override`). */
  readonly tag: string | undefined;
}

export interface CScalar extends NodeBase {
  readonly kind: 'scalar';
  /** As written after YAML typing: string, number, boolean or null. */
  readonly source: string | number | boolean | null;
  /** After interpolation; undefined when it depends on a variable the host did not supply. */
  readonly value: string | number | boolean | null | undefined;
  /** The scalar contained `${VAR}`-style expressions. */
  readonly dynamic: boolean;
}

export interface CPair {
  readonly key: string;
  /** File holding the key. */
  readonly file: string;
  /** The key's range. */
  readonly keyRange: Range;
  /** From the key's start to the value's end: the span to report for `key: value`. */
  readonly range: Range;
  readonly value: CNode;
  /** The `yaml` pair (undefined for synthetic pairs, e.g. list-form environment entries). */
  readonly pair: YPair | undefined;
}

export interface CMap extends NodeBase {
  readonly kind: 'map';
  readonly pairs: readonly CPair[];
  get(key: string): CPair | undefined;
}

export interface CSeq extends NodeBase {
  readonly kind: 'seq';
  readonly items: readonly CNode[];
}

export type CNode = CScalar | CMap | CSeq;

/** Maps with at most this many pairs are searched in place; larger ones get a key index on first `get`. */
const SCAN_LIMIT = 8;

export function makeMap(base: Omit<CMap, 'kind' | 'pairs' | 'get'>, pairs: readonly CPair[]): CMap {
  let byKey: Map<string, CPair> | undefined;
  // Explicit fields rather than a spread of `base` (which may be a whole CMap): the model builds
  // a map per YAML mapping, per merge and per service, and a spread costs more than the rest.
  return {
    file: base.file,
    range: base.range,
    node: base.node,
    tag: base.tag,
    kind: 'map',
    pairs,
    get(key) {
      if (pairs.length <= SCAN_LIMIT) {
        // The last pair with the key wins, as in the index below.
        for (let i = pairs.length - 1; i >= 0; i--) if ((pairs[i] as CPair).key === key) return pairs[i];
        return undefined;
      }
      byKey ??= new Map(pairs.map((p) => [p.key, p]));
      return byKey.get(key);
    },
  };
}

/** Limits for one document. Expansion counts every node produced, aliases included. */
export interface Budget {
  readonly maxNodes: number;
  readonly maxDepth: number;
}

export const DEFAULT_BUDGET: Budget = { maxNodes: 250_000, maxDepth: 64 };

export interface ConvertResult {
  readonly root: CNode | undefined;
  /** Set when the budget stopped expansion: 'aliases' or 'depth'. */
  readonly exceeded: { readonly reason: 'aliases' | 'depth'; readonly at: Range } | undefined;
}

export function convertDocument(doc: Document.Parsed, file: string, index: TextIndex, env: Env | undefined, budget: Budget = DEFAULT_BUDGET): ConvertResult {
  // One in-order pass resolves every alias to the last anchor of that name before it (YAML 1.2 §3.2.2.2).
  const anchors = new Map<string, YNode>();
  const targets = new Map<Alias, YNode>();
  // Without a `*` and a `&` in the text there is no alias to resolve: skip the pass (most Compose files).
  if (index.text.includes('*') && index.text.includes('&')) {
    // The pre-order walk `visit(doc, { Node })` makes, by hand: `&&` in shell commands lets many
    // files through the test above, and `visit`'s generic machinery (paths, visitor dispatch)
    // cost more than the walk itself (#8). Parsed documents nest at most MAX_BLOCK_DEPTH deep.
    const walk = (node: unknown): void => {
      if (isAlias(node)) {
        const t = anchors.get(node.source);
        if (t) targets.set(node, t);
        return;
      }
      if (!isNode(node)) return;
      if (node.anchor) anchors.set(node.anchor, node);
      if (isMap(node) || isSeq(node))
        for (const item of node.items as unknown[]) {
          if (isPair(item)) {
            walk(item.key);
            walk(item.value);
          } else walk(item);
        }
    };
    walk(doc.contents);
  }
  let produced = 0;
  let exceeded: ConvertResult['exceeded'];
  const rangeOf = (n: { range?: [number, number, number] | null } | null | undefined): Range => {
    const r = n?.range;
    return r ? index.rangeOf(r[0], r[1]) : index.rangeOf(0, 0);
  };
  const emptyScalar = (at: Range, node: YNode | undefined): CScalar => ({
    kind: 'scalar',
    file,
    range: at,
    node,
    tag: undefined,
    source: null,
    value: undefined,
    dynamic: false,
  });
  const stop = (reason: 'aliases' | 'depth', at: Range) => {
    exceeded ??= { reason, at };
  };

  function convert(node: YNode | null | undefined, depth: number, at: Range, resolving: Set<YNode>): CNode {
    if (node === null || node === undefined)
      return { kind: 'scalar', file, range: at, node: undefined, tag: undefined, source: null, value: null, dynamic: false };
    if (exceeded) return emptyScalar(rangeOf(node), node);
    if (++produced > budget.maxNodes) {
      stop('aliases', rangeOf(node));
      return emptyScalar(rangeOf(node), node);
    }
    if (depth > budget.maxDepth) {
      stop('depth', rangeOf(node));
      return emptyScalar(rangeOf(node), node);
    }
    if (isAlias(node)) {
      const target = targets.get(node);
      // Unknown anchor or a cycle: yaml already reports the former; both stay unknown.
      if (!target || resolving.has(target)) return emptyScalar(rangeOf(node), node);
      resolving.add(target);
      const r = convert(target, depth + 1, rangeOf(target), resolving);
      resolving.delete(target);
      return r;
    }
    const tag = (node as { tag?: string }).tag;
    const userTag = tag && !tag.startsWith('tag:yaml.org') ? tag : undefined;
    if (isScalar(node)) return scalar(node, userTag);
    if (isSeq(node)) {
      const range = rangeOf(node);
      // `at` is only read for an empty item (the sequence's range then): computed once.
      const items = node.items.map((it) => convert(it as YNode, depth + 1, range, resolving));
      return { kind: 'seq', file, range, node, tag: userTag, items };
    }
    if (isMap(node)) {
      const own: CPair[] = [];
      const merged: CPair[] = [];
      for (const p of node.items) {
        if (!isPair(p)) continue;
        const k = p.key as YNode | null;
        if (isScalar(k) && typeof k.value === 'symbol') {
          // `<<: *a` or `<<: [*a, *b]`: earlier sources win, explicit keys win over all.
          const src = convert(p.value as YNode, depth + 1, rangeOf(k), resolving);
          const sources = src.kind === 'seq' ? src.items : [src];
          for (const s of sources) if (s.kind === 'map') for (const sp of s.pairs) if (!merged.some((m) => m.key === sp.key)) merged.push(sp);
          continue;
        }
        const key = keyText(k);
        if (key === undefined) continue;
        const keyRange = rangeOf(k);
        const v = p.value as YNode | null;
        // `at` is only read for an empty value (`key:`): the key's end, allocated only then.
        const value = convert(v, depth + 1, v === null || v === undefined ? { start: keyRange.end, end: keyRange.end } : keyRange, resolving);
        // A converted node carries its own range, except an alias (the anchored node's range).
        const valueEnd = v?.range ? (isAlias(v) ? rangeOf(v).end : value.range.end) : keyRange.end;
        own.push({ key, file, keyRange, range: { start: keyRange.start, end: valueEnd }, value, pair: p as YPair });
      }
      // Most mappings merge nothing: their own pairs are the pairs.
      const pairs = merged.length === 0 ? own : [...own, ...merged.filter((m) => !own.some((o) => o.key === m.key))];
      return makeMap({ file, range: rangeOf(node), node, tag: userTag }, pairs);
    }
    return emptyScalar(rangeOf(node), node);
  }

  function scalar(node: Scalar, tag: string | undefined): CScalar {
    const raw = node.value;
    const source =
      typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' || raw === null ? raw : typeof raw === 'bigint' ? Number(raw) : null;
    if (typeof source === 'string') {
      const i = interpolate(source, env);
      return { kind: 'scalar', file, range: rangeOf(node), node, tag, source, value: i.value, dynamic: i.dynamic };
    }
    return { kind: 'scalar', file, range: rangeOf(node), node, tag, source, value: source, dynamic: false };
  }

  const root = doc.contents ? convert(doc.contents as YNode, 0, rangeOf(doc.contents as YNode), new Set()) : undefined;
  return { root, exceeded };
}

function keyText(k: YNode | null): string | undefined {
  if (isScalar(k)) {
    const v = k.value;
    return v === null ? '' : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
  }
  return undefined;
}

/** The string form of a scalar's interpolated value (numbers and booleans as YAML wrote them); undefined when unknown or not a scalar. */
export function text(node: CNode | undefined): string | undefined {
  if (!node || node.kind !== 'scalar') return undefined;
  const v = node.value;
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && node.node && isScalar(node.node) && typeof node.node.source === 'string') return node.node.source;
  return String(v);
}

/** A Compose boolean: YAML booleans and the strings true/false/yes/no/on/off (Compose accepts them after interpolation). */
export function bool(node: CNode | undefined): boolean | undefined {
  if (!node || node.kind !== 'scalar') return undefined;
  if (typeof node.value === 'boolean') return node.value;
  if (typeof node.value !== 'string') return undefined;
  const v = node.value.toLowerCase();
  if (v === 'true' || v === 'yes' || v === 'on' || v === 'y') return true;
  if (v === 'false' || v === 'no' || v === 'off' || v === 'n') return false;
  return undefined;
}

/** Items of a sequence, or the node itself for a scalar written where a list is allowed. */
export function items(node: CNode | undefined): readonly CNode[] {
  if (!node) return [];
  if (node.kind === 'seq') return node.items;
  if (node.kind === 'scalar' && node.source === null) return [];
  return [node];
}
