/**
 * The build context around a Dockerfile, as far as the host lets the engine see it: the
 * `.dockerignore` that applies (BuildKit reads `<Dockerfile>.dockerignore` first, then
 * `.dockerignore` at the context root, which is the Dockerfile's directory by default) and
 * whether it excludes a given path. The host reader is attached by analyze(); without one
 * the context is unknown and rules must not guess.
 */
import type { FileReader } from './compose';
import { dirname, join } from './compose/paths';
import type { DockerfileModel } from './dockerfile';

export interface BuildContext {
  /** The applicable ignore file: its path and text, or undefined when there is none. */
  readonly ignoreFile: { readonly path: string; readonly text: string } | undefined;
}

const hosts = new WeakMap<DockerfileModel, { readonly path: string; readonly files: FileReader }>();

/** Called by analyze(): lets rules of this model read the files around it. */
export function attachHost(model: DockerfileModel, path: string | undefined, files: FileReader | undefined): void {
  if (path !== undefined && files) hosts.set(model, { path, files });
}

/** The build context of the analysed Dockerfile, or undefined when the host gave no path or reader. */
export function buildContext(model: DockerfileModel): BuildContext | undefined {
  const host = hosts.get(model);
  if (!host) return undefined;
  for (const candidate of [`${host.path}.dockerignore`, join(dirname(host.path), '.dockerignore')]) {
    let text: string | undefined;
    try {
      text = host.files.read(candidate);
    } catch {
      return undefined;
    }
    if (text !== undefined) return { ignoreFile: { path: candidate, text } };
  }
  return { ignoreFile: undefined };
}

interface Pattern {
  readonly exclude: boolean;
  readonly re: RegExp;
}

/** `.dockerignore` patterns (Go filepath.Match plus `**`), in order; `!` re-includes. */
export function ignorePatterns(text: string): Pattern[] {
  const out: Pattern[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const exclude = !line.startsWith('!');
    if (!exclude) line = line.slice(1).trim();
    line = line.replace(/^(?:\.?\/)+/, '').replace(/\/+$/, '');
    if (line === '' || line === '.') continue;
    let re = '';
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (c === '*' && line[i + 1] === '*') {
        re += '.*';
        i++;
        if (line[i + 1] === '/') i++;
      } else if (c === '*') re += '[^/]*';
      else if (c === '?') re += '[^/]';
      else if (c === '\\' && i + 1 < line.length) re += line[++i]!.replace(/[.+^${}()|[\]\\]/g, '\\$&');
      else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
    // A pattern excludes what it names and, for directories, everything under it.
    out.push({ exclude, re: new RegExp(`^${re}(?:/.*)?$`) });
  }
  return out;
}

/** True when the ignore file keeps `path` (context-relative, e.g. `.git` or `config/.env`) out of the context. */
export function isIgnored(patterns: readonly Pattern[], path: string): boolean {
  let ignored = false;
  for (const p of patterns) if (p.re.test(path)) ignored = p.exclude;
  return ignored;
}
