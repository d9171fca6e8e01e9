import { defineRule } from '../../rule';
import { publishedPorts, serviceProfiles, type ComposeService, type PublishedPort } from '../../model/compose';
import { hostIpFamily, rangesOverlap } from '../../model/ports';

interface Entry {
  readonly service: ComposeService;
  readonly port: PublishedPort;
}

/**
 * The same host port, protocol and address published twice in the project: `docker compose up`
 * starts the first container and fails the second with "port is already allocated".
 */
export default defineRule({
  meta: {
    id: 'compose-duplicate-port',
    kind: 'compose',
    title: 'Publish each host port only once',
    severity: 'low',
    category: 'reliability',
    messages: {
      duplicate:
        'Host port {port} is already published by service "{other}": the second container to start fails with "port is already allocated". Give one of them another host port, or a different host address.',
      duplicateSelf:
        'Host port {port} is published twice by this service: the container fails to start with "port is already allocated". Remove one of the entries or change its host port.',
    },
    references: [{ tool: 'dclint', id: 'no-duplicate-exported-ports', match: 'same' }],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    const entries: Entry[] = [];
    for (const service of model.services) {
      for (const port of publishedPorts(service)) {
        if (port.unknown || !port.published || !port.target) continue;
        // `8000-8010:80` is a pool Docker picks one free port from: not a fixed claim.
        if (port.published.high - port.published.low !== port.target.high - port.target.low) continue;
        const clash = entries.find((e) => conflicts(e, { service, port }));
        if (clash) {
          const node = port.port.node;
          const where = node.kind === 'map' ? (node.get('published') ?? node) : node;
          const text = port.port.published ?? '';
          if (clash.service === service) report({ file: where.file, range: where.range, messageId: 'duplicateSelf', data: { port: text } });
          else report({ file: where.file, range: where.range, messageId: 'duplicate', data: { port: text, other: clash.service.name } });
        }
        entries.push({ service, port });
      }
    }
  },
});

function conflicts(a: Entry, b: Entry): boolean {
  const pa = a.port;
  const pb = b.port;
  if (pa.protocol !== pb.protocol || !pa.published || !pb.published || !rangesOverlap(pa.published, pb.published)) return false;
  if (!ipsOverlap(pa.port.hostIp, pb.port.hostIp)) return false;
  if (a.service === b.service) {
    // The same entry written in the base and the override file (long syntax is appended on merge).
    if (pa.port.node.file !== pb.port.node.file && pa.port.target === pb.port.target) return false;
    return true;
  }
  // Services in disjoint profiles are alternatives that never run together.
  const fa = serviceProfiles(a.service);
  const fb = serviceProfiles(b.service);
  return !(fa.length > 0 && fb.length > 0 && !fa.some((p) => fb.includes(p)));
}

/** No address binds every address; 0.0.0.0 every IPv4 one and `::` every IPv6 one; otherwise the same address. */
function ipsOverlap(a: string | undefined, b: string | undefined): boolean {
  const norm = (ip: string | undefined) =>
    (ip ?? '')
      .trim()
      .replace(/^\[(.*)\]$/, '$1')
      .toLowerCase();
  const x = norm(a);
  const y = norm(b);
  if (x === '' || y === '' || x === y) return true;
  const any = (ip: string, other: string) => (ip === '0.0.0.0' && hostIpFamily(other) === 4) || (ip === '::' && hostIpFamily(other) === 6);
  return any(x, y) || any(y, x);
}
