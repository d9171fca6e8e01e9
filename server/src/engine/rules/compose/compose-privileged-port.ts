import { defineRule } from '../../rule';
import { publishedPorts } from '../../model/compose';

/**
 * A host port below 1024 published by a service (CIS 5.8). 80 and 443 are allowed by default:
 * they are the ports a public web front end must use, the same default as expose-privileged-port.
 */
export default defineRule({
  meta: {
    id: 'compose-privileged-port',
    kind: 'compose',
    title: 'Do not publish privileged host ports below 1024',
    severity: 'low',
    category: 'network',
    messages: {
      privileged:
        'Host port {port} is privileged (below 1024): such ports are reserved for system services (SSH, DNS, mail, …), and publishing one puts the container where clients expect a trusted host daemon. Publish a port of 1024 or above (e.g. {suggested}) and put a reverse proxy or load balancer in front if clients need the well-known port.',
    },
    checklist: ['limited-ports'],
    references: [
      { tool: 'kics', id: 'bc2908f3', match: 'same' },
      { tool: 'cis', id: '5.8', match: 'same' },
    ],
  },
  defaultOptions: { allowedPorts: [80, 443] as readonly number[] },
  check({ model, options, report }) {
    const allowed = new Set(Array.isArray(options.allowedPorts) ? options.allowedPorts : []);
    const seen = new Set<string>();
    for (const service of model.services) {
      for (const p of publishedPorts(service)) {
        if (p.unknown || !p.published || p.published.low >= 1024) continue;
        let low: number | undefined;
        for (let n = p.published.low; n <= Math.min(p.published.high, 1023) && low === undefined; n++) if (!allowed.has(n)) low = n;
        if (low === undefined) continue;
        const node = p.port.node;
        const where = node.kind === 'map' ? (node.get('published') ?? node) : node;
        const key = `${where.file}:${where.range.start.line}:${where.range.start.character}`;
        if (seen.has(key)) continue;
        seen.add(key);
        report({
          file: where.file,
          range: where.range,
          messageId: 'privileged',
          data: { port: p.port.published ?? String(low), suggested: String(low < 100 ? 8000 + low : 8000 + (low % 1000)) },
        });
      }
    }
  },
});
