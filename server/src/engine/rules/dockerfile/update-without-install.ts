import { defineRule } from '../../rule';
import { cachesCleanedBy, packageCommand, type Manager } from '../../model/packages';
import { interpreterProgram } from '../../model/commands';
import type { DockerfileModel, DockerInstruction } from '../../model/dockerfile';
import type { Command } from '../../model/shell';
import type { EditsFn } from '../../rule';

/** An index refresh alone in a RUN is cached as its own layer and goes stale for every later install. */
export default defineRule({
  meta: {
    id: 'update-without-install',
    kind: 'dockerfile',
    title: 'Refresh the package index in the same RUN as the install',
    severity: 'low',
    category: 'supply-chain',
    messages: {
      alone:
        '"{command}" refreshes the package index in a RUN that installs nothing: the build cache keeps this layer, so a later install reads a stale index and may miss security updates. Refresh the index in the same RUN as the install that needs it.',
      fix: 'Move the index refresh into the RUN that installs',
    },
    // Safe: the same commands run in the same order, as the same user with the same
    // environment; only the layer boundary moves (see moveIntoInstall for when it is offered).
    fix: 'safe',
    checklist: ['minimal-attack-surface'],
    references: [
      { tool: 'trivy', id: 'DS-0017', match: 'same' },
      { tool: 'checkov', id: 'CKV_DOCKER_5', match: 'same' },
      { tool: 'kics', id: '9bae49be', match: 'same' },
      { tool: 'cis', id: '4.7', match: 'same' },
      { tool: 'dockle', id: 'CIS-DI-0007', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    const runs = new Map<
      DockerInstruction,
      { updates: { manager: Manager; text: string; range: import('../../types').Range; command: Command }[]; consumers: Set<Manager | '*'> }
    >();
    for (const { instruction, command } of model.commands()) {
      let run = runs.get(instruction);
      if (!run) runs.set(instruction, (run = { updates: [], consumers: new Set() }));
      // An index removed again in the same RUN (`... && rm -rf /var/lib/apt/lists/*`) never goes stale.
      for (const k of cachesCleanedBy(command)) run.consumers.add(k as Manager);
      const pc = packageCommand(command);
      // A script or inline shell we cannot see into (`bash /tmp/common-debian.sh`, `./install.sh`,
      // `bash -c "..."`) may be the install: devcontainer images refresh the index for such scripts.
      if (!pc && (interpreterProgram(command) !== undefined || /\/|\.sh$/.test(command.name?.value ?? ''))) run.consumers.add('*');
      if (!pc) continue;
      if (pc.action === 'update' && pc.verb)
        run.updates.push({
          manager: pc.manager,
          text: `${pc.tool} ${pc.verb.value}`,
          range: { start: (command.name ?? pc.verb).range.start, end: pc.verb.range.end },
          command,
        });
      // An upgrade, an install or a removal of build deps reads the index too.
      else if (pc.action === 'install' || pc.action === 'upgrade') run.consumers.add(pc.manager);
    }
    for (const [instruction, run] of runs) {
      if (instruction.keyword !== 'RUN') continue;
      for (const u of run.updates)
        if (!run.consumers.has(u.manager) && !run.consumers.has('*')) {
          const fix = moveIntoInstall(model, instruction, u.command, u.manager);
          report({ range: u.range, messageId: 'alone', data: { command: u.text }, ...(fix ? { fix } : {}) });
        }
    }
  },
});

/** Instructions a refresh may move past: they neither change the build environment nor run commands. */
const NEUTRAL = new Set(['LABEL', 'EXPOSE', 'WORKDIR', 'COPY', 'ADD', 'VOLUME', 'STOPSIGNAL', 'HEALTHCHECK', 'CMD', 'ENTRYPOINT', 'MAINTAINER']);

/**
 * The fix: delete a RUN that is nothing but the refresh and put the same command, with `&&`,
 * right before the first install of the same manager in the next RUN of the stage. Offered
 * only when that is plainly the same build: the refresh RUN has no flags, no heredoc and one
 * command on one line; only instructions that change no environment (no ENV, ARG, USER, SHELL,
 * RUN) stand between; the install starts a pipeline reached by `&&`, `;` or a new line (never
 * after `||`, inside a pipe or a substitution, where `update &&` would change the logic).
 */
function moveIntoInstall(model: DockerfileModel, update: DockerInstruction, command: Command, manager: Manager): EditsFn | undefined {
  const stage = update.stage;
  const script = model.shell(update);
  if (!stage || !script || script.commands.length !== 1 || update.flags.length > 0 || update.jsonForm || update.heredocs.length > 0) return undefined;
  const text = model.index.slice(command.range);
  if (/[\r\n]/.test(text)) return undefined;
  const at = stage.instructions.indexOf(update);
  for (const next of stage.instructions.slice(at + 1)) {
    // An ONBUILD line is followed by its trigger, which is what is compared.
    if (next.keyword === 'ONBUILD') continue;
    if ((next.onbuild === undefined) !== (update.onbuild === undefined)) return undefined;
    if (NEUTRAL.has(next.keyword)) continue;
    if (next.keyword !== 'RUN' || next.jsonForm || next.heredocs.length > 0) return undefined;
    const install = model.shell(next)?.commands.find((c) => {
      const pc = packageCommand(c);
      return pc?.manager === manager && (pc.action === 'install' || pc.action === 'upgrade');
    });
    if (!install || install.inSubstitution || install.pipelineIndex !== 0) return undefined;
    const joined = install.pipeline.after;
    if (joined !== undefined && joined !== '&&' && joined !== ';' && joined !== '\n') return undefined;
    const removed = update.onbuild ?? update;
    return (edit) => [edit.removeLines(removed.range), edit.insertAt(install.range.start, `${text} && `)];
  }
  return undefined;
}
