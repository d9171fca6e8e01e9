import { defineRule } from '../../rule';
import { text } from '../../model/compose';

/** A container the OOM killer cannot kill makes the kernel kill something else on the host instead. */
export default defineRule({
  meta: {
    id: 'compose-oom-kill-disabled',
    kind: 'compose',
    title: 'Do not protect a container from the OOM killer',
    severity: 'medium',
    category: 'runtime',
    messages: {
      disabled:
        'oom_kill_disable: true stops the kernel from killing this container when memory runs out: the host kills other containers or system processes instead, or hangs (without a memory limit, the whole host). Remove it and set a memory limit.',
      scoreAdj:
        'oom_score_adj {value} makes this container nearly immune to the OOM killer: under memory pressure the kernel kills other containers and host processes first. Remove it or use a small adjustment (above -500).',
    },
    checklist: ['resource-limits'],
    references: [{ tool: 'cis', id: '5.11', match: 'partial' }],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const service of model.services) {
      const disable = service.get('oom_kill_disable');
      if (disable && service.bool('oom_kill_disable') === true) report({ file: disable.file, range: disable.range, messageId: 'disabled' });
      const adj = service.get('oom_score_adj');
      const value = text(adj?.value);
      // -1000 disables OOM killing for the container; below -500 it is almost never chosen.
      if (adj && value !== undefined && /^-?\d+$/.test(value.trim()) && Number(value) <= -500)
        report({ file: adj.file, range: adj.range, messageId: 'scoreAdj', data: { value } });
    }
  },
});
