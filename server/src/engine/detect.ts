/**
 * Which kind of file a name or a text is. Shared by the language server (document
 * selector fallbacks) and the CLI (discovery, explicitly named files).
 */
import type { FileKind } from './types';

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** Dockerfile, *.Dockerfile, Dockerfile.*, Containerfile, Containerfile.* (case-insensitive). */
export function isDockerfileName(path: string): boolean {
  const name = baseName(path).toLowerCase();
  return name === 'dockerfile' || name === 'containerfile' || name.endsWith('.dockerfile') || name.startsWith('dockerfile.') || name.startsWith('containerfile.') || name.endsWith('.containerfile');
}

/** compose.yaml/.yml, compose.*.yaml, compose-*.yaml, docker-compose.yml, docker-compose.*.yml, docker-compose-*.yml (and .yaml). */
export function isComposeName(path: string): boolean {
  const name = baseName(path).toLowerCase();
  return /^(docker-)?compose([.-][^/]*)?\.ya?ml$/.test(name);
}

export function kindFromName(path: string): FileKind | undefined {
  if (isDockerfileName(path)) return 'dockerfile';
  if (isComposeName(path)) return 'compose';
  return undefined;
}

/** Kind from content: a top-level `services:` key means Compose; a FROM instruction means Dockerfile. */
export function kindFromContent(text: string): FileKind | undefined {
  const head = text.slice(0, 65536);
  if (/^services\s*:/m.test(head)) return 'compose';
  if (/^[ \t]*FROM[ \t]+\S/im.test(head)) return 'dockerfile';
  return undefined;
}
