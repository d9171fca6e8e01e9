import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { byCode, type Customization, open, setSetting, waitForDiagnostics } from './helpers';

const { Error: E, Warning: W, Information: I } = vscode.DiagnosticSeverity;

describe('settings', () => {
  let uri: vscode.Uri;

  const severityOf = (code: string): vscode.DiagnosticSeverity | undefined => byCode(uri, code)[0]?.severity;
  const waitSeverity = (code: string, severity: vscode.DiagnosticSeverity | undefined, why: string) =>
    waitForDiagnostics(uri, `${code} to be ${severity === undefined ? 'absent' : vscode.DiagnosticSeverity[severity]} (${why})`, () => severityOf(code) === severity && byCode(uri, 'from-latest').length === 1);
  const customize = (list: Customization[] | undefined) => setSetting('rules.customizations', list);

  before(async () => {
    uri = (await open('Dockerfile')).document.uri;
    await waitSeverity('prefer-copy', I, 'default');
  });

  afterEach(async () => {
    await customize(undefined);
    await setSetting('enable', undefined);
  });

  it('bulkhead.rules.customizations raises a rule to critical: its diagnostic becomes an Error', async () => {
    await customize([{ rule: 'prefer-copy', severity: 'critical' }]);
    await waitSeverity('prefer-copy', E, 'customized to critical');
    assert.equal(severityOf('no-sudo'), W, 'another rule changed severity');
  });

  it('lowers a rule: missing-user at "low" becomes Information', async () => {
    await customize([{ rule: 'missing-user', severity: 'low' }]);
    await waitSeverity('missing-user', I, 'customized to low');
  });

  it('"off" removes the rule\'s diagnostics; removing the customization brings them back', async () => {
    await customize([{ rule: 'no-sudo', severity: 'off' }]);
    await waitSeverity('no-sudo', undefined, 'customized to off');
    await customize(undefined);
    await waitSeverity('no-sudo', W, 'customization removed');
  });

  it('bulkhead.enable = false clears the diagnostics; true brings them back', async () => {
    await setSetting('enable', false);
    await waitForDiagnostics(uri, 'no Bulkhead diagnostics while disabled', (ds) => ds.length === 0);
    await setSetting('enable', true);
    await waitSeverity('prefer-copy', I, 're-enabled');
  });
});
