import { defineRule } from '../../rule';
import { isPlaceholderValue, isSecretName, mayContainToken, mayContainUrlPassword, TOKEN_PATTERNS, urlPasswords } from '../../model/secrets';
import type { Range } from '../../types';

const overlaps = (a: Range, b: Range) =>
  (a.start.line < b.end.line || (a.start.line === b.end.line && a.start.character < b.end.character)) &&
  (b.start.line < a.end.line || (b.start.line === a.end.line && b.start.character < a.end.character));

/** Literal secrets anywhere in the file end up in the image, its history and the repository. */
export default defineRule({
  meta: {
    id: 'hardcoded-secret',
    kind: 'dockerfile',
    title: 'Do not write secrets into the Dockerfile',
    severity: 'critical',
    category: 'secrets',
    messages: {
      token:
        'This looks like a {label}: it is stored in the image and in version control. Revoke it, and pass it at build time with `RUN --mount=type=secret` or at run time instead.',
      urlPassword: 'This URL carries a password: it is stored in the image history and in version control. Use a secret mount or a credentials helper instead.',
      secretValue:
        '{name} is set to a literal value: the secret is stored in the image and in version control. Rotate it, and provide it at run time or with `RUN --mount=type=secret`.',
    },
    checklist: ['no-secrets-in-image', 'secrets-at-runtime'],
    references: [
      { tool: 'kics', id: 'a88baa34', match: 'same' },
      { tool: 'cis', id: '4.10', match: 'same' },
      { tool: 'dockle', id: 'CIS-DI-0010', match: 'partial' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    const { index } = model;
    // One finding per concern: an ENV/ARG key whose name looks like a secret is
    // secret-in-env-arg's, value included (its message says a written value must be rotated, and
    // its fix moves the secret to a mount). Its value span is not scanned here.
    // Most files hold neither a token prefix nor a URL: one scan of the whole text rules both out.
    const tokens = mayContainToken(model.text);
    const urls = mayContainUrlPassword(model.text);
    const owned: Range[] = [];
    for (const ins of tokens || urls ? model.instructions : []) {
      if (ins.keyword !== 'ENV' && ins.keyword !== 'ARG') continue;
      for (const p of (ins.ast as import('dockerfile-ast').Env).getProperties()) {
        const range = p.getValueRange();
        if (range && isSecretName(p.getName())) owned.push(range);
      }
    }
    const free = (range: Range) => !owned.some((o) => overlaps(o, range));
    const found: Range[] = [];
    for (const ins of tokens || urls ? model.instructions : []) {
      if (ins.onbuild) continue; // the ONBUILD instruction's own text covers its trigger
      const start = index.offsetAt(ins.range.start);
      const text = index.slice(ins.range);
      for (const { label, pattern } of tokens ? TOKEN_PATTERNS : []) {
        for (const m of text.matchAll(pattern)) {
          if (label !== 'private key' && isPlaceholderValue(m[0])) continue;
          const range = index.rangeOf(start + m.index, start + m.index + m[0].length);
          found.push(range);
          if (free(range)) report({ range, messageId: 'token', data: { label } });
        }
      }
      if (urls)
        for (const p of urlPasswords(text)) {
          const range = index.rangeOf(start + p.start, start + p.end);
          if (free(range)) report({ range, messageId: 'urlPassword' });
        }
    }
    const literal = (name: string, value: string | undefined, range: Range | undefined | null): void => {
      if (!range || value === undefined || !isSecretName(name) || isPlaceholderValue(value) || found.some((f) => overlaps(f, range))) return;
      report({ range, messageId: 'secretValue', data: { name } });
    };
    // `RUN TOKEN=abc123 ./deploy`, `RUN export API_KEY=abc123`.
    for (const { command } of model.commands()) {
      const words = command.name?.value === 'export' ? [...command.assignments, ...command.args] : command.assignments;
      for (const w of words) {
        const eq = w.value.indexOf('=');
        const rawEq = w.raw.indexOf('=');
        if (eq <= 0 || rawEq !== eq || w.range.start.line !== w.range.end.line) continue;
        const from = index.offsetAt(w.range.start) + eq + 1;
        literal(w.value.slice(0, eq), w.value.slice(eq + 1), from < index.offsetAt(w.range.end) ? index.rangeOf(from, index.offsetAt(w.range.end)) : undefined);
      }
    }
  },
});
