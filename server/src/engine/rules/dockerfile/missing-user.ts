import { defineRule } from '../../rule';
import { isWindows } from '../../model/image';
import type { Stage } from '../../model/dockerfile';
import { addUserEdits, userPlanWithVolumes } from '../../fixes/add-user';

/** Whether the stage or a stage it builds on sets a command to run. */
function runs(stage: Stage): boolean {
  for (let s: Stage | undefined = stage; s; s = s.baseStage) {
    if (s.instructions.some((i) => !i.onbuild && (i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT'))) return true;
  }
  return false;
}

/** No USER in the final image: containers start as root unless every runtime remembers `--user`. */
export default defineRule({
  meta: {
    id: 'missing-user',
    kind: 'dockerfile',
    title: 'Set a non-root USER in the final stage',
    severity: 'high',
    category: 'privilege',
    fix: 'unsafe',
    suggestions: true,
    messages: {
      missing:
        'The final stage sets no USER and its base image "{image}" runs as root, so the container runs as root; add a non-root USER (a numeric UID) before CMD/ENTRYPOINT.',
      missingWindows:
        'The final stage sets no USER and its Windows base image "{image}" runs as ContainerAdministrator; add "USER ContainerUser" before CMD/ENTRYPOINT.',
      fix: 'Run as a non-root user that suits "{image}" (check that the app can read its files and writes only where that user may)',
      addUser:
        'Add "USER 10001:10001" (check by hand: Bulkhead cannot vouch for a user on this image; a server that binds a port below 1024 or drops privileges itself needs more than this line)',
      addContainerUser: 'Add "USER ContainerUser"',
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
    // `FROM scratch` + COPY with no command is an export stage (`docker build --output`): it never runs.
    if (user.image?.isScratch && !runs(stage)) return;
    const from = stage.from;
    const windows = user.image !== undefined && isWindows(user.image);
    // The FROM instruction, first line only.
    const range = { start: from.range.start, end: model.index.positionAt(model.index.lineEnd(from.range.start.line)) };
    const data = { image: user.image?.raw ?? '' };
    const plan = windows ? undefined : userPlanWithVolumes(model, stage);
    if (plan) {
      report({ range, messageId: 'missing', data, fix: (edit) => addUserEdits(model, edit, stage, plan) });
      return;
    }
    const own = stage.instructions.filter((i) => !i.onbuild);
    const start = own.find((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
    const after = own[own.length - 1] ?? from;
    const line = windows ? 'USER ContainerUser' : 'USER 10001:10001';
    report({
      range,
      messageId: windows ? 'missingWindows' : 'missing',
      data,
      suggest: [
        {
          messageId: windows ? 'addContainerUser' : 'addUser',
          fix: (edit) => [start ? edit.insertLinesBefore(start.range, [line]) : edit.insertLinesAfter(after.range, [line])],
        },
      ],
    });
  },
});
