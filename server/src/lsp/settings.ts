/**
 * Per-resource settings: asked for with workspace/configuration (section `bulkhead`, scoped to
 * the document URI), normalised by shared/src/settings.ts, cached per URI. Never global: a
 * folder's `.vscode/settings.json` must apply only to its own files (vscode-eslint does the same).
 */
import type { Connection } from 'vscode-languageserver/node';
import { SETTINGS_SECTION } from '../../../shared/src/ids';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from '../../../shared/src/settings';

export class SettingsCache {
  private readonly cache = new Map<string, Promise<Settings>>();
  /** False when the client cannot answer workspace/configuration: everyone gets the defaults. */
  supported = false;

  constructor(
    private readonly connection: Connection,
    private readonly log: (message: string) => void,
  ) {}

  get(uri: string): Promise<Settings> {
    if (!this.supported) return Promise.resolve(DEFAULT_SETTINGS);
    let pending = this.cache.get(uri);
    if (!pending) {
      pending = this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(
        (raw: unknown) => normalizeSettings(raw),
        (e: unknown) => {
          // A client that fails to answer must not stop analysis: fall back to defaults, say so once.
          this.log(`Could not read settings for ${uri}: ${e instanceof Error ? e.message : String(e)}; using defaults.`);
          return DEFAULT_SETTINGS;
        },
      );
      this.cache.set(uri, pending);
    }
    return pending;
  }

  delete(uri: string): void {
    this.cache.delete(uri);
  }

  clear(): void {
    this.cache.clear();
  }
}

/** A `bulkhead.validate` glob as a RegExp over a `/`-separated path: `**` any folders, `*` and `?` within one name, `{a,b}` alternatives. */
function globRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      i++;
      if (glob[i + 1] === '/') i++;
      re += '(?:.*/)?';
      if (i === glob.length - 1 && glob[i] === '*') re += '.*';
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') re += '(?:';
    else if (c === '}') re += ')';
    else if (c === ',' && glob.lastIndexOf('{', i) > glob.lastIndexOf('}', i)) re += '|';
    else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  // Relative patterns match at any depth (`ci/*.docker` matches `/repo/ci/a.docker`), as file globs do in VS Code settings.
  return new RegExp(glob.startsWith('/') ? `^${re}$` : `(?:^|/)${re}$`);
}

/** Whether `bulkhead.validate` selects a document: its language id is listed, or its path matches a listed glob. */
export function isValidated(validate: readonly string[], languageId: string, uri: string): boolean {
  if (validate.includes(languageId)) return true;
  const globs = validate.filter((v) => v.includes('/') || v.includes('*') || v.includes('?'));
  if (globs.length === 0) return false;
  let path = uri;
  try {
    path = decodeURIComponent(new URL(uri).pathname);
  } catch {
    // Not a URL: match it as a path.
  }
  return globs.some((g) => {
    try {
      return globRegExp(g).test(path);
    } catch {
      return false;
    }
  });
}
