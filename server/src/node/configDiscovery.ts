/**
 * Configuration discovery, shared by the CLI (server/src/cli/run.ts) and the language server
 * (server/src/lsp/config.ts): for each analysed file, the nearest `.bulkhead.yaml` / `.yml` /
 * `.json` walking up from its folder, stopping at the root (the scan root or workspace
 * folder). Parsing, validation and `extends` are the engine's (configFile.ts); this file only
 * reads files, through a reader the host may replace (the server reads open editor buffers
 * first). Results are cached per folder, so a scan of many files reads each config once.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { CONFIG_FILE_NAMES, isIgnoredByConfig, loadConfigFile, type ConfigHost, type LoadedConfig } from '../engine';

export { CONFIG_FILE_NAMES };

export interface ResolvedConfig {
  /** The config file that applies (absolute), or undefined: defaults. */
  readonly file: string | undefined;
  readonly loaded: LoadedConfig | undefined;
  /** The file is excluded by the config's `ignore` patterns. */
  readonly ignored: boolean;
}

export interface ConfigResolverOptions {
  /** Discovery does not go above this folder (absolute). Undefined: up to the filesystem root. */
  readonly root?: string | undefined;
  /** Use this config file for every file (`--config`), no discovery. */
  readonly explicit?: string | undefined;
  /** `--no-config`: defaults everywhere. */
  readonly disabled?: boolean;
  /** Reads a file; default the disk. The language server passes open editor buffers first. */
  readonly read?: (file: string) => string | undefined;
}

export function readDisk(file: string): string | undefined {
  try {
    if (!statSync(file).isFile()) return undefined;
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

export class ConfigResolver {
  private readonly byDir = new Map<string, string | undefined>();
  private readonly loaded = new Map<string, LoadedConfig>();
  private readonly read: (file: string) => string | undefined;
  private readonly host: ConfigHost;

  constructor(private readonly options: ConfigResolverOptions = {}) {
    this.read = options.read ?? readDisk;
    this.host = { read: (f) => this.read(f), resolve: (from, target) => resolve(dirname(from), target) };
  }

  /** The nearest config file for a folder, walking up to the root. */
  findFor(dir: string): string | undefined {
    const chain: string[] = [];
    let d = resolve(dir);
    let found: string | undefined;
    for (;;) {
      if (this.byDir.has(d)) {
        found = this.byDir.get(d);
        break;
      }
      chain.push(d);
      const hit = CONFIG_FILE_NAMES.map((n) => join(d, n)).find((f) => this.read(f) !== undefined);
      if (hit) {
        found = hit;
        break;
      }
      const parent = dirname(d);
      if (parent === d || (this.options.root !== undefined && !isInside(parent, this.options.root))) break;
      d = parent;
    }
    for (const c of chain) this.byDir.set(c, found);
    return found;
  }

  load(file: string): LoadedConfig {
    let l = this.loaded.get(file);
    if (!l) {
      l = loadConfigFile(file, this.host);
      this.loaded.set(file, l);
    }
    return l;
  }

  /** The configuration for one analysed file (absolute path). */
  forFile(abs: string): ResolvedConfig {
    if (this.options.disabled) return { file: undefined, loaded: undefined, ignored: false };
    const file = this.options.explicit !== undefined ? resolve(this.options.explicit) : this.findFor(dirname(abs));
    if (!file) return { file: undefined, loaded: undefined, ignored: false };
    const loaded = this.load(file);
    const rel = relative(dirname(file), abs).split(sep).join('/');
    return { file, loaded, ignored: isIgnoredByConfig(loaded, rel) };
  }

  /** Every configuration loaded so far (file → result), for hosts that report config problems. */
  loadedConfigs(): ReadonlyMap<string, LoadedConfig> {
    return this.loaded;
  }

  /** Forget everything read (a config file changed). */
  clear(): void {
    this.byDir.clear();
    this.loaded.clear();
  }
}
