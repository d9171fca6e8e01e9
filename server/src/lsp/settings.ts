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
