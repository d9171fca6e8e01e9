import { defineRule } from '../../rule';
import { mayHaveUntrustedRepoSetting, signatureBypassFlags, untrustedRepoSettings } from '../../model/commands';
import { flagRange, removeFlag } from '../../model/shell-edits';
import { baseName, unwrap } from '../../model/shell';

/** Package managers told to skip signature checks: a tampered mirror or package installs silently. */
export default defineRule({
  meta: {
    id: 'pkg-signature-bypass',
    kind: 'dockerfile',
    title: 'Do not bypass package signature checks',
    severity: 'high',
    category: 'supply-chain',
    // Unsafe: once the flag is gone the install fails until the repository's signing key is
    // imported, so the fix is a deliberate step, never applied on save.
    fix: 'unsafe',
    messages: {
      bypass: '{flag} installs packages without checking their signatures: a compromised mirror or proxy can ship anything. Import the repository signing key and remove the flag.',
      autoImport: '{flag} trusts any new repository signing key without checking its fingerprint. Import the key explicitly (rpm --import with a known fingerprint) instead.',
      repoSetting: '"{setting}" turns off signature checks for this repository. Add the repository signing key (signed-by / gpgkey) instead.',
      fix: 'Remove {flag}',
    },
    checklist: ['supply-chain-integrity'],
    references: [
      { tool: 'checkov', id: 'CKV2_DOCKER_7', match: 'same' },
      { tool: 'checkov', id: 'CKV2_DOCKER_8', match: 'same' },
      { tool: 'checkov', id: 'CKV2_DOCKER_9', match: 'same' },
      { tool: 'checkov', id: 'CKV2_DOCKER_10', match: 'same' },
      { tool: 'checkov', id: 'CKV2_DOCKER_11', match: 'same' },
      { tool: 'cis', id: '4.11', match: 'partial' },
      { tool: 'cis', id: '4.12', match: 'partial' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    const { index } = model;
    // Repository settings are rare: when the file never says `gpgcheck` or `trusted=yes`, no word or heredoc can.
    const repoFiles = mayHaveUntrustedRepoSetting(model.text);
    for (const { command } of model.commands()) {
      const { name, args } = unwrap(command);
      // Packages built earlier in the same RUN (official nginx images): `apk index`, `apk add` of local files.
      if (baseName(name) === 'apk' && (args[0]?.value === 'index' || args.filter((a) => !a.value.startsWith('-')).slice(1).every((a) => /\/|\.apk$/.test(a.value)))) continue;
      const flagged = new Set<unknown>();
      for (const hit of signatureBypassFlags(command)) {
        flagged.add(hit.word);
        const range = hit.value ? { start: hit.word.range.start, end: hit.value.range.end } : flagRange(index, hit);
        report({ range, messageId: hit.kind, data: { flag: hit.flag }, ...(hit.removable ? { fix: () => removeFlag(index, hit, model.escapeChar) } : {}) });
      }
      // `echo 'gpgcheck=0' >> x.repo`, `sed -i s/gpgcheck=1/gpgcheck=0/`, `echo "deb [trusted=yes] ..." > x.list`.
      if (repoFiles) for (const word of command.args) if (!flagged.has(word)) repoSettings(index.offsetAt(word.range.start), index.slice(word.range));
    }
    // Repo files written from heredocs: `cat > /etc/yum.repos.d/x.repo <<EOF ... gpgcheck=0`.
    for (const ins of repoFiles ? model.instructions : []) {
      for (const h of ins.heredocs) {
        const body = h.getContentRange();
        if (body) repoSettings(index.offsetAt(body.start), index.slice(body));
      }
    }
    function repoSettings(start: number, text: string): void {
      for (const s of untrustedRepoSettings(text)) {
        // A local file:// repository holds packages built earlier in the same RUN (official postgres and nginx images).
        if (s.setting === 'trusted=yes' && /^[^\]\n]*\][ \t]*["']?(?:file|copy):/.test(text.slice(s.end))) continue;
        report({ range: index.rangeOf(start + s.start, start + s.end), messageId: 'repoSetting', data: { setting: s.setting } });
      }
    }
  },
});
