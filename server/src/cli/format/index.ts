/**
 * The output formats of `bulkhead scan`. Adding one (SARIF) is one file exporting a
 * Formatter plus one entry here; args.ts validates --format against FORMAT_NAMES.
 */
import type { Formatter } from '../report';
import { formatGithub } from './github';
import { formatJson } from './json';
import { formatSarif } from './sarif';
import { formatText } from './text';

export const FORMATTERS = {
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
} as const satisfies Record<string, Formatter>;

export type FormatName = keyof typeof FORMATTERS;
export const FORMAT_NAMES = Object.keys(FORMATTERS) as readonly FormatName[];
