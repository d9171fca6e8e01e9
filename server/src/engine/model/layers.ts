/**
 * What a RUN script leaves in its layer: files it writes by redirection, and whether a later
 * command of the same script removes a path (or logs a credential CLI out again), which is
 * the only removal that keeps a file out of the image.
 */
import { baseName, unwrap, type Command, type Word } from './shell';

/** Last path component (`/root/.npmrc/` → `.npmrc`). */
export function pathBase(p: string): string {
  const t = p.replace(/\/+$/, '');
  return t.slice(t.lastIndexOf('/') + 1);
}

/** Words that are not options (`rm -rf a b` → a, b). */
export function operands(args: readonly Word[]): Word[] {
  return args.filter((a) => !a.value.startsWith('-'));
}

/** The file a command writes with `>` or `>>` (device files excluded). */
export function fileTarget(cmd: Command): Word | undefined {
  return cmd.redirects.find((r) => (r.op === '>' || r.op === '>>') && r.target && !r.target.value.startsWith('/dev/'))?.target;
}

/** Commands that remove stored credentials without naming the file. */
const LOGOUT = /^(?:docker|podman|helm|az|npm) logout|^gcloud auth revoke|^npm config delete|^aws configure set \S+ ""?$/;

/**
 * True when a command after `cmds[i]` removes `path` (the path, a directory holding it, or the
 * same file name). With `fragment`, any removed path containing it counts (`.aws` for
 * `~/.aws/credentials`), and so does logging out.
 */
export function removedLater(cmds: readonly Command[], i: number, path: string, fragment = false): boolean {
  return cmds.slice(i + 1).some((c) => {
    const { name, args } = unwrap(c);
    if (fragment && LOGOUT.test([baseName(name), ...args.map((a) => a.value)].join(' '))) return true;
    if (baseName(name) !== 'rm' && baseName(name) !== 'shred') return false;
    return operands(args).some((a) =>
      fragment ? a.value.includes(path) : a.value === path || path.startsWith(a.value.replace(/\/+$/, '') + '/') || pathBase(a.value) === pathBase(path),
    );
  });
}
