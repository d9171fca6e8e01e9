import { defineRule } from '../../rule';
import { isFullUpgrade, packageCommand } from '../../model/packages';

/** A full upgrade in the build makes the image depend on the day it was built; off by default (policy). */
export default defineRule({
  meta: {
    id: 'package-upgrade-in-build',
    kind: 'dockerfile',
    title: 'Do not upgrade all packages during the build',
    severity: 'info',
    category: 'supply-chain',
    enabledByDefault: false,
    messages: {
      upgrade:
        '"{command}" upgrades every package to whatever the mirror serves today: two builds of the same Dockerfile differ, and the base image\'s tested package set is replaced. Rebuild on a newer, pinned base image instead, or upgrade only the packages that need a fix.',
    },
    references: [
      { tool: 'hadolint', id: 'DL3035', match: 'partial' },
      { tool: 'trivy', id: 'DS-0024', match: 'same' },
      { tool: 'semgrep', id: 'avoid-apt-get-upgrade', match: 'same' },
      { tool: 'semgrep', id: 'avoid-apk-upgrade', match: 'same' },
      { tool: 'semgrep', id: 'avoid-yum-update', match: 'same' },
      { tool: 'semgrep', id: 'avoid-dnf-update', match: 'same' },
      { tool: 'semgrep', id: 'avoid-zypper-update', match: 'same' },
      { tool: 'dockle', id: 'DKL-DI-0003', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const { command } of model.commands()) {
      const pc = packageCommand(command);
      if (!pc || !pc.verb || !isFullUpgrade(pc)) continue;
      report({ range: pc.verb.range, messageId: 'upgrade', data: { command: `${pc.tool} ${pc.verb.value}` } });
    }
  },
});
