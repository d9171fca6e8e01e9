/**
 * The Dockerfile a Compose service's `build:` leads to, for the cross-file rules (X01–X07):
 * `context` (relative to the Compose file that wrote it) + `dockerfile` (relative to the
 * context, default `Dockerfile`), or `dockerfile_inline`; the stage `target` selects, else the
 * final one. Read through the host's reader and parsed with the Dockerfile model once per
 * path and text within one analysis. Remote contexts (git, URLs), unset variables, unknown
 * targets and unreadable files give undefined: rules then say nothing rather than guess.
 */
import { buildDockerfileModel, type DockerfileModel, type Stage } from '../dockerfile';
import type { Range } from '../../types';
import type { Related } from '../../rule';
import type { ComposeModel } from './index';
import type { Build, ComposeService } from './service';
import type { Origin } from './nodes';
import { dirname, join } from './paths';
import { defaultUser, isWellFormed, isWindows, parseImageRef } from '../image';

export interface BuiltDockerfile {
  readonly build: Build;
  /** The Dockerfile's path as joined from the Compose file's (for `dockerfile_inline`, the Compose file). */
  readonly path: string;
  readonly model: DockerfileModel;
  /** The stage the service runs: `build.target`, else the final stage. */
  readonly stage: Stage;
  /** True when the Dockerfile is `dockerfile_inline` text. */
  readonly inline: boolean;
  /** Where to show a range of the Dockerfile: in the Dockerfile, or on the `dockerfile_inline` key. */
  locate(range: Range): Origin;
  /** A related location for a range of the Dockerfile. */
  related(range: Range, message: string): Related;
}

/** Git URLs and remote tarballs: the Dockerfile is not in the project. */
const REMOTE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|github\.com\/)/i;
const MAX_DOCKERFILE = 1024 * 1024;

const caches = new WeakMap<ComposeModel, Map<string, DockerfileModel | undefined>>();

function parseCached(model: ComposeModel, path: string, text: string): DockerfileModel | undefined {
  let cache = caches.get(model);
  if (!cache) caches.set(model, (cache = new Map<string, DockerfileModel | undefined>()));
  const key = `${path}\u0000${text}`;
  if (cache.has(key)) return cache.get(key);
  let parsed: DockerfileModel | undefined;
  try {
    parsed = text.length > MAX_DOCKERFILE ? undefined : buildDockerfileModel(text);
  } catch {
    parsed = undefined;
  }
  cache.set(key, parsed);
  return parsed;
}

/** The Dockerfile path a service's build names, or undefined when it is not a local file. */
export function dockerfilePath(service: ComposeService): string | undefined {
  const build = service.build();
  if (!build || build.dockerfileInline !== undefined) return undefined;
  const contextPair = build.pair.value.kind === 'map' ? build.pair.value.get('context') : undefined;
  // Compose resolves a relative context against the directory of the file that wrote it
  // (`extends: file:` and `include` keep their own directory).
  const file = contextPair?.file ?? build.pair.value.file;
  const context = build.context;
  if (context === undefined || context === '' || REMOTE.test(context)) return undefined;
  const dockerfile = build.dockerfile ?? 'Dockerfile';
  if (dockerfile === '' || REMOTE.test(dockerfile)) return undefined;
  return join(join(dirname(file), context), dockerfile);
}

/**
 * The Dockerfile behind `service`'s `build:` and the stage it runs, or undefined when unknown.
 * Answered once per service (`service` belongs to `model`; seven rules and the checklist ask).
 */
export function builtDockerfile(model: ComposeModel, service: ComposeService): BuiltDockerfile | undefined {
  return service.memo('builtDockerfile', () => findBuiltDockerfile(model, service));
}

function findBuiltDockerfile(model: ComposeModel, service: ComposeService): BuiltDockerfile | undefined {
  const build = service.build();
  if (!build) return undefined;
  let path: string;
  let text: string | undefined;
  let inlineAt: Origin | undefined;
  if (build.dockerfileInline !== undefined && build.pair.value.kind === 'map') {
    const pair = build.pair.value.get('dockerfile_inline');
    if (!pair) return undefined;
    path = pair.file;
    text = build.dockerfileInline;
    inlineAt = { file: pair.file, range: pair.keyRange };
  } else {
    // Without a host reader there is nothing to read: no path to work out.
    if (!model.readFile) return undefined;
    const p = dockerfilePath(service);
    if (p === undefined) return undefined;
    path = p;
    text = model.readFile(p);
  }
  if (text === undefined) return undefined;
  const dockerfile = parseCached(model, path, text);
  if (!dockerfile) return undefined;
  const stage = build.target !== undefined ? dockerfile.stageByRef(build.target) : dockerfile.finalStage;
  if (!stage) return undefined;
  const locate = (range: Range): Origin => inlineAt ?? { file: path, range };
  return Object.freeze({
    build,
    path,
    model: dockerfile,
    stage,
    inline: inlineAt !== undefined,
    locate,
    related: (range: Range, message: string): Related => ({ ...locate(range), message }),
  });
}

/** `stage` and the stages it is built `FROM`, nearest first. */
export function stageChain(stage: Stage): Stage[] {
  const out: Stage[] = [];
  for (let s: Stage | undefined = stage; s && !out.includes(s) && out.length < 64; s = s.baseStage) out.push(s);
  return out;
}

// ---- the user an image runs as (X01 compose-effective-user-root, C42 compose-user-root) ----

export interface ImageUser {
  readonly root: boolean;
  readonly user: string;
  readonly why: string;
  readonly related: readonly Related[];
}

/** The runtime stage's effective user; undefined when it cannot be known (ARGs, Windows). */
export function builtUser(built: BuiltDockerfile): ImageUser | undefined {
  const eff = built.model.effectiveUser(built.stage);
  if (eff.source === 'instruction') {
    if (eff.root === undefined || eff.value === undefined) return undefined;
    const range = eff.token?.range ?? eff.instruction.range;
    return { root: eff.root, user: eff.value, why: `USER ${eff.value}`, related: [built.related(range, `The image's effective user: USER ${eff.value}`)] };
  }
  if (eff.source !== 'image' || !eff.image || isWindows(eff.image)) return undefined;
  // The stage that names the external image (the last one in the FROM chain).
  const root = stageChain(built.stage).pop() ?? built.stage;
  const range = root.image.range;
  if (eff.nonRoot)
    return {
      root: false,
      user: eff.user ?? '?',
      why: eff.why ?? '',
      related: [built.related(range, `Base image ${eff.image.raw}: ${eff.why ?? 'non-root by default'}`)],
    };
  return {
    root: true,
    user: 'root',
    why: `no USER, and ${eff.image.raw} runs as root by default`,
    related: [built.related(range, `No USER in this stage: ${eff.image.raw} runs as root by default`)],
  };
}

/** A well-known image that runs as non-root by default (no Dockerfile to point at). */
export function imageUser(image: string | undefined): ImageUser | undefined {
  const ref = image === undefined ? undefined : parseImageRef(image);
  if (!ref || !isWellFormed(ref)) return undefined;
  const d = defaultUser(ref);
  return d.nonRoot ? { root: false, user: d.user, why: d.why, related: [] } : undefined;
}

/**
 * What the image a service runs executes as, when it can be known: the built Dockerfile's
 * runtime stage, else a well-known image's default. X01 and compose-user-root share it.
 */
export function serviceImageUser(model: Parameters<typeof builtDockerfile>[0], service: Parameters<typeof builtDockerfile>[1]): ImageUser | undefined {
  const built = builtDockerfile(model, service);
  return built ? builtUser(built) : imageUser(service.image);
}
