/**
 * Filesystem knowledge for WORKDIR and VOLUME paths: normalisation and which paths are kernel
 * filesystems, OS directories or container-runtime sockets.
 */

/** `/usr//bin/./x/` → `/usr/bin/x`; `..` is applied; relative paths stay relative. */
export function normalizePath(path: string): string {
  const abs = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return (abs ? '/' : '') + out.join('/');
}

/** Kernel filesystems: anything under them is provided by the runtime. */
const KERNEL = ['/proc', '/sys', '/dev'];
/** OS directories that are only themselves a problem (their subdirectories are often app config, e.g. /etc/nginx). */
const SYSTEM = new Set([
  '/',
  '/boot',
  '/etc',
  '/bin',
  '/sbin',
  '/lib',
  '/lib32',
  '/lib64',
  '/libx32',
  '/usr',
  '/usr/bin',
  '/usr/sbin',
  '/usr/lib',
  '/usr/lib64',
  '/usr/libexec',
  '/var',
  '/var/lib',
  '/run',
  '/var/run',
]);

/**
 * The system directory an absolute WORKDIR path falls into: a kernel filesystem (`/proc/x`),
 * `/boot` and below, or exactly an OS directory (`/etc`, `/usr/bin`). `/` itself is allowed
 * (the default WORKDIR). Undefined for anything else.
 */
export function systemDir(raw: string): { dir: string; kernel: boolean } | undefined {
  if (!raw.startsWith('/')) return undefined;
  const p = normalizePath(raw);
  const kernel = KERNEL.find((k) => p === k || p.startsWith(k + '/'));
  if (kernel) return { dir: kernel, kernel: true };
  if (p === '/boot' || p.startsWith('/boot/')) return { dir: '/boot', kernel: false };
  if (p !== '/' && SYSTEM.has(p)) return { dir: p, kernel: false };
  return undefined;
}

/** Sockets of container runtimes: whoever can reach one controls the host's containers. */
const RUNTIME_SOCKETS = new Set([
  '/var/run/docker.sock',
  '/run/docker.sock',
  '/run/containerd/containerd.sock',
  '/var/run/containerd/containerd.sock',
  '/run/podman/podman.sock',
  '/var/run/podman/podman.sock',
  '/run/crio/crio.sock',
  '/var/run/crio/crio.sock',
  '/run/buildkit/buildkitd.sock',
]);

/** Why a VOLUME path is sensitive: a runtime socket, the root filesystem or a kernel filesystem. */
export function sensitiveVolume(raw: string): { kind: 'socket' | 'root' | 'kernel'; dir: string } | undefined {
  if (!raw.startsWith('/')) return undefined;
  const p = normalizePath(raw);
  if (RUNTIME_SOCKETS.has(p)) return { kind: 'socket', dir: p };
  if (p === '/') return { kind: 'root', dir: p };
  const kernel = KERNEL.find((k) => p === k || p.startsWith(k + '/'));
  return kernel ? { kind: 'kernel', dir: kernel } : undefined;
}
