/**
 * Tiny path helpers for host-supplied paths, POSIX or Windows (the engine may not import
 * `path`). Paths are joined with the separator the base path already uses.
 */

function sep(p: string): '/' | '\\' {
  return p.includes('\\') && !p.includes('/') ? '\\' : '/';
}

export function isAbsolute(p: string): boolean {
  return p.startsWith('/') || p.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(p);
}

export function dirname(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  if (i < 0) return '.';
  if (i === 0) return p.slice(0, 1);
  if (i === 2 && /^[A-Za-z]:/.test(p)) return p.slice(0, 3);
  return p.slice(0, i);
}

export function basename(p: string): string {
  return p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);
}

/** Joins and normalises `.` and `..` segments; an absolute `rel` wins. */
export function join(base: string, rel: string): string {
  if (isAbsolute(rel)) return normalise(rel, sep(rel));
  if (base === '.' || base === '') return normalise(rel, sep(rel));
  const s = sep(base);
  return normalise(base.replace(/[\\/]+$/, '') + s + rel, s);
}

function normalise(p: string, s: '/' | '\\'): string {
  const drive = /^[A-Za-z]:/.exec(p)?.[0] ?? '';
  const rest = p.slice(drive.length);
  const absolute = /^[\\/]/.test(rest);
  const out: string[] = [];
  for (const part of rest.split(/[\\/]+/)) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (part !== '..' || !absolute) out.push(part);
  }
  const body = out.join(s);
  return drive + (absolute ? s : '') + (body || (absolute ? '' : '.'));
}
