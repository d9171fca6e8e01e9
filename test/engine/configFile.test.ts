import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze, getRule, layerConfig, loadConfigFile, parseConfigFile, type AnyRule, type ConfigHost } from '../../server/src/engine/index';

/** An in-memory host: POSIX paths, `extends` relative to the declaring file's folder. */
function host(files: Record<string, string>): ConfigHost {
  return {
    read: (f) => files[f],
    resolve: (from, target) => {
      if (target.startsWith('/')) return target;
      const parts = from.split('/').slice(0, -1);
      for (const seg of target.split('/')) {
        if (seg === '..') parts.pop();
        else if (seg !== '.') parts.push(seg);
      }
      return parts.join('/');
    },
  };
}

const preferCopy = getRule('prefer-copy') as AnyRule;
const ADD = 'FROM alpine:3.20\nADD ./app /app\n';

describe('config file: parsing and validation', () => {
  test('a full valid file', () => {
    const r = parseConfigFile(['extends: ../base.yaml', 'rules:', '  prefer-copy: off', '  from-latest: { severity: high }', 'ignore: ["vendor/**"]', 'noInlineSuppressions: true'].join('\n'), 'a/.bulkhead.yaml');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.data, { extends: '../base.yaml', rules: { 'prefer-copy': 'off', 'from-latest': { severity: 'high' } }, ignore: ['vendor/**'], noInlineSuppressions: true });
  });

  test('JSON is accepted too', () => {
    const r = parseConfigFile('{ "rules": { "prefer-copy": "critical" } }', '.bulkhead.json');
    assert.deepEqual(r.data?.rules, { 'prefer-copy': 'critical' });
  });

  test('empty file and empty sections are the defaults', () => {
    assert.deepEqual(parseConfigFile('', 'x').data, { rules: {}, ignore: [] });
    assert.deepEqual(parseConfigFile('# only a comment\nrules:\n  # none yet\nignore:\n', 'x').data, { rules: {}, ignore: [] });
  });

  test('each mistake gets a clear message at its position', () => {
    const cases: [string, RegExp, number][] = [
      ['rules:\n  nope: off\n', /Unknown rule "nope"/, 1],
      ['rules:\n  prefer-copy: loud\n', /Invalid severity "loud" for rule "prefer-copy"/, 1],
      ['rulez: {}\n', /Unknown key "rulez"/, 0],
      ['ignore: vendor\n', /"ignore" must be a list/, 0],
      ['noInlineSuppressions: yes please\n', /must be true or false/, 0],
      ['rules:\n  prefer-copy: { severity: high, options: { x: 1 } }\n', /rule "prefer-copy" takes no options/, 1],
      ['rules: [a]\n', /"rules" must be a mapping/, 0],
      ['- a\n- b\n', /must be a mapping/, 0],
      ['rules:\n  prefer-copy: off\n  prefer-copy: high\n', /Syntax error/, 2],
      ['rules: {\n', /Syntax error/, 1],
    ];
    for (const [text, message, line] of cases) {
      const r = parseConfigFile(text, 'c.yaml');
      assert.equal(r.data, undefined, text);
      assert.equal(r.problems.length >= 1, true, text);
      assert.match(r.problems[0]!.message, message, text);
      assert.equal(r.problems[0]!.range.start.line, line, text);
    }
  });
});

describe('config file: extends', () => {
  test('the extending file wins; a bare severity keeps the base options; ignore patterns add up', () => {
    const loaded = loadConfigFile(
      '/r/app/.bulkhead.yaml',
      host({
        '/r/app/.bulkhead.yaml': 'extends: ../shared/base.yaml\nrules:\n  prefer-copy: critical\nignore: [b]\n',
        '/r/shared/base.yaml': 'rules:\n  prefer-copy: off\n  from-latest: high\nignore: [a]\nnoInlineSuppressions: true\n',
      }),
    );
    assert.deepEqual(loaded.problems, []);
    assert.deepEqual(loaded.files, ['/r/app/.bulkhead.yaml', '/r/shared/base.yaml']);
    assert.deepEqual(loaded.config, { rules: { 'prefer-copy': 'critical', 'from-latest': 'high' }, noInlineSuppressions: true });
    assert.deepEqual(loaded.ignore, ['a', 'b']);
  });

  test('a cycle is a problem at the extends line, and the defaults are used', () => {
    const loaded = loadConfigFile('/r/a.yaml', host({ '/r/a.yaml': 'extends: b.yaml\n', '/r/b.yaml': 'rules: {}\nextends: a.yaml\n' }));
    assert.deepEqual(loaded.config, {});
    assert.equal(loaded.problems.length, 1);
    assert.match(loaded.problems[0]!.message, /cycle: \/r\/a\.yaml → \/r\/b\.yaml → \/r\/a\.yaml/);
    assert.equal(loaded.problems[0]!.file, '/r/b.yaml');
    assert.equal(loaded.problems[0]!.range.start.line, 1);
  });

  test('a missing base is reported in the extending file', () => {
    const loaded = loadConfigFile('/r/a.yaml', host({ '/r/a.yaml': 'rules: {}\nextends: ./gone.yaml\n' }));
    assert.equal(loaded.problems[0]?.file, '/r/a.yaml');
    assert.match(loaded.problems[0]!.message, /cannot be read: \/r\/gone\.yaml/);
  });

  test('an invalid base invalidates the whole chain', () => {
    const loaded = loadConfigFile('/r/a.yaml', host({ '/r/a.yaml': 'extends: b.yaml\nrules: { prefer-copy: off }\n', '/r/b.yaml': 'rules: { nope: off }\n' }));
    assert.deepEqual(loaded.config, {});
    assert.equal(loaded.problems[0]?.file, '/r/b.yaml');
  });
});

describe('config file: precedence and policy', () => {
  test('config beats settings; an inline comment beats both', () => {
    const settings = { customizations: [{ rule: 'prefer-*', severity: 'info' as const }] };
    const fromFile = { rules: { 'prefer-copy': 'critical' as const } };
    const config = layerConfig(settings, fromFile);
    assert.equal(analyze(ADD, { kind: 'dockerfile', config, rules: [preferCopy] }).findings[0]?.severity, 'critical');
    assert.equal(analyze(ADD, { kind: 'dockerfile', config: layerConfig(settings, undefined), rules: [preferCopy] }).findings[0]?.severity, 'info');
    const ignored = analyze('FROM alpine:3.20\n# bulkhead ignore=prefer-copy vendored\nADD ./app /app\n', { kind: 'dockerfile', config, rules: [preferCopy] });
    assert.equal(ignored.findings.length, 0);
    assert.equal(ignored.suppressed.length, 1);
  });

  test('noInlineSuppressions reports the comment and keeps the finding', () => {
    const r = analyze('FROM alpine:3.20\n# bulkhead ignore=prefer-copy vendored\nADD ./app /app\n', { kind: 'dockerfile', config: { noInlineSuppressions: true }, rules: [preferCopy] });
    assert.equal(r.findings.length, 1);
    assert.equal(r.suppressed.length, 0);
    assert.deepEqual(r.problems.map((p) => [p.code, p.range.start.line]), [['suppression-forbidden', 1]]);
  });

  test('"on" enables a rule at its default severity over a settings "off"', () => {
    const config = layerConfig({ customizations: [{ rule: 'prefer-copy', severity: 'off' }] }, { rules: { 'prefer-copy': 'on' } });
    assert.equal(analyze(ADD, { kind: 'dockerfile', config, rules: [preferCopy] }).findings[0]?.severity, preferCopy.meta.severity);
  });
});
