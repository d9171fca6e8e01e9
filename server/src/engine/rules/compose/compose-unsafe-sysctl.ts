import { defineRule } from '../../rule';
import { namespaceMode } from '../../model/compose';

/**
 * The sysctls a container has its own copy of (Docker "docker run --sysctl" reference; runc
 * validates the same list): IPC ones in the IPC namespace, `kernel.hostname`/`domainname` in
 * the UTS namespace, `net.*` in the network namespace. Every other key is host-wide.
 */
const IPC = /^(kernel\.(msgmax|msgmnb|msgmni|sem|shmall|shmmax|shmmni|shm_rmid_forced)|fs\.mqueue\..+)$/;
const UTS = /^kernel\.(hostname|domainname)$/;
const NET = /^net\..+/;
/** Network sysctls that make the container route or accept traffic the network separation relies on blocking. */
const ROUTING = /^(net\.ipv4\.ip_forward|net\.ipv[46]\.conf\.[^.]+\.(forwarding|route_localnet|accept_source_route))$/;

/** sysctls that change the host kernel or make the container a router between networks. */
export default defineRule({
  meta: {
    id: 'compose-unsafe-sysctl',
    kind: 'compose',
    title: 'Set only namespaced, non-routing sysctls',
    severity: 'medium',
    category: 'privilege',
    messages: {
      hostWide:
        '{name} is not namespaced: it is a setting of the host kernel, shared by every container and the host itself. Docker refuses to start the container with it, and a runtime that accepted it would change the host. Set it on the host (sysctl.d) if the service really needs it, and remove it here.',
      hostNamespace:
        "{name} belongs to the {ns} namespace, which this service shares with the host ({key}: host): setting it would change the host's value, and Docker refuses to start the container. Remove it, or give the service its own {ns} namespace.",
      routing:
        '{name}={value} makes the container forward or accept routed traffic: it becomes a router between the networks it is attached to (or exposes its localhost to them), bypassing the separation Compose networks give. Remove it unless the service is a deliberate VPN or router, and then keep that service on its own networks.',
    },
    // No fix: each sysctl was set for a reason only the author knows.
    checklist: [],
    references: [],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const service of model.services) {
      const sysctls = service.sysctls();
      if (sysctls.length === 0) continue;
      const hostNet = namespaceMode(service, 'network_mode')?.mode === 'host';
      const hostIpc = namespaceMode(service, 'ipc')?.mode === 'host';
      const hostUts = namespaceMode(service, 'uts')?.mode === 'host';
      for (const s of sysctls) {
        // The kernel also accepts `/` as the separator (net/ipv4/ip_forward).
        const name = s.name.trim().replace(/\//g, '.');
        const at = { file: s.pair.file, range: s.pair.range };
        if (NET.test(name)) {
          if (hostNet) report({ ...at, messageId: 'hostNamespace', data: { name, ns: 'network', key: 'network_mode' } });
          // Unknown (unset variable) or off: not a violation.
          else if (ROUTING.test(name) && typeof s.value === 'string' && /^\s*[1-9]\d*\s*$/.test(s.value))
            report({ ...at, messageId: 'routing', data: { name, value: s.value.trim() } });
        } else if (IPC.test(name)) {
          if (hostIpc) report({ ...at, messageId: 'hostNamespace', data: { name, ns: 'IPC', key: 'ipc' } });
        } else if (UTS.test(name)) {
          if (hostUts) report({ ...at, messageId: 'hostNamespace', data: { name, ns: 'UTS', key: 'uts' } });
        } else if (name !== '') report({ ...at, messageId: 'hostWide', data: { name } });
      }
    }
  },
});
