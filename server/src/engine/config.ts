/**
 * Rule configuration: which rules run, at which severity, with which options. Two layers,
 * applied centrally after rules run (rules never read settings):
 *  - `rules`: per-id setting (`"high"`, `"off"`, `{ severity, options }`), as in a config file;
 *  - `customizations`: vscode-eslint style `{ rule: "glob", severity }` list, last match wins,
 *    with `default`, `upgrade` and `downgrade` in addition to the five severities and `off`.
 */
import { SEVERITIES, type Severity } from './types';

export type RuleSeverity = Severity | 'off';
export type RuleSetting = RuleSeverity | 'on' | { readonly severity?: RuleSeverity | 'on'; readonly options?: unknown };

export interface Customization {
  /** Rule id or glob (`*` wildcards); a leading `!` negates. */
  readonly rule: string;
  readonly severity: RuleSeverity | 'default' | 'upgrade' | 'downgrade';
}

export interface EngineConfig {
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  readonly customizations?: readonly Customization[];
  /**
   * Policy from a config file: `# bulkhead ignore=` comments are reported as problems and
   * suppress nothing, so every finding stays visible (e.g. in CI).
   */
  readonly noInlineSuppressions?: boolean;
}

export function isSeverity(v: unknown): v is Severity {
  return typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v);
}

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${body}$`);
}

function matches(pattern: string, id: string): boolean {
  const negated = pattern.startsWith('!');
  const hit = globToRegExp(negated ? pattern.slice(1) : pattern).test(id);
  return negated ? !hit : hit;
}

function step(sev: Severity, by: number): Severity {
  const i = SEVERITIES.indexOf(sev) - by; // SEVERITIES is ordered critical → info
  return SEVERITIES[Math.max(0, Math.min(SEVERITIES.length - 1, i))] as Severity;
}

/**
 * The effective severity for one rule, or `off`. `defaultEnabled` false means the rule only
 * runs when a setting turns it on.
 */
export function effectiveSeverity(id: string, defaultSeverity: Severity, defaultEnabled: boolean, config: EngineConfig | undefined): RuleSeverity {
  let sev: RuleSeverity = defaultEnabled ? defaultSeverity : 'off';
  const setting = config?.rules?.[id];
  if (setting !== undefined) {
    const s = typeof setting === 'string' ? setting : setting.severity;
    if (s === 'on') sev = defaultSeverity;
    else if (s === 'off' || isSeverity(s)) sev = s;
  }
  for (const c of config?.customizations ?? []) {
    if (typeof c?.rule !== 'string' || !matches(c.rule, id)) continue;
    if (c.severity === 'off' || isSeverity(c.severity)) sev = c.severity;
    else if (c.severity === 'default') sev = defaultSeverity;
    else if (sev !== 'off' && c.severity === 'upgrade') sev = step(sev, 1);
    else if (sev !== 'off' && c.severity === 'downgrade') sev = step(sev, -1);
  }
  return sev;
}

export function ruleOptions<O>(id: string, defaults: O, config: EngineConfig | undefined): O {
  const setting = config?.rules?.[id];
  if (setting && typeof setting === 'object' && setting.options && typeof setting.options === 'object' && defaults && typeof defaults === 'object') {
    return { ...defaults, ...(setting.options as Partial<O>) };
  }
  return defaults;
}
