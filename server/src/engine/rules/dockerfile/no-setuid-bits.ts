import { defineRule } from '../../rule';
import { baseName } from '../../model/shell';
import { chmodCall, parseMode } from '../../model/users';

/** setuid/setgid bits added in the build: every such binary is a way for a process to gain its owner's privileges. */
export default defineRule({
  meta: {
    id: 'no-setuid-bits',
    kind: 'dockerfile',
    title: 'Do not add setuid or setgid bits',
    severity: 'medium',
    category: 'privilege',
    messages: {
      setuid:
        "`chmod {mode}` sets the setuid bit: the file runs with its owner's privileges (root, usually) whoever starts it, a classic escalation path. Drop the bit and grant only what is needed (a capability with setcap, or a USER that owns the resource).",
      setgid:
        "`chmod {mode}` sets the setgid bit on a file: it runs with its group's privileges whoever starts it. Drop the bit; use group ownership and permissions instead.",
      copyChmod:
        "`--chmod={mode}` gives the copied files the setuid/setgid bit: they run with their owner's or group's privileges whoever starts them. Use a mode without the 4000/2000 bits.",
    },
    checklist: ['least-privilege', 'non-root-user'],
    references: [
      { tool: 'cis', id: '4.8', match: 'same' },
      { tool: 'dockle', id: 'CIS-DI-0008', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const ins of model.instructions) {
      if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
      const flag = ins.flags.find((f) => f.name === 'chmod');
      const bits = flag?.value === undefined ? undefined : parseMode(model.resolve(flag.value, ins) ?? '');
      if (flag && bits && (bits.setuid || bits.setgid))
        report({ range: flag.valueRange ?? flag.range, messageId: 'copyChmod', data: { mode: flag.value ?? '' } });
    }
    for (const { instruction, command } of model.commands()) {
      const call = chmodCall(command);
      if (!call || !(call.bits.setuid || call.bits.setgid)) continue;
      if (!call.bits.setuid) {
        // setgid on a directory only makes new files inherit its group: no privilege involved.
        const made = new Set(
          (model.shell(instruction)?.commands ?? []).filter((c) => baseName(c.name) === 'mkdir').flatMap((c) => c.args.map((a) => a.value.replace(/\/+$/, ''))),
        );
        if (call.operands.length > 0 && call.operands.every((o) => o.value.endsWith('/') || made.has(o.value.replace(/\/+$/, '')))) continue;
      }
      report({ range: call.mode.range, messageId: call.bits.setuid ? 'setuid' : 'setgid', data: { mode: call.mode.value } });
    }
  },
});
