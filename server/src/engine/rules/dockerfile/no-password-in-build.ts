import { defineRule } from '../../rule';
import { passwordChange } from '../../model/users';

/** Passwords set or removed in RUN: the value lands in the layer history and /etc/shadow of every container. */
export default defineRule({
  meta: {
    id: 'no-password-in-build',
    kind: 'dockerfile',
    title: 'Do not set or remove account passwords during the build',
    severity: 'medium',
    category: 'secrets',
    messages: {
      chpasswd:
        '`{command}` sets a password during the build: the value is stored in the image history and the same hash ships in every container. Do not give container accounts passwords; use `docker exec`/`kubectl exec` for access.',
      passwdStdin:
        '`passwd` reads a new password from a pipe or file during the build: the value is stored in the image history and the same hash ships in every container. Do not give container accounts passwords.',
      passwdDelete:
        '`passwd {flag}` removes the password, so the account logs in with an empty one (su, login, any PAM service). Lock the account instead (`passwd -l`, or create it with `useradd` and no password).',
      passwordOption:
        '`{flag}` sets a password hash on the command line: it is stored in the image history and every container shares it. Create the account without a password.',
    },
    checklist: ['no-secrets-in-image', 'non-root-user'],
    references: [
      { tool: 'checkov', id: 'CKV2_DOCKER_17', match: 'partial' },
      { tool: 'dockle', id: 'DKL-LI-0001', match: 'partial' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const { command } of model.commands()) {
      const change = passwordChange(command);
      if (!change) continue;
      const data = change.kind === 'chpasswd' ? { command: change.flag } : change.kind === 'passwdStdin' ? undefined : { flag: change.flag };
      report({ range: change.word.range, messageId: change.kind, ...(data ? { data } : {}) });
    }
  },
});
