/**
 * `bulkhead checklist` (issue 7), spawned from the shipped bundle: JSON pinned for a small
 * fixture (rule lists aside, which grow as rules land), Markdown, text without colour when
 * not a TTY, CI detection and confirmations at the root of the directory given.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cli, ensureBundle, removeTree, tempTree } from './helpers';

const FILES = {
  'app/Dockerfile': ['FROM node:20.18-bookworm-slim', 'USER 10001', 'CMD ["node", "server.js"]', ''].join('\n'),
  '.github/workflows/release.yml': ['jobs:', '  release:', '    steps:', '      - name: Grype', '        run: grype ghcr.io/acme/app:1.2.3', ''].join('\n'),
  '.bulkhead/checklist.json': JSON.stringify({
    confirmations: [{ item: 'daemon-hardening', note: 'rootless Docker on all hosts', by: 'ops', date: '2026-01-05' }],
  }),
};

const strip = <T extends { rules?: unknown }>(i: T) => {
  const { rules: _rules, ...rest } = i;
  return rest;
};

describe('bulkhead checklist', () => {
  let dir: string;
  before(() => {
    ensureBundle();
    dir = tempTree(FILES);
  });
  after(() => removeTree(dir));

  it('--format json: pinned items for a small fixture', () => {
    const r = cli(['checklist', '.', '--format', 'json'], dir);
    assert.equal(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.equal(json.version, 1);
    assert.deepEqual(Object.keys(json), ['version', 'items', 'subjects', 'workspace', 'counts']);
    assert.deepEqual(
      json.subjects.map((s: { id: string; kind: string }) => [s.id, s.kind]),
      [['app/Dockerfile', 'dockerfile']],
    );
    const byId = (list: { id: string }[], id: string) => strip(list.find((i) => i.id === id) as { id: string; status: string; rules?: unknown });
    const items = json.subjects[0].items;
    assert.deepEqual(byId(items, 'non-root-user'), {
      id: 'non-root-user',
      status: 'pass',
      summary: 'USER 10001 on line 2',
      evidence: [{ text: 'USER 10001 on line 2', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 10 } } }],
      findings: [],
    });
    // Another rule's exact range and wording are pinned in its own table; here: status, rule and line.
    const health = items.find((i: { id: string }) => i.id === 'healthcheck');
    assert.deepEqual(
      [
        health.status,
        health.summary,
        health.findings.map((f: { ruleId: string; severity: string; range: { start: { line: number } } }) => [f.ruleId, f.severity, f.range.start.line]),
      ],
      ['fail', '1 finding (missing-healthcheck)', [['missing-healthcheck', 'low', 0]]],
    );
    assert.deepEqual(byId(json.workspace, 'base-image-scan'), {
      id: 'base-image-scan',
      status: 'pass',
      summary: 'Grype scans images in .github/workflows/release.yml, step "Grype" (line 5)',
      evidence: [
        {
          text: 'Grype scans images in .github/workflows/release.yml, step "Grype" (line 5)',
          path: '.github/workflows/release.yml',
          range: { start: { line: 4, character: 8 }, end: { line: 4, character: 41 } },
        },
      ],
      findings: [],
    });
    assert.deepEqual(byId(json.workspace, 'daemon-hardening'), {
      id: 'daemon-hardening',
      status: 'confirmed',
      summary: 'Confirmed: rootless Docker on all hosts',
      evidence: [],
      findings: [],
      question: 'Do the Docker hosts run rootless or with userns-remap, and is the daemon API TLS-protected (or not exposed)?',
      confirmation: { item: 'daemon-hardening', note: 'rootless Docker on all hosts', by: 'ops', date: '2026-01-05' },
    });
    assert.deepEqual(byId(json.workspace, 'secret-rotation'), {
      id: 'secret-rotation',
      status: 'human',
      summary: 'Where do secrets live and how are they rotated?',
      evidence: [],
      findings: [],
      question: 'Where do secrets live and how are they rotated?',
    });
  });

  it('--format markdown', () => {
    const r = cli(['checklist', '.', '--format', 'markdown'], dir);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], '# Container hardening checklist');
    assert.ok(lines.includes('## `app/Dockerfile` — ' + /— (\d+)%/.exec(r.stdout)?.[1] + '%'));
    assert.ok(lines.includes('| ✅ pass | Runs as a non-root user (`non-root-user`, CIS 4.1, 5.24) | USER 10001 on line 2 |'), r.stdout);
    assert.ok(lines.some((l) => l.startsWith('| ❌ fail | Healthcheck defined (`healthcheck`, CIS 4.6, 5.27) | line 1: ')));
    assert.ok(
      lines.includes(
        '| ☑️ confirmed | Host and daemon hardened (TLS on the API, rootless or userns-remap) (`daemon-hardening`, CIS 2.1, 2.7, 2.9) | rootless Docker on all hosts — ops, 2026-01-05<br>(Do the Docker hosts run rootless or with userns-remap, and is the daemon API TLS-protected (or not exposed)?) |',
      ),
    );
  });

  it('text: no ANSI codes when stdout is not a TTY; --color forces them', () => {
    const plain = cli(['checklist', 'app'], dir);
    assert.equal(plain.status, 0);
    assert.doesNotMatch(plain.stdout, new RegExp(String.fromCharCode(27)));
    assert.match(plain.stdout, /^Hardening checklist\n\napp\/Dockerfile {2}\d+% {2}\d+ pass {2}\d+ fail/);
    assert.match(plain.stdout, /\n {2}✔ non-root-user +Runs as a non-root user\n {6}USER 10001 on line 2\n/);
    const colored = cli(['checklist', 'app', '--color'], dir);
    assert.match(colored.stdout, new RegExp(String.fromCharCode(27) + '\\[32m'));
  });

  it('usage errors exit 2', () => {
    assert.equal(cli(['checklist', '--format', 'sarif'], dir).status, 2);
    assert.equal(cli(['checklist', '--fail-on', 'high'], dir).status, 2);
    assert.equal(cli(['checklist', 'missing-dir'], dir).status, 2);
  });
});

describe('bulkhead checklist: a Compose service built from a Dockerfile in the scan', () => {
  let dir: string;
  before(() => {
    ensureBundle();
    dir = tempTree({
      'app/Dockerfile': ['FROM node:latest', 'COPY . .', 'CMD ["node", "server.js"]', ''].join('\n'),
      'compose.yaml': ['services:', '  web:', '    build: ./app', '    read_only: true', '    init: true', ''].join('\n'),
    });
  });
  after(() => removeTree(dir));

  it('text: image items name the Dockerfile and its lines; runtime items stay with the service', () => {
    const r = cli(['checklist', '.'], dir);
    assert.equal(r.status, 0, r.stderr);
    const web = r.stdout.slice(r.stdout.indexOf('compose.yaml › service web'));
    assert.match(web, /\n {2}✘ trusted-pinned-base .*\n( {6}app\/Dockerfile line 1: [^\n]*\n)* {6}app\/Dockerfile line 1: [^\n]*\(`from-latest`, /);
    assert.match(web, /\n {2}✘ non-root-user .*\n {6}app\/Dockerfile line 1: .*\(`missing-user`, high\)/);
    assert.match(web, /\n {2}✔ signal-handling .*\n {6}app\/Dockerfile: CMD in exec form on line 3\n/);
    assert.match(web, /\n {2}✔ read-only-rootfs .*\n {6}read_only: true on line 4\n/);
    // The Dockerfile itself: runtime items are n/a there, not passes.
    const df = r.stdout.slice(r.stdout.indexOf('app/Dockerfile  '), r.stdout.indexOf('compose.yaml › service web'));
    assert.doesNotMatch(df, /✔ (read-only-rootfs|least-privilege|limited-ports)/);
  });

  it('json: inherited findings carry the Dockerfile path', () => {
    const json = JSON.parse(cli(['checklist', '.', '--format', 'json'], dir).stdout);
    const web = json.subjects.find((s: { id: string }) => s.id === 'compose.yaml#web');
    const pinned = web.items.find((i: { id: string }) => i.id === 'trusted-pinned-base');
    assert.deepEqual(
      pinned.findings
        .filter((f: { ruleId: string }) => f.ruleId === 'from-latest')
        .map((f: { path: string; range: { start: { line: number } } }) => [f.path, f.range.start.line]),
      [['app/Dockerfile', 0]],
    );
  });
});
