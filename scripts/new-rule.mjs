#!/usr/bin/env node
// Scaffolds a rule: rule file, test table and doc page, then regenerates the registry.
//   npm run new-rule -- <kind> <rule-id>      e.g. npm run new-rule -- dockerfile no-sudo
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [kind, id] = process.argv.slice(2);
if (!['dockerfile', 'compose'].includes(kind ?? '') || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id ?? '')) {
  console.error('usage: npm run new-rule -- <dockerfile|compose> <kebab-case-id>');
  process.exit(2);
}
const lang = kind === 'dockerfile' ? 'dockerfile' : 'yaml';
const sample = kind === 'dockerfile' ? ['FROM alpine:3.20'] : ['services:', '  web:', '    image: nginx:1.27'];
const files = {
  [`server/src/engine/rules/${kind}/${id}.ts`]: `import { defineRule } from '../../rule';

/** TODO: what this rule finds, in one sentence. */
export default defineRule({
  meta: {
    id: '${id}',
    kind: '${kind}',
    title: 'TODO imperative title',
    severity: 'medium',
    category: 'hygiene',
    messages: {
      problem: 'TODO what is wrong, why it matters and what to do.',
    },
    checklist: [],
    references: [],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    void model;
    void report;
  },
});
`,
  [`test/rules/${kind}/${id}.test.ts`]: `import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/${kind}/${id}';

ruleTester.run(rule, {
  valid: [${JSON.stringify(sample)}],
  invalid: [],
});
`,
  [`docs/rules/${id}.md`]: `# ${id}

TODO imperative title

**Severity:** medium · **Category:** hygiene · **Fix:** none

## What it checks

## Why it matters

## How to fix

## Examples

### Incorrect

\`\`\`${lang}
${sample.join('\n')}
\`\`\`

### Correct

\`\`\`${lang}
${sample.join('\n')}
\`\`\`

## References
`,
};
for (const [rel, text] of Object.entries(files)) {
  const p = join(root, rel);
  if (existsSync(p)) {
    console.error(`${rel} exists; not overwriting`);
    process.exit(1);
  }
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, text);
  console.log(`created ${rel}`);
}
execFileSync(process.execPath, [join(root, 'scripts/gen-rules.mjs')], { stdio: 'inherit' });
