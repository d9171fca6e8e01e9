import { defineRule } from '../../rule';
import { isSecretName } from '../../model/secrets';

/** ENV and ARG values are stored in the image config and history, readable by anyone who can pull the image. */
export default defineRule({
  meta: {
    id: 'secret-in-env-arg',
    kind: 'dockerfile',
    title: 'Do not pass secrets through ENV or ARG',
    severity: 'high',
    category: 'secrets',
    messages: {
      env: 'ENV {name} looks like a secret: ENV values are stored in the image config, visible to anyone who can pull the image. Provide it at run time (a secrets file or the orchestrator\'s secrets) instead.',
      arg: 'ARG {name} looks like a secret: build-arg values are recorded in the image history. Pass it with `RUN --mount=type=secret,id=...` instead.',
    },
    checklist: ['no-secrets-in-image', 'secrets-at-runtime'],
    references: [
      { tool: 'hadolint', id: 'DL3064', match: 'same' },
      { tool: 'trivy', id: 'DS-0031', match: 'partial' },
      { tool: 'buildkit', id: 'SecretsUsedInArgOrEnv', match: 'same' },
      { tool: 'semgrep', id: 'secret-in-build-arg', match: 'partial' },
      { tool: 'cis', id: '4.10', match: 'same' },
      { tool: 'dockle', id: 'CIS-DI-0010', match: 'partial' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const ins of model.instructions) {
      if (ins.keyword !== 'ENV' && ins.keyword !== 'ARG') continue;
      for (const p of (ins.ast as import('dockerfile-ast').Env).getProperties()) {
        if (!isSecretName(p.getName())) continue;
        report({ range: p.getNameRange(), messageId: ins.keyword === 'ENV' ? 'env' : 'arg', data: { name: p.getName() } });
      }
    }
  },
});
