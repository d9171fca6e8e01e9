import { defineRule, type Related } from '../../rule';
import { builtDockerfile, stageChain, type BuiltDockerfile } from '../../model/compose';
import type { DockerInstruction } from '../../model/dockerfile';
// Sensitive ports come from the one table `expose-sensitive-port` and `compose-sensitive-port` use.
import { parsePortSpec, SENSITIVE_PORTS } from '../../model/ports';

const ALL_INTERFACES = new Set(['', '0.0.0.0', '::', '[::]']);

interface Exposed {
  readonly low: number;
  readonly high: number;
  readonly protocol: string;
  readonly instruction: DockerInstruction;
}

/** X05: what Compose publishes vs what the Dockerfile the service is built from EXPOSEs. */
export default defineRule({
  meta: {
    id: 'compose-port-mismatch',
    kind: 'compose',
    title: 'Publish the ports the image exposes, and keep sensitive ones off public interfaces',
    severity: 'low',
    category: 'network',
    messages: {
      notExposed:
        'Port {port} is published but the Dockerfile of "{service}" never EXPOSEs it (it EXPOSEs {exposed}): either nothing listens there, or the image documents the wrong interface. Publish the port the service listens on, or EXPOSE it in the Dockerfile.',
      sensitiveAllInterfaces:
        'Port {port} ({name}) is EXPOSEd by the Dockerfile of "{service}" and published on every host interface: anyone who can reach the host can reach it. Bind it to 127.0.0.1 (or drop the mapping and use an internal network).',
    },
    checklist: ['limited-ports'],
    references: [
      { tool: 'cis', id: '5.9', match: 'inspired' },
      { tool: 'kics', id: '451d79dc', match: 'partial' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const service of model.services) {
      const ports = service.ports();
      if (ports.length === 0) continue;
      const built = builtDockerfile(model, service);
      if (!built) continue;
      const exposed = exposedPorts(built);
      if (!exposed) continue;
      for (const port of ports) {
        const target = port.target === undefined ? undefined : /^(\d+)(?:-(\d+))?$/.exec(port.target);
        if (!target) continue;
        const low = Number(target[1]);
        const high = target[2] === undefined ? low : Number(target[2]);
        const protocol = port.protocol.toLowerCase();
        const hit = exposed.find((e) => e.protocol === protocol && e.low <= low && high <= e.high);
        const data = { port: port.target as string, service: service.name };
        // Long syntax: the `target:` pair, not the whole mapping.
        const at = (port.node.kind === 'map' ? port.node.get('target') : undefined) ?? port.node;
        const where = { file: at.file, range: at.range };
        if (!hit) {
          // Without any EXPOSE the base image's EXPOSEs (unknown to us) are the documentation.
          if (exposed.length === 0) continue;
          const related: Related[] = exposed.map((e) => built.related(e.instruction.range, 'EXPOSEd here'));
          const list = [
            ...new Set(exposed.map((e) => (e.low === e.high ? `${e.low}` : `${e.low}-${e.high}`) + (e.protocol === 'tcp' ? '' : `/${e.protocol}`))),
          ].join(', ');
          report({ ...where, messageId: 'notExposed', data: { ...data, exposed: list }, related });
          continue;
        }
        const name = low === high ? SENSITIVE_PORTS[low]?.service : undefined;
        if (name !== undefined && ALL_INTERFACES.has(port.hostIp ?? '')) {
          report({
            ...where,
            messageId: 'sensitiveAllInterfaces',
            data: { ...data, name },
            related: [built.related(hit.instruction.range, `EXPOSE ${low}: ${name}`)],
          });
        }
      }
    }
  },
});

/** The EXPOSEd ports of the runtime stage chain; undefined when one cannot be read (ARGs). */
function exposedPorts(built: BuiltDockerfile): Exposed[] | undefined {
  const out: Exposed[] = [];
  for (const stage of stageChain(built.stage)) {
    for (const ins of stage.instructions) {
      if (ins.keyword !== 'EXPOSE' || ins.onbuild) continue;
      for (const arg of ins.args) {
        const value = built.model.resolve(arg.value, ins);
        if (value === undefined) return undefined;
        const { spec } = parsePortSpec(value);
        if (!spec) return undefined;
        out.push({ low: spec.low, high: spec.high, protocol: (spec.protocol ?? 'tcp').toLowerCase(), instruction: ins });
      }
    }
  }
  return out;
}
