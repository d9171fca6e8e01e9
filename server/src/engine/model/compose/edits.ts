/**
 * Span edits for Compose fixes: add a key under a service (creating missing parent
 * mappings), add an item to a sequence, replace a scalar, remove a pair. They edit only the
 * lines that change, keep the file's EOL and indentation, and return undefined when the shape
 * cannot be edited safely (flow mappings, values inherited through `<<`, other files), so a
 * rule then offers no fix rather than a wrong one.
 */
import { isMap, isScalar, isSeq, type Node as YNode, type YAMLMap } from 'yaml';
import type { TextEdit } from '../../types';
import type { TextIndex } from '../../text';
import type { CMap, CNode, CPair } from './nodes';

interface EditTarget {
  readonly file: string;
  readonly index: TextIndex;
}

const isBlock = (n: YNode | undefined): boolean => !!n && (isMap(n) || isSeq(n)) && !(n as { flow?: boolean }).flow;

/** The pair is written in the YAML map itself (not inherited through `<<` or an alias). */
function ownPair(map: CMap, pair: CPair): boolean {
  const node = map.node;
  return !!pair.pair && isMap(node) && (node as YAMLMap).items.includes(pair.pair as never);
}

/** `blockExtent` per mapping (a mapping belongs to one file, so to one index): three limit rules ask per service. */
const extents = new WeakMap<CMap, { column: number; end: number } | null>();

/** Column of the first key and end offset of the last pair of a block map, read from the `yaml` node. */
function blockExtent(index: TextIndex, map: CMap): { column: number; end: number } | undefined {
  const known = extents.get(map);
  if (known !== undefined) return known ?? undefined;
  const extent = findBlockExtent(index, map);
  extents.set(map, extent ?? null);
  return extent;
}

function findBlockExtent(index: TextIndex, map: CMap): { column: number; end: number } | undefined {
  const node = map.node;
  if (!node || !isMap(node) || !isBlock(node)) return undefined;
  const pairs = (node as YAMLMap).items;
  const first = pairs[0]?.key as YNode | undefined;
  const last = pairs.at(-1);
  const lastNode = ((last?.value as YNode | null | undefined) ?? (last?.key as YNode | undefined)) as YNode | undefined;
  if (!first?.range || !lastNode?.range) return undefined;
  let end = lastNode.range[1];
  const t = index.text;
  while (end > 0 && /[\r\n \t]/.test(t[end - 1] as string)) end--;
  return { column: keyColumn(index, first.range[0]), end: index.lineEnd(index.positionAt(end).line) };
}

/**
 * The column a block mapping's keys stand at, from its first key's offset: the key's own
 * column, or that of the anchors and tags written before it on its line (`!override  build: .`,
 * `- &a target: 22`). The `yaml` node's range starts at the key scalar, after those properties,
 * but YAML indents the mapping from where the properties start (found by `npm run fuzz`: a key
 * added at the scalar's column fell outside the mapping).
 */
function keyColumn(index: TextIndex, offset: number): number {
  const at = index.positionAt(offset);
  const before = index.lineText(at.line).slice(0, at.character);
  const props = /(?:(?<=^|[\s-])[&!]\S*[ \t]+)+$/.exec(before);
  return at.character - (props?.[0].length ?? 0);
}

/** `indentUnit` per text: rules that offer a key to add ask for it once per finding. */
const units = new WeakMap<TextIndex, string>();

/** The indentation step of a file: the first indented key, else two spaces. */
export function indentUnit(index: TextIndex): string {
  let unit = units.get(index);
  if (unit === undefined) units.set(index, (unit = findIndentUnit(index)));
  return unit;
}

function findIndentUnit(index: TextIndex): string {
  for (let l = 0; l < Math.min(index.lineCount, 200); l++) {
    const t = index.lineText(l);
    const m = /^( +)[^\s#-]/.exec(t);
    if (m) return m[1] as string;
  }
  return '  ';
}

/** Offset just past the last line of a node's text (its trailing newline and comments excluded). */
function endOfLastLine(index: TextIndex, node: CNode | CPair): number {
  let end = index.offsetAt(node.range.end);
  const t = index.text;
  while (end > 0 && /[\r\n \t]/.test(t[end - 1] as string)) end--;
  return index.lineEnd(index.positionAt(end).line);
}

function nested(keys: readonly string[], value: string, unit: string, base: string): string[] {
  return keys.map((k, i) => `${base}${unit.repeat(i)}${k}:${i === keys.length - 1 ? ` ${value}` : ''}`);
}

/**
 * Sets `path` (e.g. `['deploy', 'resources', 'limits', 'memory']`) under a service to the
 * YAML text `value`, creating missing parents. `map` is the service's own mapping in the
 * analysed file and `keyRange` its key; existing parents that are inherited, flow-style or
 * not mappings make it return undefined.
 */
export function setServiceKey(
  target: EditTarget,
  service: { readonly map: CMap; readonly keyRange: CPair['keyRange'] },
  path: readonly string[],
  value: string,
): TextEdit | undefined {
  return serviceKeyEdit(target, service, path, value)?.();
}

/**
 * `setServiceKey` in two steps: decides now whether the key can be added (undefined when
 * not), and builds the edit when the returned function is called. Rules that offer the key
 * as a suggestion for every service without a limit decide per service but rarely need the
 * text (suggestion edits are computed on demand).
 */
export function serviceKeyEdit(
  target: EditTarget,
  service: { readonly map: CMap; readonly keyRange: CPair['keyRange'] },
  path: readonly string[],
  value: string,
): (() => TextEdit) | undefined {
  const { index } = target;
  let map = service.map;
  let i = 0;
  if (map.file !== target.file) return undefined;
  // Empty service (`web:`): add under the key line. (`web: {}` is flow: not edited.)
  if (!map.node || !isMap(map.node)) {
    if (map.node && !(isScalar(map.node) && map.node.value === null)) return undefined;
    const keyLine = service.keyRange.start.line;
    // Only a block key alone on its line (`  web:`): a key inside a flow mapping (`{web}`) has no line to nest under.
    const line = index.lineText(keyLine);
    if (line.slice(0, service.keyRange.start.character).trim() !== '' || !/^\s*:\s*(#.*)?$/.test(line.slice(service.keyRange.end.character))) return undefined;
    return () => {
      const unit = indentUnit(index);
      const base = index.indentation(keyLine) + unit;
      const at = index.positionAt(index.lineEnd(keyLine));
      return {
        range: { start: at, end: at },
        newText: nested(path, value, unit, base)
          .map((l) => index.eol + l)
          .join(''),
      };
    };
  }
  for (; i < path.length - 1; i++) {
    const p = map.get(path[i] as string);
    if (!p) break;
    if (!ownPair(map, p) || p.value.kind !== 'map' || !isBlock(p.value.node) || p.value.file !== target.file) return undefined;
    map = p.value;
  }
  if (map.get(path[i] as string)) return undefined;
  const extent = blockExtent(index, map);
  if (!extent) return undefined;
  const rest = path.slice(i);
  return () => {
    const at = index.positionAt(extent.end);
    const lines = nested(rest, value, indentUnit(index), ' '.repeat(extent.column));
    return { range: { start: at, end: at }, newText: lines.map((l) => index.eol + l).join('') };
  };
}

/**
 * Adds `item` (YAML text) as the first element of a sequence written in the analysed file:
 * a `- item` line for block sequences, `item, ` after `[` for flow ones.
 */
export function prependSeqItem(target: EditTarget, seq: CNode, item: string): TextEdit | undefined {
  const { index } = target;
  if (seq.kind !== 'seq' || seq.file !== target.file || !seq.node || !isSeq(seq.node)) return undefined;
  const start = index.offsetAt(seq.range.start);
  if ((seq.node as { flow?: boolean }).flow) {
    if (index.text[start] !== '[') return undefined;
    const at = index.positionAt(start + 1);
    return { range: { start: at, end: at }, newText: seq.items.length > 0 ? `${item}, ` : item };
  }
  const first = seq.items[0];
  if (!first || first.file !== target.file) return undefined;
  // The dash of the first item is where the block sequence starts.
  const dash = seq.range.start;
  return { range: { start: dash, end: dash }, newText: `- ${item}${index.eol}${' '.repeat(dash.character)}` };
}

/** Replaces a scalar's text (keeps the key, comments and the rest of the line). */
export function replaceScalar(target: EditTarget, node: CNode, newText: string): TextEdit | undefined {
  if (node.kind !== 'scalar' || node.file !== target.file) return undefined;
  return { range: node.range, newText };
}

/**
 * Removes a `key: value` pair written on its own lines in a block mapping (the whole lines,
 * comments after it on the same lines included). Undefined for flow mappings and pairs
 * sharing a line with other content.
 */
export function removePair(target: EditTarget, map: CMap, pair: CPair): TextEdit | undefined {
  const { index } = target;
  if (pair.file !== target.file || !ownPair(map, pair) || !isBlock(map.node) || map.pairs.filter((p) => ownPair(map, p)).length < 2) return undefined;
  const startLine = pair.keyRange.start.line;
  if (index.lineText(startLine).slice(0, pair.keyRange.start.character).trim() !== '') return undefined;
  const endLine = index.positionAt(endOfLastLine(index, pair)).line;
  const end = endLine + 1 < index.lineCount ? { line: endLine + 1, character: 0 } : index.positionAt(index.lineEnd(endLine));
  const start = endLine + 1 < index.lineCount || startLine === 0 ? { line: startLine, character: 0 } : index.positionAt(index.lineEnd(startLine - 1));
  return { range: { start, end }, newText: '' };
}

/**
 * Removes `item` from a sequence written in the analysed file: its whole line in a block
 * sequence, the item and one comma in a flow one. The only item of a sequence leaves an empty
 * `[]` (the key stays, so an override still overrides); for a block sequence that needs the
 * `pair` holding it. Undefined when the shape is not one we can edit line-exactly.
 */
export function removeSeqItem(target: EditTarget, seq: CNode, item: CNode, pair?: CPair): TextEdit | undefined {
  const { index } = target;
  if (seq.kind !== 'seq' || seq.file !== target.file || item.file !== target.file || !seq.node || !isSeq(seq.node) || !item.node) return undefined;
  const own = seq.node.items as unknown[];
  const at = own.indexOf(item.node);
  if (at < 0) return undefined;
  const rangeOf = (n: unknown) => (n as YNode | undefined)?.range;
  const flow = !!(seq.node as { flow?: boolean }).flow;
  if (own.length === 1) {
    if (flow) return { range: seq.range, newText: '[]' };
    if (!pair || pair.file !== target.file) return undefined;
    return { range: { start: pair.keyRange.end, end: index.positionAt(endOfLastLine(index, item)) }, newText: ': []' };
  }
  if (flow) {
    const r = rangeOf(item.node);
    const next = rangeOf(own[at + 1]);
    const prev = rangeOf(own[at - 1]);
    if (!r) return undefined;
    if (next) return { range: { start: index.positionAt(r[0]), end: index.positionAt(next[0]) }, newText: '' };
    if (prev) return { range: { start: index.positionAt(prev[1]), end: index.positionAt(r[1]) }, newText: '' };
    return undefined;
  }
  // Block: the item must start its line as `- item` (no other content before the dash).
  const line = item.range.start.line;
  if (!/^\s*-\s+$/.test(index.lineText(line).slice(0, item.range.start.character))) return undefined;
  const endLine = index.positionAt(endOfLastLine(index, item)).line;
  const end = endLine + 1 < index.lineCount ? { line: endLine + 1, character: 0 } : index.positionAt(index.lineEnd(endLine));
  const start = endLine + 1 < index.lineCount || line === 0 ? { line, character: 0 } : index.positionAt(index.lineEnd(line - 1));
  return { range: { start, end }, newText: '' };
}

// ---- scalar text edits (compose filesystem rules: `:ro`, mount options) -----------------------

/**
 * Inserts `suffix` at the end of a one-line plain or quoted scalar's content (before a closing
 * quote), e.g. `:ro` after `./data:/data`. Undefined for block scalars, multi-line scalars and
 * double-quoted text where the suffix would need escaping.
 */
export function appendToScalar(target: EditTarget, node: CNode, suffix: string): TextEdit | undefined {
  if (node.kind !== 'scalar' || node.file !== target.file || node.range.start.line !== node.range.end.line) return undefined;
  const raw = target.index.slice(node.range);
  if (raw === '' || /^[|>]/.test(raw) || /["'\\]/.test(suffix)) return undefined;
  const quoted = (raw.startsWith('"') && raw.endsWith('"')) || (raw.startsWith("'") && raw.endsWith("'"));
  if (!quoted && /^["']/.test(raw)) return undefined;
  const end = target.index.offsetAt(node.range.end) - (quoted ? 1 : 0);
  const at = target.index.positionAt(end);
  return { range: { start: at, end: at }, newText: suffix };
}

/** The quote character a one-line scalar was written with ('' for plain), to write a replacement the same way. */
export function scalarQuote(target: EditTarget, node: CNode): string {
  const raw = target.index.slice(node.range);
  return raw.startsWith('"') ? '"' : raw.startsWith("'") ? "'" : '';
}

/**
 * Like `setServiceKey` for several sibling keys under `parent` (`[]`: the service itself), in
 * one edit. A value is YAML text or, for a list, its items (written as a block sequence one
 * indentation step deeper). Undefined when `setServiceKey` would be, or the first key exists.
 */
export function setServiceKeys(
  target: EditTarget,
  service: { readonly map: CMap; readonly keyRange: CPair['keyRange'] },
  parent: readonly string[],
  entries: readonly (readonly [string, string | readonly string[]])[],
): TextEdit | undefined {
  const first = entries[0];
  if (!first) return undefined;
  const { eol } = target.index;
  const unit = indentUnit(target.index);
  const MARK = '\u0000';
  const e = setServiceKey(target, service, [...parent, first[0]], MARK);
  if (!e) return undefined;
  const lastLine = e.newText.slice(e.newText.lastIndexOf(eol) + eol.length);
  const indent = /^ */.exec(lastLine)?.[0] ?? '';
  const render = ([, v]: readonly [string, string | readonly string[]]) =>
    typeof v === 'string' ? ` ${v}` : v.map((i) => `${eol}${indent}${unit}- ${i}`).join('');
  const head = e.newText.replace(` ${MARK}`, render(first));
  return {
    ...e,
    newText:
      head +
      entries
        .slice(1)
        .map((entry) => `${eol}${indent}${entry[0]}:${render(entry)}`)
        .join(''),
  };
}

// ---- cc: keys in nested maps, sequence items, top-level entries (port and secret fixes) ----

/**
 * Adds `key: value` as the last pair of a block mapping written in the analysed file (e.g.
 * `host_ip:` in a long-syntax port entry), at the column of its first key. Undefined for flow
 * mappings, other files, and when the key is already written there.
 */
export function addMapKey(target: EditTarget, map: CMap, key: string, value: string): TextEdit | undefined {
  const { index } = target;
  if (map.file !== target.file || !map.node || !isMap(map.node)) return undefined;
  const own = (map.node as YAMLMap).items.some((p) => isScalar(p.key) && String(p.key.value) === key);
  if (own) return undefined;
  const extent = blockExtent(index, map);
  if (!extent) return undefined;
  const at = index.positionAt(extent.end);
  return { range: { start: at, end: at }, newText: `${index.eol}${' '.repeat(extent.column)}${key}: ${value}` };
}

/**
 * Adds `key:` with a block sequence of `values` under a service (`secrets:` then `- name`
 * lines one indentation step deeper), like `setServiceKey` does for a scalar.
 */
export function setServiceSeq(
  target: EditTarget,
  service: { readonly map: CMap; readonly keyRange: CPair['keyRange'] },
  key: string,
  values: readonly string[],
): TextEdit | undefined {
  const edit = setServiceKey(target, service, [key], '\u0000');
  if (!edit || !edit.newText.endsWith(`${key}: \u0000`)) return undefined;
  const unit = indentUnit(target.index);
  const lastLine = edit.newText.slice(edit.newText.lastIndexOf(target.index.eol) + target.index.eol.length);
  const base = /^ */.exec(lastLine)?.[0] ?? '';
  const head = edit.newText.slice(0, -' \u0000'.length);
  return { range: edit.range, newText: head + values.map((v) => `${target.index.eol}${base}${unit}- ${v}`).join('') };
}

/**
 * Adds `name:` with the mapping `entries` (`[['environment', 'DB_PASSWORD']]`) under the
 * top-level `key` (`secrets`, `networks`, …) of the analysed file: at the end of that block
 * mapping when the file has it, else as a new top-level section at the end of the file.
 */
export function addTopLevelEntry(
  target: EditTarget,
  root: CMap | undefined,
  key: string,
  name: string,
  entries: readonly (readonly [string, string])[],
): TextEdit | undefined {
  const { index } = target;
  const unit = indentUnit(index);
  const eol = index.eol;
  const body = (base: string) => [`${base}${name}:`, ...entries.map(([k, v]) => `${base}${unit}${k}: ${v}`)];
  const existing = root?.get(key);
  if (existing) {
    if (existing.file !== target.file || !ownPair(root as CMap, existing) || existing.value.kind !== 'map' || existing.value.file !== target.file)
      return undefined;
    if (existing.value.get(name)) return undefined;
    const extent = blockExtent(index, existing.value);
    if (!extent) return undefined;
    const at = index.positionAt(extent.end);
    return {
      range: { start: at, end: at },
      newText: body(' '.repeat(extent.column))
        .map((l) => eol + l)
        .join(''),
    };
  }
  if (root && (root.file !== target.file || !isBlock(root.node))) return undefined;
  const t = index.text;
  let end = t.length;
  while (end > 0 && /[\r\n \t]/.test(t[end - 1] as string)) end--;
  const lines = [`${key}:`, ...body(unit)];
  const at = index.positionAt(end === 0 ? 0 : index.lineEnd(index.positionAt(end).line));
  return { range: { start: at, end: at }, newText: (end === 0 ? '' : eol) + lines.join(eol) };
}
