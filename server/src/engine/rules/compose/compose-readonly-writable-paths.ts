import { defineRule } from '../../rule';
import {
  builtDockerfile,
  indentUnit,
  prependSeqItem,
  setServiceKey,
  stageChain,
  type BuiltDockerfile,
  type ComposeModel,
  type ComposeService,
  type ServiceDefinition,
} from '../../model/compose';
import type { DockerInstruction } from '../../model/dockerfile';
import { chownCall, userPart } from '../../model/users';
import { baseName, unwrap } from '../../model/shell';
import type { TextEdit } from '../../types';

/**
 * X04: `read_only: true` on a service whose Dockerfile declares paths the container writes:
 * VOLUMEs (which silently become anonymous, writable, persistent volumes) and directories the
 * Dockerfile creates empty and hands to the runtime user, with no `tmpfs`/volume over them.
 */
export default defineRule({
  meta: {
    id: 'compose-readonly-writable-paths',
    kind: 'compose',
    title: 'Give read-only services explicit mounts for the paths their image writes',
    severity: 'info',
    category: 'filesystem',
    messages: {
      volume:
        'read_only: true, but the Dockerfile declares VOLUME {path} and no volume or tmpfs covers it: Docker creates an anonymous, writable volume there that outlives the container. Mount a named volume (data) or a tmpfs (scratch) at {path} explicitly.',
      writablePath:
        'read_only: true, but the Dockerfile creates {path} and hands it to the runtime user {user}, so the service writes there: with a read-only root filesystem those writes fail. Add a tmpfs (or a volume) at {path}.',
      fix: 'Add tmpfs {path} (noexec, nosuid)',
    },
    // Unsafe: a tmpfs is empty at start and lost on restart; data that must persist needs a named volume instead.
    fix: 'unsafe',
    checklist: ['read-only-rootfs'],
    references: [{ tool: 'cis', id: '5.13', match: 'inspired' }],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const service of model.services) {
      const ro = service.get('read_only');
      if (!ro || service.bool('read_only') !== true) continue;
      const built = builtDockerfile(model, service);
      if (!built) continue;
      const mounted = [...service.volumes().map((v) => v.target), ...service.tmpfs().map((t) => t.target)]
        .filter((t): t is string => t !== undefined)
        .map(trim);
      const covered = (p: string) => mounted.some((m) => m === '/' || p === m || p.startsWith(m + '/'));
      const def = service.definitionIn(model.file);
      const seen = new Set<string>();
      for (const w of writablePaths(built)) {
        if (covered(w.path) || seen.has(w.path)) continue;
        seen.add(w.path);
        const scratch = w.kind === 'writablePath' || SCRATCH.test(w.path);
        report({
          file: ro.file,
          range: ro.range,
          messageId: w.kind,
          data: { path: w.path, ...(w.user !== undefined ? { user: w.user } : {}) },
          related: [
            built.related(
              w.instruction.range,
              w.kind === 'volume' ? `VOLUME ${w.path}` : `${w.path} is created and handed to ${w.user ?? 'the runtime user'} here`,
            ),
          ],
          ...(scratch && def ? { fix: () => [addTmpfs(model, service, def, `${w.path}:noexec,nosuid`)].filter((e) => e !== undefined) } : {}),
        });
      }
    }
  },
});

/** Paths a tmpfs fits: scratch, cache, run-time state. Other VOLUMEs hold data (named volume). */
const SCRATCH = /^\/(?:tmp|var\/tmp|run|var\/run)(?:\/|$)|(?:^|\/)(?:cache|\.cache|tmp|temp)(?:\/|$)/;

const trim = (p: string) => (p.length > 1 ? p.replace(/\/+$/, '') : p);

interface Writable {
  readonly kind: 'volume' | 'writablePath';
  readonly path: string;
  readonly user?: string;
  readonly instruction: DockerInstruction;
}

function writablePaths(built: BuiltDockerfile): Writable[] {
  const out: Writable[] = [];
  const model = built.model;
  const chain = stageChain(built.stage);
  for (const stage of [...chain].reverse()) {
    for (const ins of stage.instructions) {
      if (ins.keyword !== 'VOLUME' || ins.onbuild) continue;
      for (const arg of ins.jsonForm ? ins.jsonArgs : ins.args) {
        const p = model.resolve(arg.value, ins);
        if (p !== undefined && p.startsWith('/')) out.push({ kind: 'volume', path: trim(p), instruction: ins });
      }
    }
  }
  const eff = model.effectiveUser(built.stage);
  const runtime = eff.source === 'instruction' && eff.root === false && eff.value !== undefined ? userPart(eff.value) : undefined;
  if (runtime === undefined) return out;
  const inChain = new Set(chain);
  const commands = model.commands().filter((c) => c.instruction.stage && inChain.has(c.instruction.stage) && !c.instruction.onbuild);
  // Directories created empty (mkdir) and then chowned to the runtime user: written at run time.
  const created = new Set<string>();
  for (const { command } of commands) {
    const { name, args } = unwrap(command);
    if (baseName(name) === 'mkdir') for (const a of args) if (a.value.startsWith('/')) created.add(trim(a.value));
  }
  const copied = model.instructions
    .filter((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && i.stage && inChain.has(i.stage))
    .map((i) => trim(i.args[i.args.length - 1]?.value ?? ''));
  for (const { instruction, command } of commands) {
    const chown = chownCall(command);
    if (!chown || userPart(chown.user) !== runtime) continue;
    for (const op of chown.operands) {
      const p = trim(op.value);
      if (!created.has(p) || copied.some((c) => c === p || c.startsWith(p + '/'))) continue;
      out.push({ kind: 'writablePath', path: p, user: runtime, instruction });
    }
  }
  return out;
}

/** Adds `- <item>` to the service's block `tmpfs:` list, or creates the list. */
function addTmpfs(model: ComposeModel, service: ComposeService, def: ServiceDefinition, item: string): TextEdit | undefined {
  const own = def.map.get('tmpfs');
  if (own) return prependSeqItem(model, own.value, item);
  if (service.get('tmpfs')) return undefined;
  const edit = setServiceKey(model, def, ['tmpfs'], '__BULKHEAD_TMPFS__');
  if (!edit) return undefined;
  const unit = indentUnit(model.index);
  const m = /^(\r?\n)( *)tmpfs: __BULKHEAD_TMPFS__$/.exec(edit.newText);
  if (!m) return undefined;
  const [, eol, indent] = m as unknown as [string, string, string];
  return { range: edit.range, newText: `${eol}${indent}tmpfs:${eol}${indent}${unit}- ${item}` };
}
