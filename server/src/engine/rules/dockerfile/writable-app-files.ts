import type { DockerInstruction, Stage } from '../../model/dockerfile';
import { chownCall, knownUids, userPart } from '../../model/users';
import { defineRule } from '../../rule';

/** Paths that hold data a running app is expected to write: temp, state, logs, caches, uploads, homes. */
const DATA_PATH =
  /^(?:\/tmp|\/config|\/var\/(?:tmp|lib|log|cache|run|spool)|\/run|\/home|~)(?:\/|$)|(?:^|\/)(?:data|logs?|cache|\.cache|tmp|temp|uploads?|storage|state|sessions|media|run|db|volumes?|downloads?)(?:\/|$)/i;

/** Where code usually lives: named first when a chown mixes it with other paths. */
const CODE_PATH = /^(?:\.\/?|\/(?:app|opt|usr|srv|etc|code|src|var\/www)(?:\/.*)?)$/;

/** Application files owned by the user the container runs as: a compromised process can rewrite its own code. */
export default defineRule({
  meta: {
    id: 'writable-app-files',
    kind: 'dockerfile',
    title: 'Keep application files owned by root, not by the runtime user',
    severity: 'info',
    category: 'filesystem',
    messages: {
      copyChown:
        '`--chown={owner}` gives the files in {path} to the user the container runs as, so a compromised process can rewrite its own code and configuration. Copy them as root (drop --chown; the files stay readable) and give the user only the directories it writes to.',
      chown:
        '`chown -R {owner}` gives {path} to the user the container runs as, so a compromised process can rewrite its own code. Keep code owned by root and chown only the data, cache or log directories the app writes to.',
    },
    checklist: ['read-only-rootfs', 'least-privilege'],
    references: [{ tool: 'kics', id: 'aa93e17f', match: 'same' }],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    const stage = model.finalStage;
    if (!stage) return;
    const user = model.effectiveUser(stage);
    if (user.source !== 'instruction' || user.root !== false || user.value === undefined) return;
    const chain = new Set<Stage>();
    for (let s: Stage | undefined = stage; s; s = s.baseStage) chain.add(s);
    const inChain = (i: DockerInstruction): boolean => !i.onbuild && i.stage !== undefined && chain.has(i.stage);
    const uids = knownUids(
      model
        .commands()
        .filter(({ instruction }) => inChain(instruction))
        .map(({ command }) => command),
    );
    const runtime = userPart(user.value);
    const same = (owner: string): boolean => {
      const u = userPart(owner);
      return u === runtime || (uids.get(u) ?? u) === (uids.get(runtime) ?? runtime);
    };
    const volumes = model.instructions
      .filter((i) => i.keyword === 'VOLUME' && inChain(i))
      .flatMap((i) => (i.jsonForm ? i.jsonArgs : i.args).map((t) => model.resolve(t.value, i)));
    const isData = (path: string | undefined): boolean =>
      path === undefined || DATA_PATH.test(path) || volumes.some((v) => v !== undefined && (path === v || path.startsWith(v.replace(/\/?$/, '/'))));

    for (const ins of model.instructions) {
      if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || !inChain(ins)) continue;
      const flag = ins.flags.find((f) => f.name === 'chown');
      const owner = flag?.value === undefined ? undefined : model.resolve(flag.value, ins);
      const dest = ins.jsonForm ? ins.jsonArgs[ins.jsonArgs.length - 1] : ins.args[ins.args.length - 1];
      if (!flag || owner === undefined || !dest || !same(owner)) continue;
      const path = model.resolve(dest.value, ins);
      if (isData(path)) continue;
      report({ range: flag.range, messageId: 'copyChown', data: { owner: flag.value ?? '', path: dest.value } });
    }
    for (const { instruction, command } of model.commands()) {
      if (instruction.keyword !== 'RUN' || !inChain(instruction)) continue;
      const call = chownCall(command);
      const owner = call ? model.resolve(call.owner.value, instruction) : undefined;
      if (!call || !call.recursive || owner === undefined || !same(owner)) continue;
      const code = call.operands
        .filter((o) => !isData(model.resolve(o.value, instruction)))
        .sort((a, b) => Number(CODE_PATH.test(b.value)) - Number(CODE_PATH.test(a.value)))[0];
      if (code) report({ range: call.owner.range, messageId: 'chown', data: { owner: call.owner.value, path: code.value } });
    }
  },
});
