import { defineRule } from '../../rule';

const USER_LINE = 'USER 10001:10001';

/** No USER in the final image: containers start as root unless every runtime remembers `--user`. */
export default defineRule({
  meta: {
    id: 'missing-user',
    kind: 'dockerfile',
    title: 'Set a non-root USER in the final stage',
    severity: 'high',
    category: 'privilege',
    suggestions: true,
    messages: {
      missing: 'The final stage sets no USER and its base image "{image}" runs as root, so the container runs as root; add a non-root USER (a numeric UID) before CMD/ENTRYPOINT.',
      addUser: 'Add "USER 10001:10001" (make sure the app can read its files as that UID)',
    },
    checklist: ['non-root-user'],
    references: [
      { tool: 'trivy', id: 'DS-0002', match: 'same' },
      { tool: 'checkov', id: 'CKV_DOCKER_3', match: 'partial' },
      { tool: 'kics', id: 'fd54f200', match: 'same' },
      { tool: 'semgrep', id: 'missing-user', match: 'same' },
      { tool: 'semgrep', id: 'missing-user-entrypoint', match: 'partial' },
      { tool: 'cis', id: '4.1', match: 'same' },
      { tool: 'dockle', id: 'CIS-DI-0001', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    const stage = model.finalStage;
    if (!stage) return;
    const user = model.effectiveUser(stage);
    // A USER instruction (root or not) is last-user-root's business; unknown images are never guessed.
    if (user.source !== 'image' || user.nonRoot) return;
    const from = stage.from;
    const own = stage.instructions.filter((i) => !i.onbuild);
    const start = own.find((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
    const after = own[own.length - 1] ?? from;
    report({
      // The FROM instruction, first line only.
      range: { start: from.range.start, end: model.index.positionAt(model.index.lineEnd(from.range.start.line)) },
      messageId: 'missing',
      data: { image: user.image?.raw ?? stage.image.text ?? '' },
      suggest: [{ messageId: 'addUser', fix: (edit) => [start ? edit.insertLinesBefore(start.range, [USER_LINE]) : edit.insertLinesAfter(after.range, [USER_LINE])] }],
    });
  },
});
