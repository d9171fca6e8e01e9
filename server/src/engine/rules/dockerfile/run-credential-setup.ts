import { defineRule } from '../../rule';
import { unwrap } from '../../model/shell';
import { credentialSetup, isCredentialConfigPath, looksLikeCredentialContent, secretMounts } from '../../model/secrets';
import { secretPlan } from '../../fixes/secret-mount';
import type { EditBuilder } from '../../edits';

/** Credentials given to a CLI or written to a config file in RUN, with no secret mount: the value is in the Dockerfile or a build arg, so in the image history. */
export default defineRule({
  meta: {
    id: 'run-credential-setup',
    kind: 'dockerfile',
    title: 'Configure build credentials through a secret mount',
    severity: 'high',
    category: 'secrets',
    fix: 'unsafe',
    messages: {
      cli: '`{tool}` stores a credential in this RUN, which has no secret mount: the value comes from the Dockerfile or a build arg (kept in the image history) and the CLI writes it into a config file in the layer. Pass it with RUN --mount=type=secret and remove the config file in the same RUN, or do this at run time.',
      file: 'This RUN writes a credential into {file} without a secret mount: the value comes from the Dockerfile or a build arg (kept in the image history) and the file stays in the layer. Mount it with RUN --mount=type=secret,id=…,target=… instead of writing it.',
      fix: 'Pass the build arguments this RUN reads as BuildKit secret mounts (env=) and drop their ARG/ENV; build with `docker build --secret id=NAME,env=NAME` (unsafe: a value that was written in the Dockerfile is still in older images and must be rotated)',
      gitUrl:
        'A credential is embedded in a git URL in this RUN, which has no secret mount: it is kept in the image history and in the git config of the layer. Use RUN --mount=type=secret (or --mount=type=ssh) for private repositories.',
    },
    checklist: ['no-secrets-in-image', 'secrets-at-runtime'],
    references: [
      { tool: 'trivy', id: 'DS-0031', match: 'partial' },
      { tool: 'cis', id: '4.10', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    // The secret-in-env-arg plan: offered here when it gives this RUN a secret mount, which
    // happens only when the RUN also removes what it writes (else the mount would move the leak).
    // Planned only when there is something to report (most files have nothing).
    let plan: ReturnType<typeof secretPlan> | undefined;
    for (const ins of model.instructions) {
      if (ins.keyword !== 'RUN' || secretMounts(ins.flags).length > 0) continue;
      const fix = () => {
        const p = (plan ??= secretPlan(model));
        return p.conversions.some((c) => c.runs.includes(ins)) ? { fix: (edit: EditBuilder) => p.edits(edit) } : {};
      };
      const heredocText = () =>
        ins.heredocs
          .map((h) => {
            const body = h.getContentRange();
            return body ? model.index.slice(body) : '';
          })
          .join('\n');
      for (const cmd of model.shell(ins)?.commands ?? []) {
        const { name, args } = unwrap(cmd);
        const setup = credentialSetup(name, args);
        if (setup) {
          report({ range: { start: setup.from.range.start, end: setup.to.range.end }, messageId: 'cli', data: { tool: setup.tool }, ...fix() });
          continue;
        }
        const written = cmd.redirects.find((r) => (r.op === '>' || r.op === '>>') && r.target && isCredentialConfigPath(r.target.value));
        // The written content is joined only for a credential file (rare), not for every command.
        const content = () => [...args.map((a) => a.value), ...(cmd.redirects.some((r) => r.op.startsWith('<<')) ? [heredocText()] : [])].join(' ');
        if (written?.target && looksLikeCredentialContent(content())) {
          const file = written.target.value.slice(written.target.value.lastIndexOf('/') + 1);
          report({ range: written.target.range, messageId: 'file', data: { file }, ...fix() });
          continue;
        }
        const url =
          name?.value === 'git' && args[0]?.value === 'config' ? args.find((a) => /:\/\/[^/\s@]*(?:\$\{?\w+\}?|:[^/\s@]+)[^/\s@]*@/.test(a.value)) : undefined;
        if (url) report({ range: url.range, messageId: 'gitUrl', ...fix() });
      }
    }
  },
});
