// Hint-level problems (an ignore comment that hides nothing) are shown as hints, not as parse
// problems: a dim `hint` row and "1 hint" in text, `note` in SARIF, `notice` in GitHub annotations.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cli, ensureBundle, removeTree, tempTree } from './helpers';

describe('cli: hint problems', () => {
  let dir: string;
  before(() => {
    ensureBundle();
    dir = tempTree({ Dockerfile: 'FROM alpine:3.20\n# bulkhead ignore=no-sudo -- not needed\nRUN echo hi\nUSER 1000\n' });
  });
  after(() => removeTree(dir));

  it('text: a hint row and "1 hint" in the summary, not a parse problem', () => {
    const r = cli(['scan', '.', '--fail-on', 'none'], dir);
    assert.match(r.stdout, /2:1 +hint +This bulkhead comment hides no no-sudo finding.*parse:unused-suppression/);
    assert.match(r.stdout, /, 1 hint · 1 file scanned/);
    assert.doesNotMatch(r.stdout, /parse problem/);
  });

  it('SARIF: a tool notification at level note', () => {
    const sarif = JSON.parse(cli(['scan', '.', '--format', 'sarif', '--fail-on', 'none'], dir).stdout) as {
      runs: { invocations: { toolExecutionNotifications: { level: string; descriptor: { id: string } }[] }[] }[];
    };
    const n = sarif.runs[0]!.invocations[0]!.toolExecutionNotifications.find((x) => x.descriptor.id === 'parse/unused-suppression');
    assert.equal(n?.level, 'note');
  });

  it('GitHub annotations: ::notice', () => {
    const r = cli(['scan', '.', '--format', 'github', '--fail-on', 'none'], dir);
    assert.match(r.stdout, /^::notice file=Dockerfile,line=2,.*title=bulkhead parse%3Aunused-suppression::/m);
  });
});
