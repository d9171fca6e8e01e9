import { defineRule } from '../../rule';
import { cacheLeftBy, cacheMounted, cachesCleanedBy, packageCommand, type CacheKind, type PackageCommand } from '../../model/packages';
import type { DockerInstruction, Stage } from '../../model/dockerfile';

const CLEANUP: Record<CacheKind, string> = {
  apt: 'rm -rf /var/lib/apt/lists/*',
  apk: 'apk add --no-cache (or rm -rf /var/cache/apk/*)',
  yum: '{tool} clean all',
  zypper: 'zypper clean --all',
  pip: 'pip install --no-cache-dir',
  npm: 'npm cache clean --force',
  yarn: 'yarn cache clean',
};

/** Package indexes and download caches left in a layer: dead weight, and stale metadata in the image. */
export default defineRule({
  meta: {
    id: 'package-cache-left',
    kind: 'dockerfile',
    title: 'Clean package-manager caches in the RUN that fills them',
    severity: 'info',
    category: 'hygiene',
    // Safe: adding --no-cache / --no-cache-dir changes where the manager stores downloads, not what it installs.
    fix: 'safe',
    messages: {
      apt: '{command} leaves the apt package lists (/var/lib/apt/lists, tens of MB) in this layer. End the same RUN with "rm -rf /var/lib/apt/lists/*", or use a cache mount.',
      apk: '{command} keeps the apk index in /var/cache/apk. Use "apk add --no-cache" (or a cache mount).',
      apkUpdate:
        '{command} stores the apk index in /var/cache/apk, where it stays in this layer. Drop it and install with "apk add --no-cache", which fetches a fresh index and keeps nothing (or remove /var/cache/apk/* in the same RUN).',
      yum: '{command} leaves the {tool} metadata and package cache in this layer. End the same RUN with "{cleanup}", or use a cache mount.',
      zypper: '{command} leaves the zypper cache in this layer. End the same RUN with "zypper clean --all".',
      pip: '{command} keeps downloaded wheels in ~/.cache/pip. Add --no-cache-dir (or set PIP_NO_CACHE_DIR=1, or use a cache mount).',
      yarn: '{command} keeps the yarn cache in the layer. Run "yarn cache clean" in the same RUN, or use a cache mount.',
    },
    checklist: ['minimal-attack-surface'],
    references: [
      { tool: 'hadolint', id: 'DL3009', match: 'same' },
      { tool: 'hadolint', id: 'DL3019', match: 'same' },
      { tool: 'hadolint', id: 'DL3032', match: 'same' },
      { tool: 'hadolint', id: 'DL3036', match: 'same' },
      { tool: 'hadolint', id: 'DL3040', match: 'same' },
      { tool: 'hadolint', id: 'DL3042', match: 'same' },
      { tool: 'hadolint', id: 'DL3060', match: 'same' },
      { tool: 'trivy', id: 'DS-0015', match: 'same' },
      { tool: 'trivy', id: 'DS-0019', match: 'same' },
      { tool: 'trivy', id: 'DS-0020', match: 'same' },
      { tool: 'trivy', id: 'DS-0025', match: 'same' },
      { tool: 'trivy', id: 'DS-0027', match: 'same' },
      { tool: 'kics', id: 'df746b39', match: 'same' },
      { tool: 'kics', id: 'ae9c56a6', match: 'same' },
      { tool: 'kics', id: '00481784', match: 'same' },
      { tool: 'kics', id: '295acb63', match: 'same' },
      { tool: 'kics', id: '38300d1a', match: 'same' },
      { tool: 'kics', id: 'f2f903fb', match: 'same' },
      { tool: 'semgrep', id: 'remove-package-lists', match: 'same' },
      { tool: 'semgrep', id: 'remove-package-cache', match: 'same' },
      { tool: 'semgrep', id: 'missing-apk-no-cache', match: 'same' },
      { tool: 'semgrep', id: 'missing-yum-clean-all', match: 'same' },
      { tool: 'semgrep', id: 'missing-dnf-clean-all', match: 'same' },
      { tool: 'semgrep', id: 'missing-zypper-clean', match: 'same' },
      { tool: 'semgrep', id: 'missing-pip-no-cache-dir', match: 'same' },
      { tool: 'dockle', id: 'DKL-DI-0004', match: 'same' },
      { tool: 'dockle', id: 'DKL-DI-0005', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    // Only layers that end up in the final image matter; a builder stage is thrown away.
    const shipped = new Set<Stage>();
    for (let s = model.finalStage; s; s = s.baseStage) shipped.add(s);
    const runs = new Map<DockerInstruction, { left: { pc: PackageCommand; kind: CacheKind }[]; cleaned: Set<CacheKind> }>();
    for (const { instruction, command } of model.commands()) {
      if (instruction.keyword !== 'RUN' || !instruction.stage || !shipped.has(instruction.stage)) continue;
      let run = runs.get(instruction);
      if (!run) runs.set(instruction, (run = { left: [], cleaned: new Set() }));
      for (const k of cachesCleanedBy(command)) run.cleaned.add(k);
      const pc = packageCommand(command);
      const kind = pc && cacheLeftBy(pc);
      if (pc && kind && !cacheMounted(instruction.flags, kind) && !(kind === 'pip' && pipCacheOff(instruction))) run.left.push({ pc, kind });
    }
    for (const [instruction, run] of runs) {
      for (const { pc, kind } of run.left) {
        if (run.cleaned.has(kind)) continue;
        const verb = pc.verb;
        const name = pc.command.name;
        if (!verb || !name) continue;
        const plain = !instruction.jsonForm && model.index.slice(verb.range) === verb.value;
        const flag = kind === 'apk' && pc.action === 'install' ? ' --no-cache' : kind === 'pip' ? ' --no-cache-dir' : undefined;
        const tail = flag ? undefined : appendCleanup(instruction, kind, pc.tool);
        report({
          range: { start: name.range.start, end: verb.range.end },
          // `apk update` is not fixed by adding --no-cache to a later `apk add`: say so (issue #4).
          messageId: kind === 'npm' ? 'yarn' : kind === 'apk' && pc.action === 'update' ? 'apkUpdate' : kind,
          data: { command: `${pc.tool} ${verb.value}`, ...(kind === 'yum' ? { tool: pc.tool, cleanup: CLEANUP.yum.replace('{tool}', pc.tool) } : {}) },
          ...(flag && plain ? { fix: (e) => [e.insertAt(verb.range.end, flag)] } : tail ? { fix: (e) => [e.insertAt(tail.at, tail.text)] } : {}),
        });
      }
    }

    /**
     * `&& rm -rf /var/lib/apt/lists/*` (or `&& yum clean all`) after the last pipeline of the RUN,
     * only when that pipeline runs this manager: appending after anything else (`|| true`, a
     * heredoc, a later step) could change what the RUN does when a command fails.
     */
    function appendCleanup(ins: DockerInstruction, kind: CacheKind, tool: string): { at: import('../../types').Position; text: string } | undefined {
      const text = kind === 'apt' ? 'rm -rf /var/lib/apt/lists/*' : kind === 'yum' ? `${tool} clean all` : kind === 'zypper' ? 'zypper clean --all' : undefined;
      const script = model.shell(ins);
      if (!text || !script || ins.jsonForm || ins.heredocs.length > 0) return undefined;
      const last = script.pipelines.filter((p) => !p.commands[0]?.inSubstitution).pop();
      const runs = last?.commands.some((c) => packageCommand(c)?.manager === (kind === 'apt' ? 'apt' : kind === 'yum' ? 'yum' : 'zypper'));
      return last && runs ? { at: last.range.end, text: ` && ${text}` } : undefined;
    }

    /** `ENV PIP_NO_CACHE_DIR=1` (pip reads any value, even "off", as "no cache") earlier in the stage chain. */
    function pipCacheOff(at: DockerInstruction): boolean {
      return model.resolve('${PIP_NO_CACHE_DIR+set}', at) === 'set';
    }
  },
});
