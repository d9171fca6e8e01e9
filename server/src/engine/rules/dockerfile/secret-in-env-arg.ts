import { defineRule } from '../../rule';
import { isPlaceholderValue, isSecretName } from '../../model/secrets';
import { secretPlan } from '../../fixes/secret-mount';

/** ENV and ARG values are stored in the image config and history, readable by anyone who can pull the image. */
export default defineRule({
  meta: {
    id: 'secret-in-env-arg',
    kind: 'dockerfile',
    title: 'Do not pass secrets through ENV or ARG',
    severity: 'high',
    category: 'secrets',
    fix: 'unsafe',
    messages: {
      env: "ENV {name} looks like a secret: ENV values are stored in the image config, visible to anyone who can pull the image. Provide it at run time (a secrets file or the orchestrator's secrets) instead.",
      arg: 'ARG {name} looks like a secret: build-arg values are recorded in the image history. Pass it with `RUN --mount=type=secret,id=...` instead.',
      envLiteral:
        'ENV {name} looks like a secret and its value is written here: it is stored in the image config and history of every image built from this file, so treat it as leaked and rotate it. Provide it at run time or, for build steps, through a secret mount.',
      argLiteral:
        'ARG {name} looks like a secret and its default value is written here: it is recorded in the image history of every image built from this file, so treat it as leaked and rotate it. Pass it with `RUN --mount=type=secret,id=...` instead.',
      fix: 'Move {name} to a BuildKit secret mount on the RUN steps that read it; build with `docker build --secret id={name},env={name}` (unsafe: a value that was written here is still in older images and must be rotated)',
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
    // One plan for the file: every secret that can move to a mount moves in the same fix.
    const plan = secretPlan(model);
    const fix = (edit: import('../../edits').EditBuilder) => plan.edits(edit);
    for (const ins of model.instructions) {
      if (ins.keyword !== 'ENV' && ins.keyword !== 'ARG') continue;
      for (const p of (ins.ast as import('dockerfile-ast').Env).getProperties()) {
        if (!isSecretName(p.getName())) continue;
        const value = p.getValue();
        const literal = value !== null && !isPlaceholderValue(value);
        const messageId = ins.keyword === 'ENV' ? (literal ? 'envLiteral' : 'env') : literal ? 'argLiteral' : 'arg';
        const converted = plan.conversions.some((c) => c.name === p.getName() && c.declarations.some((d) => d.instruction === ins));
        report({ range: p.getNameRange(), messageId, data: { name: p.getName() }, ...(converted ? { fix } : {}) });
      }
    }
  },
});
