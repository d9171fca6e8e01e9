import { defineRule } from '../../rule';
import { parsePortSpec, SENSITIVE_PORTS, SENSITIVE_RANGE_LIMIT, type SensitivePort } from '../../model/ports';
import { baseName } from '../../model/shell';
import type { DockerfileModel, Stage } from '../../model/dockerfile';

/** The shared table of high-risk service ports (model/ports.ts) without 22, which belongs to expose-ssh. */
const SERVICES: Readonly<Record<number, SensitivePort>> = Object.fromEntries(Object.entries(SENSITIVE_PORTS).filter(([p]) => p !== '22'));

const RANGE_LIMIT = SENSITIVE_RANGE_LIMIT;

/** EXPOSE of a port whose service should never face the network unguarded (Docker API, remote desktop, databases). */
export default defineRule({
  meta: {
    id: 'expose-sensitive-port',
    kind: 'dockerfile',
    title: 'Do not expose high-risk service ports',
    severity: 'medium',
    category: 'network',
    messages: {
      sensitive: 'EXPOSE {port} documents port {number} ({service}) as the image\'s interface; such services are a direct target once published. Keep them on an internal network, publish them only to 127.0.0.1 if at all, or drop the EXPOSE if the image does not serve it.',
      configured: 'EXPOSE {port} opens port {number}, which your configuration lists as sensitive; keep it on an internal network or drop the EXPOSE.',
    },
    checklist: ['limited-ports', 'minimal-attack-surface'],
    references: [{ tool: 'cis', id: '5.9', match: 'inspired' }],
  },
  defaultOptions: { ports: Object.keys(SERVICES).map(Number) as number[] },
  check({ model, options, report }) {
    const sensitive = new Set(options.ports);
    for (const ins of model.instructions) {
      if (ins.keyword !== 'EXPOSE' || !ins.stage) continue;
      const daemons = stageDaemons(model, ins.stage);
      for (const token of ins.args) {
        const value = model.resolve(token.value, ins);
        if (value === undefined) continue;
        // Wide ranges (`10000-20000/udp` for RTP media) are port pools, not a service's interface.
        const number = value
          .split(/\s+/)
          .map((w) => parsePortSpec(w).spec)
          .map((spec) => (spec && spec.high - spec.low <= RANGE_LIMIT ? [...sensitive].find((p) => spec.low <= p && p <= spec.high && !SERVICES[p]?.daemons.some((d) => daemons.has(d))) : undefined))
          .find((p) => p !== undefined);
        if (number === undefined) continue;
        const known = SERVICES[number];
        if (known) report({ range: token.range, messageId: 'sensitive', data: { port: token.value, number: String(number), service: known.service } });
        else report({ range: token.range, messageId: 'configured', data: { port: token.value, number: String(number) } });
      }
    }
  },
});

/**
 * Command names in the stage's CMD/ENTRYPOINT (and its base stages'): an image whose command
 * is the service itself (`CMD ["redis-server"]`) exposes that service's port by design.
 */
function stageDaemons(model: DockerfileModel, stage: Stage): Set<string> {
  const names = new Set<string>();
  for (let s: Stage | undefined = stage; s; s = s.baseStage) {
    for (const ins of s.instructions) {
      if ((ins.keyword !== 'CMD' && ins.keyword !== 'ENTRYPOINT') || ins.onbuild) continue;
      for (const t of ins.jsonArgs) names.add(t.value.slice(t.value.lastIndexOf('/') + 1));
      for (const c of model.shell(ins)?.commands ?? []) {
        names.add(baseName(c.name));
        for (const a of c.args) names.add(baseName(a));
      }
    }
  }
  return names;
}
