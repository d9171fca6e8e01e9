/**
 * Checklist evaluation (issue 7): pass with evidence lines, fail with findings and lines,
 * n/a, needs a human, confirmed; Compose services; workspace CI detection.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allRules, analyze, type AnyRule } from '../../server/src/engine/index';
import { defineRule } from '../../server/src/engine/rule';
import {
  buildDockerfilePath,
  checklistPathKey,
  composeServices,
  evaluateChecklist,
  isCiConfigPath,
  parseConfirmations,
  type ChecklistItemResult,
  type ChecklistReport,
} from '../../server/src/engine/checklist';
import { checklistToMarkdown } from '../../server/src/engine/checklist-markdown';

const df = (...lines: string[]) => lines.join('\n') + '\n';

/**
 * A fixed rule set, so these tables pin the checklist's logic rather than the growing registry
 * (new rules joining an item would change its evidence text and sometimes its status).
 */
const RULE_IDS = [
  'missing-user',
  'last-user-root',
  'no-sudo',
  'from-latest',
  'from-untagged',
  'missing-healthcheck',
  'secret-in-env-arg',
  'hardcoded-secret',
  'copy-secret-file',
  'expose-ssh',
  'prefer-copy',
  'exec-form',
  'curl-pipe-shell',
  'insecure-download',
  'add-remote-unverified',
  'pkg-signature-bypass',
];
const RULES: readonly AnyRule[] = allRules().filter((r) => RULE_IDS.includes(r.meta.id));

function dockerfileReport(
  text: string,
  extra: Partial<Parameters<typeof evaluateChecklist>[0]> = {},
  config?: Parameters<typeof analyze>[1]['config'],
): ChecklistReport {
  return evaluateChecklist({
    files: [{ path: 'Dockerfile', result: analyze(text, { kind: 'dockerfile', rules: RULES, ...(config ? { config } : {}) }) }],
    rules: RULES,
    ...extra,
  });
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
    {
      name: 'distroless final base is minimal',
      report: hardened,
      id: 'minimal-base-image',
      status: 'pass',
      evidence: ['FROM gcr.io/distroless/static-debian12:nonroot on line 5'],
    },
    {
      name: 'every external FROM is listed, noting digests',
      report: hardened,
      id: 'trusted-pinned-base',
      status: 'pass',
      evidence: ['FROM golang:1.22-alpine on line 1 (tag only, no digest)', 'FROM gcr.io/distroless/static-debian12:nonroot on line 5 (tag only, no digest)'],
    },
    {
      name: 'two stages prove a split build',
      report: hardened,
      id: 'multi-stage-build',
      status: 'pass',
      evidence: ['2 stages; the final stage starts on line 5'],
    },
    {
      name: 'a build secret mount is evidence against secrets in the image',
      report: hardened,
      id: 'no-secrets-in-image',
      status: 'pass',
      evidence: ['RUN --mount=type=secret on line 4'],
    },
    { name: 'how the container gets secrets is decided at run time', report: hardened, id: 'secrets-at-runtime', status: 'na' },
    { name: 'HEALTHCHECK line', report: hardened, id: 'healthcheck', status: 'pass', evidence: ['HEALTHCHECK on line 9'] },
    { name: 'exec-form ENTRYPOINT', report: hardened, id: 'signal-handling', status: 'pass', evidence: ['ENTRYPOINT in exec form on line 10'] },
    { name: 'EXPOSE publishes nothing: ports are a run-time item', report: hardened, id: 'limited-ports', status: 'na' },
    {
      name: 'rules without findings',
      report: hardened,
      id: 'supply-chain-integrity',
      status: 'pass',
      evidence: ['No findings from add-remote-unverified, curl-pipe-shell, insecure-download, pkg-signature-bypass'],
    },
    { name: 'runtime-only item is n/a in a Dockerfile', report: hardened, id: 'read-only-rootfs', status: 'na' },
    { name: 'missing USER fails with its line', report: insecure, id: 'non-root-user', status: 'fail', lines: [1, 3] },
    { name: ':latest fails', report: insecure, id: 'trusted-pinned-base', status: 'fail', lines: [1] },
    {
      name: "secret ENV fails (one finding: the literal under a secret name is secret-in-env-arg's alone)",
      report: insecure,
      id: 'no-secrets-in-image',
      status: 'fail',
      lines: [2],
    },
    { name: 'EXPOSE 22 fails ports', report: insecure, id: 'limited-ports', status: 'fail', lines: [4] },
    { name: 'shell-form CMD fails signals', report: insecure, id: 'signal-handling', status: 'fail', lines: [5] },
    { name: 'single stage, full image: a human decides', report: insecure, id: 'multi-stage-build', status: 'human' },
    { name: 'no minimal evidence: a human decides', report: insecure, id: 'minimal-base-image', status: 'human' },
  ];
  for (const c of cases) {
    it(`${c.id}: ${c.name}`, () => {
      const r = item(c.report, c.id);
      assert.equal(r.status, c.status, JSON.stringify(r));
      if (c.evidence)
        assert.deepEqual(
          r.evidence.map((e) => e.text),
          c.evidence,
        );
      if (c.lines)
        assert.deepEqual(
          r.findings.map((f) => f.range.start.line + 1),
          c.lines,
        );
    });
  }

  it('an item whose rules are all turned off is n/a and says so', () => {
    const r = item(dockerfileReport(INSECURE, {}, { rules: { 'missing-healthcheck': 'off' } }), 'healthcheck');
    assert.equal(r.status, 'na');
    assert.equal(r.summary, 'Not checked: missing-healthcheck turned off.');
  });

  it('an ignored finding passes the item and is listed as evidence', () => {
    const r = item(
      dockerfileReport(df('# bulkhead ignore-file=missing-healthcheck run by the orchestrator', 'FROM alpine:3.20', 'USER 10001', 'CMD ["sh"]')),
      'healthcheck',
    );
    assert.equal(r.status, 'pass');
    assert.deepEqual(
      r.evidence.map((e) => e.text),
      ['missing-healthcheck finding ignored by a bulkhead ignore comment on line 2'],
    );
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
    meta: {
      id: 'test-compose-privileged',
      kind: 'compose',
      title: 't',
      severity: 'critical',
      category: 'privilege',
      messages: { privileged: 'privileged' },
      checklist: ['least-privilege'],
      references: [],
    },
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
    assert.deepEqual(
      report.subjects.map((s) => [s.id, s.range.start.line]),
      [
        ['compose.yaml#web', 1],
        ['compose.yaml#db', 14],
      ],
    );
  });

  const cases: { svc: 'web' | 'db'; id: string; status: string; evidence?: string[]; lines?: number[] }[] = [
    { svc: 'web', id: 'non-root-user', status: 'pass', evidence: ['user: 101 on line 4'] },
    { svc: 'web', id: 'read-only-rootfs', status: 'pass', evidence: ['read_only: true on line 5'] },
    { svc: 'web', id: 'least-privilege', status: 'pass', evidence: ['cap_drop: [ALL] on line 6'] },
    { svc: 'web', id: 'no-new-privileges', status: 'pass', evidence: ['security_opt: no-new-privileges:true on line 7'] },
    { svc: 'web', id: 'limited-ports', status: 'pass', evidence: ['ports bound to 127.0.0.1 on line 8'] },
    { svc: 'web', id: 'network-segmentation', status: 'pass', evidence: ['networks: front on line 9'] },
    { svc: 'web', id: 'healthcheck', status: 'pass', evidence: ['healthcheck: on line 10'] },
    { svc: 'web', id: 'logging-rotation', status: 'pass', evidence: ['logging: default driver, max-size 10m on line 12'] },
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
      if (c.evidence)
        assert.deepEqual(
          r.evidence.map((e) => e.text),
          c.evidence,
        );
      if (c.lines)
        assert.deepEqual(
          r.findings.map((f) => f.range.start.line + 1),
          c.lines,
        );
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
  const report = evaluateChecklist({
    files: [],
    ci: [
      { path: '.github/workflows/ci.yml', text: workflow },
      { path: '.gitlab-ci.yml', text: 'scan:\n  script:\n    - grype registry.example/app:1.0\n' },
    ],
  });

  it('image scanning names the file, step and line', () => {
    const r = item(report, 'base-image-scan');
    assert.equal(r.status, 'pass');
    assert.deepEqual(
      r.evidence.map((e) => e.text),
      ['Trivy scans images in .github/workflows/ci.yml, step "Scan image" (line 8)', 'Grype scans images in .gitlab-ci.yml, step "scan" (line 3)'],
    );
    assert.equal(r.evidence[0]?.path, '.github/workflows/ci.yml');
  });

  it('signing without verification leaves content trust to a human, and says what was seen', () => {
    const r = item(report, 'content-trust');
    assert.equal(r.status, 'human');
    assert.equal(r.summary, 'cosign signs images in .github/workflows/ci.yml, step "Sign" (line 10); no step verifies signatures before deploy.');
  });

  it('signing and verification together pass; content trust does both', () => {
    const ci = (text: string) => item(evaluateChecklist({ files: [], ci: [{ path: '.gitlab-ci.yml', text }] }), 'content-trust');
    const both = ci('release:\n  script:\n    - cosign sign --yes $IMAGE\ndeploy:\n  script:\n    - cosign verify --key cosign.pub $IMAGE\n');
    assert.equal(both.status, 'pass');
    assert.deepEqual(
      both.evidence.map((e) => e.text),
      ['cosign signs images in .gitlab-ci.yml, step "release" (line 3)', 'cosign verifies signatures in .gitlab-ci.yml, step "deploy" (line 6)'],
    );
    assert.deepEqual(
      ci('variables:\n  DOCKER_CONTENT_TRUST: "1"\n').evidence.map((e) => e.text),
      ['Docker Content Trust signs images in .gitlab-ci.yml, step "variables" (line 2)'],
    );
    assert.equal(ci('install:\n  script:\n    - uses: sigstore/cosign-installer@v3\n').status, 'human');
  });

  it('only image scans count as image scanning', () => {
    const scan = (line: string) =>
      item(evaluateChecklist({ files: [], ci: [{ path: '.gitlab-ci.yml', text: `scan:\n  script:\n    - ${line}\n` }] }), 'base-image-scan').status;
    const yes = [
      'trivy image --exit-code 1 app:1.0',
      'trivy --quiet image app:1.0',
      'grype registry.example/app:1.0',
      'docker scout cves app:1.0',
      'snyk container test app:1.0',
    ];
    const no = ['trivy config .', 'trivy fs --scanners vuln .', 'trivy repo https://github.com/acme/app', 'grype dir:.', 'grype version', 'echo trivy'];
    assert.deepEqual(
      yes.map(scan),
      yes.map(() => 'pass'),
    );
    assert.deepEqual(
      no.map(scan),
      no.map(() => 'human'),
    );
  });

  it('without CI files the items need a human; secret rotation always does', () => {
    const none = evaluateChecklist({ files: [] });
    assert.equal(item(none, 'base-image-scan').status, 'human');
    assert.equal(item(none, 'base-image-scan').summary, 'No CI configuration found in the workspace.');
    assert.equal(item(none, 'secret-rotation').question, 'Where do secrets live and how are they rotated?');
  });

  it('a confirmation with a note turns a human item into confirmed', () => {
    const confirmations = parseConfirmations(
      JSON.stringify({
        confirmations: [
          { item: 'secret-rotation', note: 'Vault, rotated every 30 days', by: 'ops', date: '2026-01-05' },
          { note: 'no item' },
          { item: 'multi-stage-build', subject: 'Dockerfile', note: 'single Go binary, no toolchain' },
        ],
      }),
    );
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
    assert.match(
      md,
      /\| ❓ needs a human \| Secrets stored centrally and rotated \(`secret-rotation`\) \| Where do secrets live and how are they rotated\? \|/,
    );
  });
});

describe('checklist: runtime items on a Dockerfile (issue 7)', () => {
  // The full registry: Dockerfile rules such as no-world-writable and expose-ssh speak for runtime items.
  const report = (text: string) => evaluateChecklist({ files: [{ path: 'Dockerfile', result: analyze(text, { kind: 'dockerfile' }) }] });
  const clean = report(HARDENED);
  const RUNTIME = [
    'secrets-at-runtime',
    'least-privilege',
    'no-new-privileges',
    'security-profiles',
    'read-only-rootfs',
    'resource-limits',
    'limited-ports',
    'network-segmentation',
    'no-host-mounts',
    'logging-rotation',
    'restart-policy',
    'immutable-tags',
  ];

  it('no runtime item passes on a Dockerfile without findings: each is n/a', () => {
    assert.deepEqual(
      RUNTIME.map((id) => [id, item(clean, id).status]),
      RUNTIME.map((id) => [id, 'na']),
    );
  });

  it('the n/a summary names the Dockerfile rules that found nothing', () => {
    assert.equal(
      item(clean, 'read-only-rootfs').summary,
      'Decided at run time (Compose, Kubernetes, docker run); no Dockerfile finding works against it (checked by no-world-writable, writable-app-files).',
    );
    assert.equal(item(clean, 'resource-limits').summary, 'Not applicable: decided at run time (Compose, Kubernetes, docker run).');
  });

  it('a Dockerfile finding still fails a runtime item', () => {
    const r = report(df('FROM alpine:3.20', 'RUN chmod -R 777 /app', 'EXPOSE 22', 'USER 10001', 'CMD ["/app"]'));
    assert.equal(item(r, 'read-only-rootfs').status, 'fail');
    assert.deepEqual(
      item(r, 'read-only-rootfs').findings.map((f) => [f.ruleId, f.range.start.line + 1]),
      [['no-world-writable', 2]],
    );
    assert.equal(item(r, 'limited-ports').status, 'fail');
    assert.deepEqual([...new Set(item(r, 'limited-ports').findings.map((f) => f.ruleId))].sort(), ['expose-ssh']);
  });

  it('a Dockerfile rule finding nothing is not proof of a minimal base', () => {
    const r = report(df('FROM ubuntu:24.04', 'USER 10001', 'CMD ["/app"]'));
    assert.equal(item(r, 'minimal-base-image').status, 'human');
    assert.equal(item(r, 'minimal-base-image').summary, 'No findings from prefer-minimal-base, but nothing in the Dockerfile proves it.');
  });
});

describe('checklist: Compose facts read the merged service (issue 7)', () => {
  /** No rules: the model facts alone decide, so each row pins one fact function. */
  const facts = (body: string[]) => {
    const text = ['services:', '  s:', '    image: alpine:3.20', ...body.map((l) => `    ${l}`), ''].join('\n');
    const r = evaluateChecklist({ files: [{ path: 'compose.yaml', result: analyze(text, { kind: 'compose', rules: [] }) }], rules: [] });
    return (id: string) => item(r, id);
  };
  const cases: { name: string; id: string; body: string[]; status: string; evidence?: string[] }[] = [
    {
      name: 'no-new-privileges bare',
      id: 'no-new-privileges',
      body: ['security_opt: [no-new-privileges]'],
      status: 'pass',
      evidence: ['security_opt: no-new-privileges on line 4'],
    },
    { name: 'no-new-privileges=true', id: 'no-new-privileges', body: ['security_opt: ["no-new-privileges=true"]'], status: 'pass' },
    { name: 'no-new-privileges=1', id: 'no-new-privileges', body: ['security_opt: ["no-new-privileges=1"]'], status: 'pass' },
    { name: 'no-new-privileges:TRUE', id: 'no-new-privileges', body: ['security_opt: ["no-new-privileges:TRUE"]'], status: 'pass' },
    { name: 'no-new-privileges:false', id: 'no-new-privileges', body: ['security_opt: ["no-new-privileges:false"]'], status: 'human' },
    {
      name: 'no-new-privileges: last entry wins (false)',
      id: 'no-new-privileges',
      body: ['security_opt: ["no-new-privileges:true", "no-new-privileges:false"]'],
      status: 'human',
    },
    {
      name: 'no-new-privileges: last entry wins (true)',
      id: 'no-new-privileges',
      body: ['security_opt:', '  - no-new-privileges=false', '  - no-new-privileges:true'],
      status: 'pass',
      evidence: ['security_opt: no-new-privileges:true on line 6'],
    },
    { name: 'no-new-privileges:yes is not a Go bool', id: 'no-new-privileges', body: ['security_opt: ["no-new-privileges:yes"]'], status: 'human' },
    {
      name: 'no-new-privileges from an unset variable',
      id: 'no-new-privileges',
      body: ['security_opt: ["no-new-privileges:true", "${NNP}"]'],
      status: 'human',
    },
    {
      name: 'profiles: no security_opt',
      id: 'security-profiles',
      body: [],
      status: 'pass',
      evidence: ['no security_opt entry turns seccomp, AppArmor or SELinux off'],
    },
    {
      name: 'profiles: hardened security_opt',
      id: 'security-profiles',
      body: ['security_opt: [no-new-privileges:true]'],
      status: 'pass',
      evidence: ['no security_opt entry turns seccomp, AppArmor or SELinux off on line 4'],
    },
    {
      name: 'profiles: privileged: false',
      id: 'security-profiles',
      body: ['privileged: false'],
      status: 'pass',
      evidence: ['no security_opt entry turns seccomp, AppArmor or SELinux off', 'privileged: false on line 4'],
    },
    {
      name: 'profiles: custom seccomp profile',
      id: 'security-profiles',
      body: ['security_opt: ["seccomp=./seccomp.json", "apparmor:docker-default"]'],
      status: 'pass',
      evidence: ['security_opt sets seccomp=./seccomp.json, apparmor:docker-default: confinement kept on line 4'],
    },
    { name: 'profiles: privileged: true', id: 'security-profiles', body: ['privileged: true'], status: 'human' },
    { name: 'profiles: seccomp:unconfined', id: 'security-profiles', body: ['security_opt: ["seccomp:unconfined"]'], status: 'human' },
    { name: 'profiles: apparmor=unconfined', id: 'security-profiles', body: ['security_opt: ["apparmor=unconfined"]'], status: 'human' },
    { name: 'profiles: label:disable', id: 'security-profiles', body: ['security_opt: ["label:disable"]'], status: 'human' },
    { name: 'profiles: systempaths=unconfined', id: 'security-profiles', body: ['security_opt: ["systempaths=unconfined"]'], status: 'human' },
    { name: 'least privilege: cap_drop ALL', id: 'least-privilege', body: ['cap_drop: [all]'], status: 'pass' },
    { name: 'least privilege: privileged: true', id: 'least-privilege', body: ['cap_drop: [ALL]', 'privileged: true'], status: 'human' },
    { name: 'least privilege: privileged: false', id: 'least-privilege', body: ['cap_drop: [ALL]', 'privileged: false'], status: 'pass' },
    { name: 'ports: none', id: 'limited-ports', body: [], status: 'pass', evidence: ['publishes no ports'] },
    { name: 'ports: 0.0.0.0 is every interface', id: 'limited-ports', body: ['ports: ["0.0.0.0:80:80"]'], status: 'human' },
    { name: 'ports: a bare container port is published on every interface', id: 'limited-ports', body: ['ports: ["80"]'], status: 'human' },
    { name: 'ports: IPv6 loopback', id: 'limited-ports', body: ['ports: ["[::1]:80:80"]'], status: 'pass', evidence: ['ports bound to ::1 on line 4'] },
    { name: 'ports: long syntax host_ip', id: 'limited-ports', body: ['ports:', '  - { target: 80, published: 8080, host_ip: 10.0.0.5 }'], status: 'pass' },
    { name: 'ports: host network publishes everything', id: 'limited-ports', body: ['network_mode: host'], status: 'human' },
    { name: 'networks: only default', id: 'network-segmentation', body: ['networks: [default]'], status: 'human' },
    { name: 'networks: network_mode none', id: 'network-segmentation', body: ['network_mode: none'], status: 'pass' },
    {
      name: 'networks: map form',
      id: 'network-segmentation',
      body: ['networks:', '  back: { aliases: [db] }'],
      status: 'pass',
      evidence: ['networks: back on line 4'],
    },
    { name: 'mounts: docker socket', id: 'no-host-mounts', body: ['volumes: ["/var/run/docker.sock:/var/run/docker.sock"]'], status: 'human' },
    { name: 'mounts: ../ leaves the project', id: 'no-host-mounts', body: ['volumes: ["../etc:/etc"]'], status: 'human' },
    {
      name: 'mounts: project path and named volume',
      id: 'no-host-mounts',
      body: ['volumes: ["./conf:/conf:ro", "data:/data"]'],
      status: 'pass',
      evidence: ['host mounts only inside the project (./conf) on line 4'],
    },
    { name: 'mounts: long bind of /', id: 'no-host-mounts', body: ['volumes:', '  - { type: bind, source: /, target: /host }'], status: 'human' },
    { name: 'healthcheck: timings only inherit the image test', id: 'healthcheck', body: ['healthcheck: { interval: 10s }'], status: 'human' },
    { name: 'healthcheck: disable', id: 'healthcheck', body: ['healthcheck: { disable: true }'], status: 'human' },
    { name: 'healthcheck: NONE', id: 'healthcheck', body: ['healthcheck: { test: ["NONE"] }'], status: 'human' },
    { name: 'healthcheck: string test', id: 'healthcheck', body: ['healthcheck: { test: "curl -f localhost" }'], status: 'pass' },
    { name: 'logging: json-file without max-size', id: 'logging-rotation', body: ['logging: { driver: json-file }'], status: 'human' },
    {
      name: 'logging: local rotates',
      id: 'logging-rotation',
      body: ['logging: { driver: local }'],
      status: 'pass',
      evidence: ['logging: local driver (rotated: max-size 20m) on line 4'],
    },
    { name: 'logging: none', id: 'logging-rotation', body: ['logging: { driver: none, options: { max-size: 1m } }'], status: 'human' },
    {
      name: 'logging: shipped',
      id: 'logging-rotation',
      body: ['logging: { driver: journald }'],
      status: 'pass',
      evidence: ['logging: journald driver ships the logs on line 4'],
    },
    { name: 'restart: always', id: 'restart-policy', body: ['restart: always'], status: 'human' },
    { name: 'restart: on-failure without a count', id: 'restart-policy', body: ['restart: on-failure'], status: 'human' },
    { name: 'restart: on-failure:0 is unbounded', id: 'restart-policy', body: ['restart: on-failure:0'], status: 'human' },
    { name: 'restart wins over deploy', id: 'restart-policy', body: ['restart: always', 'deploy: { restart_policy: { max_attempts: 3 } }'], status: 'human' },
    {
      name: 'deploy max_attempts',
      id: 'restart-policy',
      body: ['deploy: { restart_policy: { condition: on-failure, max_attempts: 3 } }'],
      status: 'pass',
      evidence: ['deploy.restart_policy.max_attempts: 3 on line 4'],
    },
    {
      name: 'limits: deploy',
      id: 'resource-limits',
      body: ['deploy: { resources: { limits: { memory: 256m, cpus: "0.5", pids: 100 } } }'],
      status: 'pass',
      evidence: ['memory limit (memory: 256m) on line 4', 'CPU limit (cpus: 0.5) on line 4', 'pids limit (pids: 100) on line 4'],
    },
    {
      name: 'limits: legacy keys',
      id: 'resource-limits',
      body: ['mem_limit: 256m', 'cpus: 0.5', 'pids_limit: 100'],
      status: 'pass',
      evidence: ['memory limit (mem_limit: 256m) on line 4', 'CPU limit (cpus: 0.5) on line 5', 'pids limit (pids_limit: 100) on line 6'],
    },
    { name: 'limits: pids -1 is unlimited', id: 'resource-limits', body: ['mem_limit: 256m', 'cpus: 0.5', 'pids_limit: -1'], status: 'human' },
    { name: 'limits: memory only', id: 'resource-limits', body: ['mem_limit: 256m'], status: 'human' },
    { name: 'user: root:1000', id: 'non-root-user', body: ['user: "0:1000"'], status: 'human' },
    { name: 'user: from an unset variable', id: 'non-root-user', body: ['user: ${APP_UID}'], status: 'human' },
  ];
  for (const c of cases) {
    it(`${c.id}: ${c.name}`, () => {
      const r = facts(c.body)(c.id);
      assert.equal(r.status, c.status, JSON.stringify(r));
      if (c.evidence)
        assert.deepEqual(
          r.evidence.map((e) => e.text),
          c.evidence,
        );
    });
  }

  it('silent Compose rules do not pass an item that needs proof', () => {
    const text = ['services:', '  s:', '    image: alpine:3.20', '    mem_limit: 256m', ''].join('\n');
    const r = evaluateChecklist({ files: [{ path: 'compose.yaml', result: analyze(text, { kind: 'compose' }) }] });
    // The CPU, pids and ulimits rules report the missing limits: the item fails rather than needing a human.
    assert.equal(item(r, 'resource-limits').status, 'fail');
    assert.deepEqual([...new Set(item(r, 'resource-limits').findings.map((f) => f.ruleId))].sort(), [
      'compose-cpu-limit',
      'compose-pids-limit',
      'compose-ulimits',
    ]);
    assert.equal(item(r, 'non-root-user').status, 'human');
    assert.equal(item(r, 'non-root-user').summary, 'No findings from compose-effective-user-root, compose-user-root, but nothing in the service proves it.');
  });
});

describe('checklist: services built from an analysed Dockerfile (issue 7)', () => {
  const NODE = df('FROM node:22-alpine', 'WORKDIR /app', 'COPY . .', 'USER node', 'HEALTHCHECK CMD ["node", "health.js"]', 'CMD ["node", "server.js"]');
  const ROOT = df('FROM node:latest', 'COPY . .', 'CMD node server.js');
  const run = (compose: string[], dockerfiles: Record<string, string>, composePath = 'compose.yaml') => {
    const files = [
      { path: composePath, result: analyze([...compose, ''].join('\n'), { kind: 'compose', rules: RULES }) },
      ...Object.entries(dockerfiles).map(([path, text]) => ({ path, result: analyze(text, { kind: 'dockerfile', rules: RULES }) })),
    ];
    const report = evaluateChecklist({ files, rules: RULES });
    return (service: string, id: string) => {
      const s = report.subjects.find((x) => x.service === service);
      assert.ok(s, service);
      const r = s.items.find((i) => i.id === id);
      assert.ok(r, id);
      return r;
    };
  };

  it('build: <context> takes the image items from <context>/Dockerfile, with links into it', () => {
    const get = run(['services:', '  app:', '    build: ./app'], { 'app/Dockerfile': NODE });
    const user = get('app', 'non-root-user');
    assert.equal(user.status, 'pass');
    assert.deepEqual(user.evidence, [
      { text: 'app/Dockerfile: USER node on line 4', path: 'app/Dockerfile', range: { start: { line: 3, character: 0 }, end: { line: 3, character: 9 } } },
    ]);
    assert.equal(get('app', 'minimal-base-image').status, 'pass');
    assert.deepEqual(
      get('app', 'healthcheck').evidence.map((e) => [e.text, e.path]),
      [['app/Dockerfile: HEALTHCHECK on line 5', 'app/Dockerfile']],
    );
    assert.equal(get('app', 'signal-handling').status, 'pass');
  });

  it('findings of the Dockerfile fail the service, each with its path and line', () => {
    const get = run(['services:', '  app:', '    build:', '      context: .', '      dockerfile: docker/app.Dockerfile'], { 'docker/app.Dockerfile': ROOT });
    const r = get('app', 'trusted-pinned-base');
    assert.equal(r.status, 'fail');
    assert.deepEqual(
      r.findings.map((f) => [f.path, f.ruleId, f.range.start.line + 1]),
      [['docker/app.Dockerfile', 'from-latest', 1]],
    );
    assert.equal(get('app', 'non-root-user').status, 'fail');
    assert.equal(get('app', 'signal-handling').status, 'fail');
  });

  it('Compose decides where it overrides the image: user, healthcheck, command', () => {
    const get = run(
      ['services:', '  app:', '    build: app', '    user: "10001"', '    healthcheck: { disable: true }', '    command: ["node", "worker.js"]'],
      { 'app/Dockerfile': ROOT },
    );
    assert.deepEqual([get('app', 'non-root-user').status, get('app', 'non-root-user').evidence.map((e) => e.text)], ['pass', ['user: 10001 on line 4']]);
    assert.equal(get('app', 'healthcheck').status, 'human');
    assert.equal(get('app', 'signal-handling').status, 'na');
    assert.equal(get('app', 'trusted-pinned-base').status, 'fail');
  });

  it('a build target other than the final stage, an unknown Dockerfile, a remote context or an inline Dockerfile keep the per-file answer', () => {
    const multi = df('FROM node:22-alpine AS dev', 'CMD ["node"]', 'FROM node:22-alpine AS prod', 'USER node', 'CMD ["node"]');
    const get = run(
      [
        'services:',
        '  dev:',
        '    build: { context: ./app, target: dev }',
        '  prod:',
        '    build: { context: ./app, target: PROD }',
        '  other:',
        '    build: ./other',
        '  remote:',
        '    build: https://github.com/acme/app.git#main',
        '  inline:',
        '    build: { dockerfile_inline: "FROM alpine" }',
        '  unknown:',
        '    build: { context: ./app, dockerfile: "${APP_DOCKERFILE}" }',
      ],
      { 'app/Dockerfile': multi },
    );
    assert.equal(get('dev', 'trusted-pinned-base').status, 'na');
    assert.equal(get('prod', 'non-root-user').status, 'pass');
    for (const s of ['other', 'remote', 'unknown']) assert.equal(get(s, 'minimal-base-image').status, 'na', s);
  });

  it('dockerfile_inline is analysed in place: block literal lines map into the Compose file', () => {
    const get = run(
      [
        'services:',
        '  app:',
        '    build:',
        '      context: .',
        '      dockerfile_inline: |',
        '        FROM node:latest',
        '        USER node',
        '        CMD ["node", "s.js"]',
        '  flow:',
        '    build: { dockerfile_inline: "FROM alpine:3.20" }',
      ],
      {},
    );
    const pinned = get('app', 'trusted-pinned-base');
    assert.deepEqual(
      pinned.findings.map((f) => [f.ruleId, f.range.start.line + 1, f.range.start.character, f.path]),
      [['from-latest', 6, 17, undefined]],
    );
    assert.deepEqual(
      get('app', 'non-root-user').evidence.map((e) => [e.text, e.range?.start.line]),
      [['dockerfile_inline: USER node on line 7', 6]],
    );
    assert.deepEqual(
      [get('flow', 'minimal-base-image').status, get('flow', 'minimal-base-image').evidence.map((e) => [e.text, e.range?.start.line])],
      ['pass', [['dockerfile_inline: FROM alpine:3.20 on line 10', 9]]],
    );
  });

  it('paths resolve against the Compose file directory, POSIX and Windows', () => {
    assert.equal(
      run(['services:', '  a:', '    build: ../svc'], { 'deploy/../svc/Dockerfile': NODE }, 'deploy/compose.yaml')('a', 'non-root-user').status,
      'pass',
    );
    assert.equal(
      run(['services:', '  a:', '    build: .\\svc'], { 'C:\\Proj\\svc\\Dockerfile': NODE }, 'c:\\proj\\compose.yaml')('a', 'non-root-user').status,
      'pass',
    );
  });

  it('buildDockerfilePath and checklistPathKey', () => {
    const b = (context: string | undefined, dockerfile?: string, dockerfileInline?: string) =>
      buildDockerfilePath('proj/compose.yaml', { context, dockerfile, dockerfileInline });
    assert.deepEqual(
      [
        b('.'),
        b('./web'),
        b('web', 'Dockerfile.prod'),
        b('/abs/ctx'),
        b('.', '/abs/Dockerfile'),
        b('git@github.com:a/b.git'),
        b('https://x/y.git'),
        b(undefined),
        b('.', undefined, 'FROM x'),
      ],
      [
        'proj/Dockerfile',
        'proj/web/Dockerfile',
        'proj/web/Dockerfile.prod',
        '/abs/ctx/Dockerfile',
        '/abs/Dockerfile',
        undefined,
        undefined,
        undefined,
        undefined,
      ],
    );
    assert.equal(
      buildDockerfilePath('file:///w/proj/compose.yaml', { context: '../web', dockerfile: undefined, dockerfileInline: undefined }),
      'file:///w/web/Dockerfile',
    );
    assert.equal(checklistPathKey('C:\\Proj\\.\\a\\..\\Dockerfile'), checklistPathKey('c:/proj/Dockerfile'));
    assert.equal(checklistPathKey('./a//b/Dockerfile'), 'a/b/Dockerfile');
  });
});
