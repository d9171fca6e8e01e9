import { defineRule } from '../../rule';
import { accountCommand, findOptions } from '../../model/users';
import { letterRange } from '../../model/shell-edits';

/** useradd/usermod/groupadd -o: a second account with an existing UID/GID shares its files and privileges. */
export default defineRule({
  meta: {
    id: 'useradd-non-unique',
    kind: 'dockerfile',
    title: 'Do not create accounts with a duplicate UID or GID',
    severity: 'info',
    category: 'privilege',
    messages: {
      nonUnique:
        '`{tool} {flag}` allows a UID/GID that another account already has: both names are the same identity to the kernel (a "non-root" name can be UID 0). Pick an unused UID/GID and drop the option.',
    },
    checklist: ['non-root-user', 'least-privilege'],
    references: [{ tool: 'dockle', id: 'DKL-LI-0002', match: 'same' }],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const { command } of model.commands()) {
      const account = accountCommand(command);
      // adduser/addgroup have no -o; BusyBox and Debian reject or ignore it.
      if (!account || account.tool === 'adduser' || account.tool === 'addgroup') continue;
      for (const o of findOptions(account.options, 'o', ['non-unique'])) {
        const flag = o.kind === 'short' ? '-o' : '--non-unique';
        const range = (o.kind === 'short' && o.word.value.length > 2 ? letterRange(model.index, o.word, o.at) : undefined) ?? o.word.range;
        report({ range, messageId: 'nonUnique', data: { tool: account.tool, flag } });
      }
    }
  },
});
