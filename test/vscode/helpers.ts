/**
 * Helpers for the extension-host suite. Everything waits on VS Code events with a deadline
 * (never a fixed sleep), and a timeout says what it was waiting for and what it saw instead.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'bulkhead.bulkhead';
export const SOURCE = 'bulkhead';
export const COMMANDS = ['bulkhead.restart', 'bulkhead.revalidate', 'bulkhead.showOutputChannel'] as const;

/** Deadline of one wait. The first analysis after activation includes the server's start. */
export const WAIT_MS = Number(process.env['BULKHEAD_VSCODE_WAIT_MS'] ?? 15_000);

export function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded (is extensionDevelopmentPath the repo root?)`);
  return ext;
}

export function workspaceUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open (the runner passes test/fixtures/vscode-workspace)');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

export async function open(relative: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(relative));
  return vscode.window.showTextDocument(doc);
}

export function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : String(c);
}

export function bulkhead(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function byCode(uri: vscode.Uri, code: string): vscode.Diagnostic[] {
  return bulkhead(uri).filter((d) => codeOf(d) === code);
}

const SEVERITY_NAMES = ['Error', 'Warning', 'Information', 'Hint'];

/** `code@line:char-line:char/Severity`, 0-based as the API gives them. */
export function describeParts(code: string, r: vscode.Range, severity: vscode.DiagnosticSeverity): string {
  return `${code}@${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}/${SEVERITY_NAMES[severity]}`;
}

export function describeDiagnostic(d: vscode.Diagnostic): string {
  return describeParts(codeOf(d), d.range, d.severity);
}

export function describeAll(uri: vscode.Uri): string {
  const all = vscode.languages.getDiagnostics(uri);
  return all.length === 0 ? '(none)' : all.map((d) => `${d.source ?? '?'}:${describeDiagnostic(d)}`).join(', ');
}

/**
 * Resolves once `predicate` holds for the Bulkhead diagnostics of `uri`: checked now, then on
 * every onDidChangeDiagnostics event that names the URI. `sinceEvent` makes it ignore the current
 * state until at least one such event arrived (for "the server answered again" checks).
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  what: string,
  predicate: (ds: vscode.Diagnostic[]) => boolean,
  options: { timeoutMs?: number; sinceEvent?: boolean } = {},
): Promise<vscode.Diagnostic[]> {
  const timeoutMs = options.timeoutMs ?? WAIT_MS;
  const key = uri.toString();
  return new Promise((resolve, reject) => {
    let settled = false;
    let sawEvent = !options.sinceEvent;
    const finish = (error?: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      sub.dispose();
      if (error) reject(error);
      else resolve(bulkhead(uri));
    };
    const check = (): void => {
      if (sawEvent && predicate(bulkhead(uri))) finish();
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === key)) return;
      sawEvent = true;
      check();
    });
    const timer = setTimeout(
      () => finish(new Error(`timed out after ${timeoutMs} ms waiting for ${what} on ${uri.path}; diagnostics now: ${describeAll(uri)}`)),
      timeoutMs,
    );
    check();
  });
}

/**
 * For state that raises no event (an extension's activation): checks on a short interval until
 * it holds or the deadline passes. A condition wait, not a sleep: it returns as soon as it holds.
 */
export async function waitUntil(what: string, condition: () => boolean, timeoutMs = WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export type Customization = { rule: string; severity: string };

/**
 * Sets `bulkhead.<key>` in the workspace settings (undefined removes it). `update` resolves once
 * VS Code has applied the value; callers then wait for the diagnostics the server sends back.
 */
export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('bulkhead').update(key, value, vscode.ConfigurationTarget.Workspace);
}

export async function codeActions(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range);
  return (actions ?? []).filter((a): a is vscode.CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string'));
}

export function range(startLine: number, startChar: number, endLine: number, endChar: number): vscode.Range {
  return new vscode.Range(startLine, startChar, endLine, endChar);
}
