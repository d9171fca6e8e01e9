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
