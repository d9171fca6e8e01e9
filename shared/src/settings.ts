/**
 * The `bulkhead.*` settings: shape, defaults and a tolerant normaliser (a bad user value
 * falls back to its default, never breaks analysis).
 */

export type RunMode = 'onType' | 'onSave';
export type CustomizationSeverity = 'critical' | 'high' | 'medium' | 'low' | 'info' | 'off' | 'default' | 'upgrade' | 'downgrade';

export interface RuleCustomization {
  readonly rule: string;
  readonly severity: CustomizationSeverity;
}

export interface Settings {
  readonly enable: boolean;
  readonly run: RunMode;
  readonly rules: { readonly customizations: readonly RuleCustomization[] };
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  run: 'onType',
  rules: { customizations: [] },
};

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
  return {
    enable: typeof r['enable'] === 'boolean' ? r['enable'] : DEFAULT_SETTINGS.enable,
    run: r['run'] === 'onSave' || r['run'] === 'onType' ? r['run'] : DEFAULT_SETTINGS.run,
    rules: { customizations },
  };
}
