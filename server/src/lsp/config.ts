/**
 * `.bulkhead.yaml` / `.yml` / `.json` in the editor, with the CLI's discovery
 * (server/src/node/configDiscovery.ts) and the engine's parsing: for each document, the
 * nearest config walking up from its folder, stopping at its workspace folder (multi-root:
 * each folder has its own resolver and its own configs). Open editor buffers are read before
 * the disk, so an unsaved config applies at once.
 *
 * Precedence, as in the CLI: inline comment > nearest config > editor settings > defaults.
 * An invalid config (anywhere in its `extends` chain) gives diagnostics in the config file
 * itself and the documents it governs fall back to the defaults (plus settings), never a crash.
 */
import { basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { DIAGNOSTIC_SOURCE } from '../../../shared/src/ids';
import { layerConfig, type ConfigProblem, type EngineConfig, type LoadedConfig } from '../engine/index';
import { CONFIG_FILE_NAMES, ConfigResolver, isInside, readDisk, type ResolvedConfig } from '../node/configDiscovery';

/** Glob the server watches (workspace/didChangeWatchedFiles) and the client syncs as documents. */
export const CONFIG_GLOB = '**/.bulkhead.{yaml,yml,json}';

const NAMES: readonly string[] = CONFIG_FILE_NAMES;

function pathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** Whether the URI names a Bulkhead configuration file. */
export function isConfigUri(uri: string): boolean {
  const p = pathOf(uri);
  return p !== undefined && NAMES.includes(basename(p));
}

export function problemToConfigDiagnostic(p: ConfigProblem): Diagnostic {
  return { range: p.range, severity: DiagnosticSeverity.Error, source: DIAGNOSTIC_SOURCE, code: 'config', message: p.message };
}

export class EditorConfigs {
  /** Workspace folder paths, longest first (the innermost folder owns a file). */
  private folders: string[] = [];
  /** One resolver per workspace folder (key: its path; '' for files outside every folder). */
  private readonly resolvers = new Map<string, ConfigResolver>();

  /** `openText`: the text of an open editor buffer for a file: URI, or undefined. */
  constructor(private readonly openText: (uri: string) => string | undefined) {}

  setFolders(uris: readonly string[]): void {
    this.folders = uris
      .map(pathOf)
      .filter((p): p is string => p !== undefined)
      .sort((a, b) => b.length - a.length);
    this.clear();
  }

  private read = (file: string): string | undefined => this.openText(pathToFileURL(file).href) ?? readDisk(file);

  private resolverFor(path: string): ConfigResolver {
    const folder = this.folders.find((f) => isInside(path, f)) ?? '';
    let r = this.resolvers.get(folder);
    if (!r) {
      r = new ConfigResolver({ ...(folder ? { root: folder } : {}), read: this.read });
      this.resolvers.set(folder, r);
    }
    return r;
  }

  /** The configuration governing a document; undefined for non-file URIs (untitled: defaults). */
  forUri(uri: string): ResolvedConfig | undefined {
    const p = pathOf(uri);
    if (p === undefined) return undefined;
    return this.resolverFor(p).forFile(p);
  }

  /**
   * The engine configuration for a document: the nearest config layered over the settings'
   * customizations; `ignored` when the config's `ignore` patterns exclude the document.
   */
  effective(uri: string, fromSettings: EngineConfig): { config: EngineConfig; ignored: boolean; file: string | undefined } {
    const r = this.forUri(uri);
    return { config: layerConfig(fromSettings, r?.loaded?.config), ignored: r?.ignored ?? false, file: r?.file };
  }

  /** A config file's own problems (and those of what it extends, reported where they are). */
  load(uri: string): LoadedConfig | undefined {
    const p = pathOf(uri);
    return p === undefined ? undefined : this.resolverFor(p).load(p);
  }

  /**
   * Diagnostics per config file URI for every config loaded so far plus `extra` (open config
   * buffers), grouped by the file each problem is in. Files without problems get an empty list.
   */
  diagnostics(extra: readonly string[] = []): Map<string, Diagnostic[]> {
    for (const uri of extra) this.load(uri);
    const out = new Map<string, Diagnostic[]>();
    for (const r of this.resolvers.values()) {
      for (const loaded of r.loadedConfigs().values()) {
        for (const f of loaded.files) if (!out.has(pathToFileURL(f).href)) out.set(pathToFileURL(f).href, []);
        for (const p of loaded.problems) {
          const uri = pathToFileURL(p.file).href;
          const list = out.get(uri) ?? [];
          if (!list.some((d) => d.message === p.message && JSON.stringify(d.range) === JSON.stringify(p.range))) list.push(problemToConfigDiagnostic(p));
          out.set(uri, list);
        }
      }
    }
    return out;
  }

  /** URIs of every file read through `extends` that is not itself named like a config (watched one by one). */
  extendedFiles(): Set<string> {
    const out = new Set<string>();
    for (const r of this.resolvers.values())
      for (const loaded of r.loadedConfigs().values()) for (const f of loaded.files) if (!NAMES.includes(basename(f))) out.add(pathToFileURL(f).href);
    return out;
  }

  /** Forget every config read (a config file changed on disk or in an editor). */
  clear(): void {
    for (const r of this.resolvers.values()) r.clear();
    this.resolvers.clear();
  }
}
