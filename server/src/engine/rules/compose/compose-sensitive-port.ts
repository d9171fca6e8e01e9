import { defineRule } from '../../rule';
import { publishedPorts } from '../../model/compose';
import { SENSITIVE_PORTS, sensitivePortIn } from '../../model/ports';

/**
 * A high-risk service port (SSH, the Docker API, remote desktops, databases, caches) published
 * beyond the host's loopback. The container port names the service; the host port it is
 * mapped to does not make it less reachable.
 */
export default defineRule({
  meta: {
    id: 'compose-sensitive-port',
    kind: 'compose',
    title: 'Do not publish high-risk service ports',
    severity: 'medium',
    category: 'network',
    messages: {
      sensitive:
        'Port {number} ({service}) is published on {where}: such services are scanned for and attacked within minutes once reachable, and many ship without authentication. Keep it on an internal network that only its clients join, or publish it to 127.0.0.1 if you need it from this host.',
      configured:
        'Port {number} is published on {where} and your configuration lists it as sensitive: keep it on an internal network, or publish it to 127.0.0.1.',
    },
    checklist: ['limited-ports', 'network-segmentation'],
    references: [
      { tool: 'cis', id: '5.7', match: 'partial' },
      { tool: 'cis', id: '5.9', match: 'partial' },
    ],
  },
  defaultOptions: { ports: Object.keys(SENSITIVE_PORTS).map(Number) as number[] },
  check({ model, options, report }) {
    const sensitive = Array.isArray(options.ports) ? options.ports : [];
    const seen = new Set<string>();
    for (const service of model.services) {
      for (const p of publishedPorts(service)) {
        if (p.unknown || !p.target || p.scope === 'loopback') continue;
        const number = sensitivePortIn(p.target, sensitive);
        if (number === undefined) continue;
        const node = p.port.node;
        const where = node.kind === 'map' ? (node.get('target') ?? node) : node;
        const key = `${where.file}:${where.range.start.line}:${where.range.start.character}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const on = p.scope === 'all' ? 'every host interface' : `host address ${p.port.hostIp ?? ''}`;
        const known = SENSITIVE_PORTS[number];
        if (known)
          report({ file: where.file, range: where.range, messageId: 'sensitive', data: { number: String(number), service: known.service, where: on } });
        else report({ file: where.file, range: where.range, messageId: 'configured', data: { number: String(number), where: on } });
      }
    }
  },
});
