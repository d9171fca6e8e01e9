import { defineRule } from '../../rule';
import { mountHostPath, mountSourceRange } from '../../model/compose';

// Host directories whose contents control or describe the host (CIS 5.5 list plus /root, /home, /var).
const SYSTEM_ROOTS = new Set(['/', '/etc', '/var', '/var/lib', '/usr', '/lib', '/lib64', '/bin', '/sbin', '/home', '/dev']);
// These and everything under them: kernel interfaces, boot files, root's home, host secrets, runtime state.
const SYSTEM_TREES = [
  '/proc',
  '/sys',
  '/boot',
  '/root',
  '/etc/shadow',
  '/etc/gshadow',
  '/etc/sudoers',
  '/etc/sudoers.d',
  '/etc/ssh',
  '/etc/kubernetes',
  '/etc/docker',
  '/var/lib/docker',
  '/var/lib/containerd',
  '/var/lib/kubelet',
];
// Credential directories in a home directory (`~/.ssh`, `${HOME}/.kube`, `/home/me/.aws/credentials`).
const CREDENTIAL_DIR = /(?:^|\/)(\.ssh|\.docker|\.kube|\.aws|\.gnupg|\.config\/gcloud|\.azure)(?:\/(.*))?$/;

// Kernel modules: network containers read them (iptables, WireGuard); writing them takes over the host.
const WRITE_SENSITIVE = ['/lib/modules', '/usr/lib/modules'];

function classify(path: string, known: boolean, readOnly: boolean | undefined): 'system' | 'credentials' | undefined {
  const cred = CREDENTIAL_DIR.exec(path);
  // known_hosts and public keys are not secrets; the Docker socket belongs to compose-docker-socket.
  if (cred && !/(?:^|\/)(known_hosts|[^/]+\.pub|run\/docker\.sock)$/.test(cred[2] ?? '') && !(cred[1] === '.docker' && cred[2] === 'run')) return 'credentials';
  if (!known) return undefined;
  if (SYSTEM_ROOTS.has(path) || /^[A-Za-z]:\/(Windows)?$/i.test(path)) return 'system';
  const under = (t: string) => path === t || path.startsWith(`${t}/`);
  return SYSTEM_TREES.some(under) || (readOnly === false && WRITE_SENSITIVE.some(under)) ? 'system' : undefined;
}

/** A host system directory or credential store mounted into a container exposes or lets it change the host. */
export default defineRule({
  meta: {
    id: 'compose-sensitive-mount',
    kind: 'compose',
    title: 'Do not mount sensitive host directories',
    severity: 'high',
    category: 'filesystem',
    messages: {
      system:
        "The host path {path} is mounted: it exposes the host's system files or kernel interfaces to the container (and lets it change them unless read-only). Mount only the specific files the service needs, read-only.",
      credentials:
        'The host path {path} holds credentials (SSH keys, registry, cloud or cluster logins): anything running in the container can read and use them. Pass the one credential the service needs as a Compose secret instead.',
    },
    checklist: ['no-host-mounts'],
    references: [
      { tool: 'kics', id: '1c1325ff', match: 'same' },
      { tool: 'cis', id: '5.6', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const service of model.services) {
      for (const m of service.volumes()) {
        const host = mountHostPath(m);
        const kind = host && classify(host.path, host.known, m.readOnly);
        if (!host || !kind) continue;
        report({ ...mountSourceRange(m), messageId: kind, data: { path: host.path } });
      }
    }
  },
});
