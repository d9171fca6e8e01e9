import type { EditBuilder } from '../../edits';
import { defineRule } from '../../rule';
import { rootUserFix, userPlanWithVolumes } from '../../fixes/add-user';

/** The last USER of the final image is root: the container runs with full privileges. */
export default defineRule({
  meta: {
    id: 'last-user-root',
    kind: 'dockerfile',
    title: 'Do not leave the final stage running as root',
    severity: 'high',
    category: 'privilege',
    fix: 'unsafe',
    suggestions: true,
    messages: {
      root: 'The final stage runs as root ("USER {user}"); switch back to a non-root user (a numeric UID) after the steps that need root.',
      rootFromVariable:
        'The final stage runs as root: "USER {user}" resolves to "{value}"; switch back to a non-root user (a numeric UID) after the steps that need root.',
      fix: 'Switch to a non-root user that suits the base image after the last step that needs root (check that the app can read its files and writes only where that user may)',
      useNonRoot:
        'Replace with the non-root "10001:10001" (check by hand: Bulkhead cannot vouch for a user on this image; make sure the app can read its files as that UID)',
    },
    checklist: ['non-root-user'],
    references: [
      { tool: 'hadolint', id: 'DL3002', match: 'same' },
      { tool: 'trivy', id: 'DS-0002', match: 'partial' },
      { tool: 'checkov', id: 'CKV_DOCKER_8', match: 'same' },
      { tool: 'kics', id: '67fd0c4a', match: 'same' },
      { tool: 'semgrep', id: 'last-user-is-root', match: 'same' },
      { tool: 'cis', id: '4.1', match: 'same' },
      { tool: 'dockle', id: 'CIS-DI-0001', match: 'partial' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    const stage = model.finalStage;
    if (!stage) return;
    const user = model.effectiveUser(stage);
    // effectiveUser already follows `FROM <stage>` and lets a later non-root USER win.
    if (user.source !== 'instruction' || user.root !== true || !user.token) return;
    const token = user.token;
    const plan = userPlanWithVolumes(model, stage);
    const fix = plan ? rootUserFix(model, stage, plan, user.instruction, token) : undefined;
    const suggest = fix ? [] : [{ messageId: 'useNonRoot' as const, fix: (edit: EditBuilder) => [edit.replace(token.range, '10001:10001')] }];
    const extra = fix ? { fix, suggest } : { suggest };
    if (token.value.includes('$')) {
      report({ range: token.range, messageId: 'rootFromVariable', data: { user: token.value, value: user.value ?? '' }, ...extra });
    } else {
      report({ range: token.range, messageId: 'root', data: { user: token.value }, ...extra });
    }
  },
});
