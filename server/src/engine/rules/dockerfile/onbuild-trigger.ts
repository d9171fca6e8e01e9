import { defineRule } from '../../rule';

/** ONBUILD hides instructions that run in someone else's build, where nobody reads them. */
export default defineRule({
  meta: {
    id: 'onbuild-trigger',
    kind: 'dockerfile',
    title: 'Avoid ONBUILD triggers',
    severity: 'info',
    category: 'supply-chain',
    messages: {
      trigger:
        'ONBUILD {keyword} runs in every build that uses this image as its base, invisibly to the people writing those Dockerfiles. Prefer documenting the step for child images to write themselves.',
      runs: 'ONBUILD RUN executes a command in every child build, as root, where its authors cannot see it: a hidden build step that can change or exfiltrate their code. Let child images run the step themselves.',
      copies:
        "ONBUILD {keyword} copies the child build's context into the image without the child's authors seeing which files: secrets in their context (.env, keys, .git) end up in their images. Let child images copy what they need.",
    },
    checklist: ['supply-chain-integrity'],
    references: [{ tool: 'hadolint', id: 'DL3043', match: 'partial' }],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const ins of model.instructions) {
      if (ins.keyword !== 'ONBUILD') continue;
      const trigger = model.instructions.find((t) => t.onbuild === ins);
      const keyword = trigger?.keyword ?? '';
      const messageId = keyword === 'RUN' ? 'runs' : keyword === 'COPY' || keyword === 'ADD' ? 'copies' : 'trigger';
      report({ range: ins.keywordRange, messageId, data: messageId === 'runs' ? {} : { keyword: keyword || 'instruction' } });
    }
  },
});
