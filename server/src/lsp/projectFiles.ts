/**
 * The other files an analysis reads (Compose override/base, `include`/`extends` targets, the
 * Dockerfile behind a `build:`, `.dockerignore`), and which open documents depend on which
 * files (issue #5 items 2 and 5).
 *
 * The engine gets a file-system path and a reader: open buffers win over the disk (what the
 * user sees is what is analysed), disk reads are bounded in size and stay inside the document's
 * workspace folder. Every result names the paths it asked for (`AnalysisResult.dependencies`);
 * when one of them changes in the editor or on disk, the documents that read it are analysed
 * again without being touched themselves.
 */
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Files larger than this are not read for another document's analysis. */
export const MAX_RELATED_FILE = 1024 * 1024;

/** The engine path of a `file:` URI (undefined for `untitled:` and other schemes). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** A path the engine named (always one joined from a `file:` document's path) as a URI. */
export function pathToUri(p: string): string {
  return path.isAbsolute(p) ? pathToFileURL(p).href : p;
}

/** Case and separator differences (Windows, `%3A` drive letters) do not make two files. */
function key(p: string): string {
  const n = path.normalize(p);
  return process.platform === 'win32' || process.platform === 'darwin' ? n.toLowerCase() : n;
}

function inside(folder: string, file: string): boolean {
  const rel = path.relative(folder, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export interface OpenDocuments {
  all(): readonly { readonly uri: string; getText(): string }[];
}

export class ProjectFiles {
  /** Open document → the keys of the files its last analysis read. */
  private readonly dependencies = new Map<string, Map<string, string>>();

  constructor(
    private readonly documents: OpenDocuments,
    /** Workspace folder URIs; disk reads stay inside the one that holds the document. */
    private readonly folders: () => readonly string[],
  ) {}

  /** A reader for the analysis of `uri`: open buffers first, then the disk (bounded, inside its folder). */
  reader(uri: string): { read(p: string): string | undefined } {
    const own = uriToPath(uri);
    const folder =
      own === undefined
        ? undefined
        : this.folders()
            .map(uriToPath)
            .find((f): f is string => f !== undefined && inside(f, own));
    return {
      read: (p: string) => {
        const k = key(p);
        for (const d of this.documents.all()) {
          const dp = uriToPath(d.uri);
          if (dp !== undefined && key(dp) === k) return d.getText();
        }
        if (folder !== undefined && !inside(folder, p)) return undefined;
        try {
          // Most reads are of files that do not exist (a Dockerfile's .dockerignore): no
          // exception for those, it cost more than the rest of the read (issue #8).
          const stat = statSync(p, { throwIfNoEntry: false });
          if (stat === undefined || stat.size > MAX_RELATED_FILE) return undefined;
          return readFileSync(p, 'utf8');
        } catch {
          return undefined;
        }
      },
    };
  }

  /** Records what the analysis of `uri` read (found or not). */
  record(uri: string, paths: readonly string[] | undefined): void {
    if (!paths || paths.length === 0) this.dependencies.delete(uri);
    else this.dependencies.set(uri, new Map(paths.map((p) => [key(p), p])));
  }

  forget(uri: string): void {
    this.dependencies.delete(uri);
  }

  /** Open documents whose last analysis read `changed` (a URI), other than itself. */
  dependants(changed: string): string[] {
    const p = uriToPath(changed);
    if (p === undefined) return [];
    const k = key(p);
    return [...this.dependencies].filter(([uri, deps]) => uri !== changed && deps.has(k)).map(([uri]) => uri);
  }

  /** Every file some open document depends on, as URIs (to watch on disk). */
  watched(): Set<string> {
    const out = new Set<string>();
    for (const deps of this.dependencies.values()) for (const d of deps.values()) out.add(pathToUri(d));
    return out;
  }
}
