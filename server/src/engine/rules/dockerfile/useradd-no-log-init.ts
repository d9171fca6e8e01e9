import { defineRule } from '../../rule';
import { accountCommand, findOptions } from '../../model/users';

/**
 * useradd with a high UID and without -l/--no-log-init: useradd writes the user's record into
 * the sparse files /var/log/lastlog and faillog at offset UID × 292 bytes, and image layers store
 * sparse files in full (moby/moby#5419), so UID 100000 adds about 29 MB of zeros.
 */
export default defineRule({
  meta: {
    id: 'useradd-no-log-init',
    kind: 'dockerfile',
    title: 'Use useradd --no-log-init with a high UID',
    severity: 'info',
    category: 'hygiene',
    fix: 'safe',
    messages: {
      noLogInit:
        '`useradd` with UID {uid} and without --no-log-init writes a sparse lastlog/faillog entry at an offset proportional to the UID, which the layer stores as about {size} MB of zeros. Add --no-log-init (-l).',
    },
    references: [{ tool: 'hadolint', id: 'DL3046', match: 'same' }],
  },
  defaultOptions: { minUid: 65536 },
  check({ model, options, report }) {
    for (const { instruction, command } of model.commands()) {
      const account = accountCommand(command);
      if (!account || account.tool !== 'useradd' || !account.id) continue;
      if (findOptions(account.options, 'l', ['no-log-init']).length > 0) continue;
      const uid = model.resolve(account.id.value, instruction);
      if (uid === undefined || !/^\d+$/.test(uid) || Number(uid) < options.minUid) continue;
      const size = String(Math.round((Number(uid) * 292) / 1e6));
      const tool = account.toolWord;
      // Exec form has no word boundary to insert at inside the JSON string.
      if (instruction.jsonForm) report({ range: account.id.word.range, messageId: 'noLogInit', data: { uid, size } });
      else
        report({ range: account.id.word.range, messageId: 'noLogInit', data: { uid, size }, fix: (edit) => [edit.insertAt(tool.range.end, ' --no-log-init')] });
    }
  },
});
