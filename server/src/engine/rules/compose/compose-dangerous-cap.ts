import { defineRule } from '../../rule';

/**
 * Capabilities that give a process in the container a path to the host or to other containers
 * (capabilities(7); the Docker default set leaves all of them out). Capabilities in the default
 * set (CHOWN, NET_RAW, …) are compose-cap-drop-all's concern. Left out on purpose: capabilities
 * that widen what the container can do to itself but give no path out (LINUX_IMMUTABLE,
 * SYS_RESOURCE, IPC_LOCK, WAKE_ALARM, …): a high finding for them would not be defensible.
 */
const DANGEROUS: Readonly<Record<string, string>> = {
  SYS_ADMIN: 'mount filesystems, use bpf, create namespaces and much more: most of root on the host',
  SYS_MODULE: 'load kernel modules into the host kernel',
  SYS_RAWIO: 'raw I/O on host devices and /dev/mem',
  SYS_PTRACE: 'trace and read the memory of other processes (all host processes with pid: host)',
  SYS_BOOT: 'reboot the host and load a new kernel (kexec)',
  SYS_TIME: 'set the host clock (the clock is not namespaced)',
  DAC_READ_SEARCH: 'open any host file by handle (open_by_handle_at, the "shocker" escape)',
  NET_ADMIN:
    "reach the kernel's netfilter (nf_tables) code, the entry point of many recent kernel exploits, and reconfigure interfaces, routes and firewall rules of its network namespace (the host's with network_mode: host)",
  MAC_ADMIN: 'change the AppArmor or SELinux policy',
  MAC_OVERRIDE: 'bypass AppArmor or SELinux checks',
  BPF: 'load BPF programs into the host kernel',
  PERFMON: 'read performance data and kernel addresses of the whole host',
  SYSLOG: 'read the host kernel log and kernel addresses',
  AUDIT_CONTROL: 'change or disable the host audit rules',
};

/** cap_add of a capability that breaks container isolation. */
export default defineRule({
  meta: {
    id: 'compose-dangerous-cap',
    kind: 'compose',
    title: 'Do not add capabilities that break isolation',
    severity: 'high',
    category: 'privilege',
    messages: {
      all: 'cap_add: ALL gives the container every capability, which is privileged mode without the device access: root in it can mount, load modules and escape. Add only the capabilities the service needs.',
      dangerous:
        'cap_add: {cap} lets root in the container {why}. Remove it, or isolate the service that really needs it (no other workload, cap_drop: [ALL], no-new-privileges).',
    },
    // No fix: a service that added a capability uses it; only its author can remove the need.
    checklist: ['least-privilege'],
    references: [
      { tool: 'kics', id: 'ce76b7d0', match: 'partial' },
      { tool: 'cis', id: '5.4', match: 'partial' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const service of model.services) {
      // An entry from an unset variable is unknown and not read by capAdd().
      for (const cap of service.capAdd()) {
        if (cap.name === 'ALL') report({ file: cap.node.file, range: cap.node.range, messageId: 'all' });
        else {
          const why = DANGEROUS[cap.name];
          if (why) report({ file: cap.node.file, range: cap.node.range, messageId: 'dangerous', data: { cap: cap.name, why } });
        }
      }
    }
  },
});
