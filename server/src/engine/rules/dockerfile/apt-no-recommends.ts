import { defineRule } from '../../rule';
import { APT_NO_RECOMMENDS_CONFIG, aptSimulates, packageCommand, skipsRecommends } from '../../model/packages';

/** apt installs "Recommends" by default: extra packages, extra attack surface, larger images. */
export default defineRule({
  meta: {
    id: 'apt-no-recommends',
    kind: 'dockerfile',
    title: 'Install apt packages with --no-install-recommends',
    severity: 'low',
    category: 'hygiene',
    // Safe: recommended packages are optional by Debian policy; a build that needs one names it.
    fix: 'safe',
    messages: {
      recommends:
        '{tool} install also installs every "Recommends" package: more code in the image, more CVEs to patch. Add --no-install-recommends and name the packages you need.',
    },
    checklist: ['minimal-attack-surface'],
    references: [
      { tool: 'hadolint', id: 'DL3015', match: 'same' },
      { tool: 'trivy', id: 'DS-0029', match: 'same' },
      { tool: 'kics', id: '7384dfb2', match: 'same' },
      { tool: 'semgrep', id: 'missing-no-install-recommends', match: 'same' },
      { tool: 'cis', id: '4.3', match: 'partial' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    // `echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/...` (or a heredoc written
    // there) turns recommends off for the later installs of that stage.
    const configured = new Set<unknown>();
    for (const { instruction, command } of model.commands())
      if (command.args.some((a) => APT_NO_RECOMMENDS_CONFIG.test(a.value))) configured.add(instruction.stage);
    for (const ins of model.instructions) {
      for (const h of ins.heredocs) {
        const body = h.getContentRange();
        if (body && APT_NO_RECOMMENDS_CONFIG.test(model.index.slice(body))) configured.add(ins.stage);
      }
    }
    for (const { instruction, command } of model.commands()) {
      const pc = packageCommand(command);
      if (!pc || pc.manager !== 'apt' || pc.tool === 'aptitude' || pc.action !== 'install' || pc.verb?.value !== 'install' || !pc.verb) continue;
      // `apt-get install -s pkg` (docker-library/postgres probes whether a package exists) installs nothing.
      if (skipsRecommends(pc) || aptSimulates(pc) || pc.packages.length === 0 || configured.has(instruction.stage)) continue;
      const verb = pc.verb;
      const plain = !instruction.jsonForm && model.index.slice(verb.range) === 'install';
      report({
        range: verb.range,
        messageId: 'recommends',
        data: { tool: pc.tool },
        ...(plain ? { fix: (e) => [e.insertAt(verb.range.end, ' --no-install-recommends')] } : {}),
      });
    }
  },
});
