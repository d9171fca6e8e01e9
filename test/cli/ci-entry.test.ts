import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { CLI, ROOT, ensureBundle, removeTree, tempTree } from './helpers';

interface Hook {
  id: string;
  entry: string;
  language: string;
  files: string;
  require_serial?: boolean;
}

const hooks = parseYaml(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const hook = hooks.find((h) => h.id === 'bulkhead')!;

const dirs: string[] = [];
after(() => dirs.forEach(removeTree));

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

/** Does what pre-commit does: staged files matching `files`, appended to `entry` (the `bulkhead` bin is dist/cli.js). */
function runHook(repo: string): { status: number | null; stdout: string; files: string[] } {
  const staged = git(repo, 'diff', '--cached', '--name-only', '--diff-filter=ACMR').split('\n').filter(Boolean);
  const files = staged.filter((f) => new RegExp(hook.files).test(f));
  const [bin, ...args] = hook.entry.split(' ');
  assert.equal(bin, 'bulkhead');
  ensureBundle();
  const r = spawnSync(process.execPath, [CLI, ...args, ...files], { cwd: repo, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, files };
}

describe('.pre-commit-hooks.yaml', () => {
  test('the hook is a node hook running the CLI serially', () => {
    assert.equal(hook.language, 'node');
    assert.equal(hook.require_serial, true);
    assert.match(hook.entry, /^bulkhead scan /);
  });

  test('the files pattern picks Dockerfiles and Compose files only', () => {
    const re = new RegExp(hook.files);
    for (const yes of ['Dockerfile', 'app/Dockerfile', 'Dockerfile.prod', 'api.Dockerfile', 'Containerfile', 'compose.yaml', 'deploy/docker-compose.yml', 'docker-compose.override.yaml', 'compose.prod.yml']) assert.ok(re.test(yes), yes);
    for (const no of ['README.md', 'Dockerfiles/readme.md', 'values.yaml', 'src/compose.ts', 'mydockerfile']) assert.ok(!re.test(no), no);
  });

  test('on a temporary git repository: staged files fail the commit, a clean change passes, ignore patterns hold', () => {
    const repo = tempTree({
      'Dockerfile': 'FROM node:latest\nCMD ["node", "app.js"]\n',
      'ok/Dockerfile': 'FROM alpine:3.20@sha256:' + 'a'.repeat(64) + '\nUSER 10001\nHEALTHCHECK CMD ["true"]\nCMD ["true"]\n',
      'legacy/Dockerfile': 'FROM node:latest\n',
      '.bulkhead.yaml': 'ignore: [legacy/**]\n',
      'README.md': '# x\n',
    });
    dirs.push(repo);
    git(repo, 'init', '-q');
    git(repo, 'add', 'README.md', 'Dockerfile', 'legacy/Dockerfile', '.bulkhead.yaml');
    const bad = runHook(repo);
    assert.deepEqual(bad.files, ['Dockerfile', 'legacy/Dockerfile']);
    assert.equal(bad.status, 1);
    assert.match(bad.stdout, /^Dockerfile$/m);
    assert.doesNotMatch(bad.stdout, /legacy/);

    git(repo, 'commit', '-q', '-m', 'base', '--no-verify');
    git(repo, 'add', 'ok/Dockerfile');
    const good = runHook(repo);
    assert.deepEqual(good.files, ['ok/Dockerfile']);
    assert.equal(good.status, 0, good.stdout);
  });
});

describe('action.yml', () => {
  test('a composite action that writes SARIF with help links and uploads it', () => {
    const action = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { runs: { using: string; steps: { uses?: string; run?: string }[] } };
    assert.equal(action.runs.using, 'composite');
    const run = action.runs.steps.map((s) => s.run ?? '').join('\n');
    assert.match(run, /--format sarif/);
    assert.match(run, /--docs-url/);
    assert.ok(action.runs.steps.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@')));
  });
});
