import { defineRule } from '../../rule';

const SSH = 22;

/** A port below 1024 given as `80`, `80/tcp` or a range `20-25`; undefined for anything malformed. */
function portRange(spec: string): { low: number; high: number } | undefined {
  const m = /^(\d+)(?:-(\d+))?(?:\/[a-z]+)?$/i.exec(spec.slice(spec.lastIndexOf(':') + 1));
  if (!m) return undefined;
  const low = Number(m[1]);
  return { low, high: m[2] === undefined ? low : Number(m[2]) };
}

/**
 * EXPOSE of a port below 1024: binding it needs root or CAP_NET_BIND_SERVICE wherever the
 * runtime keeps the kernel default (CIS 5.8), so it pushes the image towards running privileged.
 * 80 and 443 are allowed by default: they are the web ports every HTTP image documents, and
 * Docker ≥ 20.10 lets any user bind them inside the container (net.ipv4.ip_unprivileged_port_start=0).
 */
export default defineRule({
  meta: {
    id: 'expose-privileged-port',
    kind: 'dockerfile',
    title: 'Do not expose privileged ports below 1024',
    severity: 'low',
    category: 'network',
    messages: {
      privileged:
        'EXPOSE {port} is a privileged port (below 1024): listening on it needs root or CAP_NET_BIND_SERVICE in most runtimes. Listen on a port of 1024 or above (e.g. 8080) and map it at run time (`-p {low}:8080`).',
      privilegedFromVariable:
        'EXPOSE {port} resolves to "{value}", a privileged port (below 1024): listening on it needs root or CAP_NET_BIND_SERVICE in most runtimes. Listen on a port of 1024 or above and map it at run time.',
    },
    checklist: ['limited-ports', 'least-privilege'],
    references: [{ tool: 'cis', id: '5.8', match: 'partial' }],
  },
  defaultOptions: { allowedPorts: [80, 443] as readonly number[] },
  check({ model, options, report }) {
    const ports: readonly number[] = Array.isArray(options.allowedPorts) ? options.allowedPorts : [];
    const allowed = new Set([...ports, SSH]); // 22 is expose-ssh's concern
    for (const ins of model.instructions) {
      if (ins.keyword !== 'EXPOSE') continue;
      for (const token of ins.args) {
        const value = model.resolve(token.value, ins);
        if (value === undefined) continue;
        for (const spec of value.split(/\s+/)) {
          const r = portRange(spec);
          if (!r || r.low === 0 || r.low >= 1024 || r.high < r.low) continue;
          // A range is flagged when any port in it below 1024 is not allowed.
          let low: number | undefined;
          for (let p = r.low; p <= Math.min(r.high, 1023) && low === undefined; p++) if (!allowed.has(p)) low = p;
          if (low === undefined) continue;
          if (value === token.value) report({ range: token.range, messageId: 'privileged', data: { port: token.value, low: String(low) } });
          else report({ range: token.range, messageId: 'privilegedFromVariable', data: { port: token.value, value } });
          break;
        }
      }
    }
  },
});
