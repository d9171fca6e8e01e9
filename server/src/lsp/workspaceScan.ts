/**
 * The workspace scan behind the checklist (issue 7): every Dockerfile and Compose file in the
 * workspace folders, open or not, analysed once and then kept current incrementally — a
 * watched-file event re-reads only that file, an open document's live analysis (from the
 * diagnostics cache) replaces its disk state, and closing it falls back to the disk.
 *
 * The walk and the analyses yield to the event loop between files, so on-type diagnostics
 * are never queued behind a large workspace. The engine stays pure: this host reads files.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isCiConfigPath, parseConfirmations, type ChecklistConfirmation, type CiFile } from '../engine/checklist';
import { kindFromName, MAX_TEXT_LENGTH, type AnalysisResult, type FileKind } from '../engine/index';

export interface Folder {
  readonly uri: string;
  readonly name: string;
  /** File-system path of the folder. */
  readonly fsPath: string;
}

export interface ScanHost {
  /** Analyses one file's text (undefined: analysis disabled for it). */
  analyse(text: string, kind: FileKind, uri: string, folder: Folder): Promise<AnalysisResult | undefined>;
  /** Progress for large workspaces; called only when there is enough work to show. */
  progress?(): Promise<{ report(percent: number, message: string): void; done(): void } | undefined>;
  /** Something in the results changed (debounced by the caller). */
  changed(uris: readonly string[]): void;
  log(message: string): void;
}

export interface ScannedFile {
  readonly uri: string;
  readonly folder: Folder;
  /** Folder-relative path, forward slashes. */
  readonly rel: string;
  readonly kind: FileKind;
  readonly result: AnalysisResult | undefined;
  /** True while an open editor's analysis stands in for the disk text. */
  readonly live: boolean;
}

const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'out', 'dist', '.venv', 'venv', '__pycache__', '.vscode-test', 'target', 'vendor']);
const MAX_FILES = 20000;
const MAX_DEPTH = 24;
/** Above this many files the scan reports progress. */
export const PROGRESS_THRESHOLD = 25;

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export function uriToPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

/** Same file whatever the URI spelling (VS Code encodes `c%3A`, Node writes `C:`). */
function key(fsPath: string): string {
  return process.platform === 'win32' ? fsPath.toLowerCase() : fsPath;
}

export class WorkspaceScan {
  private readonly files = new Map<string, ScannedFile>();
  private readonly ci = new Map<string, CiFile>();
  private folders: Folder[] = [];
  private scanning: Promise<number> | undefined;
  private scanned = false;

  constructor(private readonly host: ScanHost) {}

  setFolders(folders: readonly Folder[]): void {
    this.folders = [...folders];
    this.scanned = false;
  }

  get folderList(): readonly Folder[] {
    return this.folders;
  }

  get fileCount(): number {
    return this.files.size;
  }

  folderOf(fsPath: string): Folder | undefined {
    const k = key(fsPath);
    return this.folders
      .filter((f) => k === key(f.fsPath) || k.startsWith(key(f.fsPath.endsWith(sep) ? f.fsPath : f.fsPath + sep)))
      .sort((a, b) => b.fsPath.length - a.fsPath.length)[0];
  }

  private rel(folder: Folder, fsPath: string): string {
    return relative(folder.fsPath, fsPath).split(sep).join('/');
  }

  /** The scan's files of one folder, sorted by path. */
  filesOf(folder: Folder): ScannedFile[] {
    return [...this.files.values()].filter((f) => f.folder.uri === folder.uri).sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  }

  ciOf(folder: Folder): CiFile[] {
    return [...this.ci.entries()].filter(([k]) => k.startsWith(`${folder.uri}\u0000`)).map(([, v]) => v).sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  async confirmationsOf(folder: Folder): Promise<ChecklistConfirmation[]> {
    try {
      return parseConfirmations(await readFile(join(folder.fsPath, '.bulkhead', 'checklist.json'), 'utf8'));
    } catch {
      return [];
    }
  }

  /** Scans once (later calls wait for or reuse the first scan). */
  ensureScanned(): Promise<number> {
    if (this.scanned) return Promise.resolve(this.files.size);
    return this.rescan();
  }

  /** Re-reads every file of every folder (command `bulkhead.scanWorkspace`). */
  rescan(): Promise<number> {
    if (this.scanning) return this.scanning;
    const run = this.scanAll().finally(() => {
      this.scanning = undefined;
    });
    this.scanning = run;
    return run;
  }

  private async scanAll(): Promise<number> {
    const found: { folder: Folder; fsPath: string; kind: FileKind | 'ci' }[] = [];
    for (const folder of this.folders) await this.walk(folder, folder.fsPath, 0, found);
    const live = new Set([...this.files.values()].filter((f) => f.live).map((f) => key(uriToPath(f.uri) ?? f.uri)));
    for (const [k, f] of this.files) if (!f.live) this.files.delete(k);
    this.ci.clear();
    const progress = found.length > PROGRESS_THRESHOLD && this.host.progress ? await this.host.progress() : undefined;
    let i = 0;
    try {
      for (const f of found) {
        i++;
        if (progress && i % 10 === 0) progress.report(Math.round((i / found.length) * 100), `${i}/${found.length} files`);
        if (f.kind === 'ci') await this.readCi(f.folder, f.fsPath);
        else if (!live.has(key(f.fsPath))) await this.readFile(f.folder, f.fsPath, f.kind);
        await tick();
      }
    } finally {
      progress?.done();
    }
    this.scanned = true;
    this.host.changed([]);
    return this.files.size;
  }

  private async walk(folder: Folder, dir: string, depth: number, out: { folder: Folder; fsPath: string; kind: FileKind | 'ci' }[]): Promise<void> {
    if (depth > MAX_DEPTH || out.length >= MAX_FILES) return;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name)) await this.walk(folder, p, depth + 1, out);
        continue;
      }
      if (!e.isFile()) continue;
      const kind = kindFromName(e.name);
      if (kind) out.push({ folder, fsPath: p, kind });
      else if (isCiConfigPath(this.rel(folder, p))) out.push({ folder, fsPath: p, kind: 'ci' });
    }
    if (depth % 4 === 0) await tick();
  }

  private async readCi(folder: Folder, fsPath: string): Promise<void> {
    try {
      const text = await readFile(fsPath, 'utf8');
      this.ci.set(`${folder.uri}\u0000${this.rel(folder, fsPath)}`, { path: this.rel(folder, fsPath), text });
    } catch {
      this.ci.delete(`${folder.uri}\u0000${this.rel(folder, fsPath)}`);
    }
  }

  private async readFile(folder: Folder, fsPath: string, kind: FileKind): Promise<void> {
    const uri = pathToFileURL(fsPath).toString();
    let text: string;
    try {
      const s = await stat(fsPath);
      // Oversized files still get an entry: the engine reports them as too large.
      text = s.size > MAX_TEXT_LENGTH * 3 ? 'x'.repeat(MAX_TEXT_LENGTH + 1) : await readFile(fsPath, 'utf8');
    } catch {
      this.files.delete(key(fsPath));
      return;
    }
    let result: AnalysisResult | undefined;
    try {
      result = await this.host.analyse(text, kind, uri, folder);
    } catch (e) {
      this.host.log(`Workspace scan: ${fsPath}: ${e instanceof Error ? e.message : String(e)}`);
      result = undefined;
    }
    this.files.set(key(fsPath), { uri, folder, rel: this.rel(folder, fsPath), kind, result, live: false });
  }

  /** A watched file was created, changed or deleted on disk: re-read only that file. */
  async diskChanged(uri: string, deleted: boolean): Promise<void> {
    const fsPath = uriToPath(uri);
    if (!fsPath) return;
    const folder = this.folderOf(fsPath);
    if (!folder) return;
    const rel = this.rel(folder, fsPath);
    if (rel === '.bulkhead/checklist.json') return this.host.changed([uri]);
    if (isCiConfigPath(rel)) {
      if (deleted) this.ci.delete(`${folder.uri}\u0000${rel}`);
      else await this.readCi(folder, fsPath);
      return this.host.changed([uri]);
    }
    const kind = kindFromName(fsPath.slice(fsPath.lastIndexOf(sep) + 1));
    if (!kind || !this.scanned) return;
    const existing = this.files.get(key(fsPath));
    if (existing?.live) return; // the open editor is the truth until it closes
    if (deleted) this.files.delete(key(fsPath));
    else await this.readFile(folder, fsPath, kind);
    this.host.changed([uri]);
  }

  /** An open document was analysed (diagnostics cache): its live result replaces the disk state. */
  documentAnalysed(uri: string, kind: FileKind, result: AnalysisResult | undefined): void {
    const fsPath = uriToPath(uri);
    const folder = fsPath ? this.folderOf(fsPath) : undefined;
    if (!fsPath || !folder) return;
    this.files.set(key(fsPath), { uri, folder, rel: this.rel(folder, fsPath), kind, result, live: true });
    this.host.changed([uri]);
  }

  /** An open document closed: go back to what is on disk. */
  async documentClosed(uri: string): Promise<void> {
    const fsPath = uriToPath(uri);
    const existing = fsPath ? this.files.get(key(fsPath)) : undefined;
    if (!fsPath || !existing) return;
    await this.readFile(existing.folder, fsPath, existing.kind);
    this.host.changed([uri]);
  }
}
