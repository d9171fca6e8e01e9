/**
 * EXPOSE port specifications: `port[/proto]`, `low-high[/proto]`, and the malformed forms
 * Docker users write (`8080:80`, `0.0.0.0:80`, `80/TCP`, `70000`). One reader for the EXPOSE
 * rules (expose-ssh, expose-privileged-port, expose-sensitive-port, expose-invalid).
 */

export type PortProblem = 'mapping' | 'outOfRange' | 'reversedRange' | 'protocolCase' | 'unknownProtocol' | 'malformed';

export interface PortSpec {
  readonly low: number;
  readonly high: number;
  /** Protocol as written (`tcp`, `UDP`); undefined when none is given. */
  readonly protocol: string | undefined;
  /** Text before the last `:` (`8080`, `127.0.0.1:8080`): a host mapping EXPOSE cannot express. */
  readonly host: string | undefined;
  /** Offset of the protocol (after the slash) in the spec text; undefined without one. */
  readonly protocolAt: number | undefined;
}

/** Protocols Docker accepts in EXPOSE (sctp included since Docker 18.03). */
const PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);

/** Parses one EXPOSE word after variable substitution; `spec` is undefined when no port can be read. */
export function parsePortSpec(text: string): { spec: PortSpec | undefined; problems: PortProblem[] } {
  const colon = text.lastIndexOf(':');
  const host = colon >= 0 ? text.slice(0, colon) : undefined;
  const rest = text.slice(colon + 1);
  const slash = rest.indexOf('/');
  const ports = slash >= 0 ? rest.slice(0, slash) : rest;
  const protocol = slash >= 0 ? rest.slice(slash + 1) : undefined;
  const m = /^(\d+)(?:-(\d+))?$/.exec(ports);
  if (!m) return { spec: undefined, problems: ['malformed'] };
  const low = Number(m[1]);
  const high = m[2] === undefined ? low : Number(m[2]);
  const problems: PortProblem[] = [];
  if (host !== undefined) problems.push('mapping');
  if (low < 1 || high > 65535 || low > 65535) problems.push('outOfRange');
  else if (high < low) problems.push('reversedRange');
  if (protocol !== undefined) {
    if (PROTOCOLS.has(protocol.toLowerCase())) {
      if (protocol !== protocol.toLowerCase()) problems.push('protocolCase');
    } else problems.push('unknownProtocol');
  }
  return { spec: { low, high, protocol, host, protocolAt: slash >= 0 ? colon + 1 + slash + 1 : undefined }, problems };
}

// ---- sensitive service ports (shared by expose-sensitive-port and compose-sensitive-port) ----

export interface SensitivePort {
  /** What listens there, for messages. */
  readonly service: string;
  /** Daemon command names that serve it (an image whose command is the daemon exposes it by design). */
  readonly daemons: readonly string[];
}

/**
 * Well-known high-risk service ports: remote shells and desktops, container and cluster
 * control planes, databases and caches that ship without authentication or TLS by default.
 */
export const SENSITIVE_PORTS: Readonly<Record<number, SensitivePort>> = {
  22: { service: 'SSH', daemons: ['sshd', 'dropbear'] },
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

/** Ranges wider than this are port pools (`10000-20000/udp` for RTP media), not a service's interface. */
export const SENSITIVE_RANGE_LIMIT = 100;

/** The first port of `ports` inside `low..high` (ranges wider than the limit are skipped). */
export function sensitivePortIn(range: PortRange, ports: Iterable<number>): number | undefined {
  if (range.high - range.low > SENSITIVE_RANGE_LIMIT) return undefined;
  for (const p of ports) if (range.low <= p && p <= range.high) return p;
  return undefined;
}

// ---- published (Compose / `docker run -p`) ports ------------------------------------------

export interface PortRange {
  readonly low: number;
  readonly high: number;
}

/** `8080`, `8000-8010`; undefined for anything else (unknown, malformed, 0). */
export function parsePortRange(text: string | undefined): PortRange | undefined {
  const m = text === undefined ? null : /^\s*(\d{1,5})(?:\s*-\s*(\d{1,5}))?\s*$/.exec(text);
  if (!m) return undefined;
  const low = Number(m[1]);
  const high = m[2] === undefined ? low : Number(m[2]);
  return low >= 1 && high <= 65535 && low <= high ? { low, high } : undefined;
}

export function rangesOverlap(a: PortRange, b: PortRange): boolean {
  return a.low <= b.high && b.low <= a.high;
}

/**
 * What a host IP binds to: `all` for no address, `0.0.0.0` or `::` (every interface of the
 * host, which is what Docker does without an address), `loopback` for 127.0.0.0/8, `::1`
 * and `localhost`, else `specific`. Brackets are ignored.
 */
export function hostIpScope(ip: string | undefined): 'all' | 'loopback' | 'specific' {
  const a = (ip ?? '')
    .trim()
    .replace(/^\[(.*)\]$/, '$1')
    .toLowerCase();
  if (a === '' || a === '0.0.0.0' || a === '::' || a === '0:0:0:0:0:0:0:0') return 'all';
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a) || a === '::1' || a === 'localhost' || a === '0:0:0:0:0:0:0:1' || a === '::ffff:127.0.0.1') return 'loopback';
  return 'specific';
}

/** The address family of a host IP: `4`, `6`, or undefined when none is given (both families). */
export function hostIpFamily(ip: string | undefined): 4 | 6 | undefined {
  const a = (ip ?? '').trim().replace(/^\[(.*)\]$/, '$1');
  if (a === '') return undefined;
  return a.includes(':') ? 6 : 4;
}
