/**
 * Build knowledge (issue 4, D19–D21): which shell commands compile or package an application,
 * which OS packages are build tools, and which COPY/ADD brings application sources into a
 * stage. Shared by prefer-multi-stage, prefer-minimal-base and final-stage-build-tools.
 */
import type { DockerInstruction, Token } from './dockerfile';
import type { ImageRef } from './image';
import { baseName, unwrap, type Command } from './shell';

const MAVEN_GOALS = new Set(['package', 'install', 'verify', 'deploy', 'compile']);
const COMPILERS = new Set(['gcc', 'g++', 'cc', 'c++', 'clang', 'clang++', 'make', 'gmake', 'ninja', 'javac', 'rustc']);

/**
 * The build step a command runs, as a short label (`go build`, `mvn package`, `npm run build`,
 * `make`), or undefined. Only steps that need a compiler or SDK which the program does not need
 * at run time: `npm ci` or `pip install` alone are not builds.
 */
export function buildStep(cmd: Command): string | undefined {
  const { name, args } = unwrap(cmd);
  const tool = baseName(name);
  const operands = args.map((a) => a.value).filter((v) => !v.startsWith('-'));
  const first = operands[0];
  if (tool === 'go' && (first === 'build' || first === 'install')) return `go ${first}`;
  if (tool === 'cargo' && (first === 'build' || first === 'install')) return `cargo ${first}`;
  if (tool === 'dotnet' && (first === 'publish' || first === 'build')) return `dotnet ${first}`;
  if (tool === 'mvn' || tool === 'mvnw') {
    const goal = operands.find((o) => MAVEN_GOALS.has(o));
    return goal ? `mvn ${goal}` : undefined;
  }
  if (tool === 'gradle' || tool === 'gradlew') {
    const task = operands.find((o) => /^(?:build|assemble|jar|bootJar|war|bootWar|installDist|shadowJar|distTar|distZip)$/.test(o));
    return task ? `gradle ${task}` : undefined;
  }
  if (tool === 'npm' || tool === 'yarn' || tool === 'pnpm') {
    const script = first === 'run' || first === 'run-script' ? operands[1] : tool === 'npm' ? undefined : first;
    return script !== undefined && /^build(?:$|:)/.test(script) ? `${tool} ${first === 'run' || first === 'run-script' ? `${first} ` : ''}${script}` : undefined;
  }
  if (tool === 'cmake' && args.some((a) => a.value === '--build')) return 'cmake --build';
  if (COMPILERS.has(tool)) return tool;
  return undefined;
}

/** Build tools by OS package name (Debian/Ubuntu, Alpine, RHEL/Fedora, SUSE). */
const BUILD_TOOL_PACKAGES = new Set([
  'gcc', 'g++', 'gcc-c++', 'clang', 'llvm', 'build-essential', 'build-base', 'alpine-sdk', 'make', 'cmake', 'automake', 'autoconf', 'libtool', 'pkg-config', 'pkgconf', 'pkgconfig', 'musl-dev', 'libc6-dev', 'libc-dev', 'glibc-devel', 'binutils', 'gfortran', 'git', 'curl', 'wget', 'netcat', 'netcat-openbsd', 'netcat-traditional', 'ncat', 'nmap-ncat', 'nc',
]);

/**
 * What kind of build tool an OS package is (`compiler`, `git`, `download`, `netcat`, `headers`),
 * or undefined for a runtime package. `-dev`/`-devel` packages are headers for compiling against.
 */
export function buildToolKind(pkg: string): 'compiler' | 'git' | 'download' | 'netcat' | 'headers' | undefined {
  const name = pkg.toLowerCase().replace(/:[a-z0-9]+$/, '');
  if (/-(?:dev|devel)$/.test(name) && name !== 'musl-dev' && name !== 'libc6-dev' && name !== 'libc-dev' && name !== 'glibc-devel') return 'headers';
  if (!BUILD_TOOL_PACKAGES.has(name)) return undefined;
  if (name === 'git') return 'git';
  if (name === 'curl' || name === 'wget') return 'download';
  if (/^(?:netcat|ncat|nmap-ncat|nc)/.test(name)) return 'netcat';
  return 'compiler';
}

// Files that make up or describe an application (sources, manifests, built artifacts).
const APP_FILE = /\.(?:js|mjs|cjs|ts|tsx|py|rb|php|go|rs|java|kt|scala|cs|fs|csproj|sln|jar|war|ear|dll|json|lock|toml|gradle|kts|xml|mod|sum|gemspec)$|(?:^|\/)(?:Gemfile|Pipfile|Cargo\.lock|go\.mod|pom\.xml|requirements[^/]*\.txt|package\.json|setup\.py|pyproject\.toml|manage\.py|Makefile)$/;

/**
 * The first source of a COPY/ADD from the build context that brings an application into the
 * image: the whole context (`.`), a directory (`src/`, `app`) or a source, manifest or artifact
 * file. Entrypoint scripts, configuration files (`*.sh`, `*.conf`) and extension-less files
 * copied into a `bin/` directory are not applications;
 * `--from` copies and URLs are not from the context.
 */
export function appSourceCopy(ins: DockerInstruction, resolve: (text: string) => string): Token | undefined {
  if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || ins.heredocs.length > 0) return undefined;
  if (ins.flags.some((f) => f.name.toLowerCase() === 'from')) return undefined;
  const words = ins.jsonForm ? ins.jsonArgs : ins.args;
  // Helper scripts and binaries dropped into a bin directory (`COPY apache2-foreground /usr/local/bin/`).
  const toBin = /\/s?bin\/?$/.test(resolve(words[words.length - 1]?.value ?? ''));
  return words.slice(0, -1).find((w) => {
    const path = resolve(w.value);
    if (/^[a-z][a-z0-9+.-]*:\/\/|^git@/i.test(path)) return false;
    if (path === '.' || path === './' || path === '*' || path.endsWith('/')) return true;
    const last = path.slice(path.lastIndexOf('/') + 1);
    return APP_FILE.test(path) || (!toBin && !last.includes('.') && !/entrypoint|^docker-|^run$|^start$/i.test(last));
  });
}

/**
 * Base images whose purpose is to carry build tools: `buildpack-deps` (the official images'
 * compiler base; full `python`, `ruby` and friends build on it so that extensions compile) and
 * dev-container images (`mcr.microsoft.com/devcontainers/*`, `mcr.microsoft.com/vscode/devcontainers/*`).
 */
export function toolsOnPurpose(image: ImageRef): boolean {
  if (image.registry === undefined && /^(?:[a-z0-9]+\/)?buildpack-deps$/.test(image.repository)) return true;
  return image.registry === 'mcr.microsoft.com' && /^(?:vscode\/)?devcontainers\//.test(image.repository);
}

/** Commands a build-tool package provides (`netcat-openbsd` → `nc`, `netcat`), to see whether the image runs it. */
export function toolCommands(pkg: string): readonly string[] {
  const name = pkg.toLowerCase().replace(/:[a-z0-9]+$/, '');
  if (/^(?:netcat|ncat|nmap-ncat|nc)/.test(name)) return ['nc', 'netcat', 'ncat'];
  if (name === 'build-essential' || name === 'build-base' || name === 'alpine-sdk') return ['gcc', 'g++', 'cc', 'make'];
  if (name === 'gcc-c++') return ['g++', 'c++'];
  return [name];
}
