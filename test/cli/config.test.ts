import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import { allRules } from '../../server/src/engine/index';
import { configSchemaText } from '../../server/src/cli/configSchema';
import { STARTER_CONFIG } from '../../server/src/cli/init';
import { ROOT, cli, only, removeTree, tempTree } from './helpers';

const ADD = 'FROM alpine:3.20\nADD ./app /app\n';

interface JsonDoc {
  files: { path: string; findings: { rule: string; severity: string }[]; errors: { code?: string }[] }[];
}

const dirs: string[] = [];
function tree(files: Record<string, string>): string {
  const d = tempTree(files);
  dirs.push(d);
  return d;
}
after(() => dirs.forEach(removeTree));

/** rule → severity per file, over the prefer-copy rule only (--rule flags turn the others off). */
function severities(dir: string, extra: string[] = []): Record<string, string[]> {
  const r = cli(['scan', '--format', 'json', '--fail-on', 'none', ...extra, ...only('prefer-copy')], dir);
  assert.ok(r.status === 0, `exit ${r.status}: ${r.stderr}`);
  const doc = JSON.parse(r.stdout) as JsonDoc;
  return Object.fromEntries(doc.files.map((f) => [f.path, f.findings.map((x) => x.severity)]));
}

describe('bulkhead scan: configuration files', () => {
  test('nearest config wins, walking up from each file; extends is merged', () => {
    const dir = tree({
      '.bulkhead.yaml': 'rules:\n  prefer-copy: high\n',
      'Dockerfile': ADD,
      'a/Dockerfile': ADD,
      'a/b/Dockerfile': ADD,
      'a/b/.bulkhead.json': '{ "extends": "../../.bulkhead.yaml", "ignore": ["vendor/**"] }',
      'a/b/vendor/Dockerfile': ADD,
      'c/.bulkhead.yml': 'rules:\n  prefer-copy: critical\n',
      'c/Dockerfile': ADD,
    });
    assert.deepEqual(severities(dir), { 'Dockerfile': ['high'], 'a/Dockerfile': ['high'], 'a/b/Dockerfile': ['high'], 'c/Dockerfile': ['critical'] });
  });

  test('--rule beats the config file; --no-config and --config', () => {
    const dir = tree({ '.bulkhead.yaml': 'rules:\n  prefer-copy: high\n', 'other.yaml': 'rules:\n  prefer-copy: medium\n', 'Dockerfile': ADD });
    assert.deepEqual(severities(dir, ['--rule', 'prefer-copy=info']), { Dockerfile: ['info'] });
    assert.deepEqual(severities(dir, ['--no-config']), { Dockerfile: ['low'] });
    assert.deepEqual(severities(dir, ['--config', 'other.yaml']), { Dockerfile: ['medium'] });
  });

  test('ignore patterns apply to explicitly named files too (pre-commit passes staged paths)', () => {
    const dir = tree({ '.bulkhead.yaml': 'ignore:\n  - legacy/**\n', 'legacy/Dockerfile': ADD, 'Dockerfile': ADD });
    assert.deepEqual(severities(dir, ['legacy/Dockerfile', 'Dockerfile']), { Dockerfile: ['low'] });
  });

  test('an invalid config: one error line, defaults used, exit 2; the file is still analysed', () => {
    const dir = tree({ '.bulkhead.yaml': 'rules:\n  prefer-copy: loud\n', 'Dockerfile': ADD });
    const r = cli(['scan', '--format', 'json', '--fail-on', 'none', ...only('prefer-copy')], dir);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'bulkhead: invalid configuration .bulkhead.yaml:2:16: Invalid severity "loud" for rule "prefer-copy". Use one of: critical, high, medium, low, info, off, on. Using the defaults for the files it covers.\n');
    assert.deepEqual((JSON.parse(r.stdout) as JsonDoc).files[0]?.findings.map((f) => f.severity), ['low']);
  });

  test('an extends cycle is reported, not followed forever', () => {
    const dir = tree({ '.bulkhead.yaml': 'extends: a.yaml\n', 'a.yaml': 'extends: .bulkhead.yaml\n', 'Dockerfile': ADD });
    const r = cli(['scan', '--fail-on', 'none', ...only('prefer-copy')], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /"extends" forms a cycle/);
  });

  test('noInlineSuppressions: the comment is reported and the finding stays', () => {
    const dir = tree({ '.bulkhead.yaml': 'noInlineSuppressions: true\n', 'Dockerfile': 'FROM alpine:3.20\n# bulkhead ignore=prefer-copy because\nADD ./app /app\n' });
    const r = cli(['scan', '--format', 'json', '--fail-on', 'none', ...only('prefer-copy')], dir);
    const file = (JSON.parse(r.stdout) as JsonDoc).files[0]!;
    assert.deepEqual(file.findings.map((f) => f.rule), ['prefer-copy']);
    assert.deepEqual(file.errors.map((e) => e.code), ['suppression-forbidden']);
  });

  test('SARIF carries config problems as configuration notifications', () => {
    const dir = tree({ '.bulkhead.yaml': 'rules: { nope: off }\n', 'Dockerfile': ADD });
    const r = cli(['scan', '--format', 'sarif', '--fail-on', 'none'], dir);
    const log = JSON.parse(r.stdout) as { runs: { invocations: { toolConfigurationNotifications: { message: { text: string } }[] }[] }[] };
    assert.match(log.runs[0]!.invocations[0]!.toolConfigurationNotifications[0]!.message.text, /Unknown rule "nope"/);
  });
});

describe('bulkhead init', () => {
  test('writes the starter config, which is valid and changes nothing; refuses to overwrite', () => {
    const dir = tree({ Dockerfile: ADD });
    const r = cli(['init'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(join(dir, '.bulkhead.yaml'), 'utf8'), STARTER_CONFIG);
    assert.deepEqual(severities(dir), { Dockerfile: ['low'] });
    const again = cli(['init'], dir);
    assert.equal(again.status, 2);
    assert.match(again.stderr, /already exists; not overwritten/);
  });

  test('refuses when a .bulkhead.json is there', () => {
    const dir = tree({ '.bulkhead.json': '{}' });
    assert.equal(cli(['init'], dir).status, 2);
  });
});

describe('schemas/bulkhead.schema.json', () => {
  const schemaText = readFileSync(join(ROOT, 'schemas', 'bulkhead.schema.json'), 'utf8');
  const schema = JSON.parse(schemaText) as { properties: { rules: { properties: Record<string, unknown> } } };

  test('is generated from the registry and up to date (node scripts/gen-config-schema.mjs)', () => {
    assert.equal(schemaText, configSchemaText(allRules()));
  });

  test('lists every rule id', () => {
    assert.deepEqual(Object.keys(schema.properties.rules.properties), allRules().map((r) => r.meta.id).sort());
  });

  test('accepts good configs (the starter included) and rejects bad ones', () => {
    const validate = new Ajv({ strict: false }).compile(schema);
    const good = [STARTER_CONFIG, 'rules:\n  prefer-copy: off\n  from-latest: { severity: high }\nignore: [a/**]\nextends: ../x.yaml\n', '{}'];
    for (const text of good) assert.equal(validate(parseYaml(text) ?? {}), true, `${text}\n${JSON.stringify(validate.errors)}`);
    const bad = ['rules:\n  nope: off\n', 'rules:\n  prefer-copy: loud\n', 'rulez: {}\n', 'ignore: x\n', 'noInlineSuppressions: 1\n', 'rules:\n  prefer-copy: { options: { a: 1 } }\n'];
    for (const text of bad) assert.equal(validate(parseYaml(text)), false, text);
  });

  test('is contributed to the editor for .bulkhead.json, .yaml and .yml', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: Record<string, { fileMatch: string[]; url: string }[]> };
    assert.deepEqual(pkg.contributes['jsonValidation'], [{ fileMatch: ['.bulkhead.json'], url: './schemas/bulkhead.schema.json' }]);
    assert.deepEqual(pkg.contributes['yamlValidation'], [{ fileMatch: ['.bulkhead.yaml', '.bulkhead.yml'], url: './schemas/bulkhead.schema.json' }]);
  });
});
