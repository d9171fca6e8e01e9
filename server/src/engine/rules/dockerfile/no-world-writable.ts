import type { EditBuilder } from '../../edits';
import type { Range } from '../../types';
import { defineRule } from '../../rule';
import { chmodCall, parseMode } from '../../model/users';
import { baseName } from '../../model/shell';

/** The same mode without write for others: octal `777` → `775`, symbolic `a+w` → `ug+w`; undefined when unclear. */
function narrower(mode: string): string | undefined {
  if (/^[0-7]{3,5}$/.test(mode)) return mode.slice(0, -1) + String(Number(mode.slice(-1)) & 5);
  const fixed = mode
    .split(',')
    .map((c) => (/^a[-+=]/.test(c) ? 'ug' + c.slice(1) : c))
    .join(',');
  return parseMode(fixed)?.worldWritable === false ? fixed : undefined;
}

/** chmod 777 / o+w / COPY --chmod=666: any process in the container (any UID) may rewrite those files. */
export default defineRule({
  meta: {
    id: 'no-world-writable',
    kind: 'dockerfile',
    title: 'Do not make files world-writable',
    severity: 'medium',
    category: 'filesystem',
    messages: {
      worldWritable:
        '`chmod {mode}` makes the files writable by every user in the container, so any compromised process can change them (including code and configuration). Give write access only to the owner or group that needs it.',
      worldWritableRecursive:
        '`chmod -R {mode}` makes everything below the path writable by every user in the container, so any compromised process can change code and configuration. Give write access only to the owner or group that needs it.',
      copyChmod:
        '`--chmod={mode}` makes the copied files writable by every user in the container. Use a mode without write for others (e.g. 755 or 644) and --chown for the user that must write.',
      fix: 'Remove write for others from {mode} (chown the path to the user or group that writes it)',
    },
    // Unsafe: a process running as a UID that is neither owner nor group loses write access;
    // the narrower mode is only right once the path is owned by the writer.
    fix: 'unsafe',
    checklist: ['least-privilege', 'read-only-rootfs'],
    references: [],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    const reportMode = (range: Range, mode: string, messageId: 'worldWritable' | 'worldWritableRecursive' | 'copyChmod'): void => {
      const better = narrower(mode);
      report({ range, messageId, data: { mode }, ...(better ? { fix: (edit: EditBuilder) => [edit.replace(range, better)] } : {}) });
    };
    for (const ins of model.instructions) {
      if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
      const flag = ins.flags.find((f) => f.name === 'chmod');
      if (!flag?.value || !flag.valueRange) continue;
      const bits = parseMode(model.resolve(flag.value, ins) ?? '');
      if (bits?.worldWritable && !bits.sticky) reportMode(flag.valueRange, flag.value, 'copyChmod');
    }
    for (const { instruction, command } of model.commands()) {
      const call = chmodCall(command);
      // Sticky world-writable directories (1777, like /tmp) are the standard shared scratch space.
      if (!call || !call.bits.worldWritable || call.bits.sticky) continue;
      // A path this RUN removes again (`chmod 777 "$tempDir"` … `rm -rf "$tempDir"`) leaves nothing in the layer.
      const script = model.shell(instruction)?.commands ?? [];
      const removed = new Set(
        script
          .slice(script.indexOf(command) + 1)
          .filter((c) => baseName(c.name) === 'rm')
          .flatMap((c) => c.args.map((a) => a.value)),
      );
      if (call.operands.length > 0 && call.operands.every((o) => removed.has(o.value))) continue;
      reportMode(call.mode.range, call.mode.value, call.recursive ? 'worldWritableRecursive' : 'worldWritable');
    }
  },
});
