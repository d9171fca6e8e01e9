/**
 * Compose model. For now a parse of the YAML documents with their problems; the services
 * view, merge keys, interpolation and overrides arrive with the Compose issue (#5).
 */
import { parseAllDocuments, type Document } from 'yaml';
import type { ParseProblem } from '../types';
import { TextIndex } from '../text';

export interface ComposeModel {
  readonly kind: 'compose';
  readonly text: string;
  readonly index: TextIndex;
  readonly documents: readonly Document.Parsed[];
  readonly problems: readonly ParseProblem[];
}

export function buildComposeModel(text: string): ComposeModel {
  const index = new TextIndex(text);
  // `merge: true` so `<<` keys resolve (YAML 1.2 core schema would drop them silently).
  const documents = parseAllDocuments(text, { merge: true, prettyErrors: false, uniqueKeys: true });
  const docs = Array.isArray(documents) ? documents : [];
  const problems: ParseProblem[] = [];
  for (const d of docs) {
    for (const e of [...d.errors, ...d.warnings]) {
      const [a, b] = e.pos;
      problems.push({ code: 'syntax', message: `YAML: ${e.message.split('\n')[0] ?? e.message}`, range: index.rangeOf(a, Math.max(b, a)), severity: d.errors.includes(e) ? 'error' : 'warning' });
    }
  }
  return { kind: 'compose', text, index, documents: docs, problems };
}
