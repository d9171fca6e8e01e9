/**
 * `.bulkhead.yaml` / `.bulkhead.yml` / `.bulkhead.json`: parsing, validation and `extends`
 * merging, pure. The host finds the file (nearest one walking up from the analysed file) and
 * gives a reader; this file never touches the disk. JSON is read by the YAML parser (JSON is
 * YAML 1.2), so both report positions the same way.
 *
 *   extends: ../shared/.bulkhead.yaml   # relative to this file; its settings apply first
 *   rules:
 *     prefer-copy: off                  # critical | high | medium | low | info | off | on
 *     from-latest: { severity: high, options: {} }
 *   ignore: [ "vendor/**", "legacy/Dockerfile" ]   # gitignore patterns, relative to the nearest config's folder
 *   noInlineSuppressions: true          # `# bulkhead ignore=` comments are reported and do nothing
 *
 * Any error anywhere in the chain makes the whole configuration unusable: the host reports
 * the problems (in the config file, or as an error line) and analyses with the defaults, so
 * a typo never half-applies a policy.
 */
import ignore from 'ignore';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { EngineConfig, RuleSetting, RuleSeverity } from './config';
import type { AnyRule } from './rule';
import { ALL_RULES } from './rules';
import { SEVERITIES, type Range } from './types';

/** File names looked for in each folder, in this order (the first present wins). */
export const CONFIG_FILE_NAMES = ['.bulkhead.yaml', '.bulkhead.yml', '.bulkhead.json'] as const;

export const TOP_LEVEL_KEYS = ['$schema', 'extends', 'rules', 'ignore', 'noInlineSuppressions'] as const;

const RULE_VALUES: readonly string[] = [...SEVERITIES, 'off', 'on'];
const MAX_EXTENDS_DEPTH = 16;

export interface ConfigProblem {
  /** The configuration file the problem is in (as the host named it). */
  readonly file: string;
  readonly message: string;
  /** Zero-based; the whole first line when the problem has no better place. */
  readonly range: Range;
}

/** What one file says, validated, before `extends` is merged. */
export interface ConfigFileData {
  readonly extends?: string;
  readonly rules: Readonly<Record<string, RuleSetting>>;
  readonly ignore: readonly string[];
  readonly noInlineSuppressions?: boolean;
}

export interface LoadedConfig {
  /** The engine configuration (rules and policy); empty when there were problems. */
  readonly config: EngineConfig;
  /** gitignore-style patterns, relative to the folder of the config file that was loaded. */
  readonly ignore: readonly string[];
  /** The files read, the loaded one first, then what it extends. */
  readonly files: readonly string[];
  readonly problems: readonly ConfigProblem[];
}

export interface ConfigHost {
  /** The file's text, or undefined when it does not exist or cannot be read. */
  read(file: string): string | undefined;
  /** `target` (relative or absolute, as written after `extends:`) resolved against `fromFile`'s folder. */
  resolve(fromFile: string, target: string): string;
}

const WHOLE_FIRST_LINE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };

function rangeOf(node: Node | null | undefined, lines: LineCounter): Range {
  const r = node?.range;
  if (!r) return WHOLE_FIRST_LINE;
  const a = lines.linePos(r[0]);
  const b = lines.linePos(Math.max(r[0], r[1]));
  return { start: { line: a.line - 1, character: a.col - 1 }, end: { line: b.line - 1, character: b.col - 1 } };
}

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a mapping' : `a ${typeof v}`;
}

/** Checks rule options against the rule's defaults: known keys, same JSON type. */
function optionProblems(rule: AnyRule, options: unknown): string[] {
  if (options === undefined) return [];
  const defaults: unknown = rule.defaultOptions;
  if (!defaults || typeof defaults !== 'object') return [`rule "${rule.meta.id}" takes no options`];
  if (!options || typeof options !== 'object' || Array.isArray(options)) return [`options of "${rule.meta.id}" must be a mapping, not ${typeName(options)}`];
  const out: string[] = [];
  for (const [key, value] of Object.entries(options)) {
    if (!(key in defaults)) {
      out.push(`unknown option "${key}" for rule "${rule.meta.id}" (known: ${Object.keys(defaults).join(', ') || 'none'})`);
      continue;
    }
    const d = (defaults as Record<string, unknown>)[key];
    if (typeName(d) !== typeName(value)) out.push(`option "${key}" of rule "${rule.meta.id}" must be ${typeName(d)}, not ${typeName(value)}`);
  }
  return out;
}

/** Parses and validates one configuration file's text. Never throws. */
export function parseConfigFile(text: string, file: string, rules: readonly AnyRule[] = ALL_RULES): { data: ConfigFileData | undefined; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const lines = new LineCounter();
  const problem = (message: string, node?: Node | null) => problems.push({ file, message, range: rangeOf(node, lines) });
  let doc;
  try {
    doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    problem(`Cannot parse ${file}: ${e instanceof Error ? e.message : String(e)}`);
    return { data: undefined, problems };
  }
  for (const err of doc.errors) {
    const p = lines.linePos(err.pos[0]);
    const q = lines.linePos(Math.max(err.pos[0], err.pos[1]));
    problems.push({ file, message: `Syntax error: ${err.message.split('\n')[0] ?? err.message}`, range: { start: { line: p.line - 1, character: p.col - 1 }, end: { line: q.line - 1, character: q.col - 1 } } });
  }
  if (problems.length > 0) return { data: undefined, problems };
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { data: { rules: {}, ignore: [] }, problems };
  if (!isMap(root)) {
    problem('The configuration must be a mapping (keys like rules:, ignore:, extends:).', root);
    return { data: undefined, problems };
  }
  const byId = new Map(rules.map((r) => [r.meta.id, r]));
  let extendsPath: string | undefined;
  const ruleSettings: Record<string, RuleSetting> = {};
  const ignorePatterns: string[] = [];
  let noInline: boolean | undefined;
  for (const pair of root.items) {
    const keyNode = pair.key as Node | null;
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    const value = pair.value as Node | null;
    const plain: unknown = value && 'toJSON' in value ? (value as { toJSON(): unknown }).toJSON() : value;
    // A key with nothing after it (or only comments) is an empty section.
    if ((key === 'rules' || key === 'ignore') && (plain === null || plain === undefined)) continue;
    switch (key) {
      case '$schema':
        break;
      case 'extends':
        if (typeof plain !== 'string' || plain.trim() === '') problem('"extends" must be the path of another configuration file, relative to this one.', value ?? keyNode);
        else extendsPath = plain;
        break;
      case 'noInlineSuppressions':
        if (typeof plain !== 'boolean') problem('"noInlineSuppressions" must be true or false.', value ?? keyNode);
        else noInline = plain;
        break;
      case 'ignore':
        if (!isSeq(value) || !value.items.every((i) => isScalar(i) && typeof i.value === 'string')) problem('"ignore" must be a list of path patterns (gitignore syntax), e.g. ["vendor/**"].', value ?? keyNode);
        else ignorePatterns.push(...value.items.map((i) => String((i as { value: unknown }).value)));
        break;
      case 'rules':
        if (!isMap(value)) {
          problem('"rules" must be a mapping of rule id to severity, e.g. "prefer-copy: off".', value ?? keyNode);
          break;
        }
        for (const rp of value.items) {
          const idNode = rp.key as Node | null;
          const id = isScalar(idNode) ? String(idNode.value) : '';
          const rule = byId.get(id);
          if (!rule) {
            problem(`Unknown rule "${id}". Run "bulkhead rules" to list rule ids.`, idNode);
            continue;
          }
          const vNode = rp.value as Node | null;
          const v: unknown = vNode && 'toJSON' in vNode ? (vNode as { toJSON(): unknown }).toJSON() : vNode;
          if (typeof v === 'string') {
            if (!RULE_VALUES.includes(v)) problem(`Invalid severity "${v}" for rule "${id}". Use one of: ${RULE_VALUES.join(', ')}.`, vNode);
            else ruleSettings[id] = v as RuleSeverity | 'on';
            continue;
          }
          if (!v || typeof v !== 'object' || Array.isArray(v)) {
            problem(`Rule "${id}" must be a severity (${RULE_VALUES.join(', ')}) or a mapping with "severity" and "options".`, vNode ?? idNode);
            continue;
          }
          const o = v as Record<string, unknown>;
          const stray = Object.keys(o).filter((k) => k !== 'severity' && k !== 'options');
          if (stray.length > 0) problem(`Unknown key "${stray[0]}" for rule "${id}" (allowed: severity, options).`, vNode);
          if (o['severity'] !== undefined && (typeof o['severity'] !== 'string' || !RULE_VALUES.includes(o['severity']))) {
            problem(`Invalid severity ${JSON.stringify(o['severity'])} for rule "${id}". Use one of: ${RULE_VALUES.join(', ')}.`, vNode);
          }
          for (const m of optionProblems(rule, o['options'])) problem(`Invalid options: ${m}.`, vNode);
          ruleSettings[id] = { ...(o['severity'] !== undefined ? { severity: o['severity'] as RuleSeverity | 'on' } : {}), ...(o['options'] !== undefined ? { options: o['options'] } : {}) };
        }
        break;
      default:
        problem(`Unknown key "${key}". Allowed: ${TOP_LEVEL_KEYS.filter((k) => k !== '$schema').join(', ')}.`, keyNode);
    }
  }
  if (problems.length > 0) return { data: undefined, problems };
  return { data: { ...(extendsPath !== undefined ? { extends: extendsPath } : {}), rules: ruleSettings, ignore: ignorePatterns, ...(noInline !== undefined ? { noInlineSuppressions: noInline } : {}) }, problems };
}

/** A child's rule entry over its base's: a bare severity keeps the base's options (as ESLint does). */
function mergeRule(base: RuleSetting | undefined, child: RuleSetting): RuleSetting {
  if (typeof child === 'string' && base && typeof base === 'object' && base.options !== undefined) return { severity: child, options: base.options };
  return child;
}

/**
 * Loads `file` and everything it extends (base first, then the file), detecting cycles and
 * missing files. With any problem the returned config is empty (the defaults).
 */
export function loadConfigFile(file: string, host: ConfigHost, rules: readonly AnyRule[] = ALL_RULES): LoadedConfig {
  const chain: string[] = [];
  const layers: ConfigFileData[] = [];
  const problems: ConfigProblem[] = [];
  let current: string | undefined = file;
  let from: { file: string; range: Range } | undefined;
  while (current !== undefined) {
    if (chain.includes(current)) {
      problems.push({ file: from?.file ?? file, message: `"extends" forms a cycle: ${[...chain.slice(chain.indexOf(current)), current].join(' → ')}.`, range: from?.range ?? WHOLE_FIRST_LINE });
      break;
    }
    if (chain.length >= MAX_EXTENDS_DEPTH) {
      problems.push({ file: from?.file ?? file, message: `"extends" is nested more than ${MAX_EXTENDS_DEPTH} levels deep.`, range: from?.range ?? WHOLE_FIRST_LINE });
      break;
    }
    let text: string | undefined;
    try {
      text = host.read(current);
    } catch {
      text = undefined;
    }
    if (text === undefined) {
      problems.push(from ? { file: from.file, message: `"extends" names a file that cannot be read: ${current}.`, range: from.range } : { file: current, message: `Cannot read configuration file ${current}.`, range: WHOLE_FIRST_LINE });
      break;
    }
    chain.push(current);
    const parsed = parseConfigFile(text, current, rules);
    problems.push(...parsed.problems);
    if (!parsed.data) break;
    layers.push(parsed.data);
    if (parsed.data.extends === undefined) break;
    const target = host.resolve(current, parsed.data.extends);
    from = { file: current, range: extendsRange(text) };
    current = target;
  }
  if (problems.length > 0) return { config: {}, ignore: [], files: chain, problems };
  const merged: Record<string, RuleSetting> = {};
  let noInline: boolean | undefined;
  const patterns: string[] = [];
  for (const layer of [...layers].reverse()) {
    for (const [id, setting] of Object.entries(layer.rules)) merged[id] = mergeRule(merged[id], setting);
    if (layer.noInlineSuppressions !== undefined) noInline = layer.noInlineSuppressions;
    patterns.push(...layer.ignore);
  }
  return { config: { rules: merged, ...(noInline ? { noInlineSuppressions: true } : {}) }, ignore: patterns, files: chain, problems };
}

function extendsRange(text: string): Range {
  const lines = text.split(/\r?\n/);
  const line = lines.findIndex((l) => /^\s*"?extends"?\s*:/.test(l));
  return line < 0 ? WHOLE_FIRST_LINE : { start: { line, character: 0 }, end: { line, character: (lines[line] ?? '').length } };
}

/**
 * Whether `relativePath` (forward slashes, relative to the loaded config file's folder) is
 * excluded by the config's `ignore` patterns (gitignore semantics).
 */
export function isIgnoredByConfig(loaded: LoadedConfig, relativePath: string): boolean {
  if (loaded.ignore.length === 0 || relativePath === '' || relativePath.startsWith('../')) return false;
  try {
    return ignore().add([...loaded.ignore]).ignores(relativePath);
  } catch {
    return false;
  }
}

/**
 * Layers a loaded config over editor settings (documented precedence: inline comment >
 * nearest config > settings > defaults). Settings' customizations apply first; the config's
 * per-rule severities are appended as exact-id customizations so they win.
 */
export function layerConfig(settings: EngineConfig, file: EngineConfig | undefined): EngineConfig {
  if (!file) return settings;
  const fromFile = Object.entries(file.rules ?? {}).flatMap(([rule, s]) => {
    const sev = typeof s === 'string' ? s : s.severity;
    if (sev === undefined) return [];
    return [{ rule, severity: sev === 'on' ? ('default' as const) : sev }];
  });
  return {
    rules: { ...(settings.rules ?? {}), ...(file.rules ?? {}) },
    customizations: [...(settings.customizations ?? []), ...fromFile],
    ...(file.noInlineSuppressions || settings.noInlineSuppressions ? { noInlineSuppressions: true } : {}),
  };
}
