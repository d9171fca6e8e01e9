/**
 * The language status item: findings in the active file and when it was last analysed, fed by
 * the server's `bulkhead/status` notification. Rule crashes turn it into a warning that links
 * to the output channel.
 */
import * as vscode from 'vscode';
import { Commands } from '../../shared/src/ids';
import type { StatusParams } from '../../shared/src/protocol';

export class Status implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly byUri = new Map<string, StatusParams>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(selector: vscode.DocumentSelector) {
    this.item = vscode.languages.createLanguageStatusItem('bulkhead.status', selector);
    this.item.name = 'Bulkhead';
    this.item.text = 'Bulkhead';
    this.item.command = { title: 'Show output', command: Commands.showOutputChannel };
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.workspace.onDidCloseTextDocument((d) => this.byUri.delete(d.uri.toString())),
    );
  }

  update(params: StatusParams): void {
    this.byUri.set(params.uri, params);
    this.render();
  }

  private render(): void {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const s = uri ? this.byUri.get(uri) : undefined;
    if (!s) {
      this.item.text = 'Bulkhead';
      this.item.detail = 'not analysed yet';
      this.item.severity = vscode.LanguageStatusSeverity.Information;
      return;
    }
    const counts = Object.entries(s.counts)
      .map(([sev, n]) => `${n} ${sev}`)
      .join(', ');
    this.item.text = s.findings === 0 ? 'Bulkhead: no findings' : `Bulkhead: ${s.findings} finding${s.findings === 1 ? '' : 's'}`;
    const time = new Date(s.at).toLocaleTimeString();
    const parts = [counts, `${s.rules} rules in ${s.durationMs} ms at ${time}`];
    if (s.problems > 0) parts.push(`${s.problems} parse problem${s.problems === 1 ? '' : 's'}`);
    if (s.errors.length > 0) {
      parts.unshift(`${s.errors.length} rule${s.errors.length === 1 ? '' : 's'} failed: ${s.errors.map((e) => e.ruleId).join(', ')}`);
      this.item.severity = vscode.LanguageStatusSeverity.Warning;
      this.item.command = { title: 'Show rule errors', command: Commands.showOutputChannel };
    } else if (s.budget) {
      // bulkhead.timeBudget.onValidation, as vscode-eslint does.
      parts.unshift(`analysis took ${s.durationMs} ms, over the time budget`);
      this.item.severity = s.budget === 'error' ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Warning;
      this.item.command = { title: 'Show output', command: Commands.showOutputChannel };
    } else {
      this.item.severity = vscode.LanguageStatusSeverity.Information;
      this.item.command = { title: 'Show output', command: Commands.showOutputChannel };
    }
    this.item.detail = parts.filter(Boolean).join(' · ');
  }

  dispose(): void {
    this.item.dispose();
    for (const d of this.subscriptions) d.dispose();
  }
}
