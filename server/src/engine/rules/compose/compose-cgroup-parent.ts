import { defineRule } from '../../rule';
import { text } from '../../model/compose';

/** A custom cgroup parent moves the container out of the cgroup Docker manages, and its limits with it. */
export default defineRule({
  meta: {
    id: 'compose-cgroup-parent',
    kind: 'compose',
    title: 'Keep containers in the default cgroup parent',
    severity: 'low',
    category: 'runtime',
    messages: {
      custom:
        'cgroup_parent "{value}" places this container under a cgroup Docker does not manage: its resource limits then depend on that cgroup\'s settings (and may share them with host processes). Remove it unless the host deliberately provides this cgroup.',
    },
    checklist: ['resource-limits'],
    references: [
      { tool: 'kics', id: '4d9f44c6', match: 'same' },
      { tool: 'cis', id: '5.25', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const service of model.services) {
      const pair = service.get('cgroup_parent');
      const value = text(pair?.value);
      if (!pair || value === undefined || value.trim() === '') continue;
      report({ file: pair.file, range: pair.range, messageId: 'custom', data: { value } });
    }
  },
});
