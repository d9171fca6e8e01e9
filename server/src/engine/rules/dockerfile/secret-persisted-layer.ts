import { defineRule } from '../../rule';
import { baseName, unwrap } from '../../model/shell';
import { fileTarget, operands, pathBase as base, removedLater } from '../../model/layers';
import { credentialSetup, isCredentialConfigPath, looksLikeCredentialContent, secretFileKind, secretMounts, type SecretMount } from '../../model/secrets';
import type { Stage } from '../../model/dockerfile';

const inMount = (mounts: readonly SecretMount[], v: string) => mounts.some((m) => m.target !== undefined && (v === m.target || v.startsWith(m.target + '/')));

/** Secrets that end up in a layer anyway: mount content copied out, credential configs left behind, secret files deleted one layer too late. */
export default defineRule({
  meta: {
    id: 'secret-persisted-layer',
    kind: 'dockerfile',
    title: 'Do not persist secrets into image layers',
    severity: 'high',
    category: 'secrets',
    messages: {
      copied:
        'The secret mounted at {source} is copied to {dest}, which stays in this layer: anyone who can pull the image can read it. Read the secret from the mount where it is needed, or delete the copy in the same RUN.',
      configured:
        '`{tool}` writes the mounted secret into its config file, and nothing in this RUN removes it: the credential stays in the layer. Remove the config (or log out) at the end of the same RUN.',
      written:
        'This RUN writes a credential into {file} and does not delete it: the file stays in the layer even though the secret came from a mount. Point the tool at the mounted file instead, or delete {dest} in the same RUN.',
      deletedLater:
        '{file} is deleted here, but the layer of line {line} still contains it: deleting a file in a later RUN does not remove it from the image. Provide it with RUN --mount=type=secret so it never enters a layer.',
    },
    checklist: ['no-secrets-in-image', 'secrets-at-runtime'],
    references: [{ tool: 'cis', id: '4.10', match: 'same' }],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    const created = new Map<Stage, Map<string, number>>();
    for (const stage of model.stages) {
      const files = new Map(stage.baseStage ? created.get(stage.baseStage) : undefined);
      created.set(stage, files);
      for (const ins of stage.instructions) {
        // Triggers run in child builds: only what happens inside one RUN is judged for them.
        const own = !ins.onbuild;
        if (own && (ins.keyword === 'COPY' || ins.keyword === 'ADD')) {
          const srcs = (ins.jsonForm ? ins.jsonArgs : ins.args).slice(0, -1);
          for (const s of srcs) if (secretFileKind(s.value) || isCredentialConfigPath(s.value)) files.set(base(s.value), ins.range.start.line + 1);
          continue;
        }
        if (ins.keyword !== 'RUN') continue;
        const cmds = model.shell(ins)?.commands ?? [];
        const mounts = secretMounts(ins.flags);
        const envs = mounts.map((m) => m.env).filter((e): e is string => e !== undefined);
        cmds.forEach((cmd, i) => {
          const { name, args } = unwrap(cmd);
          const tool = baseName(name);
          const target = fileTarget(cmd);
          // A later RUN deleting a secret file an earlier layer holds.
          if (own && tool === 'rm') {
            for (const a of operands(args)) {
              const line = files.get(base(a.value));
              if (line !== undefined) report({ range: a.range, messageId: 'deletedLater', data: { file: base(a.value), line: String(line) } });
            }
          }
          if (own && target && isCredentialConfigPath(target.value) && !removedLater(cmds, i, target.value))
            files.set(base(target.value), ins.range.start.line + 1);
          if (mounts.length === 0) return;
          const ops = operands(args);
          if (['cp', 'install', 'rsync'].includes(tool) && ops.length >= 2) {
            const src = ops.slice(0, -1).find((a) => inMount(mounts, a.value));
            const dest = ops[ops.length - 1]!;
            if (src && !removedLater(cmds, i, dest.value)) report({ range: src.range, messageId: 'copied', data: { source: src.value, dest: dest.value } });
            return;
          }
          const reads =
            cmd.redirects.find((r) => r.op === '<' && r.target && inMount(mounts, r.target.value))?.target ??
            (tool === 'cat' ? ops.find((a) => inMount(mounts, a.value)) : undefined);
          // `cat /run/secrets/x > file`, or `echo "token=$(cat /run/secrets/x)" > file`.
          const dest = reads ? (target ?? (cmd.parent?.command ? fileTarget(cmd.parent.command) : undefined)) : undefined;
          if (reads && dest && !removedLater(cmds, i, dest.value)) {
            report({ range: reads.range, messageId: 'copied', data: { source: reads.value, dest: dest.value } });
            return;
          }
          const setup = credentialSetup(name, args);
          if (setup && !removedLater(cmds, i, setup.stores, true)) {
            report({ range: { start: setup.from.range.start, end: setup.to.range.end }, messageId: 'configured', data: { tool: setup.tool } });
            return;
          }
          const content = args.map((a) => a.raw).join(' ');
          if (
            target &&
            isCredentialConfigPath(target.value) &&
            (looksLikeCredentialContent(content) || envs.some((e) => content.includes('$' + e) || content.includes('${' + e))) &&
            !removedLater(cmds, i, target.value)
          ) {
            report({ range: target.range, messageId: 'written', data: { file: base(target.value), dest: target.value } });
          }
        });
      }
    }
  },
});
