import { defineRule } from '../../rule';
import { parsePortSpec } from '../../model/ports';
import { baseName } from '../../model/shell';
import type { DockerfileModel, Stage } from '../../model/dockerfile';

/** Well-known high-risk service ports and the daemons that serve them (22 belongs to expose-ssh). */
const SERVICES: Readonly<Record<number, { service: string; daemons: readonly string[] }>> = {
  23: { service: 'Telnet', daemons: ['telnetd', 'in.telnetd'] },
  2375: { service: 'the unencrypted Docker API (root on the host)', daemons: ['dockerd', 'dockerd-entrypoint.sh'] },
  2376: { service: 'the Docker API (root on the host)', daemons: ['dockerd', 'dockerd-entrypoint.sh'] },
  2377: { service: 'Docker Swarm management', daemons: ['dockerd'] },
  2379: { service: 'the etcd client API', daemons: ['etcd'] },
  2380: { service: 'etcd peer traffic', daemons: ['etcd'] },
  3389: { service: 'RDP remote desktop', daemons: ['xrdp'] },
  5900: { service: 'VNC remote desktop', daemons: ['x11vnc', 'vncserver', 'Xvnc', 'tigervncserver'] },
  5985: { service: 'WinRM', daemons: [] },
  5986: { service: 'WinRM over TLS', daemons: [] },
  6443: { service: 'the Kubernetes API', daemons: ['kube-apiserver', 'k3s'] },
  10250: { service: 'the kubelet API', daemons: ['kubelet', 'k3s'] },
  1433: { service: 'SQL Server', daemons: ['sqlservr'] },
  1521: { service: 'Oracle Database', daemons: ['tnslsnr'] },
  3306: { service: 'MySQL/MariaDB', daemons: ['mysqld', 'mariadbd', 'mysqld_safe'] },
  5432: { service: 'PostgreSQL', daemons: ['postgres', 'postmaster', 'pg_ctl'] },
  5984: { service: 'CouchDB', daemons: ['couchdb'] },
  6379: { service: 'Redis', daemons: ['redis-server'] },
  9042: { service: 'Cassandra CQL', daemons: ['cassandra'] },
  9200: { service: 'the Elasticsearch REST API', daemons: ['elasticsearch', 'opensearch'] },
  9300: { service: 'Elasticsearch transport', daemons: ['elasticsearch', 'opensearch'] },
  11211: { service: 'memcached', daemons: ['memcached'] },
  27017: { service: 'MongoDB', daemons: ['mongod', 'mongos'] },
  2181: { service: 'ZooKeeper', daemons: ['zkServer.sh', 'zookeeper'] },
  8086: { service: 'InfluxDB', daemons: ['influxd', 'influxdb'] },
};

const RANGE_LIMIT = 100;

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
