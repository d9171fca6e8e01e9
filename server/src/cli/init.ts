/** `bulkhead init`: writes a commented starter `.bulkhead.yaml`; never overwrites a config. */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE_NAMES } from '../engine';

export const STARTER_CONFIG = `# Bulkhead configuration. The editor, the CLI, pre-commit and CI all read this file: for each
# Dockerfile or Compose file, the nearest .bulkhead.yaml walking up from its folder applies.
# Precedence: an inline "# bulkhead ignore=<rule> <reason>" comment > this file > editor
# settings (bulkhead.rules.customizations) > the rules' defaults.
# Rule ids and defaults: "npx bulkhead rules", or docs/rules/README.md.

# Start from a shared configuration (a path relative to this file); settings below win.
# extends: ../platform/.bulkhead.yaml

rules:
  # <rule-id>: critical | high | medium | low | info | off | on
  # missing-healthcheck: off
  # from-latest: high
  # Rules with options take a mapping:
  # some-rule: { severity: medium, options: {} }

# Files Bulkhead never analyses (gitignore patterns, relative to this file's folder).
ignore:
  # - vendor/**
  # - test/fixtures/**

# true: "# bulkhead ignore=" comments are reported and hide nothing (e.g. for a strict CI).
noInlineSuppressions: false
`;

/** Returns an error message, or undefined once the file is written. */
export function writeStarterConfig(dir: string): { file: string; error?: string } {
  const existing = CONFIG_FILE_NAMES.map((n) => join(dir, n)).find((f) => existsSync(f));
  const file = join(dir, CONFIG_FILE_NAMES[0]);
  if (existing) return { file: existing, error: `${existing} already exists; not overwritten.` };
  try {
    writeFileSync(file, STARTER_CONFIG, { encoding: 'utf8', flag: 'wx' });
  } catch (e) {
    return { file, error: `cannot write ${file}: ${e instanceof Error ? e.message : String(e)}` };
  }
  return { file };
}
