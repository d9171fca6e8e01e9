import type { Stage } from '../../model/dockerfile';
import { isRootUser, isWindows } from '../../model/image';
import { knownUids, userPart } from '../../model/users';
import { defineRule } from '../../rule';

/**
 * USER by name: the runtime can only tell it is non-root after reading /etc/passwd in the
 * container, so Kubernetes `runAsNonRoot` refuses to start it ("image has non-numeric user").
 */
export default defineRule({
  meta: {
    id: 'user-not-numeric',
    kind: 'dockerfile',
    title: 'Set the final USER as a numeric UID',
    severity: 'low',
    category: 'privilege',
    fix: 'safe',
    messages: {
      name: 'USER "{user}" is a name: orchestrators cannot verify from the image config that it is non-root (Kubernetes runAsNonRoot rejects it). Use its numeric UID{hint}.',
      nameFromVariable:
        'USER "{user}" resolves to the name "{value}": orchestrators cannot verify from the image config that it is non-root (Kubernetes runAsNonRoot rejects it). Use its numeric UID.',
    },
    checklist: ['non-root-user'],
    references: [{ tool: 'hadolint', id: 'DL3066', match: 'same' }],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    const stage = model.finalStage;
    if (!stage) return;
    const user = model.effectiveUser(stage);
    if (user.source !== 'instruction' || !user.token || user.value === undefined) return;
    // Windows images name their users (ContainerUser); runAsNonRoot does not apply there.
    let root: Stage = stage;
    while (root.baseStage) root = root.baseStage;
    if (root.image.ref && isWindows(root.image.ref)) return;
    const name = userPart(user.value);
    // Root is last-user-root's concern; Windows images use names (ContainerUser) by design.
    if (name === '' || /^\d+$/.test(name) || user.root === true || isRootUser(name) || /^Container(?:User|Administrator)$/i.test(name)) return;
    const token = user.token;
    if (token.value.includes('$')) {
      report({ range: token.range, messageId: 'nameFromVariable', data: { user: token.value, value: user.value } });
      return;
    }
    // The user name as written, before any `:group`.
    const nameRange = {
      start: token.range.start,
      end: { line: token.range.start.line, character: token.range.start.character + userPart(token.value).length },
    };
    // Quotes or a continuation inside the token: report the whole token and do not edit it.
    const plain = model.index.slice(nameRange) === name;
    const range = plain ? nameRange : token.range;
    const uid = plain ? knownUids(stageChainCommands(model, user.instruction.stage)).get(name) : undefined;
    if (uid === undefined) report({ range, messageId: 'name', data: { user: name, hint: '' } });
    else report({ range, messageId: 'name', data: { user: name, hint: ` (${uid}, created in this file)` }, fix: (edit) => [edit.replace(range, uid)] });
  },
});

/** Commands of the stage and the stages it builds on: the /etc/passwd the USER sees. */
function stageChainCommands(model: import('../../model/dockerfile').DockerfileModel, stage: Stage | undefined): import('../../model/shell').Command[] {
  const stages = new Set<Stage>();
  for (let s = stage; s; s = s.baseStage) stages.add(s);
  return model
    .commands()
    .filter(({ instruction }) => instruction.keyword === 'RUN' && !instruction.onbuild && instruction.stage !== undefined && stages.has(instruction.stage))
    .map(({ command }) => command);
}
