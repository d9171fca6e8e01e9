import { defineRule } from '../../rule';
import { mayHaveSslVerifyOff, sslVerifyOffSettings, tlsRelaxed } from '../../model/packages';

/** A package manager that skips TLS checks installs whatever a network attacker serves. */
export default defineRule({
  meta: {
    id: 'pkg-manager-tls-off',
    kind: 'dockerfile',
    title: 'Keep TLS verification on in package managers',
    severity: 'high',
    category: 'supply-chain',
    messages: {
      option:
        '"{setting}" turns off TLS certificate checks for this package manager: anyone on the network path can serve the packages. Install the proxy\'s or registry\'s CA certificate in the image and remove the setting.',
      repoSetting: '"{setting}" turns off TLS certificate checks for this repository. Add the repository\'s CA certificate (sslcacert=) instead.',
    },
    checklist: ['supply-chain-integrity'],
    references: [
      { tool: 'checkov', id: 'CKV2_DOCKER_4', match: 'same' },
      { tool: 'checkov', id: 'CKV2_DOCKER_13', match: 'same' },
      { tool: 'checkov', id: 'CKV2_DOCKER_15', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    const { index } = model;
    // Repository settings are rare: when the file never says `sslverify`, no word or heredoc can.
    const repoFiles = mayHaveSslVerifyOff(model.text);
    for (const { command } of model.commands()) {
      const flagged = new Set<unknown>();
      for (const hit of tlsRelaxed(command)) {
        flagged.add(hit.from).add(hit.to);
        report({ range: { start: hit.from.range.start, end: hit.to.range.end }, messageId: 'option', data: { setting: hit.setting } });
      }
      // `echo sslverify=0 >> /etc/yum.conf`, `sed -i s/sslverify=1/sslverify=0/ ...`
      if (repoFiles) for (const word of command.args) if (!flagged.has(word)) settings(index.offsetAt(word.range.start), index.slice(word.range));
    }
    for (const ins of repoFiles ? model.instructions : []) {
      for (const h of ins.heredocs) {
        const body = h.getContentRange();
        if (body) settings(index.offsetAt(body.start), index.slice(body));
      }
    }
    function settings(start: number, text: string): void {
      for (const s of sslVerifyOffSettings(text))
        report({ range: index.rangeOf(start + s.start, start + s.end), messageId: 'repoSetting', data: { setting: s.setting } });
    }
  },
});
