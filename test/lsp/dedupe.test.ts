// bulkhead.dedupe: findings another installed linter reports the same way are hidden.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { getRule, type AnyRule } from '../../server/src/engine/index';
import { defineRule } from '../../server/src/engine/rule';
import { duplicatedRules, peersFrom } from '../../server/src/lsp/dedupe';
import { startTestServer, type TestClient } from '../harness/lsp';

const preferCopy = getRule('prefer-copy') as AnyRule; // hadolint DL3020, same
const rule = (id: string, references: AnyRule['meta']['references']) =>
  defineRule({
    meta: { id, kind: 'dockerfile', title: id, severity: 'medium', category: 'hygiene', messages: { m: id }, references },
    defaultOptions: undefined,
    check({ model, report }) {
      const from = model.instructions[0];
      if (from) report({ range: from.keywordRange, messageId: 'm' });
    },
  }) as AnyRule;
const buildkitSame = rule('test-buildkit-same', [{ tool: 'buildkit', id: 'FromAsCasing', match: 'same' }]);
const buildkitPartial = rule('test-buildkit-partial', [{ tool: 'buildkit', id: 'Other', match: 'partial' }]);
const trivyOnly = rule('test-trivy', [{ tool: 'trivy', id: 'DS-0001', match: 'same' }]);
const RULES = [preferCopy, buildkitSame, buildkitPartial, trivyOnly];

describe('bulkhead.dedupe', () => {
  let client: TestClient;
  before(async () => {
    client = await startTestServer({ rules: RULES });
  });
  after(() => client.dispose());

  it('peers: from initializationOptions, both when the client says nothing', () => {
    assert.deepEqual(peersFrom(undefined), ['buildkit', 'hadolint']);
    assert.deepEqual(peersFrom({ peers: ['hadolint', 'eslint'] }), ['hadolint']);
    assert.deepEqual([...duplicatedRules(RULES, ['hadolint'])], ['prefer-copy']);
    assert.deepEqual([...duplicatedRules(RULES, ['buildkit'])], ['test-buildkit-same']);
    assert.deepEqual([...duplicatedRules(RULES, [])], []);
  });

  it('off by default; on hides only "same" matches of the peers, and the rest keep working', async () => {
    const uri = 'file:///work/dedupe/Dockerfile';
    const text = 'FROM alpine:3.20\nADD ./app /app\n';
    await client.open(uri, text);
    assert.deepEqual((await client.pull(uri)).map((d) => d.code).sort(), ['prefer-copy', 'test-buildkit-partial', 'test-buildkit-same', 'test-trivy']);
    await client.close(uri);

    const refreshes = client.refreshes;
    await client.changeSettings({ dedupe: true });
    await client.waitForRefresh(refreshes);
    await client.open(uri, text);
    const items = await client.pull(uri);
    assert.deepEqual(items.map((d) => d.code).sort(), ['test-buildkit-partial', 'test-trivy']);
    assert.ok(items.every((d) => d.source === 'bulkhead'));
    // Quick fixes still point at the right finding (indices are those of the shown list).
    const actions = await client.codeActions(uri, items[0]!.range, [items[0]!]);
    assert.ok(actions.some((a) => a.title === `Ignore ${String(items[0]!.code)} for this instruction`));
    await client.close(uri);
    await client.changeSettings({});
  });
});
