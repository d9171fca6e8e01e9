import { defineRule } from '../../rule';
import { secretFileKind } from '../../model/secrets';

/** Keys and credential files copied from the build context stay in the image layer for anyone who pulls it. */
export default defineRule({
  meta: {
    id: 'copy-secret-file',
    kind: 'dockerfile',
    title: 'Do not copy credential or key files into the image',
    severity: 'high',
    category: 'secrets',
    messages: {
      secretFile: '{path} is a {kind}: once copied it stays in the image layer, even if a later step deletes it. Mount it for the one step that needs it (`RUN --mount=type=secret`) or provide it at run time.',
    },
    checklist: ['no-secrets-in-image', 'secrets-at-runtime'],
    references: [
      { tool: 'trivy', id: 'DS-0031', match: 'partial' },
      { tool: 'cis', id: '4.10', match: 'same' },
      { tool: 'dockle', id: 'CIS-DI-0010', match: 'partial' },
      { tool: 'dockle', id: 'DKL-LI-0003', match: 'partial' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const ins of model.instructions) {
      if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || ins.heredocs.length > 0) continue;
      // `--from` sources come from another stage or image, not the build context: the secret is
      // reported where it entered the build (the COPY from context in that stage), not again here.
      if (ins.flags.some((f) => f.name.toLowerCase() === 'from')) continue;
      const words = ins.jsonForm ? ins.jsonArgs : ins.args;
      const dest = words[words.length - 1];
      for (const source of words.slice(0, -1)) {
        if (/^[a-z][a-z0-9+.-]*:\/\/|^git@/i.test(source.value)) continue;
        const path = model.resolve(source.value, ins) ?? source.value;
        const kind = secretFileKind(path, dest ? (model.resolve(dest.value, ins) ?? dest.value) : '');
        if (kind) report({ range: source.range, messageId: 'secretFile', data: { path: source.value, kind } });
      }
    }
  },
});
