import { defineRule } from '../../rule';
import { baseName, unwrap } from '../../model/shell';
import { installedPackages } from '../../model/users';

/**
 * Packages that install an SSH server, per package manager. `openssh` is the server and client
 * on Alpine and SUSE but only common files on RHEL/Fedora; Debian's `ssh` pulls in the server.
 */
const COMMON = ['openssh-server', 'dropbear'];
const SERVER_PACKAGES: Record<string, ReadonlySet<string>> = {
  'apt-get': new Set([...COMMON, 'ssh', 'dropbear-bin', 'tinysshd']),
  apt: new Set([...COMMON, 'ssh', 'dropbear-bin', 'tinysshd']),
  aptitude: new Set([...COMMON, 'ssh', 'dropbear-bin', 'tinysshd']),
  apk: new Set([...COMMON, 'openssh', 'openssh-server-pam']),
  zypper: new Set([...COMMON, 'openssh']),
};
const DAEMONS = new Set(['sshd', 'dropbear']);

/** An SSH daemon in the image: a second, long-lived way in with its own keys and passwords, outside exec and RBAC. */
export default defineRule({
  meta: {
    id: 'sshd-in-image',
    kind: 'dockerfile',
    title: 'Do not install or run an SSH server in the image',
    severity: 'medium',
    category: 'network',
    messages: {
      install:
        'Installing "{package}" puts an SSH server in the image: a second way in with its own keys and passwords that bypasses the runtime\'s access control and audit. Use `docker exec` / `kubectl exec` instead (install only the client, e.g. openssh-client, if the build needs ssh).',
      run: '`{command}` starts an SSH server in the container; use `docker exec` / `kubectl exec` for access instead of a daemon listening for logins.',
    },
    checklist: ['minimal-attack-surface', 'limited-ports'],
    references: [
      { tool: 'hadolint', id: 'DL3001', match: 'partial' },
      { tool: 'cis', id: '5.7', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const { command } of model.commands()) {
      for (const p of installedPackages(command)) {
        if ((SERVER_PACKAGES[p.manager] ?? new Set(COMMON)).has(p.name)) report({ range: p.word.range, messageId: 'install', data: { package: p.name } });
      }
      const { name, args } = unwrap(command);
      const base = baseName(name);
      if (!name) continue;
      if (DAEMONS.has(base)) report({ range: name.range, messageId: 'run', data: { command: base } });
      // `service ssh start`, `rc-service sshd start`, `systemctl start|enable sshd`
      const service =
        base === 'service' || base === 'rc-service'
          ? args[0]
          : base === 'systemctl' && (args[0]?.value === 'start' || args[0]?.value === 'enable')
            ? args[1]
            : undefined;
      if (
        service &&
        /^(?:ssh|sshd|dropbear)(?:\.service)?$/.test(service.value) &&
        (base === 'systemctl' || args[1]?.value === 'start' || args[1]?.value === 'restart')
      ) {
        report({ range: service.range, messageId: 'run', data: { command: `${base} ${service.value}` } });
      }
    }
  },
});
