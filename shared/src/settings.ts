/**
 * The `bulkhead.*` settings: shape, defaults and a tolerant normaliser (a bad user value
 * falls back to its default, never breaks analysis).
 */
import { COMPOSE_GLOBS, COMPOSE_LANGUAGE_ID, DOCKERFILE_GLOBS, DOCKERFILE_LANGUAGE_ID } from './ids';

export type RunMode = 'onType' | 'onSave';
export type CustomizationSeverity = 'critical' | 'high' | 'medium' | 'low' | 'info' | 'off' | 'default' | 'upgrade' | 'downgrade';

export interface RuleCustomization {
  readonly rule: string;
  readonly severity: CustomizationSeverity;
}

/** `all`: every safe fix in the file, re-analysing until stable; `problems`: the safe fixes of the problems currently reported, one pass. */
export type OnSaveMode = 'all' | 'problems';
/** Where "Ignore <rule> for this instruction" puts its comment. Docker has no trailing comments, so only on its own line. */
export type DisableRuleCommentLocation = 'separateLine';

export interface Settings {
  readonly enable: boolean;
  readonly run: RunMode;
  readonly rules: { readonly customizations: readonly RuleCustomization[] };
  /**
   * Which documents are analysed, as in vscode-eslint's `eslint.validate`: language ids
   * (`dockerfile`) and file-path globs such as `ci/*.docker` (any entry with `/` or `*`). A Dockerfile or
   * Compose file is analysed when its language id is listed or its path matches a glob.
   */
  readonly validate: readonly string[];
  readonly codeAction: {
    readonly disableRuleComment: { readonly enable: boolean; readonly location: DisableRuleCommentLocation };
    readonly showDocumentation: { readonly enable: boolean };
  };
  readonly codeActionsOnSave: { readonly mode: OnSaveMode };
  readonly problems: { readonly shortenToSingleLine: boolean };
  /** Analysis slower than these (milliseconds) turns the status item into a warning / an error. */
  readonly timeBudget: {
    readonly onValidation: { readonly warn: number; readonly error: number };
    /**
     * One rule on one file (server/src/node/guard.ts): over `warn` it is reported once; at `stop`
     * it is interrupted and turned off until the server restarts (a rule that loops).
     */
    readonly perRule: { readonly warn: number; readonly stop: number };
  };
  /** Hide findings that Docker's extension (Docker DX / BuildKit checks) or hadolint already report. */
  readonly dedupe: boolean;
  /** Files larger than this (KiB) are not analysed; the file gets one "too-large" diagnostic that says so. */
  readonly maxFileSize: number;
}

/** The smallest `bulkhead.timeBudget.perRule.stop` accepted (milliseconds); below it the default applies. */
export const MIN_RULE_STOP_MS = 100;

/** Default and ceiling of `bulkhead.maxFileSize` (KiB): the engine's own limit. */
export const MAX_FILE_SIZE_KIB = 4096;

/** The language ids and file names the extension recognises (the client's document selector). */
export const DEFAULT_VALIDATE: readonly string[] = [DOCKERFILE_LANGUAGE_ID, COMPOSE_LANGUAGE_ID, ...DOCKERFILE_GLOBS, ...COMPOSE_GLOBS];

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  run: 'onType',
  rules: { customizations: [] },
  validate: DEFAULT_VALIDATE,
  codeAction: { disableRuleComment: { enable: true, location: 'separateLine' }, showDocumentation: { enable: true } },
  codeActionsOnSave: { mode: 'all' },
  problems: { shortenToSingleLine: false },
  timeBudget: { onValidation: { warn: 4000, error: 8000 }, perRule: { warn: 500, stop: 2000 } },
  dedupe: false,
  maxFileSize: MAX_FILE_SIZE_KIB,
};

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const bool = (v: unknown, d: boolean): boolean => (typeof v === 'boolean' ? v : d);
const ms = (v: unknown, d: number): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : d);

const SEVERITIES: readonly string[] = ['critical', 'high', 'medium', 'low', 'info', 'off', 'default', 'upgrade', 'downgrade'];
/** vscode-eslint's words, accepted so settings copied from there keep working. */
const ESLINT_WORDS: Readonly<Record<string, CustomizationSeverity>> = { error: 'high', warn: 'medium', warning: 'medium', information: 'low', hint: 'info' };

export function normalizeSettings(raw: unknown): Settings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const rules = (r['rules'] && typeof r['rules'] === 'object' ? r['rules'] : {}) as Record<string, unknown>;
  const list = Array.isArray(rules['customizations']) ? (rules['customizations'] as unknown[]) : [];
  const customizations: RuleCustomization[] = [];
  for (const item of list) {
    if (!item || typeof item !== 'object') continue;
    const { rule, severity } = item as { rule?: unknown; severity?: unknown };
    if (typeof rule !== 'string' || typeof severity !== 'string') continue;
    const sev = SEVERITIES.includes(severity) ? (severity as CustomizationSeverity) : ESLINT_WORDS[severity];
    if (sev) customizations.push({ rule, severity: sev });
  }
  const D = DEFAULT_SETTINGS;
  const validate = Array.isArray(r['validate'])
    ? (r['validate'] as unknown[]).filter((v): v is string => typeof v === 'string' && v.trim() !== '')
    : D.validate;
  const codeAction = obj(r['codeAction']);
  const budget = obj(obj(r['timeBudget'])['onValidation']);
  const warn = ms(budget['warn'], D.timeBudget.onValidation.warn);
  const perRule = obj(obj(r['timeBudget'])['perRule']);
  const stop = ms(perRule['stop'], D.timeBudget.perRule.stop);
  const mode = obj(r['codeActionsOnSave'])['mode'];
  return {
    enable: typeof r['enable'] === 'boolean' ? r['enable'] : D.enable,
    run: r['run'] === 'onSave' || r['run'] === 'onType' ? r['run'] : D.run,
    rules: { customizations },
    validate,
    codeAction: {
      disableRuleComment: { enable: bool(obj(codeAction['disableRuleComment'])['enable'], true), location: 'separateLine' },
      showDocumentation: { enable: bool(obj(codeAction['showDocumentation'])['enable'], true) },
    },
    codeActionsOnSave: { mode: mode === 'problems' || mode === 'all' ? mode : D.codeActionsOnSave.mode },
    problems: { shortenToSingleLine: bool(obj(r['problems'])['shortenToSingleLine'], false) },
    // The error budget is never below the warning one.
    timeBudget: {
      onValidation: { warn, error: Math.max(warn, ms(budget['error'], Math.max(warn, D.timeBudget.onValidation.error))) },
      // A stop below MIN_RULE_STOP_MS would turn healthy rules off on a busy machine.
      perRule: { warn: ms(perRule['warn'], D.timeBudget.perRule.warn), stop: stop < MIN_RULE_STOP_MS ? D.timeBudget.perRule.stop : stop },
    },
    dedupe: bool(r['dedupe'], false),
    maxFileSize: typeof r['maxFileSize'] === 'number' && r['maxFileSize'] >= 1 ? Math.min(Math.floor(r['maxFileSize']), MAX_FILE_SIZE_KIB) : MAX_FILE_SIZE_KIB,
  };
}
