/**
 * Checklist evaluation (issue 7): pass with evidence lines, fail with findings and lines,
 * n/a, needs a human, confirmed; Compose services; workspace CI detection.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allRules, analyze, type AnyRule } from '../../server/src/engine/index';
import { defineRule } from '../../server/src/engine/rule';
import { composeServices, evaluateChecklist, isCiConfigPath, parseConfirmations, type ChecklistItemResult, type ChecklistReport } from '../../server/src/engine/checklist';
import { checklistToMarkdown } from '../../server/src/engine/checklist-markdown';

const df = (...lines: string[]) => lines.join('\n') + '\n';

/**
 * A fixed rule set, so these tables pin the checklist's logic rather than the growing registry
 * (new rules joining an item would change its evidence text and sometimes its status).
 */
const RULE_IDS = ['missing-user', 'last-user-root', 'no-sudo', 'from-latest', 'from-untagged', 'missing-healthcheck', 'secret-in-env-arg', 'hardcoded-secret', 'copy-secret-file', 'expose-ssh', 'prefer-copy', 'exec-form', 'curl-pipe-shell', 'insecure-download', 'add-remote-unverified', 'pkg-signature-bypass'];
const RULES: readonly AnyRule[] = allRules().filter((r) => RULE_IDS.includes(r.meta.id));

function dockerfileReport(text: string, extra: Partial<Parameters<typeof evaluateChecklist>[0]> = {}, config?: Parameters<typeof analyze>[1]['config']): ChecklistReport {
  return evaluateChecklist({ files: [{ path: 'Dockerfile', result: analyze(text, { kind: 'dockerfile', rules: RULES, ...(config ? { config } : {}) }) }], rules: RULES, ...extra });
}

function item(report: ChecklistReport, id: string, subject = 0): ChecklistItemResult {
  const found = report.subjects[subject]?.items.find((i) => i.id === id) ?? report.workspace.find((i) => i.id === id);
  assert.ok(found, id);
  return found;
}

const HARDENED = df(
  'FROM golang:1.22-alpine AS build',
  'WORKDIR /src',
  'COPY . .',
  'RUN --mount=type=secret,id=netrc,target=/root/.netrc go build -o /app .',
  'FROM gcr.io/distroless/static-debian12:nonroot',
  'COPY --from=build /app /app',
  'USER 10001',
  'EXPOSE 8080',
  'HEALTHCHECK CMD ["/app", "health"]',
  'ENTRYPOINT ["/app"]',
);

const INSECURE = df('FROM node:latest', 'ENV API_TOKEN=abc', 'RUN sudo apt-get install -y curl', 'EXPOSE 22', 'CMD node server.js');

describe('checklist: Dockerfile items', () => {
  const hardened = dockerfileReport(HARDENED);
  const insecure = dockerfileReport(INSECURE);
  const cases: { name: string; report: ChecklistReport; id: string; status: string; evidence?: string[]; lines?: number[] }[] = [
    { name: 'USER 10001 is the evidence', report: hardened, id: 'non-root-user', status: 'pass', evidence: ['USER 10001 on line 7'] },
    { name: 'distroless final base is minimal', report: hardened, id: 'minimal-base-image', status: 'pass', evidence: ['FROM gcr.io/distroless/static-debian12:nonroot on line 5'] },
    { name: 'every external FROM is listed, noting digests', report: hardened, id: 'trusted-pinned-base', status: 'pass', evidence: ['FROM golang:1.22-alpine on line 1 (tag only, no digest)', 'FROM gcr.io/distroless/static-debian12:nonroot on line 5 (tag only, no digest)'] },
    { name: 'two stages prove a split build', report: hardened, id: 'multi-stage-build', status: 'pass', evidence: ['2 stages; the final stage starts on line 5'] },
    { name: 'secret mount proves secrets at build time', report: hardened, id: 'secrets-at-runtime', status: 'pass', evidence: ['RUN --mount=type=secret on line 4'] },
    { name: 'HEALTHCHECK line', report: hardened, id: 'healthcheck', status: 'pass', evidence: ['HEALTHCHECK on line 9'] },
    { name: 'exec-form ENTRYPOINT', report: hardened, id: 'signal-handling', status: 'pass', evidence: ['ENTRYPOINT in exec form on line 10'] },
    { name: 'EXPOSE lines', report: hardened, id: 'limited-ports', status: 'pass', evidence: ['EXPOSE 8080 on line 8'] },
    { name: 'rules without findings', report: hardened, id: 'supply-chain-integrity', status: 'pass', evidence: ['No findings from add-remote-unverified, curl-pipe-shell, insecure-download, pkg-signature-bypass'] },
    { name: 'runtime-only item is n/a in a Dockerfile', report: hardened, id: 'read-only-rootfs', status: 'na' },
    { name: 'missing USER fails with its line', report: insecure, id: 'non-root-user', status: 'fail', lines: [1, 3] },
    { name: ':latest fails', report: insecure, id: 'trusted-pinned-base', status: 'fail', lines: [1] },
    { name: 'secret ENV fails', report: insecure, id: 'no-secrets-in-image', status: 'fail', lines: [2, 2] },
    { name: 'EXPOSE 22 fails ports', report: insecure, id: 'limited-ports', status: 'fail', lines: [4] },
    { name: 'shell-form CMD fails signals', report: insecure, id: 'signal-handling', status: 'fail', lines: [5] },
    { name: 'single stage, full image: a human decides', report: insecure, id: 'multi-stage-build', status: 'human' },
    { name: 'no minimal evidence: a human decides', report: insecure, id: 'minimal-base-image', status: 'human' },
  ];
  for (const c of cases) {
    it(`${c.id}: ${c.name}`, () => {
      const r = item(c.report, c.id);
      assert.equal(r.status, c.status, JSON.stringify(r));
      if (c.evidence) assert.deepEqual(r.evidence.map((e) => e.text), c.evidence);
      if (c.lines) assert.deepEqual(r.findings.map((f) => f.range.start.line + 1), c.lines);
    });
  }

  it('an item whose rules are all turned off is n/a and says so', () => {
    const r = item(dockerfileReport(INSECURE, {}, { rules: { 'missing-healthcheck': 'off' } }), 'healthcheck');
    assert.equal(r.status, 'na');
    assert.equal(r.summary, 'Not checked: missing-healthcheck turned off.');
  });

  it('an ignored finding passes the item and is listed as evidence', () => {
    const r = item(dockerfileReport(df('# bulkhead ignore-file=missing-healthcheck run by the orchestrator', 'FROM alpine:3.20', 'USER 10001', 'CMD ["sh"]')), 'healthcheck');
    assert.equal(r.status, 'pass');
    assert.deepEqual(r.evidence.map((e) => e.text), ['missing-healthcheck finding ignored by a bulkhead ignore comment on line 2']);
  });

  it('counts and score per subject', () => {
    const s = hardened.subjects[0]!;
    assert.equal(s.counts.fail, 0);
    assert.equal(s.score, 100);
    assert.equal(insecure.subjects[0]!.score < 50, true);
  });
});

describe('checklist: Compose services', () => {
  const privileged = defineRule<'compose', 'privileged'>({
    meta: { id: 'test-compose-privileged', kind: 'compose', title: 't', severity: 'critical', category: 'privilege', messages: { privileged: 'privileged' }, checklist: ['least-privilege'], references: [] },
    defaultOptions: undefined,
    check(ctx) {
      const text = ctx.model.text;
      const at = text.indexOf('privileged: true');
      if (at >= 0) ctx.report({ messageId: 'privileged', range: ctx.model.index.rangeOf(at, at + 16) });
    },
  });
  const rules: AnyRule[] = [privileged];
  const text = [
    'services:',
    '  web:',
    '    image: nginx@sha256:' + 'a'.repeat(64),
    '    user: "101"',
    '    read_only: true',
    '    cap_drop: [ALL]',
    '    security_opt: ["no-new-privileges:true"]',
    '    ports: ["127.0.0.1:8080:80"]',
    '    networks: [front]',
    '    healthcheck:',
    '      test: ["CMD", "wget", "-q", "localhost"]',
    '    logging:',
    '      options: { max-size: 10m }',
    '    restart: on-failure:5',
    '  db:',
    '    build: ./db',
    '    privileged: true',
    '    ports: ["5432:5432"]',
    'networks:',
    '  front: {}',
    '',
  ].join('\n');
  const report = evaluateChecklist({ files: [{ path: 'compose.yaml', result: analyze(text, { kind: 'compose', rules }) }], rules });
  const web = report.subjects.findIndex((s) => s.service === 'web');
  const db = report.subjects.findIndex((s) => s.service === 'db');

  it('one subject per service, with the service key line', () => {
    assert.deepEqual(report.subjects.map((s) => [s.id, s.range.start.line]), [['compose.yaml#web', 1], ['compose.yaml#db', 14]]);
  });

  const cases: { svc: 'web' | 'db'; id: string; status: string; evidence?: string[]; lines?: number[] }[] = [
    { svc: 'web', id: 'non-root-user', status: 'pass', evidence: ['user: 101 on line 4'] },
    { svc: 'web', id: 'read-only-rootfs', status: 'pass', evidence: ['read_only: true on line 5'] },
    { svc: 'web', id: 'least-privilege', status: 'pass', evidence: ['cap_drop: [ALL] on line 6'] },
    { svc: 'web', id: 'no-new-privileges', status: 'pass', evidence: ['security_opt: no-new-privileges on line 7'] },
    { svc: 'web', id: 'limited-ports', status: 'pass', evidence: ['ports bound to specific interfaces on line 8'] },
    { svc: 'web', id: 'network-segmentation', status: 'pass', evidence: ['networks: front on line 9'] },
    { svc: 'web', id: 'healthcheck', status: 'pass', evidence: ['healthcheck: on line 10'] },
    { svc: 'web', id: 'logging-rotation', status: 'pass', evidence: ['logging: on line 12'] },
    { svc: 'web', id: 'restart-policy', status: 'pass', evidence: ['restart: on-failure:5 on line 14'] },
    { svc: 'web', id: 'immutable-tags', status: 'pass' },
    { svc: 'web', id: 'resource-limits', status: 'human' },
    { svc: 'web', id: 'multi-stage-build', status: 'na' },
    { svc: 'db', id: 'least-privilege', status: 'fail', lines: [17] },
    { svc: 'db', id: 'immutable-tags', status: 'na' },
    { svc: 'db', id: 'limited-ports', status: 'human' },
    { svc: 'db', id: 'non-root-user', status: 'human' },
  ];
  for (const c of cases) {
    it(`${c.svc} ${c.id}: ${c.status}`, () => {
      const r = item(report, c.id, c.svc === 'web' ? web : db);
      assert.equal(r.status, c.status, JSON.stringify(r));
      if (c.evidence) assert.deepEqual(r.evidence.map((e) => e.text), c.evidence);
      if (c.lines) assert.deepEqual(r.findings.map((f) => f.range.start.line + 1), c.lines);
    });
  }

  it('services come from the YAML document (empty and broken files give none)', () => {
    assert.deepEqual(composeServices('', []), []);
  });
});

describe('checklist: workspace items', () => {
  const workflow = [
    'name: ci',
    'jobs:',
    '  image:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - name: Scan image',
    '        uses: aquasecurity/trivy-action@0.24.0',
    '      - name: Sign',
    '        run: cosign sign --yes ghcr.io/acme/app@${{ steps.build.outputs.digest }}',
  ].join('\n');
  const report = evaluateChecklist({ files: [], ci: [{ path: '.github/workflows/ci.yml', text: workflow }, { path: '.gitlab-ci.yml', text: 'scan:\n  script:\n    - grype registry.example/app:1.0\n' }] });

  it('image scanning names the file, step and line', () => {
    const r = item(report, 'base-image-scan');
    assert.equal(r.status, 'pass');
    assert.deepEqual(r.evidence.map((e) => e.text), ['Trivy scans images in .github/workflows/ci.yml, step "Scan image" (line 8)', 'Grype scans images in .gitlab-ci.yml, step "scan" (line 3)']);
    assert.equal(r.evidence[0]?.path, '.github/workflows/ci.yml');
  });

  it('signing is detected too', () => {
    assert.deepEqual(item(report, 'content-trust').evidence.map((e) => e.text), ['cosign signs or verifies images in .github/workflows/ci.yml, step "Sign" (line 10)']);
  });

  it('without CI files the items need a human; secret rotation always does', () => {
    const none = evaluateChecklist({ files: [] });
    assert.equal(item(none, 'base-image-scan').status, 'human');
    assert.equal(item(none, 'base-image-scan').summary, 'No CI configuration found in the workspace.');
    assert.equal(item(none, 'secret-rotation').question, 'Where do secrets live and how are they rotated?');
  });

  it('a confirmation with a note turns a human item into confirmed', () => {
    const confirmations = parseConfirmations(JSON.stringify({ confirmations: [{ item: 'secret-rotation', note: 'Vault, rotated every 30 days', by: 'ops', date: '2026-01-05' }, { note: 'no item' }, { item: 'multi-stage-build', subject: 'Dockerfile', note: 'single Go binary, no toolchain' }] }));
    assert.equal(confirmations.length, 2);
    const r = dockerfileReport(INSECURE, { confirmations });
    assert.equal(item(r, 'secret-rotation').status, 'confirmed');
    assert.equal(item(r, 'secret-rotation').confirmation?.note, 'Vault, rotated every 30 days');
    assert.equal(item(r, 'multi-stage-build').status, 'confirmed');
    assert.equal(item(r, 'minimal-base-image').status, 'human');
  });

  it('bad confirmation files are ignored', () => {
    assert.deepEqual(parseConfirmations('{'), []);
    assert.deepEqual(parseConfirmations('[]'), []);
    assert.deepEqual(parseConfirmations(undefined), []);
  });

  it('CI config paths', () => {
    const yes = ['.github/workflows/ci.yml', '.gitlab-ci.yml', 'azure-pipelines.yml', 'Jenkinsfile', '.circleci/config.yml', 'bitbucket-pipelines.yml'];
    const no = ['ci.yml', '.github/ci.yml', 'docs/Jenkinsfile', '.github/workflows/sub/x.yml'];
    assert.deepEqual(yes.filter(isCiConfigPath), yes);
    assert.deepEqual(no.filter(isCiConfigPath), []);
  });
});

describe('checklist: Markdown', () => {
  it('has a summary, a workspace table and one section per subject', () => {
    const md = checklistToMarkdown(dockerfileReport(INSECURE));
    assert.match(md, /^# Container hardening checklist\n/);
    assert.match(md, /\n## Workspace\n/);
    assert.match(md, /\n## `Dockerfile` — \d+%\n/);
    assert.match(md, /\| ❌ fail \| Runs as a non-root user \(`non-root-user`, CIS 4\.1, 5\.24\) \| line 1: /);
    assert.match(md, /\| ❓ needs a human \| Secrets stored centrally and rotated \(`secret-rotation`\) \| Where do secrets live and how are they rotated\? \|/);
  });
});
