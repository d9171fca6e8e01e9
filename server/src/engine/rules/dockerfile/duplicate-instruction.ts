import { defineRule } from '../../rule';
import type { DockerInstruction } from '../../model/dockerfile';

/** Instructions of which only the last one in a stage takes effect. */
const SINGLE = new Set(['CMD', 'ENTRYPOINT', 'HEALTHCHECK']);

/** A CMD, ENTRYPOINT or HEALTHCHECK followed by another in the same stage: the earlier one is dead code that readers take for the real one. */
export default defineRule({
  meta: {
    id: 'duplicate-instruction',
    kind: 'dockerfile',
    title: 'Keep one CMD, ENTRYPOINT and HEALTHCHECK per stage',
    severity: 'low',
    category: 'reliability',
    messages: {
      duplicate:
        'This {keyword} has no effect: the later one on line {line} of the same stage replaces it. Remove this one (or merge the two) so the file says what the image really runs.',
      duplicateTrigger: 'This ONBUILD {keyword} has no effect: the later trigger on line {line} replaces it in every child build. Remove this one.',
    },
    checklist: ['healthcheck', 'signal-handling'],
    references: [
      { tool: 'hadolint', id: 'DL3012', match: 'same' },
      { tool: 'hadolint', id: 'DL4003', match: 'same' },
      { tool: 'hadolint', id: 'DL4004', match: 'same' },
      { tool: 'trivy', id: 'DS-0023', match: 'same' },
      { tool: 'trivy', id: 'DS-0016', match: 'same' },
      { tool: 'trivy', id: 'DS-0007', match: 'same' },
      { tool: 'kics', id: '41c195f4', match: 'same' },
      { tool: 'kics', id: '6938958b', match: 'same' },
      { tool: 'buildkit', id: 'MultipleInstructionsDisallowed', match: 'same' },
      { tool: 'semgrep', id: 'multiple-cmd-instructions', match: 'same' },
      { tool: 'semgrep', id: 'multiple-entrypoint-instructions', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const stage of model.stages) {
      // Triggers run in child builds, so they only replace other triggers.
      const last = new Map<string, DockerInstruction>();
      for (const ins of [...stage.instructions].reverse()) {
        if (!SINGLE.has(ins.keyword)) continue;
        const key = `${ins.onbuild ? 'onbuild:' : ''}${ins.keyword}`;
        const later = last.get(key);
        if (later) {
          const data = { keyword: ins.keyword, line: String(later.range.start.line + 1) };
          report({ range: ins.keywordRange, messageId: ins.onbuild ? 'duplicateTrigger' : 'duplicate', data });
        } else last.set(key, ins);
      }
    }
  },
});
