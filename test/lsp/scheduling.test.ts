import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction } from 'vscode-languageserver/node';
import { analyze, getRule, type AnyRule } from '../../server/src/engine/index';
import { defineRule } from '../../server/src/engine/rule';
import { startTestServer } from '../harness/lsp';

const preferCopy = getRule('prefer-copy') as AnyRule;

/** A rule that burns 60 ms of CPU on any Dockerfile whose text says SLOW: an expensive document. */
const slow = defineRule({
  meta: { id: 'test-slow', kind: 'dockerfile', title: 'Slow', severity: 'info', category: 'hygiene', messages: { m: 'slow' }, references: [] },
  defaultOptions: undefined,
  check(ctx) {
    if (!ctx.model.text.includes('SLOW')) return;
    // CPU time, not wall time: the server measures cost in CPU, and a loaded machine stretches wall time.
    const start = process.cpuUsage();
    while (cpuMs(process.cpuUsage(start)) < 60) {
      /* busy: the analysis really is expensive */
    }
  },
}) as AnyRule;

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

/** Texts whose version is visible in the diagnostics: one ADD (prefer-copy) per version. */
const textOf = (version: number, head = 'FROM alpine\n') => head + Array.from({ length: version }, (_, i) => `ADD f${i} /f${i}\n`).join('');

describe('adaptive scheduling (documents.ts)', () => {
  // A cold first analysis (module loading, JIT) costs more than the document's own: warm up.
  before(() => {
    for (let i = 0; i < 3; i++) analyze(textOf(3), { kind: 'dockerfile', rules: [preferCopy] });
  });

  it('analyses a cheap document at once: no debounce wait', async () => {
    // A 20 s debounce: were it applied, the publish below would time out (5 s). cheapMs 1000: a
    // loaded machine cannot make these tiny analyses count as expensive.
    const client = await startTestServer({ pull: false, rules: [preferCopy], debounceMs: 20_000, cheapMs: 1000 });
    const uri = 'file:///work/cheap/Dockerfile';
    await client.open(uri, textOf(1));
    await client.waitForPublish(uri, (p) => p.version === 1);
    await client.change(uri, textOf(2), 2);
    const p = await client.waitForPublish(uri, (x) => x.version === 2);
    assert.equal(p.diagnostics.length, 2);
    await client.close(uri);
    client.dispose();
  });

  it('never publishes a stale version: versions only grow and the last one is published with its own findings', async () => {
    const client = await startTestServer({ pull: false, rules: [preferCopy], debounceMs: 20_000, cheapMs: 1000 });
    const uri = 'file:///work/burst-cheap/Dockerfile';
    await client.open(uri, textOf(1));
    await client.waitForPublish(uri, (p) => p.version === 1);
    // Sent back to back, without awaiting each other: keys typed faster than the server answers.
    await Promise.all([2, 3, 4, 5, 6].map((v) => client.change(uri, textOf(v), v)));
    await client.waitForPublish(uri, (p) => p.version === 6);
    const mine = client.published.filter((p) => p.uri === uri);
    const versions = mine.map((p) => p.version as number);
    assert.deepEqual(
      versions,
      [...versions].sort((a, b) => a - b),
    );
    assert.equal(new Set(versions).size, versions.length, 'a version published twice');
    for (const p of mine) assert.equal(p.diagnostics.length, p.version, `version ${p.version} published with another version's findings`);
    await client.close(uri);
    client.dispose();
  });

  it('debounces a slow document without delaying a fast one', async () => {
    // 1.5 s: the slow document's last analysis must still be "recent" when its edit arrives, however loaded the machine.
    const client = await startTestServer({ pull: false, rules: [preferCopy, slow], debounceMs: 1500, cheapMs: 30 });
    const slowUri = 'file:///work/slow/Dockerfile';
    const fastUri = 'file:///work/fast/Dockerfile';
    await client.open(slowUri, textOf(1, 'FROM alpine\n# SLOW\n'));
    await client.waitForPublish(slowUri, (p) => p.version === 1);
    await client.open(fastUri, textOf(1));
    await client.waitForPublish(fastUri, (p) => p.version === 1);
    // The slow document was analysed less than 1.5 s ago: its edit waits for the debounce.
    await client.change(slowUri, textOf(2, 'FROM alpine\n# SLOW\n'), 2);
    await client.change(fastUri, textOf(2), 2);
    await client.waitForPublish(slowUri, (p) => p.version === 2);
    const order = client.published.filter((p) => p.version === 2).map((p) => p.uri);
    assert.deepEqual(order, [fastUri, slowUri]);
    client.dispose();
  });

  it('analyses an isolated edit of a slow document at once (quiet for longer than the debounce)', async () => {
    const client = await startTestServer({ pull: false, rules: [preferCopy, slow], debounceMs: 300, cheapMs: 30 });
    const uri = 'file:///work/slow-quiet/Dockerfile';
    await client.open(uri, textOf(1, 'FROM alpine\n# SLOW\n'));
    await client.waitForPublish(uri, (p) => p.version === 1);
    await new Promise((r) => setTimeout(r, 400));
    const sent = performance.now();
    await client.change(uri, textOf(2, 'FROM alpine\n# SLOW\n'), 2);
    await client.waitForPublish(uri, (p) => p.version === 2);
    // 60 ms of CPU, no 300 ms debounce: generous for a loaded machine, but below debounce + analysis.
    assert.ok(performance.now() - sent < 360, `took ${Math.round(performance.now() - sent)} ms`);
    client.dispose();
  });

  it('does not let continuous typing postpone an expensive document past two debounce periods', async () => {
    const client = await startTestServer({ pull: false, rules: [preferCopy], debounceMs: 200, cheapMs: 0 });
    const uri = 'file:///work/typing-on/Dockerfile';
    await client.open(uri, textOf(1));
    await client.waitForPublish(uri, (p) => p.version === 1);
    // A key every 40 ms for 1.2 s: each one would restart a plain debounce.
    for (let v = 2; v <= 31; v++) {
      await client.change(uri, textOf(v), v);
      await new Promise((r) => setTimeout(r, 40));
    }
    const during = client.published.filter((p) => p.uri === uri && p.version !== 1 && p.version !== 31);
    assert.ok(during.length > 0, 'no diagnostics while typing');
    await client.waitForPublish(uri, (p) => p.version === 31);
    client.dispose();
  });

  it('drops the pending run of a document closed before its debounce ends', async () => {
    const client = await startTestServer({ pull: false, rules: [preferCopy], debounceMs: 200, cheapMs: 0 });
    const uri = 'file:///work/closed/Dockerfile';
    await client.open(uri, textOf(1));
    await client.waitForPublish(uri, (p) => p.version === 1);
    await client.change(uri, textOf(2), 2);
    await client.close(uri);
    await client.waitForPublish(uri, (p) => p.version === undefined && p.diagnostics.length === 0);
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(
      client.published.filter((p) => p.uri === uri).map((p) => p.version),
      [1, undefined],
    );
    assert.equal(client.statuses.filter((s) => s.uri === uri).length, 1, 'the closed version was analysed');
    client.dispose();
  });

  it('answers a pull for a document closed during the debounce', async () => {
    const client = await startTestServer({ rules: [preferCopy], debounceMs: 200, cheapMs: 0 });
    const uri = 'file:///work/closed-pull/Dockerfile';
    await client.open(uri, textOf(1));
    assert.equal((await client.pull(uri)).length, 1);
    await client.change(uri, textOf(2), 2);
    const pending = client.pull(uri);
    await client.close(uri);
    assert.deepEqual(await pending, []);
    client.dispose();
  });
});

describe('what a keystroke waits for (issue #8)', () => {
  it("push: a version's diagnostics are sent before its status notification", async () => {
    const client = await startTestServer({ pull: false, rules: [preferCopy] });
    const uri = 'file:///work/order/Dockerfile';
    // Statuses of this document already received when each version's diagnostics arrived.
    const statusesAtPublish = new Map<number, number>();
    const published = client.waitForPublish(uri, (p) => {
      if (!statusesAtPublish.has(p.version ?? -1)) statusesAtPublish.set(p.version ?? -1, client.statuses.filter((s) => s.uri === uri).length);
      return p.version === 2;
    });
    await client.open(uri, textOf(1));
    await client.waitForPublish(uri, (p) => p.version === 1);
    await client.waitForStatus((s) => s.uri === uri);
    await client.change(uri, textOf(2), 2);
    await published;
    await client.waitForStatus((s) => s.uri === uri && s.findings === 2);
    assert.deepEqual(
      [...statusesAtPublish],
      [
        [1, 0],
        [2, 1],
      ],
    );
    client.dispose();
  });
});

describe('memory: full analyses for the most recently used documents only', () => {
  it('offers the same quick fixes for an evicted document, recomputed without publishing again', async () => {
    const client = await startTestServer({ pull: false, rules: [preferCopy], keepFull: 2 });
    const uris = [1, 2, 3, 4].map((i) => `file:///work/many${i}/Dockerfile`);
    for (const uri of uris) {
      await client.open(uri, textOf(2));
      // The status follows the diagnostics (they are sent first): wait for both.
      await Promise.all([client.waitForPublish(uri, (p) => p.version === 1), client.waitForStatus((s) => s.uri === uri)]);
    }
    const first = client.published.find((p) => p.uri === uris[0])!;
    const d = first.diagnostics[1]!;
    const statuses = client.statuses.length;
    const actions = (await client.codeActions(uris[0]!, d.range, [d])) as CodeAction[];
    assert.equal(actions[0]?.title, 'Replace ADD with COPY');
    assert.deepEqual(actions[0]?.diagnostics, [d]);
    // Recomputed for the code action only: no new analysis announced, nothing published.
    assert.equal(client.statuses.length, statuses);
    assert.equal(client.published.filter((p) => p.uri === uris[0]).length, 1);
    client.dispose();
  });
});
