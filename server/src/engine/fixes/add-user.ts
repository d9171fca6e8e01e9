/**
 * "Add a non-root USER" (issue #6, item 1), shared by missing-user and last-user-root: choose
 * a user that fits the final stage's base image and place `USER` where the build no longer
 * needs root. Rule-agnostic and pure: model in, edits out.
 *
 * Choices, all conservative:
 * - An unprivileged user the image already has wins (`node` in node images, `nonroot` in
 *   distroless/Chainguard, `app` in .NET 8+); otherwise one is created with the family's own
 *   tools and a fixed UID/GID 10001, so the USER line is numeric (user-not-numeric) and
 *   useradd gets --no-log-init (useradd-no-log-init). A user the file already creates with an
 *   explicit UID is reused.
 * - `USER` goes after the stage's last RUN (any RUN may write where only root can: `npm run
 *   build` into a root-owned /app) and before the CMD/ENTRYPOINT/HEALTHCHECK that follow it.
 *   The user is created in the same place, so the two lines read together.
 * - COPY/ADD get no `--chown`: code owned by the runtime user is writable-app-files' finding,
 *   and files copied as root stay readable. Directories the app writes at run time are the
 *   user's call (a VOLUME or a chown of that directory only).
 * - Images whose tools or users we cannot vouch for (amazonlinux, UBI minimal, php's web
 *   servers, anything unknown) get no fix, and neither do images that start as root on purpose
 *   (gosu/su-exec in a RUN: the entrypoint drops privileges) or serve a port below 1024 (EXPOSE
 *   80: the server binds it as root, then switches user itself); the rules offer a plain
 *   suggestion instead.
 */
import type { EditBuilder } from '../edits';
import type { DockerfileModel, DockerInstruction, Stage, Token } from '../model/dockerfile';
import { classifyImage, defaultUser, imageFamily, isRootUser, isWindows, type ImageRef } from '../model/image';
import { accountCommand, knownUids } from '../model/users';
import type { TextEdit } from '../types';

/** The fixed UID/GID of a user the fix creates: above every distribution's system and login ranges. */
export const APP_UID = '10001';

export interface UserPlan {
  /** Numeric `uid[:gid]` for the USER line. */
  readonly user: string;
  /** Shell command creating the user, or undefined when the image or the file already has it. */
  readonly create: string | undefined;
  /** What was chosen, for messages: `the image's "node" user (UID 1000)`. */
  readonly label: string;
  /** VOLUME paths of the stage: created and given to the user before their VOLUME line. */
  readonly volumes?: { readonly paths: readonly string[]; readonly at: DockerInstruction };
}

const CREATE_ALPINE = `addgroup -S -g ${APP_UID} app && adduser -S -D -H -u ${APP_UID} -G app app`;
const CREATE_SHADOW = `groupadd --system --gid ${APP_UID} app && useradd --system --no-log-init --uid ${APP_UID} --gid app app`;
const created = (create: string): UserPlan => ({ user: `${APP_UID}:${APP_UID}`, create, label: `a new "app" user (UID ${APP_UID})` });
const existing = (name: string, id: string): UserPlan => ({ user: `${id}:${id}`, create: undefined, label: `the image's "${name}" user (UID ${id})` });

/** The image at the root of a stage chain (`FROM base` → base's image). */
export function rootImage(stage: Stage): ImageRef | undefined {
  let s = stage;
  while (s.baseStage) s = s.baseStage;
  return s.image.ref;
}

/** Stages whose RUNs shape the final stage's /etc/passwd. */
function chain(stage: Stage): Set<Stage> {
  const out = new Set<Stage>();
  for (let s: Stage | undefined = stage; s; s = s.baseStage) out.add(s);
  return out;
}

/** How to create a user on a Linux family with a shell, or undefined when its tools are not certain. */
function creator(image: ImageRef): string | undefined {
  const family = imageFamily(image);
  const info = classifyImage(image);
  const tag = (image.tag ?? '').toLowerCase();
  if (!family || !info) return undefined;
  // Language images come in Debian/Ubuntu and Alpine variants.
  const debianOrAlpine = /alpine/.test(tag) ? CREATE_ALPINE : CREATE_SHADOW;
  switch (family) {
    case 'alpine':
    case 'busybox':
      return CREATE_ALPINE;
    case 'debian':
    case 'ubuntu':
      return CREATE_SHADOW;
    case 'rhel':
      // UBI minimal/micro, fedora-minimal, amazonlinux and oraclelinux slim ship without shadow-utils.
      if (info.size === 'minimal' || /amazonlinux|oraclelinux/.test(image.repository)) return undefined;
      return CREATE_SHADOW;
    case 'python':
    case 'golang':
    case 'ruby':
    case 'rust':
    case 'dotnet':
      return debianOrAlpine;
    case 'java':
    case 'maven':
    case 'gradle':
      // Debian/Ubuntu or Alpine based unless the tag names Amazon Linux, Oracle Linux or UBI.
      if (/amazoncorretto|oracle|ubi|ibmjava/.test(tag) || image.repository === 'amazoncorretto') return undefined;
      return debianOrAlpine;
    default:
      // php (its web servers start as root and switch to www-data themselves), node (has a user), ...
      return undefined;
  }
}

/**
 * The non-root user to switch to in `stage` (the final stage), or undefined when the image
 * family is unknown or the file creates users we cannot map to a UID.
 */
export function userPlan(model: DockerfileModel, stage: Stage): UserPlan | undefined {
  const image = rootImage(stage);
  if (!image || isWindows(image)) return undefined;
  const stages = chain(stage);
  const inChain = (i: DockerInstruction) => !i.onbuild && i.stage !== undefined && stages.has(i.stage);
  // Images built to start as root and drop privileges in their entrypoint (gosu, su-exec), and
  // servers that bind a privileged port, break under a USER line: leave those to the author.
  if (model.instructions.some((i) => inChain(i) && i.keyword === 'RUN' && /\b(?:gosu|su-exec)\b/.test(model.index.slice(i.range)))) return undefined;
  const privileged = (t: string | undefined) => t !== undefined && /^\d+/.test(t) && Number(/^\d+/.exec(t)?.[0]) < 1024;
  if (model.instructions.some((i) => inChain(i) && i.keyword === 'EXPOSE' && i.args.some((a) => privileged(model.resolve(a.value, i))))) return undefined;
  const commands = model
    .commands()
    .filter(({ instruction }) => instruction.keyword === 'RUN' && !instruction.onbuild && instruction.stage !== undefined && stages.has(instruction.stage))
    .map(({ command }) => command);
  const creates = commands.map(accountCommand).filter((a) => a !== undefined && (a.tool === 'useradd' || a.tool === 'adduser'));
  if (creates.length > 0) {
    // The file makes its own user: switch to it when exactly one UID is known, else leave it to the author.
    const uids = [...knownUids(commands)];
    const only = uids[0];
    return uids.length === 1 && only ? { user: only[1], create: undefined, label: `the "${only[0]}" user this file creates (UID ${only[1]})` } : undefined;
  }
  const family = imageFamily(image);
  const tag = (image.tag ?? '').toLowerCase();
  if (family === 'scratch') return { user: '65532:65532', create: undefined, label: 'UID 65532 (scratch has no user database; the number is enough)' };
  if (family === 'distroless' || family === 'chainguard') return existing('nonroot', '65532');
  if (family === 'node') return existing('node', '1000');
  // Dev container images (devcontainers/images) create a non-root "vscode" user with UID 1000.
  if (image.registry === 'mcr.microsoft.com' && /^(?:vscode\/)?devcontainers\//.test(image.repository) && image.repository !== 'devcontainers/universal')
    return existing('vscode', '1000');
  if (family === 'dotnet') {
    const major = Number(/^(\d+)\./.exec(tag)?.[1] ?? (tag === '' || tag === 'latest' ? '99' : '0'));
    if (major >= 8) return existing('app', '1654');
  }
  const create = creator(image);
  return create ? created(create) : undefined;
}

/**
 * The plan for the final stage, with its VOLUME paths: Docker seeds a new volume from the
 * image, so a directory root owns there stays unwritable for the new user. The fix creates
 * and chowns them (not recursively: only the mount point) before the first VOLUME; images
 * with no shell (scratch, distroless) cannot, and get no fix.
 */
export function userPlanWithVolumes(model: DockerfileModel, stage: Stage): UserPlan | undefined {
  const plan = userPlan(model, stage);
  if (!plan) return undefined;
  const volumes = stage.instructions.filter((i) => !i.onbuild && i.keyword === 'VOLUME');
  const first = volumes[0];
  if (!first) return plan;
  const resolved = volumes.flatMap((i) => (i.jsonForm ? i.jsonArgs : i.args).map((t) => model.resolve(t.value, i)));
  // Temp directories are world-writable already (and must stay root's).
  const paths = resolved.filter((p) => p === undefined || !/^\/(?:tmp|var\/tmp|dev\/shm|run|var\/run)\/?$/.test(p));
  if (paths.length === 0) return plan;
  const family = (() => {
    const image = rootImage(stage);
    return image ? imageFamily(image) : undefined;
  })();
  if (paths.some((p) => p === undefined || !/^\/[\w./-]*$/.test(p)) || family === 'scratch' || family === 'distroless' || family === 'chainguard')
    return undefined;
  return { ...plan, volumes: { paths: paths as string[], at: first } };
}

/**
 * Where USER goes in the stage: before the first CMD/ENTRYPOINT/HEALTHCHECK after the last
 * RUN, else after the stage's last instruction. `after` is set for an end-of-stage insert.
 */
export function userSlot(stage: Stage): { before: DockerInstruction } | { after: DockerInstruction } {
  const own = stage.instructions.filter((i) => !i.onbuild);
  let lastRun = -1;
  own.forEach((i, n) => {
    if (i.keyword === 'RUN') lastRun = n;
  });
  const start = own.find((i, n) => n > lastRun && (i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT' || i.keyword === 'HEALTHCHECK'));
  if (start) return { before: start };
  return { after: own[own.length - 1] ?? stage.from };
}

/** True when no RUN of the stage comes after `ins`: switching user there changes no build step. */
export function noRunAfter(stage: Stage, ins: DockerInstruction): boolean {
  return !stage.instructions.some((i) => !i.onbuild && i.keyword === 'RUN' && i.range.start.line > ins.range.start.line);
}

/** The RUN command that prepares the user (creates it, owns the volume mount points), if any. */
function prepare(plan: UserPlan): string | undefined {
  const parts = [...(plan.create ? [plan.create] : [])];
  if (plan.volumes) {
    const paths = [...new Set(plan.volumes.paths)].join(' ');
    parts.push(`mkdir -p ${paths}`, `chown ${plan.user} ${paths}`);
  }
  return parts.length > 0 ? parts.join(' && ') : undefined;
}

/** Lines the fix inserts when it puts everything in one place: the preparing RUN (when needed) and USER. */
export function userLines(plan: UserPlan): string[] {
  const run = prepare(plan);
  return [...(run ? [`RUN ${run}`] : []), `USER ${plan.user}`];
}

/** The line to insert before `ins`: above the comments right over it (they describe it, or are ignore comments for it). */
function lineAbove(model: DockerfileModel, ins: DockerInstruction): number {
  let line = ins.range.start.line;
  const floor = ins.stage?.from.range.end.line ?? -1;
  while (
    line - 1 > floor &&
    model.index
      .lineText(line - 1)
      .trim()
      .startsWith('#')
  )
    line--;
  return line;
}

/**
 * True when the user in effect just before `line` of `stage` is known to be root: the last USER
 * above it in the stage, else the one the stage inherits. A RUN inserted there may create users
 * and chown; under a non-root (or unresolvable) user it would fail the build.
 */
export function rootBefore(model: DockerfileModel, stage: Stage, line: number): boolean {
  const users = stage.instructions.filter((i) => !i.onbuild && i.keyword === 'USER' && i.range.start.line < line);
  const last = users[users.length - 1];
  if (last) {
    const token = last.args[0];
    const value = token ? model.resolve(token.value, last) : undefined;
    return value !== undefined && isRootUser(value);
  }
  if (stage.baseStage) {
    const inherited = model.effectiveUser(stage.baseStage);
    if (inherited.source === 'instruction') return inherited.root === true;
    return inherited.source === 'image' && !inherited.nonRoot;
  }
  const image = rootImage(stage);
  return image !== undefined && !defaultUser(image).nonRoot;
}

/**
 * Edits that create the user when needed and insert `USER` in its slot of `stage`. `floor` is
 * an instruction the USER must come after (the root USER that last-user-root reports): a slot
 * above it would leave that root USER the last one.
 */
export function addUserEdits(model: DockerfileModel, edit: EditBuilder, stage: Stage, plan: UserPlan, floor?: DockerInstruction): TextEdit[] {
  const found = userSlot(stage);
  const slot = floor && floor.stage === stage && 'before' in found && found.before.range.start.line < floor.range.start.line ? { after: floor } : found;
  const run = prepare(plan);
  // The volume mount points must be owned before their VOLUME line; USER still waits for the last RUN.
  const slotLine = 'before' in slot ? slot.before.range.start.line : slot.after.range.end.line + 1;
  const split = plan.volumes !== undefined && run !== undefined && plan.volumes.at.range.start.line < slotLine;
  const lines = split ? [`USER ${plan.user}`] : userLines(plan);
  const before = (ins: DockerInstruction, text: readonly string[]): TextEdit => {
    const at = { line: lineAbove(model, ins), character: 0 };
    return edit.insertLinesBefore({ start: at, end: at }, text);
  };
  const edits = split && run && plan.volumes ? [before(plan.volumes.at, [`RUN ${run}`])] : [];
  return [...edits, 'before' in slot ? before(slot.before, lines) : edit.insertLinesAfter(slot.after.range, lines)];
}

/**
 * last-user-root's fix for the root USER `ins` (its user `token`) of the final `stage`, or
 * undefined when no edit is right:
 * - nothing RUNs after it: the user is replaced in place, and the preparing RUN (create the
 *   user, own the VOLUME mount points) goes above the root USER, or above the first VOLUME when
 *   that comes first (a volume is seeded from the image as it is at its VOLUME line);
 * - otherwise (or when a non-root USER is in effect where that RUN would go, so it could not
 *   create users or chown) USER root stays for the steps that need it and the non-root USER
 *   follows the last RUN, never above the root USER;
 * - a VOLUME declared while a non-root user is in effect cannot be prepared before it: no fix.
 */
export function rootUserFix(
  model: DockerfileModel,
  stage: Stage,
  plan: UserPlan,
  ins: DockerInstruction,
  token: Token,
): ((edit: EditBuilder) => TextEdit[]) | undefined {
  const run = prepare(plan);
  const volume = plan.volumes?.at;
  if (volume && run && !rootBefore(model, stage, volume.range.start.line)) return undefined;
  if (ins.stage === stage && noRunAfter(stage, ins)) {
    const at = volume && volume.range.start.line < ins.range.start.line ? volume : ins;
    if (!run) return (edit) => [edit.replace(token.range, plan.user)];
    if (rootBefore(model, stage, at.range.start.line)) {
      return (edit) => [
        edit.insertLinesBefore({ start: { line: lineAbove(model, at), character: 0 }, end: { line: lineAbove(model, at), character: 0 } }, [`RUN ${run}`]),
        edit.replace(token.range, plan.user),
      ];
    }
  }
  return (edit) => addUserEdits(model, edit, stage, plan, ins);
}
