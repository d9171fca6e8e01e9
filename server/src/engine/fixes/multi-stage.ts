/**
 * Converts a single-stage build into a build stage plus a minimal runtime stage (issue #6,
 * item 2). Pure: the model in, text edits against the analysed text out; offered as an unsafe
 * fix by prefer-multi-stage and final-stage-build-tools and as a refactoring in the editor.
 *
 * The original file stays the build stage (its FROM gains `AS build`; comments, continuations,
 * heredocs and directives are untouched). Instructions that only matter when the image runs
 * (CMD, ENTRYPOINT, EXPOSE, HEALTHCHECK, LABEL, STOPSIGNAL, and ENV/USER/VOLUME written after
 * the build) move to a runtime stage appended at the end, with the comments directly above
 * them; ENV and USER that the build also needs are kept and repeated. The runtime stage copies
 * only the artifacts, found per ecosystem (Go, Node, Python, Java, otherwise from CMD/WORKDIR),
 * onto a smaller base from `model/image.ts`. Where the conversion has to guess, it says so in a
 * `# bulkhead: …` comment in the output.
 */
import type { EditBuilder } from '../edits';
import type { DockerfileModel, DockerInstruction, Stage } from '../model/dockerfile';
import { variableRefs } from '../model/dockerfile';
import { classifyImage, imageFamily, isRootUser, isWindows, type ImageRef } from '../model/image';
import { packageCommand } from '../model/packages';
import { normalizePath } from '../model/paths';
import { baseName, unwrap, type Command } from '../model/shell';
import { appSourceCopy, buildStep, buildToolKind, toolCommands } from '../model/toolchain';
import { accountCommand } from '../model/users';
import type { Position, TextEdit } from '../types';

export type Ecosystem = 'go' | 'node' | 'python' | 'java' | 'generic';

/** Instructions that only describe the running container. */
const RUNTIME_ONLY = new Set(['CMD', 'ENTRYPOINT', 'EXPOSE', 'HEALTHCHECK', 'LABEL', 'STOPSIGNAL', 'MAINTAINER']);
/** Kept by the runtime stage; moved when written after the build, repeated when the build needs them. */
const RUNTIME_TOO = new Set(['ENV', 'USER', 'VOLUME']);
/** ENV only a build reads (toolchain switches, package-manager settings). */
const BUILD_ENV = /^(?:CGO_ENABLED|GO[A-Z0-9_]*|PIP_[A-Z_]+|npm_config_[a-z_]+|NPM_CONFIG_[A-Z_]+|YARN_[A-Z_]+|MAVEN_[A-Z_]+|GRADLE_[A-Z_]+|DEBIAN_FRONTEND)$/;

/** Programs the runtime image provides, whose arguments name the application's files. */
const INTERPRETERS = /^(?:python[\d.]*|node|java|dotnet|ruby|perl|php|sh|bash|ash|tini|dumb-init)$/;

/** Directories packages install into: never copied as artifacts. */
const SYSTEM_DIR = /^\/(?:proc|dev|bin|sbin|lib\w*|usr\/(?:bin|sbin|lib\w*|share)|etc)(?:\/|$)/;

interface Artifact {
  readonly from: string;
  readonly to: string;
}

interface Plan {
  readonly ecosystem: Ecosystem;
  readonly base: string;
  /** Edits inside the build stage (besides `AS build` and the moved instructions). */
  readonly builderEdits: TextEdit[];
  /** Lines of the runtime stage between FROM and the kept instructions (ENV, ARG, WORKDIR, COPY --from). */
  readonly head: string[];
  readonly artifacts: readonly Artifact[];
  readonly notes: string[];
  /** Named users the runtime base does not have become this one (distroless `nonroot`). */
  readonly userFallback?: string;
}

interface Facts {
  readonly model: DockerfileModel;
  readonly stage: Stage;
  readonly ref: ImageRef;
  readonly own: readonly DockerInstruction[];
  readonly commands: readonly { ins: DockerInstruction; cmd: Command }[];
  readonly workdir: string | undefined;
  /** Index in `own` of the last RUN/COPY/ADD: what follows it cannot influence the build. */
  readonly lastBuild: number;
  readonly edit: EditBuilder;
}

/**
 * The ecosystem a single-stage file would be converted for, or undefined when it cannot be
 * converted (several stages, Windows images, unknown base image). Cheap: no edits computed.
 */
export function multiStageEcosystem(model: DockerfileModel): Ecosystem | undefined {
  const facts = factsOf(model, undefined);
  return facts ? ecosystemOf(facts) : undefined;
}

/** The conversion as edits against the model's text; empty when the file cannot be converted. */
export function multiStageEdits(model: DockerfileModel, edit: EditBuilder): TextEdit[] {
  const facts = factsOf(model, edit);
  if (!facts) return [];
  const plan = planFor(facts);
  return plan ? render(facts, plan) : [];
}

function factsOf(model: DockerfileModel, edit: EditBuilder | undefined): Facts | undefined {
  const stage = model.stages.length === 1 ? model.stages[0] : undefined;
  const ref = stage?.image.ref;
  if (!stage || !ref || ref.isScratch || isWindows(ref) || (model.escapeChar !== '\\' && model.escapeChar !== '`')) return undefined;
  const own = stage.instructions.filter((i) => !i.onbuild && i !== stage.from);
  const commands = own.filter((i) => i.keyword === 'RUN').flatMap((ins) => (model.shell(ins)?.commands ?? []).map((cmd) => ({ ins, cmd })));
  let workdir: string | undefined;
  for (const ins of own) {
    if (ins.keyword !== 'WORKDIR') continue;
    const path = model.resolve(ins.argsText.trim(), ins);
    if (path === undefined || path.includes('$')) return undefined;
    workdir = normalizePath(path.startsWith('/') ? path : `${workdir ?? '/'}/${path}`);
  }
  let lastBuild = -1;
  own.forEach((ins, i) => {
    if (ins.keyword === 'RUN' || ins.keyword === 'COPY' || ins.keyword === 'ADD') lastBuild = i;
  });
  return { model, stage, ref, own, commands, workdir, lastBuild, edit: edit ?? (undefined as unknown as EditBuilder) };
}

function ecosystemOf(f: Facts): Ecosystem {
  for (const { cmd } of f.commands) {
    const step = buildStep(cmd);
    if (!step) continue;
    const tool = step.split(' ')[0];
    if (tool === 'go') return 'go';
    if (tool === 'mvn' || tool === 'gradle') return 'java';
    if (tool === 'npm' || tool === 'yarn' || tool === 'pnpm') return 'node';
  }
  const family = imageFamily(f.ref);
  if (family === 'golang') return 'go';
  if (family === 'maven' || family === 'gradle' || family === 'java') return 'java';
  // A venv needs the official image's python (`python -m venv`, same path in its -slim sibling).
  if (family === 'python') return 'python';
  if (family === 'node') return 'node';
  return 'generic';
}

function planFor(f: Facts): Plan | undefined {
  // Without CMD/ENTRYPOINT the image is a base or dev image: there is no program to ship.
  if (!f.own.some((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT')) return undefined;
  switch (ecosystemOf(f)) {
    case 'go':
      return goPlan(f);
    case 'node':
      return nodePlan(f);
    case 'python':
      return pythonPlan(f);
    case 'java':
      return javaPlan(f);
    case 'generic':
      return genericPlan(f);
  }
}

// ---- paths and commands ------------------------------------------------------------------

function absolute(f: Facts, path: string): string {
  return normalizePath(path.startsWith('/') ? path : `${f.workdir ?? '/'}/${path}`);
}

/** Words the container starts with: the last ENTRYPOINT, then the last CMD (exec-form values or shell-form command words). */
function startWords(f: Facts): string[] {
  const out: string[] = [];
  for (const keyword of ['ENTRYPOINT', 'CMD']) {
    const ins = f.own.filter((i) => i.keyword === keyword).pop();
    if (!ins) continue;
    if (ins.jsonForm) out.push(...ins.jsonArgs.map((t) => t.value));
    else for (const c of f.model.shell(ins)?.commands ?? []) out.push(...[c.name, ...c.args].filter((w) => w !== undefined).map((w) => w.value));
  }
  return out;
}

/**
 * OS packages (apt, apk) the runtime stage installs again: every package that is not a build tool
 * or headers, and build tools whose commands the container runs (`curl` in a HEALTHCHECK).
 * Written as the file wrote them, so pinned versions stay pinned.
 */
function runtimePackages(f: Facts): { manager: string; words: string[] } | undefined {
  const run = new Set<string>();
  for (const w of startWords(f)) run.add(w.slice(w.lastIndexOf('/') + 1));
  for (const ins of f.own) if (ins.keyword === 'HEALTHCHECK') for (const t of ins.args) run.add(t.value.slice(t.value.lastIndexOf('/') + 1));
  let manager: string | undefined;
  const words: string[] = [];
  for (const { cmd } of f.commands) {
    const pc = packageCommand(cmd);
    if (!pc || pc.action !== 'install' || !['apt', 'apk'].includes(pc.manager) || (manager && pc.manager !== manager)) continue;
    for (const p of pc.packages) {
      const kind = buildToolKind(p.name);
      if (kind === 'headers' || (kind && !toolCommands(p.name).some((c) => run.has(c)))) continue;
      manager = pc.manager;
      if (!words.includes(p.word.value)) words.push(p.word.value);
    }
  }
  return manager ? { manager, words } : undefined;
}

/** A shell-form CMD/ENTRYPOINT needs /bin/sh; a HEALTHCHECK needs its probe tool: distroless has neither. */
function shellFormStart(f: Facts): boolean {
  return f.own.some(
    (i) => ((i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') && !i.jsonForm) || (i.keyword === 'HEALTHCHECK' && !/^\s*NONE\b/i.test(i.argsText)),
  );
}

/** `-o value` / `-o=value` / `--output value` of a command. */
function optionValue(args: readonly { value: string }[], names: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    for (const n of names) {
      if (v === n) return args[i + 1]?.value;
      if (v.startsWith(`${n}=`)) return v.slice(n.length + 1);
    }
  }
  return undefined;
}

/** The runtime base: a smaller sibling from model/image.ts, or the same image when it is already small. */
function smallerBase(ref: ImageRef): string {
  const info = classifyImage(ref);
  if (!info || info.size === 'minimal' || info.size === 'base') return ref.raw;
  return info.alternatives[0] ?? ref.raw;
}

/** Headers the build compiled against: their runtime libraries cannot be derived from the name. */
function headersNote(f: Facts): string | undefined {
  const headers = new Set<string>();
  for (const { cmd } of f.commands) {
    const pc = packageCommand(cmd);
    if (!pc || pc.action !== 'install' || !['apt', 'apk', 'yum', 'zypper'].includes(pc.manager)) continue;
    for (const p of pc.packages) if (buildToolKind(p.name) === 'headers') headers.add(p.name);
  }
  return headers.size > 0 ? `code compiled against ${[...headers].join(', ')} needs the matching runtime libraries installed here` : undefined;
}

// ---- ecosystems ------------------------------------------------------------------------------

function goPlan(f: Facts): Plan | undefined {
  const found = f.commands.find(({ cmd }) => {
    const step = buildStep(cmd);
    return step === 'go build' || step === 'go install';
  });
  if (!found) return undefined;
  const { cmd } = found;
  const { name, args, wrappers } = unwrap(cmd);
  if (!name) return undefined;
  const builderEdits: TextEdit[] = [];
  const notes: string[] = [];
  const cgoEnv = [...f.own.filter((i) => i.keyword === 'ENV').map((i) => i.argsText), ...cmd.assignments.map((w) => w.value)].some((t) =>
    /\bCGO_ENABLED\s*=\s*1\b/.test(t),
  );
  const cgoSet =
    cgoEnv ||
    [...f.own.filter((i) => i.keyword === 'ENV').map((i) => i.argsText), ...cmd.assignments.map((w) => w.value)].some((t) => /\bCGO_ENABLED\b/.test(t));
  // A static binary runs on distroless/static; with cgo on it needs a libc (distroless/base).
  if (!cgoSet && wrappers.length === 0) builderEdits.push(f.edit.insertAt(name.range.start, 'CGO_ENABLED=0 '));
  const operands = args.map((a) => a.value);
  let out = optionValue(args, ['-o']);
  const program = startWords(f)[0];
  if (out === undefined && operands.includes('install')) {
    // `go install <path>[@version]` writes $GOPATH/bin/<last path element>: only a CMD that runs it is followed.
    const names = operands
      .slice(operands.indexOf('install') + 1)
      .map((o) => o.replace(/@.*$/, '').replace(/\/\.\.\.$/, ''))
      .map((o) => o.slice(o.lastIndexOf('/') + 1));
    const name = program?.slice(program.lastIndexOf('/') + 1);
    if (!name || !names.includes(name)) return undefined;
    out = `/go/bin/${name}`;
  }
  if (out === undefined) {
    // `go build` without -o writes the binary into the working directory under the package name.
    if (!program || !program.includes('/')) return undefined;
    out = program;
    notes.push(`the binary is assumed to be ${absolute(f, program)} (go build without -o names it after the package)`);
  }
  const binary = absolute(f, out);
  // A bare command name is looked up on PATH: /go/bin is on the golang image's PATH, not on distroless's.
  const to = program !== undefined && !program.includes('/') && binary.startsWith('/go/bin/') ? `/usr/local/bin/${program}` : binary;
  let base = cgoEnv ? 'gcr.io/distroless/base-debian12:nonroot' : 'gcr.io/distroless/static-debian12:nonroot';
  if (shellFormStart(f)) {
    base = 'alpine:3.20';
    notes.push('a shell-form CMD or ENTRYPOINT, or a HEALTHCHECK, needs a shell and tools, so the runtime is alpine instead of distroless');
  }
  return {
    ecosystem: 'go',
    base,
    builderEdits,
    head: [],
    artifacts: [{ from: binary, to }],
    notes,
    ...(base.includes('distroless') ? { userFallback: 'nonroot' } : {}),
  };
}

function nodePlan(f: Facts): Plan | undefined {
  const found = f.commands.find(({ cmd }) => /^(?:npm|yarn|pnpm) /.test(buildStep(cmd) ?? ''));
  if (!found) return undefined;
  const appDir = f.workdir ?? appCopyDir(f);
  if (!appDir || appDir === '/') return undefined;
  const notes: string[] = [];
  const builderEdits: TextEdit[] = [];
  const artifacts: Artifact[] = [
    { from: `${appDir}/package.json`, to: `${appDir}/package.json` },
    { from: `${appDir}/node_modules`, to: `${appDir}/node_modules` },
  ];
  if (found) {
    const tool = buildStep(found.cmd)!.split(' ')[0]!;
    const major = Number(/^(\d+)/.exec(f.ref.tag ?? '')?.[1] ?? '22');
    const prune =
      tool === 'yarn'
        ? 'yarn install --production --frozen-lockfile --ignore-scripts --prefer-offline'
        : tool === 'pnpm'
          ? 'pnpm prune --prod'
          : major >= 16
            ? 'npm prune --omit=dev'
            : 'npm prune --production';
    builderEdits.push(insertLineAfter(f, found.ins, `RUN ${prune}`));
    // The build output: the directory the start command runs from, else a guess.
    const words = startWords(f).filter((w) => /^(?:\.\/)?[\w.@-]+\/|^\//.test(w) && !w.includes('$'));
    let dir: string | undefined;
    for (const w of words) {
      const abs = absolute(f, w);
      if (!abs.startsWith(`${appDir}/`)) continue;
      const top = abs.slice(appDir.length + 1).split('/')[0];
      if (top && top !== 'node_modules' && abs.slice(appDir.length + 1).includes('/')) {
        dir = top;
        break;
      }
    }
    if (!dir) {
      dir = 'dist';
      notes.push('package.json is not read here: the build output is assumed to be dist/ (change it to build/, .next/, ... if needed)');
    }
    artifacts.push({ from: `${appDir}/${dir}`, to: `${appDir}/${dir}` });
  } else {
    // Without a build there is nothing to leave behind but the tools, and what the install put
    // outside the application directory (global packages, moved node_modules) would be lost.
    return undefined;
  }
  const pkgs = headersNote(f);
  if (pkgs) notes.push(pkgs);
  return { ecosystem: 'node', base: smallerBase(f.ref), builderEdits, head: [], artifacts, notes };
}

function pythonPlan(f: Facts): Plan | undefined {
  const pips = f.commands.filter(({ cmd }) => {
    const pc = packageCommand(cmd);
    return pc?.manager === 'pip' && pc.action === 'install';
  });
  const first = pips[0];
  if (!first) return undefined;
  // Installs that choose their own location cannot be moved into a venv.
  if (pips.some(({ cmd }) => unwrap(cmd).args.some((a) => /^(?:--user|--prefix|--target|--root|-t)(?:=|$)/.test(a.value)))) return undefined;
  const appDir = f.workdir ?? appCopyDir(f);
  if (!appDir || appDir === '/') return undefined;
  // Python 2 has no venv module.
  if (/^2(?:$|[.-])/.test(f.ref.tag ?? '')) return undefined;
  const notes: string[] = [];
  const pkgs = headersNote(f);
  if (pkgs) notes.push(pkgs);
  const base = smallerBase(f.ref);
  // The file's own venv (`python -m venv <dir>`, `virtualenv <dir>`) is kept and copied.
  const own = f.commands.map(({ ins, cmd }) => ({ ins, dir: venvDir(cmd) })).find((v) => v.dir !== undefined);
  if (own) {
    const dir = f.model.resolve(own.dir!, own.ins);
    if (dir === undefined || dir.includes('$')) return undefined;
    const venv = absolute(f, dir);
    const artifacts =
      venv === appDir || venv.startsWith(`${appDir}/`)
        ? [{ from: appDir, to: appDir }]
        : [
            { from: venv, to: venv },
            { from: appDir, to: appDir },
          ];
    return { ecosystem: 'python', base, builderEdits: [], head: [], artifacts, notes };
  }
  const env = 'ENV PATH="/opt/venv/bin:$PATH"';
  const builderEdits = [insertLinesBeforeIns(f, first.ins, ['RUN python -m venv /opt/venv', env])];
  return {
    ecosystem: 'python',
    base,
    builderEdits,
    head: [env],
    artifacts: [
      { from: '/opt/venv', to: '/opt/venv' },
      { from: appDir, to: appDir },
    ],
    notes,
  };
}

/** The directory of `python -m venv <dir>` / `virtualenv <dir>`, as written. */
function venvDir(cmd: Command): string | undefined {
  const { name, args } = unwrap(cmd);
  const tool = baseName(name);
  const operands = args.map((a) => a.value);
  const rest =
    /^python[\d.]*$/.test(tool) && operands[0] === '-m' && (operands[1] === 'venv' || operands[1] === 'virtualenv')
      ? operands.slice(2)
      : tool === 'virtualenv'
        ? operands
        : undefined;
  return rest?.filter((o) => !o.startsWith('-')).pop();
}

function javaPlan(f: Facts): Plan | undefined {
  const words = startWords(f);
  const jarAt = words.indexOf('-jar');
  const jar = jarAt >= 0 ? words[jarAt + 1] : undefined;
  if (!jar || jar.includes('$')) return undefined;
  const abs = absolute(f, jar);
  const notes: string[] = [];
  if (jar.includes('*')) notes.push(`"${jar}" is a pattern: make sure the build leaves exactly one jar there`);
  const family = imageFamily(f.ref);
  const info = classifyImage(f.ref);
  let base = info && info.size === 'toolchain' ? (info.alternatives[0] ?? f.ref.raw) : f.ref.raw;
  // Stay on Alpine when the build is on Alpine (eclipse-temurin publishes -jre-alpine).
  if (/alpine/.test(f.ref.tag ?? '') && /^eclipse-temurin:\d+-jre$/.test(base)) base += '-alpine';
  if (family === 'maven' || family === 'gradle') {
    if (!/(?:jdk|java|temurin|corretto|openjdk|sapmachine)-?\d+/.test(f.ref.tag ?? ''))
      notes.push(`the Java version of ${f.ref.raw} is not in its tag: check that ${base} runs the jar`);
  }
  const to = jar.includes('*') ? abs.slice(0, abs.lastIndexOf('/') + 1) : abs;
  if (to === '/') base = f.ref.raw;
  return { ecosystem: 'java', base, builderEdits: [], head: [], artifacts: [{ from: abs, to }], notes };
}

function genericPlan(f: Facts): Plan | undefined {
  // Extensions and gems are compiled into the interpreter's own tree (docker-php-ext-install,
  // gem install): no artifact path to copy.
  const family = imageFamily(f.ref);
  if (family === 'php' || family === 'ruby') return undefined;
  const artifacts: Artifact[] = [];
  const notes = ['artifacts are guessed from the paths in CMD/ENTRYPOINT: copy anything else the program reads at run time'];
  const seen = new Set<string>();
  // A program started by bare name that is not a language runtime was installed by the build
  // somewhere on PATH (pip, make install, a package): its files cannot be located.
  const program = startWords(f)[0];
  if (program !== undefined && !program.includes('/') && !INTERPRETERS.test(program)) return undefined;
  for (const w of startWords(f)) {
    if (w.includes('$') || w.includes('*') || !(w.startsWith('/') || w.startsWith('./') || /^[\w.-]+\/[\w./-]/.test(w))) continue;
    const abs = absolute(f, w);
    const dir = abs.slice(0, abs.lastIndexOf('/')) || '/';
    // Binaries in bin directories are copied alone; anything else with its directory (a .dll with its dependencies).
    // A program inside the working directory (`./Run`, `/usr/src/app/start.sh`) comes with that directory.
    const inWorkdir = f.workdir !== undefined && f.workdir !== '/' && abs.startsWith(`${f.workdir}/`);
    const pick = inWorkdir ? f.workdir! : /\/s?bin$/.test(dir) || dir === '/' || !/\.[a-z0-9]+$/i.test(abs) ? abs : dir;
    // System directories hold what packages installed: the runtime stage installs those again.
    if (SYSTEM_DIR.test(pick) || seen.has(pick)) continue;
    seen.add(pick);
    artifacts.push({ from: pick, to: pick });
  }
  // Nothing the start command names (`bash`, `python app.py` on an unknown image): a tool image
  // or a guess too far; the working directory alone is not evidence of an artifact.
  if (artifacts.length === 0) return undefined;
  // Files copied from the context outside the artifacts (configuration, scripts) may have been
  // changed by later RUNs: without a build to follow, the conversion would lose them.
  if (contextCopies(f).some((dest) => !covered(dest, artifacts))) return undefined;
  const pkgs = headersNote(f);
  if (pkgs) notes.push(pkgs);
  return { ecosystem: 'generic', base: smallerBase(f.ref), builderEdits: [], head: [], artifacts, notes };
}

/**
 * A COPY/ADD from the build context of files the program needs as they are (an entrypoint
 * script, configuration), not of sources the build compiles (model/toolchain's appSourceCopy).
 */
function supportCopy(f: Facts, ins: DockerInstruction): boolean {
  if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || ins.heredocs.length > 0 || ins.flags.some((fl) => fl.name.toLowerCase() === 'from')) return false;
  return appSourceCopy(ins, (t) => f.model.resolve(t, ins) ?? t) === undefined;
}

/** Absolute destinations of COPY/ADD from the build context (heredocs and --from excluded); `?` when unknown. */
function contextCopies(f: Facts): string[] {
  return f.own
    .filter((ins) => supportCopy(f, ins))
    .map((ins) => {
      const words = ins.jsonForm ? ins.jsonArgs : ins.args;
      const dest = f.model.resolve(words[words.length - 1]?.value ?? '', ins);
      return dest === undefined || dest.includes('$') ? '?' : absolute(f, dest);
    });
}

function covered(path: string, artifacts: readonly Artifact[]): boolean {
  return artifacts.some((a) => path === a.from || path.startsWith(a.from.endsWith('/') ? a.from : `${a.from}/`));
}

/** Context COPY/ADD instructions outside the artifacts (an entrypoint script, a config file), repeated in the runtime stage. */
function replayedCopies(f: Facts, artifacts: readonly Artifact[]): string[] {
  const out: string[] = [];
  for (const ins of f.own) {
    if (!supportCopy(f, ins)) continue;
    const words = ins.jsonForm ? ins.jsonArgs : ins.args;
    const dest = f.model.resolve(words[words.length - 1]?.value ?? '', ins);
    if (dest !== undefined && !dest.includes('$') && covered(absolute(f, dest), artifacts)) continue;
    out.push(...linesOf(f, ins.range.start.line, ins.range.end.line));
  }
  return out;
}

/** The directory the application sources are copied to when no WORKDIR is set (`COPY . /app`). */
function appCopyDir(f: Facts): string | undefined {
  for (const ins of f.own) {
    if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || ins.flags.some((fl) => fl.name.toLowerCase() === 'from')) continue;
    const words = ins.jsonForm ? ins.jsonArgs : ins.args;
    const dest = words[words.length - 1]?.value;
    if (!dest || dest.includes('$') || !dest.startsWith('/')) continue;
    const dir = dest.endsWith('/') || words.length > 2 || words[0]?.value === '.' ? dest : dest.slice(0, dest.lastIndexOf('/'));
    return normalizePath(dir || '/');
  }
  return undefined;
}

// ---- rendering -------------------------------------------------------------------------------

function insertLineAfter(f: Facts, ins: DockerInstruction, line: string): TextEdit {
  const at = f.model.index.positionAt(f.model.index.lineEnd(ins.range.end.line));
  return { range: { start: at, end: at }, newText: f.edit.eol + f.model.index.indentation(ins.range.start.line) + line };
}

function insertLinesBeforeIns(f: Facts, ins: DockerInstruction, lines: readonly string[]): TextEdit {
  return f.edit.insertLinesBefore(ins.range, lines);
}

/** First line of the comments directly above an instruction (they move with it). */
function commentStart(f: Facts, ins: DockerInstruction): number {
  let line = ins.range.start.line;
  while (line > 0 && /^\s*#/.test(f.model.index.lineText(line - 1)) && !isDirectiveLine(f, line - 1)) line--;
  return line;
}

function isDirectiveLine(f: Facts, line: number): boolean {
  return f.model.ast.getDirectives().some((d) => d.getRange().start.line === line);
}

function linesOf(f: Facts, from: number, to: number): string[] {
  const out: string[] = [];
  for (let l = from; l <= to; l++) out.push(f.model.index.lineText(l));
  return out;
}

function render(f: Facts, plan: Plan): TextEdit[] {
  const { model, stage, own } = f;
  const index = model.index;
  const eol = f.edit.eol;
  const edits: TextEdit[] = [...plan.builderEdits];
  // 1. Name the build stage (or reuse its name).
  const name = stage.name ?? 'build';
  if (!stage.name) {
    const line = stage.from.range.end.line;
    const at: Position = { line, character: index.lineText(line).replace(/\s+$/, '').length };
    edits.push(f.edit.insertAt(at, ' AS build'));
  }
  // 2. Decide per instruction: moved to the runtime stage, repeated there, or left in the build.
  const runtimeLines: string[] = [];
  const removed: { from: number; to: number }[] = [];
  const usedVars = new Set<string>();
  const userRuns: string[] = [];
  own.forEach((ins, i) => {
    const after = i > f.lastBuild;
    const keyword = ins.keyword;
    // `ENV NAME value` (legacy form) names one variable; `ENV A=1 B=2` several.
    const envNames = ins.args[0]?.value.includes('=') ? ins.args.map((t) => t.value.split('=')[0] ?? '') : ins.args.slice(0, 1).map((t) => t.value);
    if (keyword === 'ENV' && !after && envNames.every((n) => BUILD_ENV.test(n))) return;
    if (!RUNTIME_ONLY.has(keyword) && !RUNTIME_TOO.has(keyword)) return;
    const move = RUNTIME_ONLY.has(keyword) || after;
    const from = move ? commentStart(f, ins) : ins.range.start.line;
    let lines = linesOf(f, from, ins.range.end.line);
    if (keyword === 'USER') {
      const user = (model.resolve(ins.argsText.trim(), ins) ?? ins.argsText.trim()).split(':')[0] ?? '';
      const numeric = /^\d+$/.test(user);
      if (!numeric && !isRootUser(user) && user !== 'node' && user !== plan.userFallback) {
        const creating = f.commands.filter(({ cmd }) => accountCommand(cmd) !== undefined);
        const run = creating
          .map((c) => c.ins)
          .find((r) =>
            (model.shell(r)?.commands ?? []).every((c) => accountCommand(c) !== undefined || ['mkdir', 'chown', 'true'].includes(baseName(unwrap(c).name))),
          );
        if (plan.userFallback) {
          lines = [
            ...lines.slice(0, lines.length - 1 - (ins.range.end.line - ins.range.start.line)),
            `# bulkhead: user "${user}" is created in the build stage only; ${plan.userFallback} is the runtime image's non-root user`,
            `USER ${plan.userFallback}`,
          ];
        } else if (run && !userRuns.includes(index.slice(run.range))) {
          userRuns.push(index.slice(run.range));
          lines = [...linesOf(f, run.range.start.line, run.range.end.line), ...lines];
        } else if (!run) {
          lines = [`# bulkhead: user "${user}" is created in the build stage; create it in this stage too`, ...lines];
        }
      }
    }
    if (move) {
      // Keep one blank line where the original separated two moved instructions.
      const prev = removed[removed.length - 1];
      if (prev && runtimeLines.length > 0 && from > prev.to + 1 && linesOf(f, prev.to + 1, from - 1).every((l) => l.trim() === '')) lines = ['', ...lines];
      removed.push({ from, to: ins.range.end.line });
    }
    for (const l of lines) for (const v of variableRefs(l)) usedVars.add(v.name);
    runtimeLines.push(...lines);
  });
  // 3. ARGs the runtime instructions use are declared again (a stage does not inherit them).
  const argLines: string[] = [];
  for (const ins of [...model.globalArgs, ...own.filter((i) => i.keyword === 'ARG')]) {
    const argName = ins.args[0]?.value.split('=')[0];
    if (!argName || !usedVars.has(argName)) continue;
    argLines.push(ins.stage ? index.slice(ins.range) : `ARG ${argName}`);
  }
  // 4. The runtime stage.
  const stageLines: string[] = [];
  const base = model.globalArgs.length > 0 && stage.image.usesArgs && plan.base === f.ref.raw ? index.slice(stage.image.range) : plan.base;
  stageLines.push(`FROM ${base}`);
  for (const note of plan.notes) stageLines.push(`# bulkhead: ${note}`);
  stageLines.push(...argLines);
  if (f.workdir) stageLines.push(`WORKDIR ${f.workdir}`);
  const packages = runtimePackages(f);
  if (packages) {
    const alpine = /alpine/.test(plan.base);
    const distroless = /distroless|scratch/.test(plan.base);
    const words = packages.words.join(' ');
    if (packages.manager === 'apk' && alpine) stageLines.push(`RUN apk add --no-cache ${words}`);
    else if (packages.manager === 'apt' && !alpine && !distroless)
      stageLines.push(`RUN apt-get update && apt-get install -y --no-install-recommends ${words} && rm -rf /var/lib/apt/lists/*`);
    else
      stageLines.splice(1, 0, `# bulkhead: the build stage installs ${words}; this image has no ${packages.manager}: make sure the program does not need them`);
  }
  stageLines.push(...plan.head);
  for (const a of plan.artifacts) stageLines.push(`COPY --from=${name} ${a.from} ${a.to}`);
  stageLines.push(...replayedCopies(f, plan.artifacts));
  stageLines.push(...runtimeLines);
  // 5. The tail: everything after the last kept line is replaced by the runtime stage.
  const isRemoved = (l: number) => removed.some((r) => r.from <= l && l <= r.to);
  let lastKept = index.lineCount - 1;
  while (lastKept >= 0 && (isRemoved(lastKept) || index.lineText(lastKept).trim() === '')) lastKept--;
  if (lastKept < stage.from.range.end.line) lastKept = stage.from.range.end.line;
  const tailStart = index.positionAt(index.lineEnd(lastKept));
  const tailEnd = index.positionAt(index.text.length);
  const finalEol = /\r?\n$/.test(index.text);
  edits.push({ range: { start: tailStart, end: tailEnd }, newText: eol + eol + stageLines.join(eol) + (finalEol ? eol : '') });
  const blank = (l: number) => index.lineText(l).trim() === '';
  for (const r of removed) {
    if (r.from > lastKept) continue;
    // A block between two blank lines takes one of them along, so no double blank line is left.
    const to = r.to + 1 < lastKept && blank(r.to + 1) && (r.from === 0 || blank(r.from - 1)) ? r.to + 1 : r.to;
    edits.push(f.edit.removeLines({ start: { line: r.from, character: 0 }, end: { line: to, character: 0 } }));
  }
  return edits;
}
