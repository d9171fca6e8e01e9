import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { byCode, codeActions, type Customization, open, setSetting, waitForDiagnostics, workspaceUri } from './helpers';

const { Error: E, Warning: W, Information: I } = vscode.DiagnosticSeverity;

describe('settings', () => {
  let uri: vscode.Uri;

  const severityOf = (code: string): vscode.DiagnosticSeverity | undefined => byCode(uri, code)[0]?.severity;
  const waitSeverity = (code: string, severity: vscode.DiagnosticSeverity | undefined, why: string) =>
    waitForDiagnostics(
      uri,
      `${code} to be ${severity === undefined ? 'absent' : vscode.DiagnosticSeverity[severity]} (${why})`,
      () => severityOf(code) === severity && byCode(uri, 'from-latest').length === 1,
    );
  const customize = (list: Customization[] | undefined) => setSetting('rules.customizations', list);

  before(async () => {
    uri = (await open('Dockerfile')).document.uri;
    await waitSeverity('prefer-copy', I, 'default');
  });

  afterEach(async () => {
    await customize(undefined);
    await setSetting('enable', undefined);
    await setSetting('validate', undefined);
    await setSetting('codeAction.showDocumentation', undefined);
    await setSetting('codeAction.disableRuleComment', undefined);
  });

  /** Titles of the code actions on the first prefer-copy diagnostic, polled until `ok` holds (settings reach the server asynchronously). */
  const waitActions = async (why: string, ok: (titles: string[]) => boolean): Promise<string[]> => {
    let titles: string[] = [];
    const deadline = Date.now() + 15_000;
    for (;;) {
      const d = byCode(uri, 'prefer-copy')[0];
      titles = d ? (await codeActions(uri, d.range)).map((a) => a.title) : [];
      if (ok(titles)) return titles;
      if (Date.now() > deadline) throw new Error(`timed out waiting for code actions (${why}); now: ${titles.join(' | ')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

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

  it('bulkhead.validate without "dockerfile" and the Dockerfile patterns stops analysing Dockerfiles; resetting it analyses them again', async () => {
    await setSetting('validate', ['dockercompose']);
    await waitForDiagnostics(uri, 'no Bulkhead diagnostics on a Dockerfile that is not validated', (ds) => ds.length === 0);
    await setSetting('validate', undefined);
    await waitSeverity('prefer-copy', I, 'validate reset');
  });

  it('bulkhead.codeAction.showDocumentation.enable = false removes "Show documentation for <id>"', async () => {
    await waitActions('default', (t) => t.includes('Show documentation for prefer-copy'));
    await setSetting('codeAction.showDocumentation', { enable: false });
    const titles = await waitActions('documentation disabled', (t) => t.length > 0 && !t.some((x) => x.startsWith('Show documentation')));
    assert.ok(titles.includes('Replace ADD with COPY'), `the fix stays: ${titles.join(' | ')}`);
  });

  it('bulkhead.codeAction.disableRuleComment.enable = false removes the ignore actions', async () => {
    await waitActions('default', (t) => t.some((x) => /^Ignore prefer-copy/.test(x)));
    await setSetting('codeAction.disableRuleComment', { enable: false, location: 'separateLine' });
    const titles = await waitActions('ignore disabled', (t) => t.length > 0 && !t.some((x) => x.startsWith('Ignore')));
    assert.ok(titles.includes('Replace ADD with COPY'), `the fix stays: ${titles.join(' | ')}`);
  });

  it('a .bulkhead.yaml written into the folder turns a rule off; deleting it brings the rule back', async () => {
    const config = workspaceUri('.bulkhead.yaml');
    await vscode.workspace.fs.writeFile(config, Buffer.from('rules:\n  prefer-copy: off\n'));
    try {
      await waitSeverity('prefer-copy', undefined, '.bulkhead.yaml turns it off');
    } finally {
      await vscode.workspace.fs.delete(config);
    }
    await waitSeverity('prefer-copy', I, '.bulkhead.yaml deleted');
  });
});
