import { defineRule } from '../../rule';
import { DOWNLOADER_CONFIG_FILE, INSECURE_CONFIG_LINE, insecureTlsFlags } from '../../model/commands';
import { flagRange, removeFlag } from '../../model/shell-edits';
import { baseName } from '../../model/shell';

/** curl/wget with TLS certificate verification switched off: any machine in the path can swap the download. */
export default defineRule({
  meta: {
    id: 'insecure-download',
    kind: 'dockerfile',
    title: 'Keep TLS certificate verification on for downloads',
    severity: 'high',
    category: 'network',
    // Unsafe: without the flag a build behind a TLS-intercepting proxy or against a self-signed
    // mirror fails until its CA is installed, so the fix is offered but never applied on save.
    fix: 'unsafe',
    messages: {
      flag: '{flag} switches off TLS certificate verification: anyone between the build and the server can replace the download. Remove it; for a private CA, install the CA certificate instead.',
      config: 'This writes "{line}" into {file}, switching off TLS certificate verification for every later download. Install the CA certificate instead.',
      fix: 'Remove {flag}',
    },
    checklist: ['supply-chain-integrity'],
    references: [
      { tool: 'checkov', id: 'CKV2_DOCKER_2', match: 'same' },
      { tool: 'checkov', id: 'CKV2_DOCKER_3', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const { command } of model.commands()) {
      for (const hit of insecureTlsFlags(command)) {
        report({ range: flagRange(model.index, hit), messageId: 'flag', data: { flag: hit.flag }, fix: () => removeFlag(model.index, hit, model.escapeChar) });
      }
      // `echo insecure >> ~/.curlrc`, `echo check_certificate=off > /etc/wgetrc`.
      const name = baseName(command.name);
      const file = command.redirects.find((r) => /^\d?>>?$/.test(r.op) && r.target && DOWNLOADER_CONFIG_FILE.test(r.target.value))?.target;
      if ((name !== 'echo' && name !== 'printf') || !file) continue;
      for (const arg of command.args) {
        const line = arg.value.split(/\\n|\n/).find((l) => INSECURE_CONFIG_LINE.test(l));
        if (line !== undefined) report({ range: arg.range, messageId: 'config', data: { line: line.trim(), file: file.value } });
      }
    }
  },
});
