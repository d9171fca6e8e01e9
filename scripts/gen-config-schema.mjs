#!/usr/bin/env node
// Writes schemas/bulkhead.schema.json (the .bulkhead.yaml JSON Schema) from the rule registry.
// Reads the tsc output (out/): `npm run build` runs it after `tsc -b`, so the schema is always
// fresh after a build. Writes only when the text changed. `--check` exits 1 when it is stale.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { allRules } = require(join(root, 'out/server/src/engine/index.js'));
const { configSchemaText } = require(join(root, 'out/server/src/cli/configSchema.js'));

const target = join(root, 'schemas/bulkhead.schema.json');
const text = configSchemaText(allRules());
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {}
  if (current !== text) {
    console.error('schemas/bulkhead.schema.json is stale: run `npm run build` (or `npm run gen`).');
    process.exit(1);
  }
} else {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {}
  if (current !== text) {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    console.log('wrote schemas/bulkhead.schema.json');
  }
}
