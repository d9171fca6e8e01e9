import { defineRule } from '../../rule';
import { addMapKey, publishedPorts, type ComposeModel, type PublishedPort } from '../../model/compose';
import type { TextEdit } from '../../types';

/** A port published without a host address listens on every interface of the host, often reachable past the host firewall (Docker writes its own iptables rules). */
export default defineRule({
  meta: {
    id: 'compose-port-all-interfaces',
    kind: 'compose',
    title: 'Bind published ports to a specific host interface',
    severity: 'medium',
    category: 'network',
    messages: {
      allInterfaces:
        "Port {port} is published on every interface of the host: anyone who can reach the host can reach the service, and Docker's iptables rules bypass host firewalls such as ufw. Bind it to the interface that needs it ({address} when only this host or a local reverse proxy connects).",
      fix: 'Bind to {address} (check that nothing on another machine needs to reach this port)',
    },
    // Unsafe: a port other machines connect to (a public web server, a LAN service) stops
    // being reachable from them; only the user knows who the clients are.
    fix: 'unsafe',
    checklist: ['limited-ports'],
    references: [
      { tool: 'kics', id: '451d79dc', match: 'same' },
      { tool: 'dclint', id: 'no-unbound-port-interfaces', match: 'same' },
      { tool: 'cis', id: '5.14', match: 'same' },
    ],
  },
  // Host ports a public front end deliberately serves on every interface (e.g. [80, 443]); none by default.
  defaultOptions: { allowedPorts: [] as readonly number[] },
  check({ model, options, report }) {
    const allowed = new Set(Array.isArray(options.allowedPorts) ? options.allowedPorts : []);
    const seen = new Set<string>();
    for (const service of model.services) {
      for (const p of publishedPorts(service)) {
        if (p.unknown || p.scope !== 'all') continue;
        if (p.published && allowed.size > 0 && rangeAllowed(p.published.low, p.published.high, allowed)) continue;
        const node = p.port.node;
        const where = node.kind === 'map' ? (node.get('host_ip') ?? node.get('published') ?? node.get('target')) : node;
        if (!where) continue;
        const key = `${where.file}:${where.range.start.line}:${where.range.start.character}`;
        if (seen.has(key)) continue; // one anchor shared by several services
        seen.add(key);
        const fix = loopbackEdit(model, p);
        report({
          file: where.file,
          range: where.range,
          messageId: 'allInterfaces',
          data: { port: describe(p), address: p.port.hostIp?.includes(':') ? '::1' : '127.0.0.1' },
          ...(fix ? { fix: () => [fix.edit] } : {}),
        });
      }
    }
  },
});

function rangeAllowed(low: number, high: number, allowed: ReadonlySet<number>): boolean {
  for (let n = low; n <= high; n++) if (!allowed.has(n)) return false;
  return true;
}

function describe(p: PublishedPort): string {
  const target = `${p.port.target ?? ''}${p.protocol === 'tcp' ? '' : `/${p.protocol}`}`;
  return p.port.published ? `${p.port.published}:${target}` : `${target} (random host port)`;
}

/**
 * Short syntax: `127.0.0.1:` is inserted before the value (inside its quotes), `0.0.0.0` becomes
 * `127.0.0.1` and `::` / `[::]` become `::1` / `[::1]`; a value without a host port gets
 * `127.0.0.1::` (Docker's empty host port still means a random one). Long syntax: `host_ip` is
 * replaced or added. An address is only inserted into interpolated values, never replaced.
 */
function loopbackEdit(model: ComposeModel, p: PublishedPort): { edit: TextEdit } | undefined {
  const node = p.port.node;
  if (node.file !== model.file) return undefined;
  const { index } = model;
  const v6 = p.port.hostIp !== undefined && p.port.hostIp.includes(':');
  if (node.kind === 'map') {
    const ip = node.get('host_ip');
    if (!ip) {
      const edit = addMapKey(model, node, 'host_ip', '127.0.0.1');
      return edit ? { edit } : undefined;
    }
    if (ip.value.kind !== 'scalar' || ip.value.dynamic) return undefined;
    const raw = index.slice(ip.value.range);
    const q = /^["']/.test(raw) ? 1 : 0;
    const start = index.offsetAt(ip.value.range.start) + q;
    const end = index.offsetAt(ip.value.range.end) - q;
    return { edit: { range: index.rangeOf(start, end), newText: v6 ? '::1' : '127.0.0.1' } };
  }
  if (node.kind !== 'scalar') return undefined;
  const raw = index.slice(node.range);
  if (raw.includes('\n') || raw.includes('\\')) return undefined;
  const q = /^["']/.test(raw) ? 1 : 0;
  const start = index.offsetAt(node.range.start) + q;
  const body = raw.slice(q);
  const hostIp = p.port.hostIp;
  if (hostIp === undefined || hostIp === '') {
    const text = hostIp === '' ? '127.0.0.1' : p.port.published === undefined ? '127.0.0.1::' : '127.0.0.1:';
    const at = index.positionAt(start);
    return { edit: { range: { start: at, end: at }, newText: text } };
  }
  if (node.dynamic) return undefined;
  const written = body.startsWith(`[${hostIp}]`) ? `[${hostIp}]` : body.startsWith(hostIp) ? hostIp : undefined;
  if (written === undefined) return undefined;
  const replacement = written.startsWith('[') ? '[::1]' : v6 ? '::1' : '127.0.0.1';
  return { edit: { range: index.rangeOf(start, start + written.length), newText: replacement } };
}
