import { defineRule } from '../../rule';
import { systemDir } from '../../model/paths';

/** WORKDIR in a kernel or system directory: later RUN/COPY steps and the app write where the OS lives. */
export default defineRule({
  meta: {
    id: 'workdir-system-dir',
    kind: 'dockerfile',
    title: 'Do not use a system directory as WORKDIR',
    severity: 'medium',
    category: 'filesystem',
    messages: {
      kernel:
        'WORKDIR {path} is inside {dir}, a kernel filesystem mounted over it at run time: files COPY puts there are hidden, and an application working there reads and writes kernel state. Use an application directory such as /app.',
      system:
        'WORKDIR {path} is the system directory {dir}: relative COPY and RUN paths and the application then write among OS files, which should only change through the package manager. Use an application directory such as /app.',
    },
    checklist: ['minimal-attack-surface'],
    references: [{ tool: 'trivy', id: 'DS-0030', match: 'same' }],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const ins of model.instructions) {
      const arg = ins.keyword === 'WORKDIR' ? ins.args[0] : undefined;
      if (!arg) continue;
      const path = model.resolve(arg.value, ins);
      const hit = path === undefined ? undefined : systemDir(path);
      if (hit) report({ range: arg.range, messageId: hit.kernel ? 'kernel' : 'system', data: { path: path as string, dir: hit.dir } });
    }
  },
});
