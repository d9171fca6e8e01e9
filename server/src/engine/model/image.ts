/**
 * Image references: `[registry/][namespace/]name[:tag][@digest]`, and what we know about
 * well-known base images (family, default user). One place for this knowledge so that
 * rules (from-latest, missing-user, ...) and fixes (add USER) agree.
 */

export interface ImageRef {
  /** The reference as written after ARG substitution. */
  readonly raw: string;
  /** Registry host when one is given (`ghcr.io`, `localhost:5000`); undefined for Docker Hub. */
  readonly registry: string | undefined;
  /** Repository path without registry: `library/node` is reported as `node`. */
  readonly repository: string;
  /** Last path component (`node`, `static`, `nginx-unprivileged`). */
  readonly name: string;
  readonly tag: string | undefined;
  readonly digest: string | undefined;
  readonly isScratch: boolean;
}

/** Parses an image reference. Returns undefined for text that cannot be one (empty, spaces). */
export function parseImageRef(raw: string): ImageRef | undefined {
  const text = raw.trim();
  if (text === '' || /\s/.test(text)) return undefined;
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  let registry: string | undefined;
  const firstSlash = rest.indexOf('/');
  if (firstSlash > 0) {
    const first = rest.slice(0, firstSlash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(firstSlash + 1);
    }
  }
  let repository = rest.toLowerCase();
  if ((registry === undefined || registry === 'docker.io' || registry === 'index.docker.io') && repository.startsWith('library/')) {
    repository = repository.slice('library/'.length);
  }
  if (registry === 'docker.io' || registry === 'index.docker.io') registry = undefined;
  const name = repository.slice(repository.lastIndexOf('/') + 1);
  return { raw: text, registry, repository, name, tag, digest, isScratch: repository === 'scratch' && registry === undefined };
}

// Docker's reference grammar (distribution/reference): lower-case path components, a tag of
// word characters, dots and dashes, a digest `algorithm:hex`.
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const REPOSITORY = new RegExp(`^${COMPONENT}(?:/${COMPONENT})*$`);
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/;

/**
 * True when the reference is one Docker would accept. Template placeholders (`REPLACE-ME`,
 * `%%IMAGE%%`) are not, and no rule should reason about them as images.
 */
export function isWellFormed(image: ImageRef): boolean {
  const path = image.raw.slice(image.registry === undefined ? 0 : image.raw.indexOf('/') + 1).split(/[:@]/)[0] ?? '';
  return REPOSITORY.test(path) && (image.tag === undefined || TAG.test(image.tag)) && (image.digest === undefined || DIGEST.test(image.digest));
}

export type UserDefault = { readonly nonRoot: true; readonly user: string; readonly why: string } | { readonly nonRoot: false };

/**
 * Whether a base image runs as a non-root user by default, from what its publishers
 * document. Unknown images are assumed to run as root (Docker's default).
 */
export function defaultUser(image: ImageRef): UserDefault {
  const host = image.registry ?? '';
  const tag = image.tag ?? '';
  if (host === 'gcr.io' && image.repository.startsWith('distroless/')) {
    return /(^|-)nonroot$/.test(tag) ? { nonRoot: true, user: '65532', why: 'distroless `:nonroot` images run as UID 65532' } : { nonRoot: false };
  }
  if (host === 'cgr.dev' && !tag.endsWith('-dev')) {
    return { nonRoot: true, user: '65532', why: 'Chainguard images run as the non-root user 65532 by default' };
  }
  if (image.repository === 'nginxinc/nginx-unprivileged') {
    return { nonRoot: true, user: '101', why: 'nginx-unprivileged runs as the nginx user (UID 101)' };
  }
  if (image.repository.startsWith('bitnami/')) {
    return { nonRoot: true, user: '1001', why: 'Bitnami images run as UID 1001 by default' };
  }
  // .NET 8+ "chiseled" (Ubuntu) and "distroless" (Azure Linux) images set USER app (UID 1654).
  // .NET Monitor images (8+) are built only on those distroless images.
  if (host === 'mcr.microsoft.com' && image.repository.startsWith('dotnet/') && (/-(?:chiseled|distroless)(?:-|$)/.test(tag) || /^dotnet\/(?:nightly\/)?monitor(?:\/base)?$/.test(image.repository))) {
    return { nonRoot: true, user: '1654', why: '.NET chiseled and distroless images run as the non-root app user (UID 1654)' };
  }
  if (isWindows(image) && (image.repository === 'windows/nanoserver' || /nanoserver/i.test(tag))) {
    return { nonRoot: true, user: 'ContainerUser', why: 'Nano Server images run as ContainerUser by default' };
  }
  // Jupyter Docker Stacks (quay.io/jupyter/*, formerly jupyter/* on Docker Hub) run as jovyan.
  if ((host === 'quay.io' || host === '') && image.repository.startsWith('jupyter/')) {
    return { nonRoot: true, user: '1000', why: 'Jupyter Docker Stacks images run as jovyan (UID 1000)' };
  }
  if (host === 'docker.elastic.co') {
    return { nonRoot: true, user: '1000', why: "Elastic's images (Elasticsearch, Kibana, Logstash, Beats) run as UID 1000" };
  }
  if (host === '' && image.repository === 'grafana/grafana') {
    return { nonRoot: true, user: '472', why: 'the Grafana image runs as the grafana user (UID 472)' };
  }
  if (host === '' && ['jenkins/jenkins', 'jenkins/agent', 'jenkins/inbound-agent'].includes(image.repository)) {
    return { nonRoot: true, user: '1000', why: 'Jenkins images run as the jenkins user (UID 1000)' };
  }
  return { nonRoot: false };
}

/** Windows base images (Server Core, Nano Server and images built on them): users are ContainerAdministrator / ContainerUser. */
export function isWindows(image: ImageRef): boolean {
  if (image.registry === 'mcr.microsoft.com' && /^windows(?:\/|$)/.test(image.repository)) return true;
  return /(?:^|-)(?:nanoserver|windowsservercore|servercore)(?:-|$)/i.test(image.tag ?? '');
}

/** True for a user spec (`root`, `0`, `root:root`, `0:0`, `root:1000`) whose user part is root. */
export function isRootUser(spec: string): boolean {
  const user = spec.trim().split(':')[0]?.trim() ?? '';
  return user === 'root' || /^0+$/.test(user);
}

// ---- base-image families and minimal variants (issue 4, item 3) ---------------------------

/** Operating-system, minimal-runtime and language/tool families of well-known base images. */
export type ImageFamily =
  | 'debian' | 'ubuntu' | 'alpine' | 'rhel' | 'azurelinux' | 'distroless' | 'chainguard' | 'scratch' | 'busybox'
  | 'node' | 'python' | 'golang' | 'java' | 'ruby' | 'php' | 'rust' | 'dotnet' | 'maven' | 'gradle';

/**
 * How much an image carries compared with the smallest variant that still runs the same program:
 * `minimal` (slim, alpine, distroless, chiseled, micro, JRE, .NET runtime), `full` (a full distro
 * or language image with a documented smaller variant), `toolchain` (an SDK or compiler image:
 * golang, rust, maven, gradle, .NET SDK, a JDK), `base` (a small distro image with no smaller
 * sibling worth suggesting: ubuntu, amazonlinux).
 */
export type ImageSize = 'minimal' | 'full' | 'toolchain' | 'base';

export interface BaseImageInfo {
  readonly family: ImageFamily;
  readonly size: ImageSize;
  /** Smaller images that run the same kind of program, most compatible first (with the version kept where known). */
  readonly alternatives: readonly string[];
}

// Docker Hub architecture namespaces (`amd64/alpine`, `arm64v8/buildpack-deps`) mirror the official images.
const ARCH_NAMESPACE = /^(?:amd64|arm32v5|arm32v6|arm32v7|arm64v8|i386|ppc64le|s390x|riscv64|mips64le|windows-amd64)\//;
const MINIMAL_TAG = /(?:^|[-.])(?:slim|alpine|distroless|chiseled|minimal|micro|busybox|static|nonroot)(?:$|[-.\d])/;
const RHEL_REPOS = new Set(['fedora', 'centos', 'rockylinux', 'rockylinux/rockylinux', 'almalinux', 'oraclelinux', 'amazonlinux', 'redhat/ubi8', 'redhat/ubi9', 'redhat/ubi10', 'centos/centos', 'fedora/fedora']);
const JAVA_REPOS = new Set(['eclipse-temurin', 'openjdk', 'amazoncorretto', 'ibm-semeru-runtimes', 'sapmachine', 'azul/zulu-openjdk', 'bellsoft/liberica-openjdk-debian', 'bellsoft/liberica-openjre-debian']);

/** The family of an official or well-known base image, or undefined for anything else. */
export function imageFamily(image: ImageRef): ImageFamily | undefined {
  const host = image.registry ?? '';
  const repo = host === '' ? image.repository.replace(ARCH_NAMESPACE, '') : image.repository;
  if (image.isScratch) return 'scratch';
  if (host === 'gcr.io' && repo.startsWith('distroless/')) return 'distroless';
  if (host === 'cgr.dev' || (host === '' && (repo.startsWith('chainguard/') || repo === 'cgr.dev/chainguard/wolfi-base'))) return 'chainguard';
  if (host === 'mcr.microsoft.com') {
    if (/^dotnet\/(?:nightly\/)?(?:sdk|runtime|aspnet|runtime-deps)$|^dotnet\/core\/(?:sdk|runtime|aspnet|runtime-deps)$/.test(repo)) return 'dotnet';
    if (/^(?:azurelinux|cbl-mariner)(?:-beta)?\//.test(repo)) return 'azurelinux';
    return undefined;
  }
  if (host === 'registry.access.redhat.com' || host === 'registry.redhat.io') return /^ubi\d+(?:\/|$)/.test(repo) ? 'rhel' : undefined;
  if (host === 'quay.io') return /^(?:centos\/centos|fedora\/fedora)$/.test(repo) ? 'rhel' : undefined;
  if (host === 'registry.fedoraproject.org') return /^fedora(?:-minimal)?$/.test(repo) ? 'rhel' : undefined;
  if (host !== '') return undefined;
  if (repo === 'debian' || repo === 'buildpack-deps') return 'debian';
  if (repo === 'ubuntu') return 'ubuntu';
  if (repo === 'alpine') return 'alpine';
  if (repo === 'busybox') return 'busybox';
  if (RHEL_REPOS.has(repo)) return 'rhel';
  if (JAVA_REPOS.has(repo)) return 'java';
  if (['node', 'python', 'golang', 'ruby', 'php', 'rust', 'maven', 'gradle'].includes(repo)) return repo as ImageFamily;
  if (repo === 'pypy') return 'python';
  return undefined;
}

/**
 * Family, size class and smaller alternatives of a base image; undefined for images we know
 * nothing about. Alternatives keep the version of the tag (`node:20` → `node:20-slim`).
 */
export function classifyImage(image: ImageRef): BaseImageInfo | undefined {
  const family = imageFamily(image);
  if (!family) return undefined;
  const tag = (image.tag ?? '').toLowerCase();
  const repo = image.registry === undefined ? image.repository.replace(ARCH_NAMESPACE, '') : image.repository;
  const version = /^\d+(?:\.\d+)*/.exec(tag)?.[0];
  const v = (fallback: string) => version ?? fallback;
  const info = (size: ImageSize, alternatives: readonly string[] = []): BaseImageInfo => ({ family, size, alternatives });
  switch (family) {
    case 'scratch':
    case 'distroless':
    case 'chainguard':
    case 'busybox':
    case 'alpine':
      return info('minimal');
    case 'ubuntu':
      return info('base');
    case 'debian':
      if (MINIMAL_TAG.test(tag)) return info('minimal');
      if (repo === 'buildpack-deps') return info('full', [`debian:${/(bookworm|bullseye|buster|trixie|sid)/.exec(tag)?.[1] ?? 'bookworm'}-slim`]);
      return info('full', [tag === '' || tag === 'latest' ? 'debian:stable-slim' : `debian:${tag}-slim`]);
    case 'rhel':
      return rhelInfo(repo, image.registry, tag, version);
    case 'azurelinux':
      return /\/(?:distroless|minimal)(?:\/|$)/.test(repo) ? info('minimal') : info('base');
    case 'node':
      if (MINIMAL_TAG.test(tag)) return info('minimal');
      return info('full', [`node:${insertSlim(tag, 'node')}`, `node:${v('lts')}-alpine`, `gcr.io/distroless/nodejs${version?.split('.')[0] ?? '22'}-debian12`]);
    case 'python':
      if (MINIMAL_TAG.test(tag)) return info('minimal');
      return info('full', [`${repo}:${insertSlim(tag, 'python')}`, `${repo}:${v('3')}-alpine`]);
    case 'ruby':
      if (MINIMAL_TAG.test(tag)) return info('minimal');
      return info('full', [`ruby:${insertSlim(tag, 'ruby')}`, `ruby:${v('3')}-alpine`]);
    case 'php': {
      if (MINIMAL_TAG.test(tag)) return info('minimal');
      // php:*-apache has no Alpine variant; cli, fpm and zts do.
      if (/apache/.test(tag)) return info('base');
      const flavour = /(?:^|-)(cli|fpm|zts)(?:$|-)/.exec(tag)?.[1];
      return info('full', [`php:${v('8')}${flavour ? `-${flavour}` : ''}-alpine`]);
    }
    case 'java': {
      const major = version?.split('.')[0] ?? '21';
      // Only a JRE is a runtime: `openjdk:17-slim` and `eclipse-temurin:21-alpine` are JDKs.
      if (/(?:^|-)(?:open-)?jre(?:$|-)/.test(tag)) return info('minimal');
      return info('toolchain', [`eclipse-temurin:${major}-jre`, `gcr.io/distroless/java${major}-debian12`]);
    }
    case 'golang':
      return info('toolchain', ['gcr.io/distroless/static-debian12', 'scratch']);
    case 'rust':
      return info('toolchain', ['gcr.io/distroless/cc-debian12', 'debian:bookworm-slim']);
    case 'maven':
    case 'gradle': {
      const major = /(?:jdk|java|temurin|corretto|openjdk|sapmachine)-?(\d+)/.exec(tag)?.[1] ?? '21';
      return info('toolchain', [`eclipse-temurin:${major}-jre`, `gcr.io/distroless/java${major}-debian12`]);
    }
    case 'dotnet': {
      const kind = /(sdk|runtime-deps|runtime|aspnet)$/.exec(repo)?.[1];
      if (kind !== 'sdk') return info('minimal');
      const ver = /^\d+\.\d+/.exec(tag)?.[0] ?? '8.0';
      return info('toolchain', [`mcr.microsoft.com/dotnet/aspnet:${ver}`, `mcr.microsoft.com/dotnet/runtime:${ver}`, `mcr.microsoft.com/dotnet/runtime-deps:${ver}`]);
    }
  }
}

/** The slim tag of a language image, following each image's naming (`20-bookworm` → `20-bookworm-slim`, python `3.12-bookworm` → `3.12-slim-bookworm`). */
function insertSlim(tag: string, repo: 'node' | 'python' | 'ruby'): string {
  if (tag === '' || tag === 'latest') return 'slim';
  const m = /^(.*?)-(bookworm|bullseye|buster|trixie|jammy|noble|focal)$/.exec(tag);
  if (!m) return `${tag}-slim`;
  return repo === 'node' ? `${tag}-slim` : `${m[1]}-slim-${m[2]}`;
}

function rhelInfo(repo: string, registry: string | undefined, tag: string, version: string | undefined): BaseImageInfo {
  const info = (size: ImageSize, alternatives: readonly string[] = []): BaseImageInfo => ({ family: 'rhel', size, alternatives });
  if (/-(?:minimal|micro)$|^fedora-minimal$/.test(repo) || MINIMAL_TAG.test(tag)) return info('minimal');
  const major = version?.split('.')[0];
  if (registry === 'registry.access.redhat.com' || registry === 'registry.redhat.io' || repo.startsWith('redhat/')) {
    const ubi = /ubi(\d+)/.exec(repo)?.[1] ?? '9';
    return info('full', [`registry.access.redhat.com/ubi${ubi}/ubi-minimal`, `registry.access.redhat.com/ubi${ubi}/ubi-micro`]);
  }
  if (repo === 'rockylinux' || repo === 'rockylinux/rockylinux') return info('full', [`${repo}:${major ?? '9'}-minimal`]);
  if (repo === 'almalinux') return info('full', [`almalinux:${major ?? '9'}-minimal`]);
  if (repo === 'fedora' || repo === 'fedora/fedora') return info('full', [`registry.fedoraproject.org/fedora-minimal${major ? `:${major}` : ''}`]);
  if (repo === 'oraclelinux') return info('full', [`oraclelinux:${major ?? '9'}-slim`]);
  if (repo === 'centos' || repo === 'centos/centos') return info('full', ['registry.access.redhat.com/ubi9/ubi-minimal']);
  return info('base');
}
