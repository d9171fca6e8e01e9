import { defineRule } from '../../rule';
import { effectiveName } from '../../model/shell';
import { hiddenFailure, isCondition, pipefailBefore, pipefailSupport } from '../../model/pipefail';
import type { Command } from '../../model/shell';

/**
 * A pipe inside a substitution that is an argument of another command (`test $(a | wc -l) -eq 6`,
 * `for f in $(git status | awk …)`, `export V=$(curl … | grep …)`): the shell drops the
 * substitution's status, so pipefail changes nothing there. Only a bare `V=$(…)` keeps it
 * (issue #4: 5 of 67 corpus findings were of this kind).
 */
function statusDiscarded(cmd: Command): boolean {
  const parent = cmd.parent;
  if (!parent) return false;
  const bareAssignment = parent.command !== undefined && parent.command.name === undefined && parent.command.assignments.includes(parent.word);
  return !bareAssignment;
}

/** A pipe in RUN whose first command can fail unnoticed: without pipefail only the last command's status counts. */
export default defineRule({
  meta: {
    id: 'missing-pipefail',
    kind: 'dockerfile',
    title: 'Use pipefail for RUN commands with pipes',
    severity: 'low',
    category: 'reliability',
    fix: 'safe',
    messages: {
      noPipefail:
        'Without pipefail this RUN only sees the exit status of the last command of the pipe: if `{command}` fails (a failed download, a broken build), the step still succeeds with empty or partial input. Start the script with `set -o pipefail &&` or use SHELL ["/bin/bash", "-o", "pipefail", "-c"].',
      dash: 'Without pipefail this RUN only sees the exit status of the last command of the pipe: if `{command}` fails, the step still succeeds. This image\'s /bin/sh is dash, which has no pipefail: add SHELL ["/bin/bash", "-o", "pipefail", "-c"] before this RUN.',
      fix: 'Prepend `set -o pipefail &&`',
    },
    checklist: ['supply-chain-integrity'],
    references: [
      { tool: 'hadolint', id: 'DL4006', match: 'same' },
      { tool: 'kics', id: 'efbf148a', match: 'same' },
      { tool: 'semgrep', id: 'set-pipefail', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const ins of model.instructions) {
      if (ins.keyword !== 'RUN' || ins.jsonForm) continue;
      const script = model.shell(ins);
      const producer = script?.commands.find(
        (c) =>
          hiddenFailure(c) &&
          !statusDiscarded(c) &&
          !pipefailBefore(script, c) &&
          !isCondition(model.text, model.index.offsetAt(c.pipeline.range.start), model.escapeChar),
      );
      if (!script || !producer) continue;
      const support = pipefailSupport(ins);
      if (support === 'on' || support === 'other') continue;
      const first = ins.args[0];
      const data = { command: effectiveName(producer) };
      // The fix prepends to the script's first line; heredoc scripts start on another line.
      const fixable = support === 'yes' && first !== undefined && ins.heredocs.length === 0;
      report({
        range: producer.pipeline.range,
        messageId: support === 'dash' ? 'dash' : 'noPipefail',
        data,
        ...(fixable ? { fix: (edit) => [edit.insertAt(first.range.start, 'set -o pipefail && ')] } : {}),
      });
    }
  },
});
