import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { discover, toDisplay } from '../../server/src/cli/discover';
import { removeTree, tempTree } from './helpers';

const dirs: string[] = [];
after(() => dirs.forEach(removeTree));
function tree(files: Record<string, string>): string {
  const d = tempTree(files);
  dirs.push(d);
  return d;
}
const paths = (cwd: string, args: string[] = ['.'], kind?: 'dockerfile' | 'compose') => discover(args, { cwd, kind }).targets.map((t) => t.path);

describe('discover', () => {
  test('picks files by name, sorted, with kinds', () => {
    const cwd = tree({ 'Dockerfile': '', 'x/compose.yml': '', 'x/app.dockerfile': '', 'x/readme.md': '' });
    assert.deepEqual(
      discover(['.'], { cwd }).targets.map((t) => [t.path, t.kind, t.explicit]),
      [
        ['Dockerfile', 'dockerfile', false],
        ['x/app.dockerfile', 'dockerfile', false],
        ['x/compose.yml', 'compose', false],
      ],
    );
  });
  test('explicit files keep an unknown kind for the caller to settle', () => {
    const cwd = tree({ 'build.txt': '' });
    assert.deepEqual(discover(['build.txt'], { cwd }).targets.map((t) => [t.path, t.kind, t.explicit]), [['build.txt', undefined, true]]);
    assert.deepEqual(discover(['build.txt'], { cwd, kind: 'compose' }).targets.map((t) => t.kind), ['compose']);
  });
  test('missing paths are listed, not thrown', () => {
    const cwd = tree({});
    assert.deepEqual(discover(['a', 'b'], { cwd }).missing, ['a', 'b']);
  });
  test('gitignore: directory patterns, anchored patterns in nested files, negation', () => {
    const cwd = tree({
      '.gitignore': 'vendor/\n*.tmp.Dockerfile\n',
      'vendor/Dockerfile': '',
      'a.tmp.Dockerfile': '',
      'sub/.gitignore': '/gen\n!b.tmp.Dockerfile\n',
      'sub/gen/Dockerfile': '',
      'sub/x/gen/Dockerfile': '',
      'sub/b.tmp.Dockerfile': '',
      'gen/Dockerfile': '',
    });
    assert.deepEqual(paths(cwd), ['gen/Dockerfile', 'sub/b.tmp.Dockerfile', 'sub/x/gen/Dockerfile']);
  });
  test('.gitignore files above the scanned folder count inside a git work tree only', () => {
    const cwd = tree({ '.gitignore': 'skip.Dockerfile\n', 'app/skip.Dockerfile': '', 'app/Dockerfile': '' });
    assert.deepEqual(paths(join(cwd, 'app')), ['Dockerfile', 'skip.Dockerfile']);
    mkdirSync(join(cwd, '.git'));
    assert.deepEqual(paths(join(cwd, 'app')), ['Dockerfile']);
    assert.deepEqual(paths(cwd, ['app']), ['app/Dockerfile']);
  });
  test('a symlinked directory inside the tree is walked once, under its real path; loops end', () => {
    const cwd = tree({ 'real/Dockerfile': '' });
    symlinkSync('real', join(cwd, 'alias'), 'dir');
    symlinkSync('.', join(cwd, 'real', 'self'), 'dir');
    assert.deepEqual(paths(cwd), ['real/Dockerfile']);
  });
  test('--kind filters walked files', () => {
    const cwd = tree({ 'Dockerfile': '', 'compose.yaml': '' });
    assert.deepEqual(paths(cwd, ['.'], 'compose'), ['compose.yaml']);
  });
  test('display paths', () => {
    assert.equal(toDisplay('./a//b/'), 'a/b');
    assert.equal(toDisplay('.'), '.');
    assert.equal(toDisplay('/'), '/');
    assert.equal(toDisplay('../x/Dockerfile'), '../x/Dockerfile');
  });
});
