// The vscode-eslint-style settings: validate, codeAction.*, codeActionsOnSave.mode,
// problems.shortenToSingleLine, timeBudget.onValidation; each honoured by the server.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction } from 'vscode-languageserver/node';
import { getRule, type AnyRule } from '../../server/src/engine/index';
import { defineRule } from '../../server/src/engine/rule';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../shared/src/settings';
import { isValidated } from '../../server/src/lsp/settings';
import { actionEdits, applyTextEdits, REPO_ROOT, startTestServer, type TestClient } from '../harness/lsp';

const preferCopy = getRule('prefer-copy') as AnyRule;

/** Reports every multi-line RUN over its whole range (for shortenToSingleLine). */
const longRun = defineRule({
  meta: { id: 'test-long-run', kind: 'dockerfile', title: 'Long RUN', severity: 'medium', category: 'hygiene', messages: { m: 'long RUN' }, references: [] },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const ins of model.instructions) if (ins.keyword === 'RUN' && ins.range.end.line > ins.range.start.line) report({ range: ins.range, messageId: 'm' });
  },
}) as AnyRule;

const TEXT = 'FROM alpine:3.20\nADD ./app /app\nADD ./etc /etc\n';
const LINE1 = { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } };

describe('settings following vscode-eslint', () => {
  let client: TestClient;
  before(async () => {
    client = await startTestServer({ rules: [preferCopy, longRun] });
  });
  after(() => client.dispose());

  const withSettings = async (settings: unknown) => {
    const refreshes = client.refreshes;
    await client.changeSettings(settings);
    await client.waitForRefresh(refreshes);
  };

  it('normalises: defaults, bad values fall back, error budget never below warn', () => {
    assert.deepEqual(normalizeSettings(undefined), DEFAULT_SETTINGS);
    const s = normalizeSettings({
      validate: ['dockerfile', 3, ''],
      codeAction: { disableRuleComment: { enable: false, location: 'sameLine' }, showDocumentation: { enable: 'no' } },
      codeActionsOnSave: { mode: 'problems' },
      problems: { shortenToSingleLine: true },
      timeBudget: { onValidation: { warn: 50, error: 10 }, perRule: { warn: -1, stop: 5 } },
      dedupe: true,
    });
    assert.deepEqual(s.validate, ['dockerfile']);
    assert.deepEqual(s.codeAction, { disableRuleComment: { enable: false, location: 'separateLine' }, showDocumentation: { enable: true } });
    assert.equal(s.codeActionsOnSave.mode, 'problems');
    assert.equal(s.problems.shortenToSingleLine, true);
    assert.deepEqual(s.timeBudget.onValidation, { warn: 50, error: 50 });
    // A negative warning or a stop below 100 ms (it would turn healthy rules off) falls back to the default.
    assert.deepEqual(s.timeBudget.perRule, { warn: 500, stop: 2000 });
    assert.deepEqual(normalizeSettings({ timeBudget: { perRule: { warn: 0, stop: 150 } } }).timeBudget.perRule, { warn: 0, stop: 150 });
    assert.equal(s.dedupe, true);
    assert.equal(normalizeSettings({ codeActionsOnSave: { mode: 'some' } }).codeActionsOnSave.mode, 'all');
    assert.deepEqual(
      [0, -5, 'x', 12.7, 99_999].map((v) => normalizeSettings({ maxFileSize: v }).maxFileSize),
      [4096, 4096, 4096, 12, 4096],
    );
  });

  it("package.json declares every setting with the normaliser's default, resource-scoped", () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
    const props = pkg.contributes.configuration.properties as Record<string, { default: unknown; scope: string }>;
    const D = DEFAULT_SETTINGS;
    const expected: Record<string, unknown> = {
      'bulkhead.enable': D.enable,
      'bulkhead.run': D.run,
      'bulkhead.validate': D.validate,
      'bulkhead.codeAction.disableRuleComment': D.codeAction.disableRuleComment,
      'bulkhead.codeAction.showDocumentation': D.codeAction.showDocumentation,
      'bulkhead.codeActionsOnSave.mode': D.codeActionsOnSave.mode,
      'bulkhead.problems.shortenToSingleLine': D.problems.shortenToSingleLine,
      'bulkhead.timeBudget.onValidation': D.timeBudget.onValidation,
      'bulkhead.timeBudget.perRule': D.timeBudget.perRule,
      'bulkhead.dedupe': D.dedupe,
      'bulkhead.maxFileSize': D.maxFileSize,
    };
    for (const [key, value] of Object.entries(expected)) {
      assert.deepEqual(props[key]?.default, value, key);
      assert.equal(props[key]?.scope, 'resource', key);
    }
    assert.deepEqual(props['bulkhead.trace.server']?.default, 'off');
  });

  it('validate: language ids and path globs', async () => {
    assert.equal(isValidated(['dockerfile'], 'dockerfile', 'file:///w/Dockerfile'), true);
    assert.equal(isValidated(['dockercompose'], 'dockerfile', 'file:///w/Dockerfile'), false);
    assert.equal(isValidated(['ci/*.docker'], 'plaintext', 'file:///w/ci/build.docker'), true);
    assert.equal(isValidated(['**/deploy/*.{yml,yaml}'], 'yaml', 'file:///w/x/deploy/stack.yaml'), true);
    assert.equal(isValidated(['/w/*.docker'], 'plaintext', 'file:///v/w/a.docker'), false);

    const uri = 'file:///work/validate/Dockerfile';
    await withSettings({ validate: ['dockercompose'] });
    await client.open(uri, TEXT);
    assert.deepEqual(await client.pull(uri), []);
    await client.close(uri);

    // A file whose name says nothing, selected by a glob: recognised by its content.
    const odd = 'file:///work/validate/ci/build.docker';
    await withSettings({ validate: ['dockerfile', 'ci/*.docker'] });
    await client.open(odd, TEXT, 'plaintext');
    assert.equal((await client.pull(odd)).length, 2);
    await client.close(odd);
    await withSettings({});
    await client.open(odd, TEXT, 'plaintext');
    assert.deepEqual(await client.pull(odd), []);
    await client.close(odd);
  });

  it('codeAction.disableRuleComment and codeAction.showDocumentation', async () => {
    const uri = 'file:///work/actions/Dockerfile';
    const titles = async () => {
      await client.open(uri, TEXT);
      const diagnostics = await client.pull(uri);
      const actions = await client.codeActions(uri, LINE1, [diagnostics[0]!]);
      await client.close(uri);
      return actions.map((a) => a.title);
    };
    assert.deepEqual(await titles(), [
      'Replace ADD with COPY',
      'Fix all prefer-copy problems in this file',
      'Ignore prefer-copy for this instruction',
      'Ignore prefer-copy for this file',
      'Show documentation for prefer-copy',
      'Fix all auto-fixable problems',
    ]);
    await withSettings({ codeAction: { disableRuleComment: { enable: false }, showDocumentation: { enable: false } } });
    assert.deepEqual(await titles(), ['Replace ADD with COPY', 'Fix all prefer-copy problems in this file', 'Fix all auto-fixable problems']);
    await withSettings({ codeAction: { showDocumentation: { enable: false } } });
    assert.equal((await titles()).includes('Ignore prefer-copy for this file'), true);
    await withSettings({});
  });

  it('codeActionsOnSave.mode: all re-analyses the current text; problems fixes what is shown, one pass', async () => {
    const uri = 'file:///work/onsave/Dockerfile';
    const fixAll = async (): Promise<string> => {
      await client.open(uri, TEXT);
      await client.pull(uri);
      const [action] = await client.codeActions(uri, LINE1, [], ['source.fixAll.bulkhead']);
      await client.close(uri);
      assert.equal((action as CodeAction).kind, 'source.fixAll.bulkhead');
      return applyTextEdits(TEXT, actionEdits(action!));
    };
    const fixed = 'FROM alpine:3.20\nCOPY ./app /app\nCOPY ./etc /etc\n';
    assert.equal(await fixAll(), fixed);
    await withSettings({ codeActionsOnSave: { mode: 'problems' } });
    assert.equal(await fixAll(), fixed);
    // `problems` works from the shown analysis: with the rule off there is nothing to fix.
    await withSettings({ codeActionsOnSave: { mode: 'problems' }, rules: { customizations: [{ rule: 'prefer-copy', severity: 'off' }] } });
    await client.open(uri, TEXT);
    await client.pull(uri);
    assert.deepEqual(await client.codeActions(uri, LINE1, [], ['source.fixAll.bulkhead']), []);
    await client.close(uri);
    await withSettings({});
  });

  it('problems.shortenToSingleLine cuts multi-line ranges to their first line', async () => {
    const uri = 'file:///work/shorten/Dockerfile';
    const text = 'FROM alpine:3.20\nRUN apk add \\\n    curl\n';
    const ranges = async () => {
      await client.open(uri, text);
      const r = (await client.pull(uri)).filter((d) => d.code === 'test-long-run').map((d) => d.range);
      await client.close(uri);
      return r;
    };
    assert.deepEqual(await ranges(), [{ start: { line: 1, character: 0 }, end: { line: 2, character: 8 } }]);
    await withSettings({ problems: { shortenToSingleLine: true } });
    assert.deepEqual(await ranges(), [{ start: { line: 1, character: 0 }, end: { line: 1, character: 13 } }]);
    await withSettings({});
  });

  it('timeBudget.onValidation: the status says warn or error and the output channel names the file', async () => {
    const uri = 'file:///work/budget/Dockerfile';
    await withSettings({ timeBudget: { onValidation: { warn: 0, error: 100000 } } });
    await client.open(uri, TEXT);
    await client.pull(uri);
    const warn = await client.waitForStatus((s) => s.uri === uri);
    assert.equal(warn.budget, 'warn');
    await client.waitForLog((m) => m.includes(uri) && m.includes('bulkhead.timeBudget.onValidation.warn'));
    await client.close(uri);

    await withSettings({ timeBudget: { onValidation: { warn: 0, error: 0 } } });
    await client.open(uri, TEXT);
    await client.pull(uri);
    await client.waitForStatus((s) => s.uri === uri && s.budget === 'error');
    await client.close(uri);

    await withSettings({});
    const other = 'file:///work/budget2/Dockerfile';
    await client.open(other, TEXT);
    await client.pull(other);
    assert.equal((await client.waitForStatus((s) => s.uri === other)).budget, undefined);
    await client.close(other);
  });
});
