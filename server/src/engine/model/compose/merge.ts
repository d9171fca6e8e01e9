/**
 * Merging service definitions the way Compose does for override files and `extends`
 * (compose-spec merge.md): mappings merge recursively, most sequences are appended without
 * duplicates, keyed sequences (volumes, devices, secrets, configs) merge by target, shell
 * commands are replaced, and `!reset` / `!override` tags remove or replace a value. Every
 * merged value keeps the origin of the file that wrote it.
 */
import { makeMap, text, type CMap, type CNode, type CPair, type CScalar } from './nodes';

/** Keys whose value is replaced, never merged. */
const REPLACED = new Set(['command', 'entrypoint', 'test', 'image', 'user', 'privileged', 'read_only', 'network_mode', 'pid', 'ipc', 'uts', 'userns_mode', 'cgroup']);
/** Sequences merged by target path (short `src:dst[:mode]` or long `target:`). */
const BY_TARGET = new Set(['volumes', 'devices', 'secrets', 'configs']);
/** `KEY=value` lists or maps, normalised to maps before merging. */
export const MAP_LIKE = new Set(['environment', 'labels', 'sysctls', 'args', 'annotations', 'extra_hosts']);

/** Merges `over` onto `base`; the result's own origin is the base's (where the service was first defined). */
export function mergeNodes(base: CNode, over: CNode, key: string): CNode {
  if (over.tag === '!override') return over;
  if (REPLACED.has(key)) return over;
  if (base.kind === 'map' && over.kind === 'map') return mergeMaps(base, over);
  if (base.kind === 'seq' && over.kind === 'seq') {
    const identity = BY_TARGET.has(key) ? targetOf : (n: CNode) => (n.kind === 'scalar' ? String(n.source) : undefined);
    const overIds = new Set(over.items.map(identity).filter((x) => x !== undefined));
    const kept = base.items.filter((n) => {
      const id = identity(n);
      return id === undefined || !overIds.has(id);
    });
    return { ...base, items: [...kept, ...over.items] };
  }
  return over;
}

export function mergeMaps(base: CMap, over: CMap): CMap {
  const pairs: CPair[] = [];
  for (const bp of base.pairs) {
    const op = over.get(bp.key);
    if (!op) pairs.push(bp);
    else if (op.value.tag === '!reset') continue;
    else if (op.value.kind === 'scalar' || bp.value.kind === 'scalar') pairs.push(op);
    else pairs.push({ ...bp, value: mergeNodes(bp.value, op.value, bp.key) });
  }
  for (const op of over.pairs) if (!base.get(op.key) && op.value.tag !== '!reset') pairs.push(op);
  return makeMap(base, pairs);
}

/** Container-side path of a volume/device/secret/config entry, the identity Compose merges on. */
function targetOf(n: CNode): string | undefined {
  if (n.kind === 'map') return text(n.get('target')?.value) ?? text(n.get('source')?.value);
  const s = text(n);
  if (s === undefined) return undefined;
  const parts = splitShort(s);
  return parts.length === 1 ? parts[0] : parts[1];
}

/** Splits a short volume/device spec on `:` without breaking a Windows drive letter (`C:\x:/y`). */
export function splitShort(spec: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i] as string;
    if (c === ':' && !(cur.length === 1 && /[A-Za-z]/.test(cur) && (spec[i + 1] === '\\' || spec[i + 1] === '/') && out.length < 2)) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/**
 * `[- KEY=value]` → a map whose pairs point at each list item; maps are returned as they
 * are. A list item without `=` is a pass-through (value null: taken from the shell).
 */
export function normaliseMapLike(node: CNode, separator: '=' | ':' = '='): CNode {
  if (node.kind !== 'seq') return node;
  const pairs: CPair[] = [];
  for (const it of node.items) {
    if (it.kind !== 'scalar' || typeof it.source !== 'string') continue;
    const raw = it.source;
    const at = raw.indexOf(separator);
    const key = at < 0 ? raw : raw.slice(0, at);
    const valueText = at < 0 ? null : typeof it.value === 'string' ? it.value.slice(it.value.indexOf(separator) + 1) : undefined;
    // The key's range: the item's text up to the separator (quotes shift it by one).
    const quoted = it.range.end.character - it.range.start.character > raw.length && it.range.start.line === it.range.end.line ? 1 : 0;
    const keyStart = { line: it.range.start.line, character: it.range.start.character + quoted };
    const keyRange = { start: keyStart, end: { line: keyStart.line, character: keyStart.character + key.length } };
    const value: CScalar = { ...it, value: valueText };
    pairs.push({ key, file: it.file, keyRange, range: it.range, value, pair: undefined });
  }
  return makeMap({ file: node.file, range: node.range, node: node.node, tag: node.tag }, pairs);
}
