/**
 * Command-line parsing: argv in, a typed command out, or a UsageError (exit 2) whose message
 * says what was wrong. Pure apart from the rule registry lookup, so tests call it in-process.
 */
import { parseArgs } from 'node:util';
import { SEVERITIES, getRule, type FileKind, type RuleSeverity } from '../engine';
import { FORMAT_NAMES, type FormatName } from './format';
import type { FailOn } from './report';

export type { FailOn };

export interface ScanCommand {
  readonly command: 'scan';
  readonly paths: readonly string[];
  readonly format: FormatName;
  readonly failOn: FailOn;
  readonly quiet: boolean;
  /** true/false when forced by --color/--no-color; undefined: decide from the TTY and NO_COLOR. */
  readonly color: boolean | undefined;
  readonly fix: boolean;
  readonly unsafe: boolean;
  readonly kind: FileKind | undefined;
  /** `--rule id=severity|off` overrides, passed to the engine as config.rules. */
  readonly rules: Readonly<Record<string, RuleSeverity>>;
  /** `--docs-url`: base URL of the rule pages (`<base>/docs/rules/<id>.md`), for SARIF help links. */
  readonly docsUrl: string | undefined;
  /** `--config <file>`: this configuration file for every file, instead of discovery. */
  readonly config: string | undefined;
  /** `--no-config`: ignore configuration files (defaults and --rule only). */
  readonly noConfig: boolean;
  /** `bulkhead fix --rule <id>`: apply only these rules' fixes (absent: every rule's). */
  readonly only?: readonly string[];
  /** `bulkhead fix --dry-run`: print a unified diff instead of writing. */
  readonly dryRun?: boolean;
}

export interface InitCommand {
  readonly command: 'init';
}

export interface RulesCommand {
  readonly command: 'rules';
  readonly format: 'text' | 'json';
}

export interface HelpCommand {
  readonly command: 'help';
  readonly topic: 'scan' | 'fix' | 'rules' | 'checklist' | undefined;
}

export interface VersionCommand {
  readonly command: 'version';
}

export interface ChecklistCommand {
  readonly command: 'checklist';
  readonly paths: readonly string[];
  readonly format: 'text' | 'markdown' | 'json';
  readonly color: boolean | undefined;
  readonly kind: FileKind | undefined;
  readonly rules: Readonly<Record<string, RuleSeverity>>;
}

export type Command = ScanCommand | RulesCommand | HelpCommand | VersionCommand | ChecklistCommand | InitCommand;

/** A mistake in how the CLI was called: printed with a hint to --help, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const COMMANDS = ['scan', 'fix', 'rules', 'checklist', 'init', 'help'] as const;
const FAIL_ON: readonly string[] = [...SEVERITIES, 'none'];
const KINDS: readonly string[] = ['dockerfile', 'compose'];

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  'fail-on': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  color: { type: 'boolean' },
  // Node 20's parseArgs has no allowNegative, so the negation is an option of its own.
  'no-color': { type: 'boolean' },
  fix: { type: 'boolean' },
  unsafe: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  kind: { type: 'string' },
  rule: { type: 'string', multiple: true },
  'docs-url': { type: 'string' },
  config: { type: 'string' },
  'no-config': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

type Values = {
  [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K] extends { multiple: true } ? string[] : (typeof OPTIONS)[K] extends { type: 'string' } ? string : boolean;
};

const SCAN_ONLY = ['fail-on', 'quiet', 'color', 'no-color', 'fix', 'unsafe', 'dry-run', 'kind', 'rule', 'docs-url', 'config', 'no-config'] as const;

function oneOf<T extends string>(flag: string, value: string, allowed: readonly string[]): T {
  if (!allowed.includes(value)) throw new UsageError(`Invalid value for --${flag}: "${value}". Expected one of: ${allowed.join(', ')}.`);
  return value as T;
}

function parseRuleOverrides(specs: readonly string[]): Record<string, RuleSeverity> {
  const rules: Record<string, RuleSeverity> = {};
  for (const spec of specs) {
    const eq = spec.lastIndexOf('=');
    const id = eq > 0 ? spec.slice(0, eq).trim() : '';
    const value = eq > 0 ? spec.slice(eq + 1).trim() : '';
    if (!id || !value) throw new UsageError(`Invalid --rule "${spec}". Expected <rule-id>=<${[...SEVERITIES, 'off'].join('|')}>, e.g. --rule prefer-copy=off.`);
    if (!getRule(id)) throw new UsageError(`Unknown rule "${id}" in --rule. Run "bulkhead rules" to list rule ids.`);
    rules[id] = oneOf<RuleSeverity>('rule', value, [...SEVERITIES, 'off']);
  }
  return rules;
}

function parseDocsUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^https?:\/\/\S+$/.test(value))
    throw new UsageError(`Invalid --docs-url "${value}". Expected an http(s) URL, e.g. https://github.com/<owner>/<repo>/blob/<ref>/.`);
  return value;
}

export function parseCli(argv: readonly string[]): Command {
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true }) as { values: Values; positionals: string[] };
  } catch (e) {
    // parseArgs messages are already specific ("Unknown option '--x'"); keep them.
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  const [first, ...rest] = positionals;

  if (first === undefined) {
    if (values.version) return { command: 'version' };
    if (values.help) return { command: 'help', topic: undefined };
    throw new UsageError('Missing command. Use "bulkhead scan [paths...]" or "bulkhead rules".');
  }
  if (!(COMMANDS as readonly string[]).includes(first)) throw new UsageError(`Unknown command "${first}". Commands: ${COMMANDS.join(', ')}.`);

  if (first === 'help') {
    if (rest.length > 1) throw new UsageError('"bulkhead help" takes at most one command name.');
    const topic = rest[0];
    if (topic !== undefined && topic !== 'scan' && topic !== 'fix' && topic !== 'rules' && topic !== 'checklist')
      throw new UsageError(`No help for "${topic}". Topics: scan, fix, rules, checklist.`);
    return { command: 'help', topic };
  }
  if (values.help) return { command: 'help', topic: first === 'scan' || first === 'fix' || first === 'checklist' ? first : 'rules' };
  if (values.version) return { command: 'version' };

  if (first === 'rules') {
    if (rest.length > 0) throw new UsageError(`"bulkhead rules" takes no arguments (got "${rest[0]}").`);
    const stray = SCAN_ONLY.find((k) => values[k] !== undefined);
    if (stray) throw new UsageError(`--${stray} applies to "bulkhead ${stray === 'dry-run' ? 'fix' : 'scan'}" only.`);
    return { command: 'rules', format: oneOf('format', values.format ?? 'text', ['text', 'json']) };
  }

  if (first === 'checklist') {
    const stray = (['fail-on', 'quiet', 'fix', 'unsafe', 'dry-run'] as const).find((k) => values[k] !== undefined);
    if (stray) throw new UsageError(`--${stray} applies to "bulkhead ${stray === 'dry-run' ? 'fix' : 'scan'}" only.`);
    if (values.color && values['no-color']) throw new UsageError('--color and --no-color contradict each other.');
    return {
      command: 'checklist',
      paths: rest.length > 0 ? rest : ['.'],
      format: oneOf('format', values.format ?? 'text', ['text', 'markdown', 'json']),
      color: values['no-color'] ? false : values.color ? true : undefined,
      kind: values.kind === undefined ? undefined : oneOf<FileKind>('kind', values.kind, KINDS),
      rules: parseRuleOverrides(values.rule ?? []),
    };
  }

  if (first === 'init') {
    if (rest.length > 0) throw new UsageError(`"bulkhead init" takes no arguments (got "${rest[0]}"); it writes .bulkhead.yaml in the current folder.`);
    const stray = SCAN_ONLY.find((k) => values[k] !== undefined) ?? (values.format !== undefined ? 'format' : undefined);
    if (stray) throw new UsageError(`--${stray} does not apply to "bulkhead init".`);
    return { command: 'init' };
  }

  if (first === 'fix') return parseFix(values, rest);
  if (values['dry-run']) throw new UsageError('--dry-run applies to "bulkhead fix" (e.g. bulkhead fix --dry-run .).');
  if (values.unsafe && !values.fix) throw new UsageError('--unsafe only applies together with --fix.');
  if (values.config !== undefined && values['no-config']) throw new UsageError('--config and --no-config contradict each other.');
  if (values.color && values['no-color']) throw new UsageError('--color and --no-color contradict each other.');
  return {
    command: 'scan',
    paths: rest.length > 0 ? rest : ['.'],
    format: oneOf('format', values.format ?? 'text', FORMAT_NAMES),
    failOn: oneOf('fail-on', values['fail-on'] ?? 'high', FAIL_ON),
    quiet: values.quiet ?? false,
    color: values['no-color'] ? false : values.color ? true : undefined,
    fix: values.fix ?? false,
    unsafe: values.unsafe ?? false,
    kind: values.kind === undefined ? undefined : oneOf<FileKind>('kind', values.kind, KINDS),
    rules: parseRuleOverrides(values.rule ?? []),
    docsUrl: parseDocsUrl(values['docs-url']),
    config: values.config,
    noConfig: values['no-config'] ?? false,
  };
}

/**
 * `bulkhead fix [paths] [--rule <id> ...] [--unsafe] [--dry-run]`: `scan --fix` with a rule
 * selection and a diff preview. `--rule` names rules whose fixes apply (not severities, as in
 * scan); a rule without a fix is a usage error rather than a silent no-op.
 */
function parseFix(values: Values, rest: readonly string[]): ScanCommand {
  const stray = (['docs-url'] as const).find((k) => values[k] !== undefined);
  if (stray) throw new UsageError(`--${stray} does not apply to "bulkhead fix".`);
  if (values.config !== undefined && values['no-config']) throw new UsageError('--config and --no-config contradict each other.');
  if (values.color && values['no-color']) throw new UsageError('--color and --no-color contradict each other.');
  const dryRun = values['dry-run'] ?? false;
  if (dryRun && values.format !== undefined) throw new UsageError('--dry-run prints a unified diff; it takes no --format.');
  const only: string[] = [];
  for (const id of values.rule ?? []) {
    const rule = getRule(id.trim());
    if (!rule) throw new UsageError(`Unknown rule "${id}" in --rule. Run "bulkhead rules" to list rule ids.`);
    if (!rule.meta.fix) throw new UsageError(`Rule "${id}" has no fix. Rules with fixes are marked "fix" in "bulkhead rules".`);
    if (rule.meta.fix === 'unsafe' && !values.unsafe) throw new UsageError(`The fix of "${id}" is unsafe: add --unsafe to apply it (and review the diff).`);
    only.push(rule.meta.id);
  }
  return {
    command: 'scan',
    paths: rest.length > 0 ? rest : ['.'],
    format: oneOf('format', values.format ?? 'text', FORMAT_NAMES),
    failOn: oneOf('fail-on', values['fail-on'] ?? 'high', FAIL_ON),
    quiet: values.quiet ?? false,
    color: values['no-color'] ? false : values.color ? true : undefined,
    fix: true,
    unsafe: values.unsafe ?? false,
    kind: values.kind === undefined ? undefined : oneOf<FileKind>('kind', values.kind, KINDS),
    rules: {},
    docsUrl: undefined,
    config: values.config,
    noConfig: values['no-config'] ?? false,
    ...(only.length > 0 ? { only } : {}),
    dryRun,
  };
}
